from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from tests.conftest import TEST_PASSWORD, TEST_USER
from tests.helpers.linking import call, import_records
from ui.app import open_window
from ui.login import IdleLock, LoginDialog


def test_login_refuses_a_wrong_password_and_accepts_the_right_one(
    ctx: AppContext, qtbot: QtBot
) -> None:
    ctx.actor = None
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(object, "demo_hint") is None  # not a demo database
    qtbot.keyClicks(dialog.username, TEST_USER)
    qtbot.keyClicks(dialog.password, "wrong-pass-9")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "맞지 않습니다" in dialog.message.text(), timeout=10_000)
    assert ctx.actor is None and dialog.password.text() == ""
    qtbot.keyClicks(dialog.password, TEST_PASSWORD)
    with qtbot.waitSignal(dialog.signed_in, timeout=10_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert ctx.actor is not None and ctx.actor.username == TEST_USER


def test_a_demo_database_shows_its_accounts(ctx: AppContext, qtbot: QtBot) -> None:
    from desktop.demo import populate

    populate(ctx, households=6, seed=4)
    dialog = LoginDialog(ctx)
    qtbot.addWidget(dialog)
    hint = dialog.findChild(object, "demo_hint")
    assert hint is not None and "anbu-demo-1234" in hint.text() and "admin" in hint.text()


def test_the_idle_lock_hides_the_window_until_the_password(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    import_records(ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333")])
    window = open_window(ctx)
    qtbot.addWidget(window)
    lock = IdleLock(ctx, window, minutes=10)
    lock.check()
    assert lock.dialog is None
    lock.idle_for(11 * 60)
    with qtbot.waitSignal(lock.locked):
        lock.check()
    dialog = lock.dialog
    assert dialog is not None
    central = window.centralWidget()
    assert central is not None and not central.isVisible()
    dialog.reject()  # Esc does not unlock
    assert lock.dialog is dialog
    qtbot.keyClicks(dialog.password, "wrong-pass-9")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.message.text() != "", timeout=10_000)
    assert lock.dialog is dialog
    qtbot.keyClicks(dialog.password, TEST_PASSWORD)
    with qtbot.waitSignal(lock.unlocked, timeout=10_000):
        qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert lock.dialog is None


def test_a_lock_by_hand_says_so_and_the_login_names_the_program_once(
    ctx: AppContext, qtbot: QtBot
) -> None:
    window = open_window(ctx)
    qtbot.addWidget(window)
    lock = IdleLock(ctx, window, minutes=10)
    with qtbot.waitSignal(lock.locked):
        lock.lock()  # what 화면 잠그기 (Ctrl+L) calls
    assert lock.dialog is not None
    assert lock.dialog.explanation.text().startswith("화면을 잠갔습니다")
    assert "자리를 비운" not in lock.dialog.explanation.text()
    login = LoginDialog(ctx)
    qtbot.addWidget(login)
    assert "안부데스크" not in login.windowTitle()  # the heading says it
