"""The main window: the case list staff work from."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QSplitter,
    QTableView,
    QTabWidget,
    QToolBar,
    QWidget,
)

from db.enums import OPEN_STATUSES, CaseStatus, Channel, RiskLevel
from db.queries import CaseFilter, SortKey
from desktop.caselist import CaseListService, FilterChoices
from desktop.casework.detail import CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.casework.today import TodayService
from desktop.intake.inbox import InboxOutcome
from desktop.intake.quarantine import QuarantineService
from desktop.intake.service import ImportService
from desktop.linking.decisions import ReviewService
from desktop.reporting import ReportService
from desktop.security.access import Permission
from desktop.timeutil import KST
from ui.case_detail import CaseDetailPane
from ui.case_edit import PeriodForm
from ui.case_table import CASE_ID_ROLE, COL_ID, HEADERS, SORT_KEYS, CaseTableModel
from ui.errors import show_failure
from ui.i18n import N_, tr
from ui.import_dialog import FILE_FILTER, ImportDialog
from ui.inbox_watcher import InboxWatcher
from ui.quarantine_dialog import QuarantineDialog
from ui.reports_dialog import CARD, CASES, CITY, COUNCIL_PDF, ReportsDialog
from ui.review_queue import ReviewQueueWidget
from ui.tasks import Task, run_task
from ui.today_view import TodayView

TERRITORY_PENDING = N_("관할 확인 필요")  # open cases no territory rule placed, held for now
STATUS_CHOICES: tuple[tuple[str, frozenset[CaseStatus] | None], ...] = (
    (N_("진행 중 사례"), frozenset(OPEN_STATUSES)),
    (TERRITORY_PENDING, frozenset(OPEN_STATUSES)),
    (N_("전체 상태"), None),
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


class MainWindow(QMainWindow):
    cases_loaded = Signal(int)
    # Every change to cases is announced here: the ids of the cases changed, or None when
    # any may have (an import). The list, Today and the review queue follow it.
    cases_changed = Signal(object)
    """Emitted when the list shows a new set of cases; carries how many."""
    filter_choices_loaded = Signal()
    settings_requested = Signal()
    lock_requested = Signal()

    def __init__(
        self,
        service: CaseListService,
        *,
        title: str = "안부데스크",
        review: ReviewService | None = None,
        detail: CaseDetailService | None = None,
        today: TodayService | None = None,
        casework: CaseworkService | None = None,
        importer: ImportService | None = None,
        quarantine: QuarantineService | None = None,
        reports: ReportService | None = None,
    ) -> None:
        super().__init__()
        self._service = service
        self._task: Task | None = None
        self._sort = SortKey.ID
        self._descending = False
        self.setWindowTitle(title)

        self.model = CaseTableModel(service)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        header = self.table.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(COL_ID, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.cases_changed.connect(self._cases_changed)
        self.review: ReviewQueueWidget | None = None
        self.idle_lock: QObject | None = None  # ui.login.IdleLock, set by ui.app
        self.detail_pane: CaseDetailPane | None = None
        cases: QWidget = self.table
        if detail is not None:
            self.detail_pane = CaseDetailPane(detail, casework, review)
            self.detail_pane.changed.connect(lambda case_id: self.cases_changed.emit([case_id]))
            splitter = QSplitter()
            splitter.addWidget(self.table)
            splitter.addWidget(self.detail_pane)
            splitter.setStretchFactor(0, 3)
            splitter.setStretchFactor(1, 2)
            splitter.setSizes([820, 600])  # the list keeps room for its columns
            cases = splitter
            self._open_timer = QTimer(self)
            self._open_timer.setSingleShot(True)
            self._open_timer.setInterval(150)
            self._open_timer.timeout.connect(self.open_current)
            self.table.selectionModel().currentRowChanged.connect(
                lambda *_: self._open_timer.start()
            )
            # Enter (the view's "activated") or a double click opens the case.
            self.table.activated.connect(lambda _index: self._enter())
            self.table.doubleClicked.connect(lambda _index: self._enter())
        self._pending_open: int | None = None
        self.column_actions: list[QAction] = []
        self.settings_dialog: QDialog | None = None  # set by ui.app.open_settings
        self.today: TodayView | None = None
        if review is None and today is None:
            self.setCentralWidget(cases)
        else:
            self.tabs = QTabWidget()
            if today is not None:
                self.today = TodayView(today)
                self.today.open_case.connect(self.show_case)
                self.tabs.addTab(self.today, tr("오늘"))
            self.cases_tab = cases
            self.tabs.addTab(cases, tr("사례 목록"))
            if review is not None:  # only for those who may decide links
                self.review = ReviewQueueWidget(review)
                self.tabs.addTab(self.review, tr("연결 검토"))
                self.review.queue_loaded.connect(self._review_count)
                # A decision merges or splits cases the queue knows by alert, not by id.
                self.review.decided.connect(lambda _record: self.cases_changed.emit([]))
            self.setCentralWidget(self.tabs)

        self.status_filter = QComboBox()
        for label, _ in STATUS_CHOICES:
            self.status_filter.addItem(tr(label))
        self.risk_filter = QComboBox()
        for label, _ in RISK_CHOICES:
            self.risk_filter.addItem(tr(label))
        self.channel_filter = QComboBox()
        for label, _channel in CHANNEL_CHOICES:
            self.channel_filter.addItem(tr(label))
        self.assigned_filter = QComboBox()
        for label in ASSIGNED_CHOICES:
            self.assigned_filter.addItem(tr(label))
        self.due_filter = QComboBox()
        for label, _late, _days in DUE_CHOICES:
            self.due_filter.addItem(tr(label))
        self.dong_filter = QComboBox()
        self.dong_filter.addItem(tr("전체 행정동"))
        self.period_filter = QComboBox()
        for label in PERIOD_CHOICES:
            self.period_filter.addItem(tr(label))
        self._period: tuple[date, date] | None = None  # the dates of "기간 지정…"
        for combo, name in (
            (self.status_filter, "status"),
            (self.risk_filter, "risk"),
            (self.channel_filter, "channel"),
            (self.assigned_filter, "assigned"),
            (self.due_filter, "due"),
            (self.dong_filter, "dong"),
            (self.period_filter, "period"),
        ):
            combo.setObjectName(f"filter_{name}")
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("이름, 전화번호, 주소, 사례번호 검색 (Ctrl+F)"))
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        self.count_label = QLabel()
        # Room for the largest count from the start: the toolbar lays out once.
        widest = tr("{0}건").format("999,999")
        self.count_label.setMinimumWidth(self.count_label.fontMetrics().horizontalAdvance(widest))

        toolbar = QToolBar(tr("사례 목록"))
        toolbar.setObjectName("case-list-toolbar")
        toolbar.setMovable(False)
        toolbar.addWidget(self.status_filter)
        toolbar.addWidget(self.risk_filter)
        toolbar.addWidget(self.channel_filter)
        toolbar.addWidget(self.assigned_filter)
        toolbar.addWidget(self.due_filter)
        toolbar.addWidget(self.dong_filter)
        toolbar.addWidget(self.period_filter)
        toolbar.addWidget(self.search)
        spacer = QWidget()
        spacer.setMinimumWidth(12)
        toolbar.addWidget(spacer)
        toolbar.addWidget(self.count_label)
        self.addToolBar(toolbar)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(250)
        self._search_timer.timeout.connect(self.reload)
        self.search.textChanged.connect(self._search_timer.start)
        self.status_filter.currentIndexChanged.connect(self.reload)
        self.risk_filter.currentIndexChanged.connect(self.reload)
        for combo in (self.channel_filter, self.assigned_filter, self.due_filter, self.dong_filter):
            combo.currentIndexChanged.connect(self.reload)
        # A period from the list shows at once; "기간 지정…" asks for dates each time it is
        # picked (set_period selects it without asking).
        self.period_filter.currentIndexChanged.connect(
            lambda index: self.reload() if index != PERIOD_CUSTOM else None
        )
        self.period_filter.activated.connect(self._period_chosen)
        self._importer, self._quarantine, self._reports = importer, quarantine, reports
        self._build_menus()
        if importer is not None and importer.can_import():
            self.setAcceptDrops(True)

        # Loading state has its own place, so it never hides a message about what happened.
        self.loading_label = QLabel()
        self.statusBar().addPermanentWidget(self.loading_label)
        self._restore_state()
        self.load_filter_choices()

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
        """Show the cases received from ``first`` to ``last`` (both days included)."""
        self._period = (first, last)
        self.period_filter.setItemText(
            PERIOD_CUSTOM, tr("{0} ~ {1} 접수").format(first.isoformat(), last.isoformat())
        )
        self.period_filter.setCurrentIndex(PERIOD_CUSTOM)
        self.reload()

    def load_filter_choices(self) -> None:
        """Fill the staff and 행정동 filters (off the UI thread; again after imports)."""
        service = self._service
        run_task(
            lambda _control: service.filter_choices(),
            self._show_filter_choices,
            lambda exc, details: show_failure(
                self, tr("필터 목록을 불러오지 못했습니다"), exc, details
            ),
            owner=self,
        )

    def _show_filter_choices(self, choices: object) -> None:
        if not isinstance(choices, FilterChoices):
            return
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
        self.filter_choices_loaded.emit()

    # -- menus ------------------------------------------------------------------------------

    def _action(
        self,
        menu: QMenu,
        text: str,
        keys: str | None,
        slot: Callable[[], object],
        *,
        enabled: bool = True,
        name: str | None = None,
    ) -> QAction:
        action = QAction(text, self)
        if keys:
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())
        action.setEnabled(enabled)
        if name:
            action.setObjectName(name)
            self.menu_actions[name] = action
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        self.menu_actions: dict[str, QAction] = {}
        bar = self.menuBar()
        files = bar.addMenu(tr("파일(&F)"))
        can_import = self._importer is not None and self._importer.can_import()
        self._action(
            files,
            tr("알림 파일 가져오기…"),
            "Ctrl+O",
            self.choose_import,
            enabled=can_import,
            name="import",
        )
        self._action(
            files,
            tr("보류된 기록…"),
            "Ctrl+Shift+Q",
            self.open_quarantine,
            enabled=can_import and self._quarantine is not None,
            name="quarantine",
        )
        files.addSeparator()
        self._action(
            files, tr("설정…"), "Ctrl+,", lambda: self.settings_requested.emit(), name="settings"
        )
        self._action(
            files, tr("화면 잠그기"), "Ctrl+L", lambda: self.lock_requested.emit(), name="lock"
        )
        files.addSeparator()
        self._action(files, tr("끝내기"), "Ctrl+Q", self.close, name="quit")
        reports = bar.addMenu(tr("보고서(&R)"))
        has_reports = self._reports is not None
        self._action(
            reports,
            tr("365 안전협의체 회의 자료…"),
            "Ctrl+P",
            lambda: self.open_reports(COUNCIL_PDF),
            enabled=has_reports,
            name="council",
        )
        self._action(
            reports,
            tr("시·구 보고…"),
            None,
            lambda: self.open_reports(CITY),
            enabled=has_reports
            and self._reports is not None
            and self._reports.can(Permission.CITY_EXPORT),
            name="city",
        )
        self._action(
            reports,
            tr("사례 목록 내보내기…"),
            None,
            lambda: self.open_reports(CASES),
            enabled=has_reports,
            name="cases",
        )
        self._action(
            reports,
            tr("사례 카드 (선택한 사례)…"),
            "Ctrl+Shift+P",
            lambda: self.open_reports(CARD),
            enabled=has_reports,
            name="card",
        )
        view = bar.addMenu(tr("보기(&V)"))
        self._action(view, tr("새로 고침"), "F5", self.reload, name="refresh")
        self._action(view, tr("검색"), "Ctrl+F", self._focus_search, name="find")
        columns = view.addMenu(tr("표시할 열"))
        header = self.table.horizontalHeader()
        for column in range(self.model.columnCount()):
            toggle = QAction(tr(HEADERS[column]), self)
            toggle.setCheckable(True)
            toggle.setChecked(True)
            toggle.setEnabled(column != COL_ID)  # the case number always shows
            toggle.toggled.connect(lambda shown, c=column: header.setSectionHidden(c, not shown))
            columns.addAction(toggle)
            self.column_actions.append(toggle)

    def _sync_column_actions(self) -> None:
        header = self.table.horizontalHeader()
        for column, toggle in enumerate(self.column_actions):
            toggle.blockSignals(True)
            toggle.setChecked(not header.isSectionHidden(column))
            toggle.blockSignals(False)

    # -- import, quarantine, reports -----------------------------------------------------------

    def choose_import(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, tr("알림 파일 가져오기"), "", tr(FILE_FILTER))
        if paths:
            self.import_paths([Path(p) for p in paths])

    def import_paths(self, paths: list[Path]) -> ImportDialog | None:
        if self._importer is None or not self._importer.can_import():
            return None
        dialog = ImportDialog(self._importer, paths, self)
        dialog.finished_import.connect(lambda _outcomes: self.cases_changed.emit(None))
        dialog.show_quarantine.connect(self.open_quarantine)
        self.import_dialog = dialog
        dialog.open()
        return dialog

    def _cases_changed(self, ids: list[int] | None) -> None:
        """The one answer to a change: the rows of the cases named are repainted at once;
        the list is asked again (a change may take a case out of the filter) and Today
        follows; after an import (``None``) the filter choices and the review queue too."""
        if ids:
            self.model.refresh_cases(set(ids))
        self.reload()
        if ids is None:
            self.load_filter_choices()
            if self.review is not None:
                self.review.reload()
        if self.today is not None:
            self.today.reload()

    def open_quarantine(self) -> QuarantineDialog | None:
        if self._quarantine is None:
            return None
        dialog = QuarantineDialog(self._quarantine, self)
        dialog.finished.connect(lambda _result: self.cases_changed.emit(None))
        self.quarantine_dialog = dialog
        dialog.open()
        return dialog

    def open_reports(self, kind: str) -> ReportsDialog | None:
        if self._reports is None:
            return None
        case_id = None
        index = self.table.currentIndex()
        if index.isValid():
            case_id = self.model.data(index, CASE_ID_ROLE)
        if kind == CARD and case_id is None:
            self.statusBar().showMessage(tr("사례 카드를 만들 사례를 먼저 고르십시오."), 5000)
            return None
        dialog = ReportsDialog(self._reports, self, case_id=case_id, kind=kind)
        self.reports_dialog = dialog
        dialog.open()
        return dialog

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and all(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    def reload(self) -> None:
        """Re-run the list's query off the UI thread and show the result."""
        if self._task is not None:
            self._task.cancel()
        f, sort, descending = self.current_filter(), self._sort, self._descending
        service = self._service
        self.loading_label.setText(tr("불러오는 중…"))
        task = run_task(
            lambda _control: service.ids(f, sort, descending),
            lambda ids: self._show(task, ids),
            self._failed,
            owner=self,
        )
        self._task = task

    def _show(self, task: Task, ids: object) -> None:
        if task is not self._task or not isinstance(ids, list):
            return  # a newer query has replaced this one
        self._task = None
        self.model.set_ids(ids)
        self.count_label.setText(tr("{0}건").format(f"{len(ids):,}"))
        self.loading_label.clear()
        if self._pending_open is not None and ids:
            self._pending_open = None
            self.table.selectRow(0)
            self.open_current()
        self.cases_loaded.emit(len(ids))

    def _failed(self, exc: BaseException, details: str) -> None:
        self._task = None
        self.loading_label.clear()
        show_failure(self, tr("사례 목록을 불러오지 못했습니다"), exc, details)

    def open_current(self) -> None:
        """Show the selected case in the case pane."""
        index = self.table.currentIndex()
        if self.detail_pane is not None and index.isValid():
            self.detail_pane.show_case(self.model.case_id(index.row()))

    def _enter(self) -> None:
        self.open_current()
        if self.detail_pane is not None:
            self.detail_pane.timeline_view.setFocus()

    def show_case(self, case_id: int) -> None:
        """Bring one case up in the list and the case pane (from Today, or anywhere)."""
        self._pending_open = case_id
        self.status_filter.blockSignals(True)
        every = [label for label, statuses in STATUS_CHOICES].index(N_("전체 상태"))
        self.status_filter.setCurrentIndex(every)  # every status: the case may be closed
        self.status_filter.blockSignals(False)
        self.search.blockSignals(True)
        self.search.setText(f"#{case_id}")
        self.search.blockSignals(False)
        if hasattr(self, "cases_tab"):
            self.tabs.setCurrentWidget(self.cases_tab)
        self.reload()

    def _review_count(self, waiting: int) -> None:
        if self.review is None:
            return
        index = self.tabs.indexOf(self.review)
        self.tabs.setTabText(
            index, tr("연결 검토 ({0})").format(f"{waiting:,}") if waiting else tr("연결 검토")
        )

    def attach_inbox(self, watcher: InboxWatcher) -> None:
        """Show what the inbox folder's imports did, and refresh the list after them."""
        self.inbox = watcher
        watcher.imported.connect(self._inbox_imported)
        watcher.failed.connect(self._inbox_failed)

    def _inbox_imported(self, outcomes: list[InboxOutcome]) -> None:
        new = sum(o.result.counts.new for o in outcomes if o.result is not None)
        bad = [o.source.name for o in outcomes if not o.ok]
        message = tr("받은 파일 {0}개를 가져왔습니다 (새 알림 {1}건)").format(
            len(outcomes), f"{new:,}"
        )
        if bad:
            message += tr(" — 읽지 못한 파일: {0} (failed 폴더 참조)").format(", ".join(bad))
        self.statusBar().showMessage(message, 15000)
        self.cases_changed.emit(None)

    def _inbox_failed(self, message: str, _details: str) -> None:
        # Not a dialog: the watcher retries by itself, and a dialog every few seconds
        # would stop work. The status bar says it until the next success.
        self.statusBar().showMessage(message)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        self._sort = SORT_KEYS.get(column, SortKey.ID)
        self._descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("main/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1200, 760)
        header_state = settings.value("main/caseHeader")
        if header_state is not None:
            header = self.table.horizontalHeader()
            header.blockSignals(True)
            header.restoreState(header_state)
            header.blockSignals(False)
            self._sync_column_actions()
            # The list is sorted the way the restored header says it is.
            self._sort = SORT_KEYS.get(header.sortIndicatorSection(), SortKey.ID)
            self._descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        else:
            # Wide enough for the longer language (the risk column also holds its mark).
            for column, width in enumerate((75, 95, 90, 80, 85, 90, 90, 175, 70)):
                self.table.setColumnWidth(column, width)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/caseHeader", self.table.horizontalHeader().saveState())
        super().closeEvent(event)
