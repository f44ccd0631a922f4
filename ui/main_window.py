"""The main window: the case list staff work from."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTableView,
    QTabWidget,
    QWidget,
)

from db.queries import CaseFilter, SortKey
from desktop.caselist.service import CaseListService, FilterChoices, ListUpdate
from desktop.casework.detail import CaseDetailService
from desktop.casework.haengbok import NumbersImport
from desktop.casework.service import CaseworkService
from desktop.casework.today import TodayService
from desktop.intake.inbox import InboxOutcome
from desktop.intake.quarantine import QuarantineService
from desktop.intake.service import ImportService
from desktop.linking.decisions import ReviewService
from desktop.mapping.service import MapService
from desktop.reporting import ReportService
from desktop.security.access import Permission
from desktop.upkeep.changes import POLL_MS, QUIET_S, Changes
from ui.case_detail import CaseDetailPane
from ui.case_table import CASE_ID_ROLE, COL_ID, HEADERS, SORT_KEYS, CaseTableModel
from ui.errors import show_failure
from ui.filter_bar import FilterBar
from ui.i18n import tr
from ui.import_dialog import FILE_FILTER, ImportDialog
from ui.inbox_watcher import InboxWatcher
from ui.map_tab import MapTab
from ui.quarantine_dialog import QuarantineDialog
from ui.reports_dialog import (
    CALLS,
    CARD,
    CASES,
    CITY,
    COUNCIL_PDF,
    HANDOFF_CASE,
    HANDOFF_DAY,
    VISITS,
    ReportsDialog,
)
from ui.review_queue import ReviewQueueWidget
from ui.tasks import Task, run_task
from ui.today_view import TodayView

# What each view reads, so a colleague's change refreshes the views it can alter.
REVIEW_TABLES = frozenset({"link_suggestions"})
TODAY_TABLES = frozenset(
    {
        "cases",
        "alerts",
        "link_suggestions",
        "counselling_records",
        "case_status_changes",
        "support_links",
    }
)
MAP_TABLES = frozenset({"cases", "alerts"})


class MainWindow(QMainWindow):
    cases_loaded = Signal(int)
    # Every change to cases is announced here: the ids of the cases changed, or None when
    # any may have (an import). The list, Today and the review queue follow it.
    cases_changed = Signal(object)
    """Emitted when the list shows a new set of cases; carries how many."""
    filter_choices_loaded = Signal()
    settings_requested = Signal()
    lock_requested = Signal()
    remote_changed = Signal(object)
    """Another client changed data (see watch_changes): the ``Changes`` gathered since the
    last refresh; what shows them follows."""

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
        mapping: MapService | None = None,
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
            self.detail_pane.handoff_requested.connect(
                lambda case_id: self.open_reports(HANDOFF_CASE, case_id=case_id)
            )
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
        self.column_actions: list[QAction] = []
        self._behind: dict[QWidget, Callable[[], None]] = {}  # tabs to refresh when shown
        self.settings_dialog: QDialog | None = None  # set by ui.app.open_settings
        self.today: TodayView | None = None
        self.map_tab: MapTab | None = None
        if review is None and today is None and mapping is None:
            self.setCentralWidget(cases)
        else:
            self.tabs = QTabWidget()
            if today is not None:
                self.today = TodayView(today)
                self.today.open_case.connect(self.show_case)
                self.tabs.addTab(self.today, tr("오늘"))
            self.cases_tab = cases
            self.tabs.addTab(cases, tr("사례 목록"))
            if mapping is not None:
                self.map_tab = MapTab(mapping)
                self.tabs.addTab(self.map_tab, tr("지도"))
                self.map_tab.open_case.connect(self.show_case)
                self.map_tab.show_list.connect(lambda: self.tabs.setCurrentWidget(self.cases_tab))
                # Drawn when first looked at, then kept up to date with the list.
                self.tabs.currentChanged.connect(self._map_looked_at)
            if review is not None:  # only for those who may decide links
                self.review = ReviewQueueWidget(review)
                self.tabs.addTab(self.review, tr("연결 검토"))
                self.review.queue_loaded.connect(self._review_count)
                # A decision merges or splits cases the queue knows by alert, not by id.
                self.review.decided.connect(lambda _record: self.cases_changed.emit([]))
            self.setCentralWidget(self.tabs)
            self.tabs.currentChanged.connect(self._tab_shown)

        self.filters = FilterBar(service, self)
        self.filters.changed.connect(self.reload)
        if self.map_tab is not None:
            map_tab = self.map_tab
            map_tab.selection_changed.connect(self.filters.set_picked)
            self.filters.picked_cleared.connect(lambda: map_tab.clear_selection(announce=False))
        self.addToolBar(self.filters)
        if hasattr(self, "tabs"):
            # The filters narrow the case list only: over Today or the review queue they
            # would seem to apply there.
            self.tabs.currentChanged.connect(lambda _i: self._sync_filters())
        self._importer, self._quarantine, self._reports = importer, quarantine, reports
        self._casework = casework
        self.handoff_message: QMessageBox | None = None
        self._build_menus()
        if importer is not None and importer.can_import():
            self.setAcceptDrops(True)

        # Loading state has its own place, so it never hides a message about what happened.
        self.loading_label = QLabel()
        self.statusBar().addPermanentWidget(self.loading_label)
        self._restore_state()
        self._sync_filters()  # after the saved layout, which may have hidden the bar
        self.load_filter_choices()

    def _map_looked_at(self, _index: int) -> None:
        if self.map_tab is not None and self.tabs.currentWidget() is self.map_tab:
            self.map_tab.ensure_loaded()

    def _reload_map(self) -> None:
        """The map follows changes once it has been asked for (not logged: nobody asked)."""
        if self.map_tab is not None and self.map_tab.requested:
            self.map_tab.reload(logged=False)

    def _sync_filters(self) -> None:
        self.filters.setVisible(
            not hasattr(self, "tabs") or self.tabs.currentWidget() is self.cases_tab
        )

    def current_filter(self) -> CaseFilter:
        return self.filters.current_filter()

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
        if isinstance(choices, FilterChoices):
            self.filters.show_choices(choices)
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
        self._action(
            files,
            tr("행복e음 처리번호 가져오기…"),
            None,
            self.choose_handoff_import,
            enabled=self._casework is not None and self._casework.can_edit(),
            name="import_handoff",
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
        reports.addSeparator()
        can_reveal = self._reports is not None and self._reports.can(Permission.REVEAL)
        self._action(
            reports,
            tr("우체국 방문 명단 내보내기…"),
            None,
            lambda: self.open_reports(VISITS),
            enabled=can_reveal,
            name="visits",
        )
        self._action(
            reports,
            tr("AI 통화 명단 내보내기…"),
            None,
            lambda: self.open_reports(CALLS),
            enabled=can_reveal,
            name="calls",
        )
        reports.addSeparator()
        self._action(
            reports,
            tr("사례 카드 (선택한 사례)…"),
            "Ctrl+Shift+P",
            lambda: self.open_reports(CARD),
            enabled=has_reports,
            name="card",
        )
        self._action(
            reports,
            tr("행복e음 입력표 (하루치 결과)…"),
            None,
            lambda: self.open_reports(HANDOFF_DAY),
            enabled=has_reports
            and self._reports is not None
            and self._reports.can(Permission.PRINT_CASE),
            name="handoff",
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
        self._reload_map()

    def choose_handoff_import(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, tr("행복e음 처리번호 가져오기"), "", tr("행복e음 입력표 (*.xlsx)")
        )
        if chosen:
            self.import_handoff(Path(chosen))

    def import_handoff(self, path: Path) -> None:
        """The 처리번호 written into a hand-off sheet, recorded off the UI thread; what was
        recorded and each row refused are told in a message."""
        casework = self._casework
        if casework is None:
            return

        def done(result: object) -> None:
            if not isinstance(result, NumbersImport):
                return
            lines = [result.describe()]
            lines += [tr("받지 않음 — {0}").format(p.describe()) for p in result.refused[:30]]
            if len(result.refused) > 30:
                lines.append(tr("… 외 {0}행").format(len(result.refused) - 30))
            box = QMessageBox(
                QMessageBox.Icon.Warning if result.refused else QMessageBox.Icon.Information,
                tr("행복e음 처리번호 가져오기"),
                "\n".join(lines),
                QMessageBox.StandardButton.Ok,
                self,
            )
            self.handoff_message = box  # kept for tests and for the box's lifetime
            box.open()
            if result.recorded:
                self.cases_changed.emit(sorted(result.recorded))

        run_task(
            lambda _c: casework.import_haengbok(path),
            done,
            lambda exc, details: show_failure(
                self, tr("처리번호를 가져오지 못했습니다"), exc, details
            ),
            owner=self,
        )

    def open_quarantine(self) -> QuarantineDialog | None:
        if self._quarantine is None:
            return None
        dialog = QuarantineDialog(self._quarantine, self)
        dialog.finished.connect(lambda _result: self.cases_changed.emit(None))
        self.quarantine_dialog = dialog
        dialog.open()
        return dialog

    def open_reports(self, kind: str, *, case_id: int | None = None) -> ReportsDialog | None:
        if self._reports is None:
            return None
        index = self.table.currentIndex()
        if case_id is None and index.isValid():
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
        self._keep_place(lambda: self.model.set_ids(ids))
        self.filters.show_count(len(ids))
        self.loading_label.clear()
        self.cases_loaded.emit(len(ids))

    def _keep_place(self, refill: Callable[[], None]) -> None:
        """Refill the list and keep the worker's place in it: the case they had selected
        stays selected (without opening it again: the pane is not reloaded under their
        hands), and the row at the top stays at the top, when the list still holds them.
        A colleague's save refreshes the list every few seconds; it must not move it."""
        table, model = self.table, self.model
        current = table.currentIndex()
        chosen = model.case_id(current.row()) if current.isValid() else None
        top_row = table.rowAt(0)
        top = model.case_id(top_row) if top_row >= 0 else None
        scrolled = table.verticalScrollBar().value()
        refill()
        selection = table.selectionModel()
        row = model.row_of(chosen) if chosen is not None else None
        if row is not None:
            selection.blockSignals(True)  # the same case: nothing to open
            try:
                flags = selection.SelectionFlag.ClearAndSelect | selection.SelectionFlag.Rows
                selection.setCurrentIndex(model.index(row, current.column()), flags)
            finally:
                selection.blockSignals(False)
            table.viewport().update()
        top_now = model.row_of(top) if top is not None else None
        if top_now is not None:
            table.scrollTo(model.index(top_now, 0), QAbstractItemView.ScrollHint.PositionAtTop)
        else:
            table.verticalScrollBar().setValue(scrolled)

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
        """Bring one case up in the case pane (from Today, or anywhere), never touching the
        list's filters or search: the row is selected when the list holds it; otherwise
        the pane shows it and the status bar says the list's filters leave it out."""
        if hasattr(self, "cases_tab"):
            self.tabs.setCurrentWidget(self.cases_tab)
        row = self.model.row_of(case_id)
        if row is not None:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))
            self.open_current()
            return
        self.table.clearSelection()
        if self.detail_pane is not None:
            self.detail_pane.show_case(case_id)
        self.statusBar().showMessage(
            tr("사례 {0}번은 지금 목록의 필터에 들지 않습니다 (필터는 그대로 둡니다)").format(
                case_id
            ),
            10000,
        )

    def watch_changes(
        self, feed: Any, *, every_ms: int = POLL_MS, quiet_s: float = QUIET_S
    ) -> None:
        """Follow other clients' writes (``desktop.upkeep.changes.ChangeFeed``), at most
        once every ``quiet_s`` (a colleague's import is one refresh, not hundreds), and only
        what they changed: the list's rows of the cases named, its ids asked again only when
        a case may have moved in or out of it; Today, the map and the review queue when
        what they show was written (Today and the map when next looked at, if hidden); the
        case pane, only when its own case changed, says so and offers to reload."""
        self._feed = feed
        self._pending = Changes()
        self._refreshed_at = 0.0
        timer = QTimer(self)
        timer.setInterval(every_ms)

        def tick() -> None:
            try:
                self._pending.add(feed.poll())
            except Exception:
                return
            if self._pending and time.monotonic() - self._refreshed_at >= quiet_s:
                changes, self._pending = self._pending, Changes()
                self._refreshed_at = time.monotonic()
                self.remote_changed.emit(changes)

        timer.timeout.connect(tick)
        timer.start()
        self._feed_timer = timer
        self.remote_changed.connect(self._follow_remote)

    def _follow_remote(self, changes: Changes) -> None:
        self._follow_list(changes)
        pane = self.detail_pane
        if pane is not None and pane.detail is not None and changes.touches(pane.detail.id):
            pane.check_stale()
        if self.review is not None and changes.reaches(REVIEW_TABLES):
            self.review.reload()  # its count shows on its tab: kept true even when hidden
        if self.today is not None and changes.reaches(TODAY_TABLES):
            self._when_looked_at(self.today, self.today.reload)
        if self.map_tab is not None and self.map_tab.requested and changes.reaches(MAP_TABLES):
            self._when_looked_at(self.map_tab, self._reload_map)

    def _follow_list(self, changes: Changes) -> None:
        """The list after a colleague's changes: only the rows of the cases it holds, unless
        a case may have moved in or out of its filter (then its ids are asked again)."""
        if changes.everything:
            self.reload()
            return
        model, service = self.model, self._service
        held = frozenset(c for c in changes.cases if model.holds(c))
        f, sort = self.current_filter(), self._sort

        def apply(update: object) -> None:
            if not isinstance(update, ListUpdate):
                return
            if update.requery:
                self.reload()  # the rows are read again as the new list is drawn
            elif update.rows:
                model.refresh_cases(update.rows)

        run_task(
            lambda _c: service.follow(changes, f, held, sort),
            apply,
            lambda *_: self.reload(),  # not known what moved: the list is asked again
            owner=self,
        )

    def _when_looked_at(self, tab: QWidget, refresh: Callable[[], None]) -> None:
        """``refresh`` now when ``tab`` is on screen, else when it is next shown (a hidden
        tab asked again every few seconds would cost every client for nothing)."""
        if not hasattr(self, "tabs") or self.tabs.currentWidget() is tab:
            refresh()
        else:
            self._behind[tab] = refresh

    def _tab_shown(self, _index: int) -> None:
        refresh = self._behind.pop(self.tabs.currentWidget(), None)
        if refresh is not None:
            refresh()

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
        if hasattr(self, "cases_tab"):
            self.tabs.setCurrentWidget(self.cases_tab)
        self.filters.search.setFocus()
        self.filters.search.selectAll()

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
            # The deadline column holds its date, its mark and (초과) in full.
            widths = (70, 90, 80, 75, 80, 75, 90, 170, 65, 150, 95)
            for column, width in enumerate(widths):
                self.table.setColumnWidth(column, width)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        feed = getattr(self, "_feed", None)
        if feed is not None:
            self._feed_timer.stop()
            feed.close()
        settings = QSettings()
        settings.setValue("main/geometry", self.saveGeometry())
        settings.setValue("main/caseHeader", self.table.horizontalHeader().saveState())
        super().closeEvent(event)
