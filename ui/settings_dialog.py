"""Settings: this PC's (language, screen lock, inbox folder, database) and, for those
permitted, the database's (deadline rules, staff accounts)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from db.enums import Role
from desktop.access import Permission
from desktop.admin import AdminService
from desktop.settings import (
    DATABASE_URL,
    IDLE_LOCK_MINUTES,
    INBOX_FOLDER,
    INBOX_POLL_SECONDS,
    LANGUAGE,
    MachineSettings,
    SettingError,
)
from ui.i18n import N_, tr
from ui.rows_model import TupleRowsModel
from ui.tasks import run_task

LANGUAGES = (("ko", "한국어"), ("en", "English"))
RULE_LABELS = {
    "urgent_contact_working_days": N_("긴급 사례 첫 연락 (근무일)"),
    "app_counselling_days": N_("앱 신고 상담 기한 (일)"),
    "concern_contact_working_days": N_("일반 사례 첫 연락 (근무일)"),
    "due_soon_days": N_("'이번 주 기한'으로 볼 날 수"),
}


class SettingsDialog(QDialog):
    def __init__(
        self, admin: AdminService, settings: MachineSettings, parent: QWidget | None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("설정"))
        self.resize(720, 480)
        self._admin = admin
        self._settings = settings
        self.tabs = QTabWidget()
        self.tabs.addTab(self._general(), tr("이 PC"))
        self.tabs.addTab(self._database(), tr("데이터베이스"))
        self.rule_boxes: dict[str, QSpinBox] = {}
        if admin.can(Permission.RULES):
            self.tabs.addTab(self._rules(), tr("처리기한 규칙"))
        if admin.can(Permission.MANAGE_USERS):
            self.tabs.addTab(self._accounts(), tr("직원 계정"))
        self.message = QLabel("")
        self.message.setObjectName("message")
        self.message.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("저장"))
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("닫기"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, stretch=1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    # -- tabs ---------------------------------------------------------------------------------

    def _general(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.language = QComboBox()
        for code, name in LANGUAGES:
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(self._settings.get(LANGUAGE))))
        self.idle = QSpinBox()
        self.idle.setRange(0, 240)
        self.idle.setSuffix(tr(" 분"))
        self.idle.setValue(self._settings.get(IDLE_LOCK_MINUTES))
        self.inbox = QLineEdit(self._settings.get(INBOX_FOLDER))
        browse = QPushButton(tr("찾아보기…"))
        browse.clicked.connect(self._browse_inbox)
        row = QHBoxLayout()
        row.addWidget(self.inbox, stretch=1)
        row.addWidget(browse)
        self.poll = QSpinBox()
        self.poll.setRange(2, 3600)
        self.poll.setSuffix(tr(" 초"))
        self.poll.setValue(self._settings.get(INBOX_POLL_SECONDS))
        form.addRow(tr("화면 언어(&L)"), self.language)
        form.addRow(tr("자리 비움 잠금(&I)"), self.idle)
        form.addRow(tr("받은 파일 폴더(&F)"), row)
        form.addRow(tr("폴더 확인 간격"), self.poll)
        form.addRow(QLabel(tr("언어와 폴더는 프로그램을 다시 시작하면 모든 화면에 적용됩니다.")))
        return page

    def _database(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.database = QLineEdit(self._settings.get(DATABASE_URL))
        self.database.setPlaceholderText(
            tr("비우면 이 PC의 SQLite 파일. 공유: postgresql://사용자@서버:5432/anbu")
        )
        self.db_password = QLineEdit()
        self.db_password.setEchoMode(QLineEdit.EchoMode.Password)
        self.db_password.setPlaceholderText(tr("PostgreSQL 비밀번호 (키 저장소에 보관)"))
        choose = QPushButton(tr("SQLite 파일…"))
        choose.clicked.connect(self._browse_database)
        row = QHBoxLayout()
        row.addWidget(self.database, stretch=1)
        row.addWidget(choose)
        form.addRow(tr("주소(&D)"), row)
        form.addRow(tr("비밀번호(&P)"), self.db_password)
        form.addRow(QLabel(tr("바꾼 데이터베이스는 프로그램을 다시 시작하면 열립니다.")))
        return page

    def _rules(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        for key, value in self._admin.rules().items():
            box = QSpinBox()
            box.setRange(0, 365)
            box.setValue(value)
            self.rule_boxes[key] = box
            form.addRow(tr(RULE_LABELS.get(key, key)), box)
        return page

    def _accounts(self) -> QWidget:
        page = QWidget()
        self.accounts_model = TupleRowsModel(
            (N_("아이디"), N_("이름"), N_("역할"), N_("행정복지센터"), N_("상태"))
        )
        self.accounts_view = QTableView()
        self.accounts_view.setModel(self.accounts_model)
        self.accounts_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts_view.verticalHeader().setVisible(False)
        self.accounts_view.horizontalHeader().setStretchLastSection(True)
        self.new_username = QLineEdit()
        self.new_username.setObjectName("new_username")
        self.new_name = QLineEdit()
        self.new_role = QComboBox()
        for role in Role:
            self.new_role.addItem(tr(role.label), role.value)
        self.new_centre = QComboBox()
        self.new_centre.addItem(tr("(없음: 관리자만)"), None)
        for centre in self._admin.centres():
            self.new_centre.addItem(centre.label, centre.code)
        self.new_password = QLineEdit()
        self.new_password.setObjectName("new_password")
        self.new_password.setEchoMode(QLineEdit.EchoMode.Password)
        add = QPushButton(tr("계정 만들기"))
        add.setObjectName("add_account")
        add.clicked.connect(self.add_account)
        toggle = QPushButton(tr("사용 중지 / 다시 사용"))
        toggle.clicked.connect(self.toggle_account)
        form = QFormLayout()
        form.addRow(tr("아이디"), self.new_username)
        form.addRow(tr("이름"), self.new_name)
        form.addRow(tr("역할"), self.new_role)
        form.addRow(tr("행정복지센터"), self.new_centre)
        form.addRow(tr("처음 비밀번호"), self.new_password)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(toggle)
        buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.accounts_view, stretch=1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.reload_accounts()
        return page

    # -- actions ------------------------------------------------------------------------------

    def _browse_inbox(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, tr("받은 파일 폴더"), self.inbox.text())
        if folder:
            self.inbox.setText(folder)

    def _browse_database(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("SQLite 데이터베이스 파일"),
            "",
            "*.db",
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if path:
            self.database.setText("sqlite:///" + path.replace("\\", "/"))

    def save(self) -> None:
        try:
            url = self.database.text().strip()
            if url:
                url = self._admin.store_database_password(url, self.db_password.text())
            self._settings.set(DATABASE_URL, url)
            self._settings.set(LANGUAGE, str(self.language.currentData()))
            self._settings.set(IDLE_LOCK_MINUTES, self.idle.value())
            self._settings.set(INBOX_FOLDER, self.inbox.text().strip())
            self._settings.set(INBOX_POLL_SECONDS, self.poll.value())
            if self.rule_boxes:
                self._admin.save_rules({k: box.value() for k, box in self.rule_boxes.items()})
        except (SettingError, ValueError, PermissionError) as exc:
            self.message.setText(str(exc))
            return
        except Exception as exc:
            self.message.setText(tr("저장하지 못했습니다: {0}").format(exc))
            return
        self.db_password.clear()
        self.message.setText(tr("저장했습니다."))

    def reload_accounts(self) -> None:
        def show(accounts: list[object]) -> None:
            self.accounts_model.set_rows(
                [(a.username, a.display_name, tr(a.role.label), a.centre or "-",  # type: ignore[attr-defined]
                  tr("중지") if not a.active else tr("잠김") if a.locked else tr("사용"))  # type: ignore[attr-defined]
                 for a in accounts]
            )  # fmt: skip

        run_task(lambda _c: self._admin.accounts(), show,
                 lambda exc, _d: self.message.setText(str(exc)), owner=self)  # fmt: skip

    def add_account(self) -> None:
        username, name = self.new_username.text().strip(), self.new_name.text().strip()
        role, centre = Role(self.new_role.currentData()), self.new_centre.currentData()
        password = self.new_password.text()

        def done(_id: object) -> None:
            self.message.setText(tr("계정 '{0}'을(를) 만들었습니다.").format(username))
            for edit in (self.new_username, self.new_name, self.new_password):
                edit.clear()
            self.reload_accounts()

        run_task(lambda _c: self._admin.add_account(username, name or username, role, centre, password),
                 done, lambda exc, _d: self.message.setText(str(exc)), owner=self)  # fmt: skip

    def toggle_account(self) -> None:
        row = self.accounts_view.currentIndex().row()
        if row < 0:
            self.message.setText(tr("계정을 먼저 고르십시오."))
            return
        username, *_rest, state = self.accounts_model.rows[row]
        active = state != tr("사용")
        run_task(lambda _c: self._admin.set_active(username, active),
                 lambda _r: self.reload_accounts(),
                 lambda exc, _d: self.message.setText(str(exc)), owner=self)  # fmt: skip
