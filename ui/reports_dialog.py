"""The Reports menu's form: which paper, which period, why (asked first, logged), where to;
made off the UI thread, then opened or shown in its folder."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QStandardPaths, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop.reporting import Period, ReportError, ReportService
from desktop.security.access import Permission
from reports.render import PageImage, page_images
from ui.agenda_dialog import AgendaDialog
from ui.case_edit import day_edit, day_of
from ui.errors import failure_message
from ui.i18n import N_, tr
from ui.preview import PreviewDialog
from ui.tasks import run_task

COUNCIL_PDF, COUNCIL_XLSX, CITY, CASES, CARD, VISITS, CALLS, HANDOFF_CASE, HANDOFF_DAY = (
    "council_pdf",
    "council_xlsx",
    "city",
    "cases",
    "card",
    "visits",
    "calls",
    "handoff_case",
    "handoff_day",
)
LISTS_OUT = (VISITS, CALLS)  # the lists the channels work from (docs/lists-out.md)
KINDS = (
    (COUNCIL_PDF, N_("365 안전협의체 회의 자료 (PDF)"), ".pdf", Permission.PRINT_MASKED),
    (
        COUNCIL_XLSX,
        N_("365 안전협의체 회의 자료 (엑셀, 간사 편집용)"),
        ".xlsx",
        Permission.PRINT_MASKED,
    ),
    (CITY, N_("시·구 보고 (엑셀)"), ".xlsx", Permission.CITY_EXPORT),
    (CASES, N_("사례 목록 (엑셀)"), ".xlsx", Permission.VIEW),
    (CARD, N_("사례 카드 (PDF, 개인정보 포함)"), ".pdf", Permission.PRINT_CASE),
    (VISITS, N_("우체국 방문 명단 (엑셀, 개인정보 포함)"), ".xlsx", Permission.REVEAL),
    (CALLS, N_("AI 통화 명단 (엑셀, 개인정보 포함)"), ".xlsx", Permission.REVEAL),
    (
        HANDOFF_CASE,
        N_("행복e음 입력표 — 이 사례 (엑셀, 개인정보 포함)"),
        ".xlsx",
        Permission.PRINT_CASE,
    ),
    (
        HANDOFF_DAY,
        N_("행복e음 입력표 — 하루치 결과 (엑셀, 개인정보 포함)"),
        ".xlsx",
        Permission.PRINT_CASE,
    ),
)
NEEDS_CASE = (CARD, HANDOFF_CASE)  # made of the case chosen


class ReportsDialog(QDialog):
    def __init__(
        self,
        service: ReportService,
        parent: QWidget | None,
        *,
        case_id: int | None = None,
        kind: str = COUNCIL_PDF,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("보고서 만들기"))
        self.resize(560, 0)
        self._service = service
        self._case_id = case_id
        self.result_path: Path | None = None
        today = service.today()
        # A monthly paper: the last full month by default; the meeting: the next one on
        # the calendar (today when none is scheduled).
        period = service.default_period()
        self.kind = QComboBox()
        for key, label, _suffix, permission in KINDS:
            if service.can(permission) and (key not in NEEDS_CASE or case_id is not None):
                self.kind.addItem(tr(label), key)
        index = self.kind.findData(kind)
        self.kind.setCurrentIndex(max(0, index))
        self.first = day_edit(period.first)
        self.last = day_edit(period.last)
        self.meeting = day_edit(
            service.next_meeting() if service.can(Permission.PRINT_MASKED) else today
        )
        # 행복e음 입력표 of a day: the results recorded that day (today by default).
        self.day = day_edit(today)
        self.day.setObjectName("day")
        self.centre = QComboBox()
        for choice in service.centres():
            self.centre.addItem(choice.label, choice.code)
        # The lists out: which post office, and the day the visits or calls fall by.
        self.office = QComboBox()
        self.office.addItem(tr("모든 우체국"), None)
        for office in service.post_offices():
            self.office.addItem(office, office)
        self.list_day = day_edit(today + timedelta(days=1))
        self.reveal = QCheckBox(tr("이름 등 개인정보를 가리지 않음 (권한자, 기록됨)"))
        self.reveal.setEnabled(service.can(Permission.REVEAL))
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(tr("예: 11월 정기회의 자료 (접속기록에 남습니다)"))
        self.path = QLineEdit()
        self.path.setObjectName("path")
        browse = QPushButton(tr("찾아보기…"))
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, stretch=1)
        where.addWidget(browse)
        self._form = form = QFormLayout()
        form.addRow(tr("종류(&K)"), self.kind)
        form.addRow(tr("기간 시작(&F)"), self.first)
        form.addRow(tr("기간 끝(&T)"), self.last)
        form.addRow(tr("회의일(&M)"), self.meeting)
        form.addRow(tr("결과일(&D)"), self.day)
        form.addRow(tr("행정복지센터(&C)"), self.centre)
        form.addRow(tr("우체국(&O)"), self.office)
        self.list_day_label = QLabel(tr("기준일(&Y)"))
        self.list_day_label.setBuddy(self.list_day)
        form.addRow(self.list_day_label, self.list_day)
        form.addRow("", self.reveal)
        form.addRow(tr("이유(&R)"), self.reason)
        path_label = QLabel(tr("저장할 파일(&P)"))
        path_label.setBuddy(self.path)  # the row is a layout: the mnemonic needs its field
        form.addRow(path_label, where)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setObjectName("message")
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.open_button = QPushButton(tr("열기"))
        self.open_button.setVisible(False)
        self.open_button.clicked.connect(self._open)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("만들기"))
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("닫기"))
        # A paper is looked at before it is made: a wrong period is seen, not printed.
        self.preview_button = self.buttons.addButton(
            tr("미리보기…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.preview_button.setShortcut("Ctrl+Shift+V")
        self.preview_button.clicked.connect(self.preview)
        self.preview_dialog: QDialog | None = None
        # The agenda read and edited as the citizen members will read it, before printing.
        self.agenda_button = self.buttons.addButton(
            tr("안건 편집…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.agenda_button.clicked.connect(self.edit_agenda)
        self.agenda_dialog: QDialog | None = None
        self.buttons.accepted.connect(self.make)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.open_button)
        layout.addWidget(self.buttons)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def chosen(self) -> str:
        return str(self.kind.currentData())

    def _suffix(self) -> str:
        return next(suffix for key, _l, suffix, _p in KINDS if key == self.chosen())

    def _kind_changed(self) -> None:
        kind = self.chosen()
        council = kind in (COUNCIL_PDF, COUNCIL_XLSX)
        self.meeting.setEnabled(council)
        self.centre.setEnabled(council)
        self.first.setEnabled(kind in (COUNCIL_PDF, COUNCIL_XLSX, CITY))
        self.last.setEnabled(kind in (COUNCIL_PDF, COUNCIL_XLSX, CITY))
        self.day.setEnabled(kind == HANDOFF_DAY)
        self.reason.setPlaceholderText(
            tr("예: 11월 20일 결과 행복e음 입력 (접속기록에 남습니다)")
            if kind in (HANDOFF_CASE, HANDOFF_DAY)
            else tr("예: 11월 정기회의 자료 (접속기록에 남습니다)")
        )
        self.reveal.setVisible(kind in (CITY, CASES))
        self.office.setEnabled(kind == VISITS)
        self.list_day.setEnabled(kind in LISTS_OUT)
        ahead = {VISITS: 6, CALLS: 1}.get(kind)
        if ahead is not None:  # the coming week's visits; tomorrow's calls
            day = self._service.today() + timedelta(days=ahead)
            self.list_day.setDate(QDate(day.year, day.month, day.day))
            self.list_day_label.setText(
                tr("이날까지 방문(&Y)") if kind == VISITS else tr("통화할 날(&Y)")
            )
        # Only the rows the chosen paper asks for are shown.
        for field in (
            self.first, self.last, self.meeting, self.day, self.centre, self.office, self.list_day
        ):  # fmt: skip
            self._form.setRowVisible(field, field.isEnabled())
        self.preview_button.setEnabled(kind in (COUNCIL_PDF, CARD))
        self.agenda_button.setVisible(council)
        self.agenda_button.setEnabled(council and self._service.can(Permission.EDIT))
        self.preview_button.setToolTip(
            tr("종이로 나가는 자료(PDF)를 만들기 전에 봅니다")
            if kind in (COUNCIL_PDF, CARD)
            else tr("엑셀 파일은 만든 뒤 열어 봅니다")
        )
        folder = Path(
            QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
            or Path.home()
        )
        names = {
            COUNCIL_PDF: "협의체자료",
            COUNCIL_XLSX: "협의체자료",
            CITY: "시구보고",
            CASES: "사례목록",
            CARD: f"사례카드-{self._case_id}",
            VISITS: "우체국방문명단",
            CALLS: "AI통화명단",
            HANDOFF_CASE: f"행복e음입력표-사례{self._case_id}",
            HANDOFF_DAY: "행복e음입력표",
        }
        current = Path(self.path.text()) if self.path.text() else folder / "x"
        self.path.setText(
            str(current.parent / f"{names[kind]}-{self._service.today()}{self._suffix()}")
        )

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, tr("저장할 파일"), self.path.text(), f"*{self._suffix()}"
        )
        if chosen:
            self.path.setText(
                chosen if chosen.endswith(self._suffix()) else chosen + self._suffix()
            )

    def make(self) -> None:
        reason = self.reason.text().strip()
        if len(reason) < 2:
            self.message.setText(tr("출력하거나 내려받는 이유를 적어 주십시오."))
            self.reason.setFocus()
            return
        path = Path(self.path.text())
        if not path.parent.is_dir():
            self.message.setText(tr("저장할 폴더가 없습니다: {0}").format(path.parent))
            return
        try:
            period = Period(day_of(self.first), day_of(self.last))
        except ReportError as exc:
            self.message.setText(str(exc))
            return
        kind, service, case_id = self.chosen(), self._service, self._case_id
        meeting, centre, reveal, day = (
            day_of(self.meeting),
            str(self.centre.currentData()),
            self.reveal.isChecked(),
            day_of(self.day),
        )
        office, list_day = self.office.currentData(), day_of(self.list_day)

        def work(_control: object) -> str:
            if kind in (COUNCIL_PDF, COUNCIL_XLSX):
                return service.council(
                    period, path, reason=reason, meeting_on=meeting, centre=centre
                )
            if kind == CITY:
                return service.city(period, path, reason=reason, reveal=reveal)
            if kind == CASES:
                return service.cases(path, reason=reason, reveal=reveal)
            if kind == VISITS:
                return service.visits(path, reason=reason, office=office, until=list_day)
            if kind == CALLS:
                return service.calls(path, reason=reason, on=list_day)
            if kind == HANDOFF_DAY:
                return service.handoff(path, reason=reason, day=day)
            assert case_id is not None
            if kind == HANDOFF_CASE:
                return service.handoff(path, reason=reason, case_id=case_id)
            return service.case_card(case_id, path, reason=reason)

        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.message.setText(tr("만드는 중…"))
        run_task(work, lambda text: self._made(path, text), self._failed, owner=self)

    def preview(self) -> None:
        """The paper's pages in a window (made in memory, the look logged); 이대로 만들기
        goes on to make the file."""
        kind, service, case_id = self.chosen(), self._service, self._case_id
        reason = self.reason.text().strip()
        if kind == CARD and len(reason) < 2:
            self.message.setText(tr("개인정보가 담긴 카드입니다. 먼저 이유를 적어 주십시오."))
            self.reason.setFocus()
            return
        try:
            period = Period(day_of(self.first), day_of(self.last))
        except ReportError as exc:
            self.message.setText(str(exc))
            return
        meeting, centre = day_of(self.meeting), str(self.centre.currentData())

        def work(_control: object) -> list[PageImage]:
            if kind == COUNCIL_PDF:
                pdf = service.preview_council(period, meeting_on=meeting, centre=centre)
            else:
                assert case_id is not None
                pdf = service.preview_case_card(case_id, reason=reason)
            return page_images(pdf)

        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.message.setText(tr("미리보기를 만드는 중…"))
        run_task(work, self._previewed, self._failed, owner=self)

    def edit_agenda(self) -> None:
        meeting, centre, service = (
            day_of(self.meeting),
            str(self.centre.currentData()),
            self._service,
        )

        def shown(drafts: object) -> None:
            dialog = AgendaDialog(service, meeting, centre, list(drafts), self)  # type: ignore[call-overload]
            self.agenda_dialog = dialog
            dialog.accepted.connect(lambda: self.message.setText(tr("안건을 저장했습니다.")))
            dialog.open()

        run_task(lambda _c: service.agenda(meeting, centre), shown, self._failed, owner=self)

    def _previewed(self, pages: list[PageImage]) -> None:
        self.progress.setVisible(False)
        self.message.setText("")
        dialog = PreviewDialog(self.kind.currentText(), pages, self)
        self.preview_dialog = dialog
        dialog.accepted.connect(self.make)
        dialog.open()

    def _made(self, path: Path, text: str) -> None:
        self.result_path = path
        self.progress.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.message.setText(tr("만들었습니다: {0} ({1})").format(path.name, text))
        self.open_button.setVisible(True)

    def _failed(self, exc: BaseException, _details: str) -> None:
        self.progress.setVisible(False)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.message.setText(failure_message(tr("만들지 못했습니다"), exc))

    def _open(self) -> None:
        if self.result_path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result_path)))
