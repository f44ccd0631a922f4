"""Settings: this PC's (language, screen lock, inbox folder, database) and, for those
permitted, the database's (deadline rules, staff accounts)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
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
from desktop.korean import fix_particles
from desktop.office.centres import CentreInfo
from desktop.office.service import AdminService
from desktop.security.access import Permission
from desktop.security.accounts import Account
from desktop.settings import (
    DATABASE_URL,
    IDLE_LOCK_MINUTES,
    INBOX_FOLDER,
    INBOX_POLL_SECONDS,
    LANGUAGE,
    MachineSettings,
    SettingError,
)
from ui.errors import failure_message
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
        if admin.can(Permission.ADMINISTER):
            self.tabs.addTab(self._centres(), tr("행정복지센터"))
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
        inbox_label = QLabel(tr("받은 파일 폴더(&F)"))
        inbox_label.setBuddy(self.inbox)  # the row is a layout: the mnemonic needs its field
        form.addRow(inbox_label, row)
        form.addRow(tr("폴더 확인 간격"), self.poll)
        form.addRow(QLabel(tr("언어와 폴더는 프로그램을 다시 시작하면 모든 화면에 적용됩니다.")))
        return page

    def _database(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        # What is open now, whether from this setting, from --db or the default file.
        self.database_in_use = QLabel(self._admin.database_in_use())
        self.database_in_use.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.database_in_use.setWordWrap(True)
        form.addRow(tr("지금 열린 데이터베이스"), self.database_in_use)
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
        label = QLabel(tr("주소(&D)"))
        label.setBuddy(self.database)  # the row is a layout: the mnemonic needs its field
        form.addRow(label, row)
        form.addRow(tr("비밀번호(&P)"), self.db_password)
        form.addRow(
            QLabel(
                tr(
                    "바꾼 데이터베이스는 프로그램을 다시 시작하면 열립니다"
                    " (명령줄의 --db가 있으면 그것이 먼저입니다)."
                )
            )
        )
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

    def _centres(self) -> QWidget:
        """The community centres and their territory (관할), for administrators."""
        page = QWidget()
        self.centres_model = TupleRowsModel(
            (N_("행정기관코드"), N_("행정동"), N_("구·군"), N_("전화"), N_("상태"), N_("관할 규칙"))
        )
        self.centres_view = QTableView()
        self.centres_view.setObjectName("centres")
        self.centres_view.setModel(self.centres_model)
        self.centres_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.centres_view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.centres_view.verticalHeader().setVisible(False)
        self.centres_view.horizontalHeader().setStretchLastSection(True)
        self.centres_view.selectionModel().currentRowChanged.connect(self._centre_chosen)
        self._centre_infos: list[CentreInfo] = []
        self.centre_code = QLineEdit()
        self.centre_code.setObjectName("centre_code")
        self.centre_code.setPlaceholderText(tr("숫자 10자리, 예: 2635051000"))
        self.centre_name = QLineEdit()
        self.centre_name.setObjectName("centre_name")
        self.centre_name.setPlaceholderText(tr("예: 좌1동"))
        self.centre_gu = QLineEdit()
        self.centre_gu.setObjectName("centre_gu")
        self.centre_gu.setPlaceholderText(tr("예: 해운대구"))
        self.centre_phone = QLineEdit()
        add = QPushButton(tr("센터 등록"))
        add.setObjectName("add_centre")
        add.clicked.connect(self.add_centre)
        edit = QPushButton(tr("고친 내용 저장"))
        edit.clicked.connect(self.edit_centre)
        toggle = QPushButton(tr("사용 중지 / 다시 사용"))
        toggle.clicked.connect(self.toggle_centre)
        form = QFormLayout()
        form.addRow(tr("행정기관코드"), self.centre_code)
        form.addRow(tr("행정동"), self.centre_name)
        form.addRow(tr("구·군"), self.centre_gu)
        form.addRow(tr("전화"), self.centre_phone)
        buttons = QHBoxLayout()
        for button in (add, edit, toggle):
            buttons.addWidget(button)
        buttons.addStretch(1)
        # The chosen centre's rules: a boundary and road rules win over a 법정동 rule.
        self.rules_model = TupleRowsModel((N_("관할 규칙"),))
        self.rules_view = QTableView()
        self.rules_view.setObjectName("rules")
        self.rules_view.setModel(self.rules_model)
        self.rules_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.rules_view.verticalHeader().setVisible(False)
        self.rules_view.horizontalHeader().setStretchLastSection(True)
        self.rule_road = QLineEdit()
        self.rule_road.setObjectName("rule_road")
        self.rule_road.setPlaceholderText(
            tr("도로명[ 시작-끝][ 홀수|짝수], 예: 좌동순환로 1-99 홀수")
        )
        self.rule_legal = QLineEdit()
        self.rule_legal.setObjectName("rule_legal")
        self.rule_legal.setPlaceholderText(
            tr("법정동, 예: 좌동 (여러 행정동에 걸치면 도로·경계가 우선)")
        )
        add_rule = QPushButton(tr("규칙 추가"))
        add_rule.setObjectName("add_rule")
        add_rule.clicked.connect(self.add_rule)
        boundary = QPushButton(tr("경계 파일(GeoJSON)…"))
        boundary.clicked.connect(self.add_boundary)
        remove = QPushButton(tr("고른 규칙 삭제"))
        remove.clicked.connect(self.remove_rule)
        rule_form = QFormLayout()
        rule_form.addRow(tr("도로"), self.rule_road)
        rule_form.addRow(tr("법정동"), self.rule_legal)
        rule_buttons = QHBoxLayout()
        for button in (add_rule, boundary, remove):
            rule_buttons.addWidget(button)
        rule_buttons.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(self.centres_view, stretch=2)
        layout.addLayout(form)
        layout.addLayout(buttons)
        self.rules_label = QLabel(tr("센터를 고르면 관할 규칙이 여기 나옵니다."))
        layout.addWidget(self.rules_label)
        layout.addWidget(self.rules_view, stretch=1)
        layout.addLayout(rule_form)
        layout.addLayout(rule_buttons)
        self.reload_centres()
        return page

    # -- actions ------------------------------------------------------------------------------

    def _chosen_centre(self) -> CentreInfo | None:
        row = self.centres_view.currentIndex().row()
        if row < 0 or row >= len(self._centre_infos):
            self.message.setText(tr("행정복지센터를 먼저 고르십시오."))
            return None
        return self._centre_infos[row]

    def _centre_chosen(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if not current.isValid() or current.row() >= len(self._centre_infos):
            return
        info = self._centre_infos[current.row()]
        self.centre_code.setText(info.code)
        self.centre_name.setText(info.name)
        self.centre_gu.setText(info.gu)
        self.centre_phone.setText(info.phone or "")
        self.rules_label.setText(tr("{0}의 관할 규칙").format(info.title))
        self.rules_model.set_rows([(rule,) for rule in info.rules])

    def reload_centres(self, keep: str | None = None) -> None:
        def show(infos: list[CentreInfo]) -> None:
            self._centre_infos = infos
            self.centres_model.set_rows(
                [
                    (
                        c.code,
                        c.name,
                        c.gu,
                        c.phone or "",
                        tr("사용") if c.active else tr("중지"),
                        "; ".join(c.rules) or tr("없음"),
                    )
                    for c in infos
                ]
            )
            for row, info in enumerate(infos):
                if info.code == keep:
                    self.centres_view.selectRow(row)

        run_task(
            lambda _c: self._admin.centre_list(),
            show,
            lambda exc, _d: self.message.setText(str(exc)),
            owner=self,
        )

    def _centre_task(self, work: Callable[[], CentreInfo], said: str) -> None:
        def done(info: CentreInfo) -> None:
            self.message.setText(said.format(info.title))
            self.reload_centres(keep=info.code)

        run_task(
            lambda _c: work(), done, lambda exc, _d: self.message.setText(str(exc)), owner=self
        )

    def add_centre(self) -> None:
        code, name = self.centre_code.text(), self.centre_name.text()
        gu, phone = self.centre_gu.text(), self.centre_phone.text()
        self._centre_task(
            lambda: self._admin.add_centre(code, name, gu, phone), tr("{0}를 등록했습니다.")
        )

    def edit_centre(self) -> None:
        info = self._chosen_centre()
        if info is None:
            return
        name, gu, phone = self.centre_name.text(), self.centre_gu.text(), self.centre_phone.text()
        self._centre_task(
            lambda: self._admin.edit_centre(info.code, name, gu, phone), tr("{0}를 고쳤습니다.")
        )

    def toggle_centre(self) -> None:
        info = self._chosen_centre()
        if info is None:
            return
        self._centre_task(
            lambda: self._admin.set_centre_active(info.code, not info.active),
            tr("{0}: 다시 사용합니다.") if not info.active else tr("{0}: 사용을 중지했습니다."),
        )

    def add_rule(self) -> None:
        info = self._chosen_centre()
        if info is None:
            return
        road, legal = self.rule_road.text(), self.rule_legal.text()
        if not (road.strip() or legal.strip()):
            self.message.setText(tr("도로나 법정동을 적어 주십시오."))
            return
        self.rule_road.clear()
        self.rule_legal.clear()
        self._centre_task(
            lambda: self._admin.cover(info.code, road=road, legal_dong=legal),
            tr("{0}의 관할 규칙을 더했습니다."),
        )

    def add_boundary(self) -> None:
        info = self._chosen_centre()
        if info is None:
            return
        path, _ = QFileDialog.getOpenFileName(
            self, tr("행정동 경계 파일 (GeoJSON, WGS84)"), "", "GeoJSON (*.geojson *.json)"
        )
        if path:
            self._centre_task(
                lambda: self._admin.cover(info.code, boundary=Path(path)),
                tr("{0}의 경계를 더했습니다."),
            )

    def remove_rule(self) -> None:
        info = self._chosen_centre()
        row = self.rules_view.currentIndex().row()
        if info is None:
            return
        if row < 0 or row >= len(info.rule_ids):
            self.message.setText(tr("지울 규칙을 고르십시오."))
            return
        rule_id = info.rule_ids[row]
        self._centre_task(
            lambda: self._admin.remove_rule(rule_id), tr("{0}의 관할 규칙을 지웠습니다.")
        )

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
            self.message.setText(failure_message(tr("저장하지 못했습니다"), exc))
            return
        self.db_password.clear()
        self.message.setText(tr("저장했습니다."))

    def reload_accounts(self) -> None:
        def show(accounts: list[Account]) -> None:
            self.accounts_model.set_rows(
                [
                    (
                        a.username,
                        a.display_name,
                        tr(a.role.label),
                        a.centre or "-",
                        tr("중지") if not a.active else tr("잠김") if a.locked else tr("사용"),
                    )
                    for a in accounts
                ]
            )

        run_task(
            lambda _c: self._admin.accounts(),
            show,
            lambda exc, _d: self.message.setText(str(exc)),
            owner=self,
        )

    def add_account(self) -> None:
        username, name = self.new_username.text().strip(), self.new_name.text().strip()
        role, centre = Role(self.new_role.currentData()), self.new_centre.currentData()
        password = self.new_password.text()

        def done(_id: object) -> None:
            self.message.setText(
                fix_particles(tr("계정 '{0}'을(를) 만들었습니다.").format(username))
            )
            for edit in (self.new_username, self.new_name, self.new_password):
                edit.clear()
            self.reload_accounts()

        run_task(
            lambda _c: self._admin.add_account(username, name or username, role, centre, password),
            done,
            lambda exc, _d: self.message.setText(str(exc)),
            owner=self,
        )

    def toggle_account(self) -> None:
        row = self.accounts_view.currentIndex().row()
        if row < 0:
            self.message.setText(tr("계정을 먼저 고르십시오."))
            return
        username, *_rest, state = self.accounts_model.rows[row]
        active = state != tr("사용")
        run_task(
            lambda _c: self._admin.set_active(username, active),
            lambda _r: self.reload_accounts(),
            lambda exc, _d: self.message.setText(str(exc)),
            owner=self,
        )
