"""The review queue: alerts that may be about a known household, side by side with their
candidates and the reasons; staff link, reject, or undo their last decision."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.linking.compare import FieldComparison, Verdict
from desktop.linking.decisions import ReviewCandidate, ReviewItem, ReviewService
from desktop.timeutil import format_kst
from ui.errors import show_failure
from ui.i18n import N_, tr
from ui.rows_model import SIZED_ROWS, Index, RowsModel
from ui.tasks import Task, run_task

PAGE = 500  # waiting alerts shown at once, the oldest (decided ones make room for more)


class ItemsModel(RowsModel):
    headers = (N_("채널"), N_("원본번호"), N_("대상자"), N_("일시"), N_("후보"))

    def cell(self, row: ReviewItem, column: int) -> str:
        # Only the column asked: sizing 500 rows to their contents asks every cell.
        match column:
            case 0:
                return tr(row.channel.label)
            case 1:
                return row.source_id
            case 2:
                return row.name or tr("(이름 없음)")
            case 3:
                return format_kst(row.occurred_at)
            case _:
                return tr("{0}곳").format(len(row.candidates))


class CandidatesModel(RowsModel):
    headers = (N_("순위"), N_("사례"), N_("대상자"), N_("점수"), N_("근거"))

    def cell(self, row: ReviewCandidate, column: int) -> str:
        return (
            str(row.rank),
            str(row.case_id or "-"),
            row.name or tr("(이름 없음)"),
            f"{row.score:g}",
            ", ".join(row.reasons),
        )[column]


VERDICT_COLOURS = {
    Verdict.AGREE: QColor("#dcefdc"),
    Verdict.CONFLICT: QColor("#f8d0d0"),
    Verdict.UNKNOWN: QColor("#eeeeee"),
}
VERDICT_MARKS = {
    Verdict.AGREE: N_("✔ 일치"),
    Verdict.CONFLICT: N_("✖ 다름"),
    Verdict.UNKNOWN: N_("? 알 수 없음"),
    Verdict.NOTE: "",
}


# desktop.linking.compare's words, for translation.
_COMPARE_WORDS = (
    N_("이름"),
    N_("출생"),
    N_("성별"),
    N_("전화 (끝 4자리)"),
    N_("주소"),
    N_("채널·일시"),
    N_("내용"),
    N_("비슷함 (오타일 수 있음)"),
    N_("생년월일 같음"),
    N_("같은 해, 다른 날"),
    N_("집전화와 휴대전화"),
    N_("다른 건물"),
    N_("같은 건물 다른 호수"),
    N_("같은 집"),
    N_("같은 층, 어느 집인지 모름"),
    N_("같은 주소 (호수 없음)"),
    N_("같은 건물, 호수는 한쪽만"),
)


class CompareModel(RowsModel):
    """동일 가구 확인: the alert and the candidate, field by field, agreement marked."""

    headers = (N_("항목"), N_("이 알림"), N_("후보 가구"), N_("판단"))

    def cell(self, row: FieldComparison, column: int) -> str:
        mark = tr(VERDICT_MARKS[row.verdict]) if VERDICT_MARKS[row.verdict] else ""
        verdict = f"{mark} — {tr(row.note)}" if row.note and mark else mark or tr(row.note)
        return (tr(row.label), row.alert or "-", row.candidate or "-", verdict)[column]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and role == Qt.ItemDataRole.BackgroundRole and index.column() >= 1:
            row: FieldComparison = self.rows[index.row()]
            colour = VERDICT_COLOURS.get(row.verdict)
            return QBrush(colour) if colour is not None else None
        return super().data(index, role)


def _titled(title: str, body: QWidget, below: QHBoxLayout | None = None) -> QWidget:
    """A pane: a title above its table, and a row of buttons under it when given."""
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(QLabel(title))
    layout.addWidget(body)
    if below is not None:
        layout.addLayout(below)
    return pane


class ReviewQueueWidget(QWidget):
    queue_loaded = Signal(int)
    """Emitted when the queue has been (re)read; carries how many alerts wait."""
    decided = Signal(int)
    """Emitted after a decision or an undo is saved; carries its record's id."""
    compared = Signal(int)
    """Emitted when the chosen candidate's 동일 가구 확인 is shown; carries its rows."""

    def __init__(self, service: ReviewService) -> None:
        super().__init__()
        self._service = service
        self._task: Task | None = None
        self.last_decision: int | None = None
        self.total = 0  # alerts waiting in all (the list shows the oldest PAGE)

        self.items = ItemsModel()
        self.candidates = CandidatesModel()
        self.comparison = CompareModel()
        self._compare_task: Task | None = None
        self.items_view = self._table(self.items)
        self.candidates_view = self._table(self.candidates)
        self.candidates_view.horizontalHeader().setSectionResizeMode(
            4, QHeaderView.ResizeMode.Stretch
        )
        self.comparison_view = self._table(self.comparison)
        self.comparison_view.setAlternatingRowColors(False)
        self.comparison_view.horizontalHeader().setSectionResizeMode(
            3, QHeaderView.ResizeMode.Stretch
        )
        self.comparison_view.setWordWrap(True)
        self.items_view.selectionModel().currentRowChanged.connect(self._show_candidates)
        self.candidates_view.selectionModel().currentRowChanged.connect(self._compare)

        self.accept_button = QPushButton(tr("같은 가구로 연결 (Ctrl+Enter)"))
        self.reject_button = QPushButton(tr("다른 가구 (Ctrl+Backspace)"))
        self.undo_button = QPushButton(tr("되돌리기 (Ctrl+Z)"))
        self.accept_button.clicked.connect(self.accept_current)
        self.reject_button.clicked.connect(self.reject_current)
        self.undo_button.clicked.connect(self.undo_last)
        self.status = QLabel()
        for text, keys, slot in (
            (tr("연결"), "Ctrl+Return", self.accept_current),
            (tr("거절"), "Ctrl+Backspace", self.reject_current),
            (tr("되돌리기"), "Ctrl+Z", self.undo_last),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(keys))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

        buttons = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.undo_button):
            buttons.addWidget(button)
        buttons.addStretch()
        right = QSplitter(Qt.Orientation.Vertical)
        right.addWidget(_titled(tr("후보 가구와 근거"), self.candidates_view))
        right.addWidget(
            _titled(tr("동일 가구 확인 — 이 알림과 고른 후보"), self.comparison_view, buttons)
        )
        right.setSizes([260, 420])
        splitter = QSplitter()
        items_pane = _titled(tr("검토를 기다리는 알림"), self.items_view)
        title = items_pane.findChild(QLabel)
        assert title is not None
        self.items_title = title
        splitter.addWidget(items_pane)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([520, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, stretch=1)
        layout.addWidget(self.status)
        self._update_buttons()

    @staticmethod
    def _table(model: QAbstractTableModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        view.setAlternatingRowColors(True)
        return view

    # -- reading -----------------------------------------------------------------------

    def reload(self) -> None:
        service = self._service
        self._task = run_task(
            lambda _c: service.queue_page(PAGE), self._loaded, self._failed, owner=self
        )

    def _loaded(self, page: object) -> None:
        self._task = None
        rows, total = page if isinstance(page, tuple) else ([], 0)
        self.items.set_rows(rows)
        self.items_view.resizeColumnsToContents()
        self.total = total
        self.items_title.setText(
            tr("검토를 기다리는 알림 — 오래된 {0}건 (전체 {1}건)").format(
                f"{len(rows):,}", f"{total:,}"
            )
            if total > len(rows)
            else tr("검토를 기다리는 알림")
        )
        self.candidates.set_rows([])
        if rows:
            self.items_view.selectRow(0)
        self._update_buttons()
        self.queue_loaded.emit(total)

    def _show_candidates(self, current: QModelIndex, _previous: QModelIndex) -> None:
        rows = self.items.rows
        item = rows[current.row()] if current.isValid() and current.row() < len(rows) else None
        self.candidates.set_rows(list(item.candidates) if item else [])
        self.comparison.set_rows([])
        for column in range(4):
            self.candidates_view.resizeColumnToContents(column)
        if item and item.candidates:
            self.candidates_view.selectRow(0)
        self._update_buttons()

    def _compare(self, current: QModelIndex, _previous: QModelIndex) -> None:
        """Load the chosen candidate's comparison off the UI thread."""
        rows = self.candidates.rows
        if not current.isValid() or current.row() >= len(rows):
            self.comparison.set_rows([])
            return
        candidate: ReviewCandidate = rows[current.row()]
        service = self._service
        task = run_task(
            lambda _c: service.compare(candidate.suggestion_id),
            lambda found: self._compared(task, found),
            self._failed,
            owner=self,
        )
        self._compare_task = task

    def _compared(self, task: Task, found: object) -> None:
        if task is not self._compare_task or not isinstance(found, list):
            return  # another candidate was chosen meanwhile
        self._compare_task = None
        self.comparison.set_rows(found)
        for column in range(3):
            self.comparison_view.resizeColumnToContents(column)
        self.comparison_view.resizeRowsToContents()
        self.compared.emit(len(found))

    def _selected_candidate(self) -> ReviewCandidate | None:
        index = self.candidates_view.currentIndex()
        if not index.isValid() or index.row() >= len(self.candidates.rows):
            return None
        candidate: ReviewCandidate = self.candidates.rows[index.row()]
        return candidate

    def _update_buttons(self) -> None:
        has = bool(self.candidates.rows)
        self.accept_button.setEnabled(has)
        self.reject_button.setEnabled(has)
        self.undo_button.setEnabled(self.last_decision is not None)

    # -- deciding ----------------------------------------------------------------------

    def accept_current(self) -> None:
        candidate = self._selected_candidate()
        if candidate is not None:
            service = self._service
            self._run(lambda: service.accept(candidate.suggestion_id), tr("연결했습니다"))

    def reject_current(self) -> None:
        candidate = self._selected_candidate()
        if candidate is not None:
            service = self._service
            self._run(
                lambda: service.reject(candidate.suggestion_id), tr("다른 가구로 기록했습니다")
            )

    def undo_last(self) -> None:
        if self.last_decision is not None:
            service, decision = self._service, self.last_decision
            self._run(lambda: service.undo(decision), tr("되돌렸습니다"), undo=True)

    def _run(self, action: Any, done: str, *, undo: bool = False) -> None:
        self.accept_button.setEnabled(False)
        self.reject_button.setEnabled(False)

        def finished(record: object) -> None:
            self.last_decision = None if undo else int(record)  # type: ignore[call-overload]
            self.status.setText(tr("{0} (기록 {1}번)").format(done, record))
            self.decided.emit(int(record))  # type: ignore[call-overload]
            self.reload()

        self._task = run_task(lambda _c: action(), finished, self._failed, owner=self)

    def _failed(self, exc: BaseException, details: str) -> None:
        self._task = None
        self._update_buttons()
        show_failure(self, None, exc, details)
