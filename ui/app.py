"""Starting the desktop client."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import __version__, accounts
from desktop.caselist import CaseListService
from desktop.casework.detail import CaseDetailService
from desktop.casework.today import TodayService
from desktop.cli import USER_ERRORS
from desktop.config import resolve_database_url
from desktop.context import AppContext, open_database
from desktop.linking.decisions import ReviewService
from desktop.settings import IDLE_LOCK_MINUTES, INBOX_FOLDER, INBOX_POLL_SECONDS, MachineSettings
from ui.errors import show_error
from ui.inbox_watcher import InboxWatcher
from ui.login import IdleLock, LoginDialog
from ui.main_window import MainWindow

KOREAN_FONTS = ("Malgun Gothic", "맑은 고딕", "Noto Sans CJK KR", "NanumGothic", "Nanum Gothic")


def make_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    QCoreApplication.setOrganizationName("AnbuDesk")
    QCoreApplication.setApplicationName("AnbuDesk")
    QCoreApplication.setApplicationVersion(__version__)
    app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setApplicationDisplayName("안부데스크")
    families = set(QFontDatabase.families())
    for family in KOREAN_FONTS:
        if family in families:
            app.setFont(QFont(family, 10))
            break
    translator = QTranslator(app)
    if translator.load(QLocale.system(), "anbu", "_", ":/translations"):
        app.installTranslator(translator)
    return app


def open_window(ctx: AppContext, settings: MachineSettings | None = None) -> MainWindow:
    settings = settings or MachineSettings()
    window = MainWindow(
        CaseListService(ctx),
        title="안부데스크",
        review=ReviewService(ctx),
        detail=CaseDetailService(ctx),
        today=TodayService(ctx),
    )
    window.idle_lock = IdleLock(ctx, window, settings.get(IDLE_LOCK_MINUTES))
    folder = settings.get(INBOX_FOLDER)
    if folder and Path(folder).is_dir():
        watcher = InboxWatcher(ctx, Path(folder), poll_seconds=settings.get(INBOX_POLL_SECONDS))
        watcher.setParent(window)
        window.attach_inbox(watcher)
    window.reload()
    if window.review is not None:
        window.review.reload()
    if window.today is not None:
        window.today.reload()
    return window


def sign_in(ctx: AppContext) -> bool:
    """The login dialog; False when the person closed it."""
    if not accounts.count_accounts(ctx):
        show_error(
            None,
            "이 데이터베이스에는 아직 직원 계정이 없습니다. 관리자가 먼저 만들어 주십시오:\n"
            "anbu user add 아이디 --role admin",
        )
        return False
    dialog = LoginDialog(ctx)
    return dialog.exec() == LoginDialog.DialogCode.Accepted and ctx.actor is not None


def run_client(db_url: str | None) -> int:
    app = make_application()
    try:
        ctx = open_database(resolve_database_url(db_url))
    except USER_ERRORS as exc:
        show_error(None, str(exc))
        return 1
    if not sign_in(ctx):
        ctx.close()
        return 1
    try:
        window = open_window(ctx)
    except USER_ERRORS as exc:
        ctx.close()
        show_error(None, str(exc))
        return 1
    window.show()
    try:
        return app.exec()
    finally:
        ctx.close()
