"""The case list's filter bar: status, risk, channel, caseworker, deadline, 행정동, the
received period, the search, and how many cases the list shows."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar, QToolButton, QWidget

from db.enums import OPEN_STATUSES, CaseStatus, Channel, RiskLevel
from db.queries import CaseFilter
from desktop.caselist.service import CaseListService, FilterChoices
from desktop.timeutil import KST
from ui.case_edit import PeriodForm
from ui.i18n import N_, tr

TERRITORY_PENDING = N_("관할 확인 필요")  # open cases no territory rule placed, held for now
EVERY_STATUS = N_("전체 상태")  # every case the account sees, open or not
STATUS_CHOICES: tuple[tuple[str, frozenset[CaseStatus] | None], ...] = (
    (N_("진행 중 사례"), frozenset(OPEN_STATUSES)),
    (TERRITORY_PENDING, frozenset(OPEN_STATUSES)),
    (EVERY_STATUS, None),
    *((s.label, frozenset({s})) for s in CaseStatus),
)
RISK_CHOICES: tuple[tuple[str, frozenset[RiskLevel] | None], ...] = (
    (N_("전체 위험도"), None),
    *((r.label, frozenset({r})) for r in RiskLevel),
)
CHANNEL_CHOICES: tuple[tuple[str, Channel | None], ...] = (
    (N_("전체 채널"), None),
    *((c.label, c) for c in Channel),
)
ASSIGNED_ALL, ASSIGNED_ME, ASSIGNED_NONE = 0, 1, 2
ASSIGNED_CHOICES = (N_("전체 담당"), N_("내 사례"), N_("미배정"))
DUE_CHOICES: tuple[tuple[str, bool, int | None], ...] = (
    (N_("전체 기한"), False, None),
    (N_("기한 초과"), True, None),
    (N_("7일 안 기한"), False, 7),
)
# Received (접수일) within: the whole time, today, the last 7 or 30 days, this month, or
# two dates a person chooses (the last entry).
PERIOD_ALL, PERIOD_TODAY, PERIOD_7, PERIOD_30, PERIOD_MONTH, PERIOD_CUSTOM = range(6)
PERIOD_CHOICES = (
    N_("전체 기간"),
    N_("오늘 접수"),
    N_("최근 7일 접수"),
    N_("최근 30일 접수"),
    N_("이번 달 접수"),
    N_("기간 지정…"),
)


class FilterBar(QToolBar):
    """The filters above the case list. ``changed`` is emitted when what they select
    changes (the search after a short pause in typing)."""

    changed = Signal()
    picked_cleared = Signal()
    """The person took away the cases chosen on the map (the list shows all again)."""

    def __init__(self, service: CaseListService, parent: QWidget | None = None) -> None:
        super().__init__(tr("사례 목록"), parent)
        self.setObjectName("case-list-toolbar")  # the window's saved layout names it
        self.setMovable(False)
        self._service = service
        self.status_filter = self._combo("status", [tr(label) for label, _ in STATUS_CHOICES])
        self.risk_filter = self._combo("risk", [tr(label) for label, _ in RISK_CHOICES])
        self.channel_filter = self._combo("channel", [tr(label) for label, _ in CHANNEL_CHOICES])
        self.assigned_filter = self._combo("assigned", [tr(label) for label in ASSIGNED_CHOICES])
        self.due_filter = self._combo("due", [tr(label) for label, _l, _d in DUE_CHOICES])
        self.dong_filter = self._combo("dong", [tr("전체 행정동")])
        self.period_filter = self._combo("period", [tr(label) for label in PERIOD_CHOICES])
        self._period: tuple[date, date] | None = None  # the dates of "기간 지정…"
        self.period_dialog: PeriodForm | None = None
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("이름, 전화번호, 주소, 사례번호 검색 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.addWidget(self.search)
        spacer = QWidget()
        spacer.setMinimumWidth(12)
        self.addWidget(spacer)
        # The cases chosen on the map, when there is a choice: a button that takes it away.
        self._picked: frozenset[int] | None = None
        self.picked_button = QToolButton()
        self.picked_button.setObjectName("filter_picked")
        self.picked_button.setToolTip(tr("지도에서 고른 사례만 보입니다. 누르면 모두 봅니다."))
        self.picked_button.clicked.connect(self._clear_picked)
        self._picked_action = self.addWidget(self.picked_button)
        self._picked_action.setVisible(False)
        self.count_label = QLabel()
        # Room for the largest count from the start: the toolbar lays out once.
        widest = tr("{0}건").format("999,999")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest))
        self.addWidget(self.count_label)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.changed)
        self.search.textChanged.connect(self._search_timer.start)
        for combo in (
            self.status_filter,
            self.risk_filter,
            self.channel_filter,
            self.assigned_filter,
            self.due_filter,
            self.dong_filter,
        ):
            combo.currentIndexChanged.connect(self.changed)
        # A period from the list shows at once; "기간 지정…" asks for dates each time it is
        # picked (set_period selects it without asking).
        self.period_filter.currentIndexChanged.connect(
            lambda index: self.changed.emit() if index != PERIOD_CUSTOM else None
        )
        self.period_filter.activated.connect(self._period_chosen)

    def _combo(self, name: str, labels: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(f"filter_{name}")
        combo.addItems(labels)
        self.addWidget(combo)
        return combo

    def current_filter(self) -> CaseFilter:
        assigned = self.assigned_filter.currentIndex()
        if assigned == ASSIGNED_ME:
            assigned_to = self._service.me()
        elif assigned > ASSIGNED_NONE:
            assigned_to = self.assigned_filter.itemData(assigned)  # a member of staff
        else:
            assigned_to = None
        _label, overdue, within = DUE_CHOICES[self.due_filter.currentIndex()]
        opened_from, opened_to = self._opened_between()
        status_label, statuses = STATUS_CHOICES[self.status_filter.currentIndex()]
        return CaseFilter(
            statuses=statuses,
            territory_pending=status_label == TERRITORY_PENDING,
            risks=RISK_CHOICES[self.risk_filter.currentIndex()][1],
            channel=CHANNEL_CHOICES[self.channel_filter.currentIndex()][1],
            assigned_to_id=assigned_to,
            unassigned=assigned == ASSIGNED_NONE,
            dong=self.dong_filter.currentData() if self.dong_filter.currentIndex() > 0 else None,
            overdue=overdue,
            due_within_days=within,
            opened_from=opened_from,
            opened_to=opened_to,
            text=self.search.text().strip() or None,
            case_ids=self._picked,
        )

    def _opened_between(self) -> tuple[datetime | None, datetime | None]:
        """The 접수일 period chosen, as instants (Korean days: midnight to midnight)."""
        choice = self.period_filter.currentIndex()
        today = self._service.now().astimezone(KST).date()

        def midnight(day: date) -> datetime:
            return datetime.combine(day, time(), tzinfo=KST)

        if choice == PERIOD_TODAY:
            return midnight(today), None
        if choice in (PERIOD_7, PERIOD_30):
            days = 7 if choice == PERIOD_7 else 30
            return midnight(today - timedelta(days=days - 1)), None
        if choice == PERIOD_MONTH:
            return midnight(today.replace(day=1)), None
        if choice == PERIOD_CUSTOM and self._period is not None:
            first, last = self._period
            return midnight(first), midnight(last + timedelta(days=1))
        return None, None

    def _period_chosen(self, index: int) -> None:
        if index == PERIOD_CUSTOM:
            today = self._service.now().astimezone(KST).date()
            dialog = PeriodForm(self._period or (today - timedelta(days=30), today), self)
            self.period_dialog = dialog

            def chosen() -> None:
                self.set_period(*dialog.dates())

            def cancelled() -> None:
                if self._period is None:  # nothing chosen before: back to the whole time
                    self.period_filter.setCurrentIndex(PERIOD_ALL)

            dialog.accepted.connect(chosen)
            dialog.rejected.connect(cancelled)
            dialog.open()

    def set_period(self, first: date, last: date) -> None:
        """Select the cases received from ``first`` to ``last`` (both days included)."""
        self._period = (first, last)
        self.period_filter.setItemText(
            PERIOD_CUSTOM, tr("{0} ~ {1} 접수").format(first.isoformat(), last.isoformat())
        )
        self.period_filter.blockSignals(True)
        self.period_filter.setCurrentIndex(PERIOD_CUSTOM)
        self.period_filter.blockSignals(False)
        self.changed.emit()

    def show_choices(self, choices: FilterChoices) -> None:
        """The staff and 행정동 the lists may be narrowed to; a choice made stays chosen."""
        me = self._service.me()
        for combo, entries, fixed in (
            (
                self.assigned_filter,
                [(name, staff_id) for staff_id, name in choices.staff if staff_id != me],
                len(ASSIGNED_CHOICES),
            ),
            (self.dong_filter, [(dong, dong) for dong in choices.dongs], 1),
        ):
            kept = combo.currentData() if combo.currentIndex() >= fixed else None
            combo.blockSignals(True)
            while combo.count() > fixed:
                combo.removeItem(fixed)
            for label, value in entries:
                combo.addItem(label, value)
            if kept is not None:
                found = combo.findData(kept)
                combo.setCurrentIndex(found if found >= 0 else 0)
            combo.blockSignals(False)

    def set_picked(self, ids: frozenset[int] | None) -> None:
        """Show only these cases (chosen on the map), or all again (None)."""
        self._picked = ids
        if ids is not None:
            self.picked_button.setText(tr("지도에서 고른 사례 {0}건 ✕").format(f"{len(ids):,}"))
        self._picked_action.setVisible(ids is not None)
        self.changed.emit()

    @property
    def picked(self) -> frozenset[int] | None:
        return self._picked

    def _clear_picked(self) -> None:
        self.set_picked(None)
        self.picked_cleared.emit()

    def show_count(self, count: int) -> None:
        self.count_label.setText(tr("{0}건").format(f"{count:,}"))
