"""The first start on an empty database: this PC's community centre (or a 구청's several)
and the first administrator, on one screen; or, instead, the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.context import AppContext
from desktop.demo import populate
from desktop.office.centres import NewCentre, set_up_office
from desktop.security.access import Actor
from ui.i18n import tr
from ui.tasks import Task, TaskControl, run_task

DEMO_HOUSEHOLDS = 3000


class _CentreRow:
    def __init__(self, grid: QGridLayout, row: int) -> None:
        self.code = QLineEdit()
        self.code.setPlaceholderText(tr("예: 2635051000"))
        self.name = QLineEdit()
        self.name.setPlaceholderText(tr("예: 좌1동"))
        self.gu = QLineEdit()
        self.gu.setPlaceholderText(tr("예: 해운대구"))
        self.phone = QLineEdit()
        self.phone.setPlaceholderText(tr("예: 051-749-5601"))
        for column, edit in enumerate((self.code, self.name, self.gu, self.phone)):
            grid.addWidget(edit, row, column)

    def filled(self) -> bool:
        return any(e.text().strip() for e in (self.code, self.name, self.gu, self.phone))

    def value(self) -> NewCentre:
        return NewCentre(self.code.text(), self.name.text(), self.gu.text(), self.phone.text())


class FirstStartDialog(QDialog):
    """Accepted with ``actor`` set (the new administrator, signed in), or with ``demo``
    True (the demo was made: the login screen comes next)."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._task: Task | None = None
        self.actor: Actor | None = None
        self.demo = False
        self.setWindowTitle(tr("안부데스크 처음 설정"))
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        intro = QLabel(
            tr(
                "<b>새 데이터베이스입니다.</b> 이 PC가 일하는 행정복지센터와 첫 관리자 계정을 "
                "정하면 시작할 수 있습니다. 구청의 공유 데이터베이스라면 센터를 여럿 적으십시오. "
                "관할(도로·경계·법정동)과 직원 계정은 설정에서 더합니다."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        centres = QGroupBox(tr("행정복지센터"))
        grid = QGridLayout(centres)
        for column, title in enumerate(
            (tr("행정기관코드 (10자리)"), tr("행정동"), tr("구·군"), tr("전화 (선택)"))
        ):
            grid.addWidget(QLabel(title), 0, column)
        self._grid = grid
        self.rows = [_CentreRow(grid, 1)]
        self.more = QPushButton(tr("센터 하나 더(&M)"))
        self.more.clicked.connect(self.add_row)
        grid.addWidget(self.more, 99, 0, 1, 2, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(centres)

        admin = QGroupBox(tr("첫 관리자 계정"))
        form = QFormLayout(admin)
        self.username = QLineEdit()
        self.username.setObjectName("username")
        self.display_name = QLineEdit()
        self.display_name.setPlaceholderText(tr("화면에 보일 이름"))
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.again = QLineEdit()
        self.again.setObjectName("again")
        self.again.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(tr("아이디(&I)"), self.username)
        form.addRow(tr("이름(&N)"), self.display_name)
        form.addRow(tr("비밀번호(&P)"), self.password)
        form.addRow(tr("비밀번호 확인(&C)"), self.again)
        layout.addWidget(admin)

        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b00020")
        layout.addWidget(self.message)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.buttons = QDialogButtonBox()
        self.start = self.buttons.addButton(
            tr("설정하고 시작"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.demo_button = self.buttons.addButton(
            tr("대신 데모 데이터로 열기"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.close_button = self.buttons.addButton(
            tr("닫기"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.start.clicked.connect(self.set_up)
        self.demo_button.clicked.connect(self.open_demo)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self.rows[0].code.setFocus()

    def add_row(self) -> None:
        self.rows.append(_CentreRow(self._grid, len(self.rows) + 1))
        self.rows[-1].code.setFocus()

    def _busy(self, busy: bool) -> None:
        for button in (self.start, self.demo_button, self.more):
            button.setEnabled(not busy)
        self.progress.setVisible(busy)

    def set_up(self) -> None:
        centres = [row.value() for row in self.rows if row.filled()]
        username, name = self.username.text().strip(), self.display_name.text().strip()
        password = self.password.text()
        if not centres:
            self.message.setText(tr("행정복지센터를 하나 이상 적어 주십시오."))
            return
        if not username:
            self.message.setText(tr("관리자 아이디를 적어 주십시오."))
            return
        if password != self.again.text():
            self.message.setText(tr("두 번 넣은 비밀번호가 다릅니다."))
            return
        self.message.setText(tr("설정하는 중…"))
        self.progress.setRange(0, 0)
        self._busy(True)

        def work(_control: TaskControl) -> Actor:
            return set_up_office(
                self._ctx, centres, username=username, display_name=name, password=password
            )

        self._task = run_task(work, self._done, self._failed, owner=self)

    def _done(self, actor: Actor) -> None:
        self.actor = actor
        self._ctx.actor = actor
        self.accept()

    def _failed(self, exc: BaseException, _details: str) -> None:
        self._busy(False)
        self.message.setText(str(exc))

    def open_demo(self) -> None:
        """The demo instead: synthetic Busan data in this (empty) database."""
        self.message.setText(tr("데모 데이터를 만드는 중… 1~2분 걸립니다."))
        self.progress.setRange(0, 0)
        self._busy(True)

        def work(control: TaskControl) -> None:
            def progress(stage: str, done: int, total: int) -> None:
                if stage == "import" and total:
                    control.progress(done, total, stage)

            populate(self._ctx, households=DEMO_HOUSEHOLDS, progress=progress)

        def done(_result: object) -> None:
            self.demo = True
            self.accept()

        self._task = run_task(
            work,
            done,
            self._failed,
            owner=self,
            on_progress=self._demo_progress,
        )

    def _demo_progress(self, done: int, total: int, _stage: str) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
