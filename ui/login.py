"""Signing in at start, and the lock that comes down when the desk is left alone."""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.security import accounts
from desktop.security.access import Actor
from ui.i18n import tr
from ui.tasks import TaskControl, run_task


class LoginDialog(QDialog):
    """아이디와 비밀번호. The check runs off the UI thread (argon2 takes a moment)."""

    signed_in = Signal(object)  # Actor

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self.actor: Actor | None = None
        self.setWindowTitle(tr("로그인"))  # the heading below names the program
        layout = QVBoxLayout(self)
        heading = QLabel(tr("<b>안부데스크</b> — 위기가구 사례관리"))
        layout.addWidget(heading)
        form = QFormLayout()
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("아이디(&I)"), self.username)
        form.addRow(tr("비밀번호(&P)"), self.password)
        layout.addLayout(form)
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        demo, password = accounts.demo_accounts(ctx)
        if demo and password:
            lines = "<br>".join(
                f"{a.username} — {a.display_name} ({a.role.label}{', ' + a.centre if a.centre else ''})"
                for a in demo
            )
            hint = QLabel(
                tr("<b>데모 데이터베이스</b>입니다. 모든 데모 계정의 비밀번호: {0}").format(
                    f"<code>{password}</code>"
                )
                + f"<br>{lines}"
            )
            hint.setObjectName("demo_hint")
            hint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            hint.setStyleSheet("background: #fff8e1; padding: 6px;")
            layout.addWidget(hint)
            self.username.setText(demo[0].username)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("로그인"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("닫기"))
        self.buttons.accepted.connect(self._try)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.password if self.username.text() else self.username).setFocus()

    def _try(self) -> None:
        username, password = self.username.text(), self.password.text()
        if not username or not password:
            self.message.setText(tr("아이디와 비밀번호를 넣어 주십시오."))
            return
        self.buttons.setEnabled(False)
        self.message.setText(tr("확인하는 중…"))

        def work(_control: TaskControl) -> Actor:
            return accounts.authenticate(self._ctx, username, password)

        run_task(work, self._done, self._failed, owner=self)

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self._ctx.actor = actor
        self.signed_in.emit(actor)
        self.accept()

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.buttons.setEnabled(True)
        self.password.clear()
        self.password.setFocus()
        if isinstance(exc, accounts.AccountError):
            self.message.setText(str(exc))
        else:
            self.message.setText(tr("로그인하지 못했습니다: {0}").format(type(exc).__name__))


class LockDialog(QDialog):
    """The screen is locked: only the signed-in person's password opens it again."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, *, by_hand: bool = False
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        actor = ctx.actor
        self.setWindowTitle(tr("안부데스크 잠김"))
        self.setModal(True)
        layout = QVBoxLayout(self)
        who = f"{actor.display_name}({actor.username})" if actor else ""
        said = (
            tr("화면을 잠갔습니다. {0}의 비밀번호를 넣어 주십시오.")
            if by_hand
            else tr("자리를 비운 사이 화면을 잠갔습니다. {0}의 비밀번호를 넣어 주십시오.")
        )
        self.explanation = QLabel(said.format(who))
        layout.addWidget(self.explanation)
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        layout.addWidget(self.password)
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("잠금 해제"))
        buttons.accepted.connect(self._try)
        layout.addWidget(buttons)
        self._buttons = buttons

    def reject(self) -> None:  # Esc does not unlock
        pass

    def _try(self) -> None:
        password = self.password.text()
        self._buttons.setEnabled(False)

        def work(_control: TaskControl) -> None:
            accounts.confirm_password(self._ctx, password)

        run_task(work, lambda _r: self.accept(), self._failed, owner=self)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._buttons.setEnabled(True)
        self.password.clear()
        self.message.setText(
            str(exc) if isinstance(exc, accounts.AccountError) else tr("다시 하십시오.")
        )


class IdleLock(QObject):
    """Watches the keyboard and mouse; after ``minutes`` without either, hides the window's
    contents behind ``LockDialog``."""

    locked = Signal()
    unlocked = Signal()

    def __init__(self, ctx: AppContext, window: QMainWindow, minutes: int) -> None:
        super().__init__(window)
        self._ctx = ctx
        self._window = window
        self._limit = minutes * 60.0
        self._last = time.monotonic()
        self._dialog: LockDialog | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(5000)
        self._timer.timeout.connect(self.check)
        app = QApplication.instance()
        if minutes > 0 and app is not None:
            app.installEventFilter(self)
            self._timer.start()

    _INPUT = frozenset(
        {
            QEvent.Type.KeyPress,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseMove,
            QEvent.Type.Wheel,
        }
    )

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() in self._INPUT and self._dialog is None:
            self._last = time.monotonic()
        return False

    def idle_for(self, seconds: float) -> None:
        """Pretend the desk has been left for ``seconds`` (tests)."""
        self._last = time.monotonic() - seconds

    def check(self) -> None:
        if self._dialog is None and time.monotonic() - self._last >= self._limit:
            self.lock(by_hand=False)

    def lock(self, *, by_hand: bool = True) -> None:
        """Lock now: by hand (화면 잠그기, Ctrl+L) unless the idle timer did it."""
        if self._dialog is not None:
            return
        self._contents().setVisible(False)
        self._dialog = LockDialog(self._ctx, self._window, by_hand=by_hand)
        self._dialog.accepted.connect(self._unlock)
        self.locked.emit()
        self._dialog.open()

    def _contents(self) -> QWidget:
        widget = self._window.centralWidget()
        assert widget is not None
        return widget

    @property
    def dialog(self) -> LockDialog | None:
        return self._dialog

    def _unlock(self) -> None:
        self._contents().setVisible(True)
        self._dialog = None
        self._last = time.monotonic()
        self.unlocked.emit()
