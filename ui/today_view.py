"""Today: the first thing a welfare worker sees in the morning."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QAbstractItemView, QGridLayout, QLabel, QTableView, QWidget

from db.enums import Channel
from desktop.casework.today import MOVED, TRANSFERRED_IN, UNPLACED, Today, TodayService
from desktop.timeutil import format_kst
from ui.errors import show_failure
from ui.i18n import tr
from ui.rows_model import TupleRowsModel
from ui.tasks import Task, run_task


class TodayView(QWidget):
    loaded = Signal()
    """Emitted when the view shows fresh figures."""
    open_case = Signal(int)
    """Emitted with a case id when a row is activated (Enter or double click)."""

    def __init__(self, service: TodayService) -> None:
        super().__init__()
        self._service = service
        self._task: Task | None = None
        self.headline = QLabel()
        self.headline.setStyleSheet("font-size: 15px; font-weight: bold;")
        self.overdue = TupleRowsModel((tr("사례"), tr("기한"), tr("이유")))
        self.due_soon = TupleRowsModel((tr("사례"), tr("기한"), tr("이유")))
        self.new_alerts = TupleRowsModel((tr("사례"), tr("채널"), tr("원본번호"), tr("일시")))
        self.territory = TupleRowsModel((tr("사례"), tr("위험도"), tr("구분"), tr("내용")))
        self.tables: list[tuple[QTableView, TupleRowsModel]] = []
        layout = QGridLayout(self)
        layout.addWidget(self.headline, 0, 0, 1, 2)
        self.overdue_label = QLabel(tr("기한 초과"))
        self.due_soon_label = QLabel(tr("이번 주 기한"))
        for column, (label, model) in enumerate(
            ((self.overdue_label, self.overdue), (self.due_soon_label, self.due_soon))
        ):
            layout.addWidget(label, 1, column)
            layout.addWidget(self._table(model), 2, column)
        # 관할 확인 필요, 이관 받음, 이사 확인: cases whose centre a person must settle.
        self.territory_label = QLabel(tr("관할 확인 · 이관"))
        self.territory_table = self._table(self.territory)
        layout.addWidget(self.territory_label, 3, 0, 1, 2)
        layout.addWidget(self.territory_table, 4, 0, 1, 2)
        self.new_label = QLabel(tr("새로 들어온 알림 (24시간)"))
        layout.addWidget(self.new_label, 5, 0, 1, 2)
        layout.addWidget(self._table(self.new_alerts), 6, 0, 1, 2)
        layout.setRowStretch(2, 2)
        layout.setRowStretch(4, 1)
        layout.setRowStretch(6, 1)

    def _table(self, model: TupleRowsModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.verticalHeader().setVisible(False)
        view.horizontalHeader().setStretchLastSection(True)
        view.activated.connect(lambda index, m=model: self._activate(m, index))
        view.doubleClicked.connect(lambda index, m=model: self._activate(m, index))
        self.tables.append((view, model))
        return view

    def _activate(self, model: TupleRowsModel, index: QModelIndex) -> None:
        if index.isValid():
            self.open_case.emit(int(model.rows[index.row()][0]))

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

    def _show(self, today: object) -> None:
        if not isinstance(today, Today):
            return
        self.headline.setText(
            tr(
                "기한 초과 {0}건 · 이번 주 기한 {1}건 · 새 알림 {2}건 · 연결 검토 대기 {3}건"
            ).format(
                f"{today.overdue_total:,}",
                f"{today.due_soon_total:,}",
                f"{today.new_count:,}",
                f"{today.review_waiting:,}",
            )
        )
        self.overdue.set_rows(
            [(i.case_id, format_kst(i.due_at), "; ".join(i.reasons)) for i in today.overdue]
        )
        self.due_soon.set_rows(
            [(i.case_id, format_kst(i.due_at), "; ".join(i.reasons)) for i in today.due_soon]
        )
        # A long list shows its most urgent rows and says so; the case list has them all.
        for label, title, shown, total in (
            (self.overdue_label, tr("기한 초과"), len(today.overdue), today.overdue_total),
            (self.due_soon_label, tr("이번 주 기한"), len(today.due_soon), today.due_soon_total),
        ):
            label.setText(
                tr("{0} — 가장 급한 {1}건 (전체 {2}건은 사례 목록의 기한 필터로)").format(
                    title, f"{shown:,}", f"{total:,}"
                )
                if total > shown
                else title
            )
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
        self.new_label.setText(
            tr("새로 들어온 알림 (24시간)") + (": " + by_channel if by_channel else "")
        )
        for view, model in self.tables:
            for column in range(len(model.headers) - 1):  # the last one stretches
                view.resizeColumnToContents(column)
        self.loaded.emit()
