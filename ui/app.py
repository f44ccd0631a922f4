"""Starting the desktop client."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

import reports
from db.errors import UserError
from desktop import __version__
from desktop.caselist.service import CaseListService
from desktop.casework.detail import CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.casework.today import TodayService
from desktop.config import resolve_database_url
from desktop.context import AppContext, open_database
from desktop.intake.quarantine import QuarantineService
from desktop.intake.service import ImportService
from desktop.linking.decisions import ReviewService
from desktop.mapping.service import MapService
from desktop.reporting import ReportService
from desktop.security import accounts
from desktop.security.access import Permission
from desktop.settings import (
    IDLE_LOCK_MINUTES,
    INBOX_FOLDER,
    INBOX_POLL_SECONDS,
    LANGUAGE,
    MachineSettings,
)
from ui.errors import show_failure
from ui.i18n import tr
from ui.inbox_watcher import InboxWatcher
from ui.login import IdleLock, LoginDialog
from ui.main_window import MainWindow
from ui.pyside_fixes import keep_none_alive
from ui.tasks import finish_tasks

BUNDLED_FONT = Path(reports.__file__).resolve().parent / "fonts" / "NanumGothic.ttf"
KOREAN_FONTS = ("Malgun Gothic", "맑은 고딕", "Noto Sans CJK KR", "NanumGothic", "Nanum Gothic")


def korean_font_family() -> str:
    """A font that has Hangul: the system's (맑은 고딕 on Windows), else the NanumGothic
    that ships with the reports (a Linux machine may have no Korean font at all)."""
    families = set(QFontDatabase.families())
    for family in KOREAN_FONTS:
        if family in families:
            return family
    font_id = QFontDatabase.addApplicationFont(str(BUNDLED_FONT))
    loaded = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return loaded[0] if loaded else QFont().family()


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    keep_none_alive()  # before the first window: see ui.pyside_fixes
    QCoreApplication.setOrganizationName("AnbuDesk")
    QCoreApplication.setApplicationName("AnbuDesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName(tr("안부데스크"))
    app.setFont(QFont(korean_font_family(), 10))
    install_language(app, MachineSettings().get(LANGUAGE))
    return app


def translations_folder() -> Path:
    """Beside this module, in the source tree and in the frozen program alike."""
    return Path(__file__).resolve().parent / "translations"


def qt_translations_folder() -> Path:
    """Qt's own translations: where Qt says they are, else in the PySide6 package (where
    the frozen program keeps them)."""
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if (folder / "qtbase_ko.qm").is_file():
        return folder
    return Path(PySide6.__file__).resolve().parent / "Qt" / "translations"


def install_language(app: QCoreApplication, language: str) -> bool:
    """Korean is built in (the source texts); another language needs its .qm. Qt's own
    texts (a message box's 확인 and 자세한 정보 표시, a text field's 복사 and 붙여넣기) follow
    the same language, from Qt's translations."""
    for old in app.findChildren(QTranslator):
        app.removeTranslator(old)
        old.deleteLater()
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", str(qt_translations_folder())):
        app.installTranslator(qt)
    gaps = QTranslator(app)  # what qtbase's catalogue lacks (translations/qt_gaps_ko.ts)
    if gaps.load(f"qt_gaps_{language}", str(translations_folder())):
        app.installTranslator(gaps)
    # Dates as the language writes them: a calendar's 월 화 수, not the PC's Mon Tue.
    QLocale.setDefault(
        QLocale(QLocale.Language.Korean, QLocale.Country.SouthKorea)
        if language == "ko"
        else QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    )
    if language == "ko":
        return True
    translator = QTranslator(app)
    if translator.load(f"anbu_{language}", str(translations_folder())):
        app.installTranslator(translator)
        return True
    return False


def open_window(ctx: AppContext, settings: MachineSettings | None = None) -> MainWindow:
    settings = settings or MachineSettings()

    def can(permission: Permission) -> bool:
        return ctx.actor is not None and ctx.actor.can(permission)

    window = MainWindow(
        CaseListService(ctx),
        title=tr("안부데스크"),
        review=ReviewService(ctx) if can(Permission.REVIEW) else None,
        detail=CaseDetailService(ctx),
        today=TodayService(ctx),
        casework=CaseworkService(ctx),
        importer=ImportService(ctx),
        quarantine=QuarantineService(ctx) if can(Permission.IMPORT) else None,
        reports=ReportService(ctx) if can(Permission.PRINT_MASKED) else None,
        mapping=MapService(ctx),
    )
    lock = IdleLock(ctx, window, settings.get(IDLE_LOCK_MINUTES))
    window.idle_lock = lock
    window.lock_requested.connect(lock.lock)
    window.settings_requested.connect(lambda: open_settings(ctx, window, settings))
    folder = settings.get(INBOX_FOLDER)
    if folder and Path(folder).is_dir() and can(Permission.IMPORT):  # imports as the signed-in
        watcher = InboxWatcher(ctx, Path(folder), poll_seconds=settings.get(INBOX_POLL_SECONDS))
        watcher.setParent(window)
        window.attach_inbox(watcher)
    from desktop.upkeep.changes import ChangeFeed

    with contextlib.suppress(Exception):  # no live lists is no reason not to open
        window.watch_changes(ChangeFeed(ctx))  # a colleague's work shows without F5
    # The window opens on Today: its figures are asked first, then the list's, then the
    # review queue's (the pool runs two at a time on a two-core PC).
    if window.today is not None:
        window.today.reload()
    window.reload()
    if window.review is not None:
        window.review.reload()
    return window


def sign_in(ctx: AppContext) -> bool:
    """The login dialog (on a database with no account yet, the first-start screen: the
    office's centre and first administrator, or the demo instead); False when the person
    closed it."""
    if not accounts.count_accounts(ctx):
        from ui.first_start import FirstStartDialog

        first = FirstStartDialog(ctx)
        if first.exec() != FirstStartDialog.DialogCode.Accepted:
            return False
        if first.actor is not None:
            return True  # the new administrator is signed in
    dialog = LoginDialog(ctx)
    return dialog.exec() == LoginDialog.DialogCode.Accepted and ctx.actor is not None


def _windows_housekeeping() -> object | None:
    """On Windows: hide the console when the program was started from a shortcut (the
    console is its own), and hold a named mutex the installer checks before replacing
    files. Returns the mutex handle, kept for the program's lifetime."""
    if sys.platform != "win32":
        return None
    import ctypes

    kernel32 = ctypes.windll.kernel32
    processes = (ctypes.c_uint * 2)()
    if kernel32.GetConsoleProcessList(processes, 2) == 1:  # nobody else shares the console
        window = kernel32.GetConsoleWindow()
        if window:
            ctypes.windll.user32.ShowWindow(window, 0)  # SW_HIDE
    handle: object = kernel32.CreateMutexW(None, False, RUNNING_MUTEX)
    return handle


RUNNING_MUTEX = "Local\\AnbuDeskRunning"


def run_client(db_url: str | None) -> int:
    _mutex = _windows_housekeeping()
    app = make_application()
    try:
        ctx = open_database(resolve_database_url(db_url))
    except UserError as exc:
        show_failure(None, None, exc)
        return 1
    if not sign_in(ctx):
        ctx.close()
        return 1
    try:
        window = open_window(ctx)
    except UserError as exc:
        ctx.close()
        show_failure(None, None, exc)
        return 1
    window.show()
    try:
        return app.exec()
    finally:
        finish_tasks()
        ctx.close()


def open_settings(ctx: AppContext, window: MainWindow, settings: MachineSettings) -> None:
    from desktop.office.service import AdminService
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(AdminService(ctx), settings, window)
    window.settings_dialog = dialog
    dialog.open()
