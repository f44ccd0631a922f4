"""Today: the first thing a welfare worker sees in the morning."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from db.enums import Channel
from desktop.casework.today import (
    LATE_CAP,
    MOVED,
    TRANSFERRED_IN,
    UNPLACED,
    Today,
    TodayService,
    TodoItem,
)
from desktop.outreach.rounds import Round
from desktop.timeutil import format_kst
from ui.case_table import OVERDUE_COLOUR, RISK_COLOURS, overdue_icon, risk_icon
from ui.errors import show_failure
from ui.i18n import N_, tr
from ui.rows_model import SIZED_ROWS, Index, RowsModel, TupleRowsModel
from ui.tasks import Task, run_task

# The to-do list's columns.
TODO_RISK, TODO_CASE, TODO_NAME, TODO_STATUS, TODO_STAFF, TODO_STREET, TODO_DUE, TODO_NEXT = range(
    8
)


class TodoModel(RowsModel):
    """The to-do list: one case a row, its risk marked, a late deadline in red."""

    headers = (
        N_("위험도"),
        N_("사례"),
        N_("이름"),
        N_("상태"),
        N_("담당자"),
        N_("주소"),
        N_("기한"),
        N_("다음 할 일"),
    )

    def cell(self, row: Any, column: int) -> str:
        item: TodoItem = row
        match column:
            case 0:
                return tr(item.risk.label)
            case 1:
                return str(item.case_id)
            case 2:
                return item.name or tr("(이름 없음)")
            case 3:
                return tr(item.status.label)
            case 4:
                return item.assignee or tr("(담당자 없음)")
            case 5:
                return item.street
            case 6:
                due = format_kst(item.due_at, with_time=False)
                if item.days_late:
                    return tr("{0} ({1}일 지남)").format(due, item.days_late)
                return due
            case _:
                return item.next_step

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item: TodoItem = self.rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.BackgroundRole and column == TODO_RISK:
            return QBrush(RISK_COLOURS[item.risk])
        if role == Qt.ItemDataRole.DecorationRole:
            if column == TODO_RISK:
                return risk_icon(item.risk)
            if column == TODO_DUE and item.overdue:
                return overdue_icon()
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == TODO_DUE and item.overdue:
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == TODO_NEXT:
            return "\n".join(item.reasons)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == TODO_CASE:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


class TodayView(QWidget):
    loaded = Signal()
    """Emitted when the view shows fresh figures."""
    open_case = Signal(int)
    """Emitted with a case id when a row is activated (Enter or double click)."""

    def __init__(self, service: TodayService) -> None:
        super().__init__()
        self._service = service
        self._task: Task | None = None
        self._rounds_task: Task | None = None
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.todo = TodoModel()
        self.new_alerts = TupleRowsModel((tr("사례"), tr("채널"), tr("원본번호"), tr("일시")))
        self.territory = TupleRowsModel((tr("사례"), tr("위험도"), tr("구분"), tr("내용")))
        self.tables: list[tuple[QTableView, RowsModel]] = []
        layout = QGridLayout(self)
        headline = QVBoxLayout()
        headline.addWidget(self.headline)
        # The big-data rounds still open: how many are left and the days to each deadline.
        self.rounds = QLabel()
        self.rounds.setStyleSheet("color: #1d4e89;")
        self.rounds.setVisible(False)
        headline.addWidget(self.rounds)
        layout.addLayout(headline, 0, 0)
        self.todo_label = QLabel(tr("할 일"))
        layout.addWidget(self.todo_label, 1, 0)
        self.todo_table = self._table(self.todo)
        layout.addWidget(self.todo_table, 2, 0)
        # 관할 확인 필요, 이관 받음, 이사 확인: cases whose centre a person must settle.
        self.territory_label = QLabel(tr("관할 확인 · 이관"))
        self.territory_table = self._table(self.territory)
        layout.addWidget(self.territory_label, 3, 0)
        layout.addWidget(self.territory_table, 4, 0)
        self.new_label = QLabel(tr("새로 들어온 알림"))
        layout.addWidget(self.new_label, 5, 0)
        layout.addWidget(self._table(self.new_alerts), 6, 0)
        # 행복e음 입력 대기: results not yet entered in 행복e음 (or their number not yet back).
        self.handoff = TupleRowsModel((tr("사례"), tr("이름"), tr("조사결과"), tr("담당자")))
        self.handoff_label = QLabel(tr("행복e음 입력 대기"))
        self.handoff_table = self._table(self.handoff)
        layout.addWidget(self.handoff_label, 7, 0)
        layout.addWidget(self.handoff_table, 8, 0)
        layout.setRowStretch(2, 3)
        layout.setRowStretch(4, 1)
        layout.setRowStretch(6, 1)
        layout.setRowStretch(8, 1)

    def _show_handoff(self, today: Today) -> None:
        self.handoff.set_rows(
            [
                (
                    i.case_id,
                    i.name or tr("(이름 없음)"),
                    tr(i.status.label) + (f" — {tr(i.closure.label)}" if i.closure else ""),
                    i.assignee or tr("(담당자 없음)"),
                )
                for i in today.handoff
            ]
        )
        label = tr(
            "행복e음 입력 대기 {0}건 — 행복e음에 입력하고 받은 처리번호를 사례에 적습니다"
        ).format(f"{today.handoff_total:,}")
        if today.handoff_total > len(today.handoff):
            label += tr(" (오래된 {0}건)").format(f"{len(today.handoff):,}")
        self.handoff_label.setText(label)
        self.handoff_label.setVisible(bool(today.handoff))
        self.handoff_table.setVisible(bool(today.handoff))

    def _table(self, model: RowsModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.horizontalHeader().setResizeContentsPrecision(SIZED_ROWS)
        view.activated.connect(lambda index, m=model: self._activate(m, index))
        view.doubleClicked.connect(lambda index, m=model: self._activate(m, index))
        self.tables.append((view, model))
        return view

    def _activate(self, model: RowsModel, index: QModelIndex) -> None:
        if not index.isValid():
            return
        row = model.rows[index.row()]
        self.open_case.emit(row.case_id if isinstance(row, TodoItem) else int(row[0]))

    def reload(self) -> None:
        service = self._service
        if not self.headline.text():  # the first load of a large database takes seconds
            self.headline.setText(tr("오늘 할 일을 불러오는 중…"))
        task = run_task(
            lambda _c: service.today(),
            lambda today: self._show(today) if task is self._task else None,
            lambda exc, details: show_failure(
                self, tr("오늘 할 일을 불러오지 못했습니다"), exc, details
            ),
            owner=self,
        )
        self._task = task  # an earlier load still running is shown no more
        # The rounds are asked once the figures are in: as the window opens, the pool's
        # two threads are the figures' and the case list's, not the rounds'.
        task.finished.connect(lambda: self._reload_rounds() if task is self._task else None)

    def _reload_rounds(self) -> None:
        service = self._service
        rounds = run_task(
            lambda _c: service.rounds(),
            lambda found: self._show_rounds(found) if rounds is self._rounds_task else None,
            lambda exc, details: show_failure(
                self, tr("빅데이터 차수를 불러오지 못했습니다"), exc, details
            ),
            owner=self,
        )
        self._rounds_task = rounds

    def _show_rounds(self, rounds: list[Round]) -> None:
        lines = []
        for r in rounds:
            if r.days_left is None:
                when = ""
            elif r.days_left > 0:
                when = tr(", 조사기한 {0} ({1}일 남음)").format(r.due_on, r.days_left)
            elif r.days_left == 0:
                when = tr(", 조사기한 {0} (오늘까지)").format(r.due_on)
            else:
                when = tr(", 조사기한 {0} ({1}일 지남)").format(r.due_on, -r.days_left)
            lines.append(
                tr("빅데이터 {0}: {1}명 중 {2}명 남음").format(
                    r.name, f"{r.total:,}", f"{r.left:,}"
                )
                + when
            )
        self.rounds.setText("\n".join(lines))
        self.rounds.setVisible(bool(lines))

    def _show(self, today: object) -> None:
        if not isinstance(today, Today):
            return
        waiting = f"{today.review_waiting:,}"
        if today.team:
            self.headline.setText(
                tr(
                    "팀 사례 {0}건 (기한 초과 {1}건) · 담당자 없음 {2}건 · 새 알림 {3}건 · 연결 검토 대기 {4}건"
                ).format(
                    f"{today.todo_total:,}",
                    f"{today.overdue_total:,}",
                    f"{today.unassigned_total:,}",
                    f"{today.new_count:,}",
                    waiting,
                )
            )
        else:
            self.headline.setText(
                tr(
                    "내 사례 {0}건 (기한 초과 {1}건) · 담당자 없는 사례 {2}건 · 새 알림 {3}건 · 연결 검토 대기 {4}건"
                ).format(
                    f"{today.mine_total:,}",
                    f"{today.mine_overdue:,}",
                    f"{today.unassigned_total:,}",
                    f"{today.new_count:,}",
                    waiting,
                )
            )
        if today.warned_total:
            self.headline.setText(
                self.headline.text()
                + tr(" · 경고 {0}건 (방문 끊김·전화 미응답)").format(f"{today.warned_total:,}")
            )
        self.todo.set_rows(today.todo)
        order = (
            tr("할 일 — 팀의 사례, 위험도 높은 순, 늦은 순")
            if today.team
            else tr("할 일 — 내 사례 먼저, 그다음 담당자 없는 사례; 위험도 높은 순, 늦은 순")
        )
        if today.todo_total > len(today.todo):
            order += tr(" (가장 급한 {0}건; 전체 {1}건은 사례 목록의 기한 필터로)").format(
                f"{len(today.todo):,}", f"{today.todo_total:,}"
            )
        self.todo_label.setText(order)
        self.new_alerts.set_rows(
            [(c, tr(ch.label), s, format_kst(at)) for c, ch, s, at in today.new_alerts]
        )
        kinds = {
            UNPLACED: tr("관할 확인 필요"),
            TRANSFERRED_IN: tr("이관 받음"),
            MOVED: tr("이사 확인"),
        }
        self.territory.set_rows(
            [(i.case_id, tr(i.risk.label), kinds[i.kind], i.note) for i in today.territory]
        )
        counts = [
            tr("{0} {1}건").format(kinds[kind], f"{today.territory_count(kind):,}")
            for kind in (UNPLACED, TRANSFERRED_IN, MOVED)
            if today.territory_count(kind)
        ]
        self.territory_label.setText(
            tr("관할 확인 · 이관") + (": " + " · ".join(counts) if counts else "")
        )
        self.territory_label.setVisible(bool(today.territory))
        self.territory_table.setVisible(bool(today.territory))
        by_channel = " · ".join(
            f"{tr(c.label)} {today.new_by_channel[c]:,}" for c in Channel if today.new_by_channel[c]
        )
        since = format_kst(today.new_since, with_time=False)
        label = tr("새로 들어온 알림 ({0} 이후)").format(since)
        if by_channel:
            label += ": " + by_channel
        if today.late_arrivals >= LATE_CAP:
            label += tr(" · 그 전 일의 알림 {0}건 넘게 이때 들어옴 (사례 목록에)").format(
                f"{LATE_CAP:,}"
            )
        elif today.late_arrivals:
            label += tr(" · 그 전 일의 알림 {0}건도 이때 들어옴 (사례 목록에)").format(
                f"{today.late_arrivals:,}"
            )
        self.new_label.setText(label)
        self._show_handoff(today)
        for view, model in self.tables:
            for column in range(len(model.headers) - 1):  # the last one stretches
                view.resizeColumnToContents(column)
        self.loaded.emit()
