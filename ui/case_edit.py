"""The small forms the case pane opens to change a case. Each only collects what the person
chose; the pane sends it to ``CaseworkService`` off the UI thread."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from PySide6.QtCore import QDate, QDateTime, QTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from db.enums import (
    CaseStatus,
    ClosureReason,
    CounsellingMethod,
    RiskLevel,
)
from desktop.casework.actions import ATTEMPTS, NEED_AREAS, OUTCOMES, Counselling
from desktop.casework.haengbok import NUMBER_MAX, HaengbokError, normalise_number
from desktop.casework.service import Choice
from desktop.casework.workflow import PATH, closure_reasons
from desktop.intake.channels import DELIVERED_ITEMS, TARGET_GROUPS
from desktop.outreach.visits import Programme
from desktop.timeutil import KST
from ui.i18n import N_, tr

NEED_LEVELS = ("", N_("낮음"), N_("중간"), N_("높음"))
# The contact outcomes of desktop.casework.actions, for translation.
_OUTCOME_WORDS = (
    N_("상담함"),
    N_("부재 (방문했으나 만나지 못함)"),
    N_("미접촉 (연락이 닿지 않음)"),
    N_("상담 거부"),
)


def day_edit(day: date) -> QDateEdit:
    """A date field with a calendar pop-up, written the way the rest of the program is."""
    edit = QDateEdit(QDate(day.year, day.month, day.day))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


def day_of(edit: QDateEdit) -> date:
    value = edit.date()
    return date(value.year(), value.month(), value.day())


class ReasonEdit(QPlainTextEdit):
    """A reason of a few lines (Tab moves on), read and written like a line edit."""

    def __init__(self, placeholder: str = "") -> None:
        super().__init__()
        self.setTabChangesFocus(True)
        self.setPlaceholderText(placeholder)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

    def text(self) -> str:
        return self.toPlainText()

    def setText(self, text: str) -> None:
        self.setPlainText(text)


class Form(QDialog):
    """A small form: the case it acts on, fields, a line saying what is missing, and OK
    (``ok``) / 취소."""

    def __init__(
        self,
        title: str,
        parent: QWidget | None,
        *,
        ok: str = N_("저장"),
        subject: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        # Which case this changes, said first: two panes look alike.
        self.subject = QLabel(subject or "")
        self.subject.setStyleSheet("font-weight: bold")
        self.subject.setWordWrap(True)
        self.subject.setVisible(bool(subject))
        self.form = QFormLayout()
        self.message = QLabel("")
        self.message.setStyleSheet("color: #b00020")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr(ok))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("취소"))
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.subject)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

    def problem(self) -> str | None:
        """What is missing, in words; None when the form can be saved."""
        return None

    def _check(self) -> None:
        problem = self.problem()
        if problem:
            self.message.setText(problem)
            return
        self.accept()


class ReasonForm(Form):
    """Only a reason, for an action that needs one (펼쳐 보기, …)."""

    def __init__(
        self, title: str, ask: str, parent: QWidget | None, *, subject: str | None = None
    ) -> None:
        super().__init__(title, parent, ok=N_("확인"), subject=subject)
        question = QLabel(ask)
        question.setWordWrap(True)
        self.reason = ReasonEdit(tr("예: 방문 전 연락처 확인"))
        self.form.addRow(question)
        self.form.addRow(tr("이유(&R)"), self.reason)

    def problem(self) -> str | None:
        return None if self.reason.text().strip() else tr("이유를 적어 주십시오.")


class StatusForm(Form):
    def __init__(
        self,
        choices: list[CaseStatus],
        needs_reason: set[CaseStatus],
        parent: QWidget | None,
        *,
        current: CaseStatus | None = None,
        subject: str | None = None,
    ) -> None:
        super().__init__(tr("상태 변경"), parent, subject=subject)
        self._needs_reason = needs_reason
        self.target = QComboBox()
        for status in choices:
            self.target.addItem(tr(status.label), status)
        # The next step forward is offered first, never a move back.
        forward = [
            s
            for s in choices
            if current in PATH and s in PATH and PATH.index(s) > PATH.index(current)
        ]
        if forward:
            self.target.setCurrentIndex(self.target.findData(forward[0]))
        # 종결 and 비해당 each offer their own reasons (비해당: 지원 불필요, 정기 관리,
        # 소재 파악 필요 …); none is chosen for the person, so the figures say what happened.
        self.closure = QComboBox()
        self.closure_label = QLabel(tr("종결 사유(&C)"))
        self.closure_label.setBuddy(self.closure)
        self.reason = ReasonEdit(tr("종결·재개·되돌리기에는 이유를 적습니다"))
        self.form.addRow(tr("바꿀 상태(&S)"), self.target)
        self.form.addRow(self.closure_label, self.closure)
        self.form.addRow(tr("이유(&R)"), self.reason)
        self.target.currentIndexChanged.connect(self._closure_shown)
        self._closure_shown()

    def _closure_shown(self) -> None:
        target = self.chosen()
        offered = closure_reasons(target)
        self.closure.clear()
        self.closure.setEnabled(bool(offered))
        self.closure_label.setText(
            tr("비해당 사유(&C)") if target is CaseStatus.NOT_APPLICABLE else tr("종결 사유(&C)")
        )
        if offered:
            self.closure.addItem(tr("(사유를 고르십시오)"), None)
            for reason in offered:
                self.closure.addItem(tr(reason.label), reason)

    def chosen(self) -> CaseStatus:
        return CaseStatus(self.target.currentData())  # Qt hands enums back as plain text

    def closure_reason(self) -> ClosureReason | None:
        value = self.closure.currentData()
        if not closure_reasons(self.chosen()) or value is None:
            return None
        return ClosureReason(value)

    def problem(self) -> str | None:
        if closure_reasons(self.chosen()) and self.closure_reason() is None:
            if self.chosen() is CaseStatus.NOT_APPLICABLE:
                return tr("비해당 사유를 고르십시오.")
            return tr("종결 사유를 고르십시오.")
        if self.chosen() in self._needs_reason and not self.reason.text().strip():
            return tr("이 변경에는 이유를 적어 주십시오.")
        return None


class RiskForm(Form):
    def __init__(
        self, current: RiskLevel, parent: QWidget | None, *, subject: str | None = None
    ) -> None:
        super().__init__(tr("위험도 지정"), parent, subject=subject)
        self.level = QComboBox()
        for level in RiskLevel:
            self.level.addItem(tr(level.label), level)
            if level is current:
                self.level.setCurrentIndex(self.level.count() - 1)
        self.reason = ReasonEdit()
        self.form.addRow(tr("위험도(&L)"), self.level)
        self.form.addRow(tr("이유(&R)"), self.reason)
        self.form.addRow(
            QLabel(
                tr("직접 정한 위험도는 자동으로 낮아지지 않습니다 (위기·긴급 신호에는 높아집니다).")
            )
        )

    def chosen(self) -> RiskLevel:
        return RiskLevel(self.level.currentData())

    def problem(self) -> str | None:
        return None if self.reason.text().strip() else tr("위험도를 바꾸는 이유를 적어 주십시오.")


class AssignForm(Form):
    def __init__(
        self, staff: list[Choice], parent: QWidget | None, *, subject: str | None = None
    ) -> None:
        super().__init__(tr("담당자 배정"), parent, subject=subject)
        self.staff = QComboBox()
        self.staff.addItem(tr("미배정"), None)
        for choice in staff:
            self.staff.addItem(choice.label, choice.id)
        self.form.addRow(tr("담당자(&A)"), self.staff)

    def chosen(self) -> int | None:
        value: int | None = self.staff.currentData()
        return value


class TransferForm(Form):
    """이관: the case goes to another centre, with a reason (kept in its history)."""

    def __init__(
        self,
        case_id: int,
        centres: list[Choice],
        parent: QWidget | None,
        *,
        subject: str | None = None,
    ) -> None:
        super().__init__(
            tr("사례 {0}번 이관").format(case_id), parent, ok=N_("이관"), subject=subject
        )
        self.centre = QComboBox()
        for choice in centres:
            self.centre.addItem(choice.label, choice.id)
        self.reason = ReasonEdit()
        self.reason.setPlaceholderText(tr("예: 주소지 확인 결과 좌2동 관할"))
        self.form.addRow(tr("받을 센터(&T)"), self.centre)
        self.form.addRow(tr("이유(&R)"), self.reason)
        self.form.addRow(
            QLabel(
                tr("기한과 기록은 그대로 넘어가고, 받는 센터의 '오늘'에 이관 받음으로 보입니다.")
            )
        )

    def problem(self) -> str | None:
        if self.centre.currentData() is None:
            return tr("받을 센터를 고르십시오.")
        if not self.reason.text().strip():
            return tr("이관 이유를 적어 주십시오.")
        return None

    def chosen(self) -> int:
        value: int = self.centre.currentData()
        return value


class CounsellingForm(Form):
    def __init__(
        self, now: datetime, parent: QWidget | None, *, subject: str | None = None
    ) -> None:
        super().__init__(tr("상담 기록"), parent, subject=subject)
        local = now.astimezone(KST)
        self.held = QDateTimeEdit(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )
        self.held.setCalendarPopup(True)
        self.held.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.method = QComboBox()
        for method in CounsellingMethod:
            self.method.addItem(tr(method.label), method)
        self.outcome = QComboBox()
        for outcome in OUTCOMES:
            self.outcome.addItem(tr(outcome), outcome)
        self.content = QPlainTextEdit()
        self.content.setTabChangesFocus(True)
        self.needs: dict[str, QComboBox] = {}
        self.form.addRow(tr("일시(&D)"), self.held)
        self.form.addRow(tr("방법(&M)"), self.method)
        self.form.addRow(tr("결과(&O)"), self.outcome)
        self.form.addRow(tr("내용(&T)"), self.content)
        for area in NEED_AREAS:
            box = QComboBox()
            for level in NEED_LEVELS:
                box.addItem(tr(level) if level else tr("해당 없음"), level)
            self.needs[area] = box
            self.form.addRow(tr("욕구: {0}").format(area), box)
        self.next_action = QLineEdit()
        self.next_date = day_edit(local.date() + timedelta(days=7))
        self.form.addRow(tr("다음 조치(&N)"), self.next_action)
        self.form.addRow(tr("다음 조치 날짜"), self.next_date)
        self._local = local
        self.outcome.currentIndexChanged.connect(self._outcome_chosen)

    def chosen_outcome(self) -> str:
        return str(self.outcome.currentData())

    def _outcome_chosen(self) -> None:
        """Nobody reached: a retry in two days is offered, and nothing else is asked."""
        attempt = self.chosen_outcome() in ATTEMPTS
        if attempt and not self.next_action.text().strip():
            visit = self.method.currentData() == CounsellingMethod.VISIT
            self.next_action.setText(tr("다시 방문") if visit else tr("다시 연락"))
            retry = self._local.date() + timedelta(days=2)
            self.next_date.setDate(QDate(retry.year, retry.month, retry.day))
        self.content.setPlaceholderText(
            tr("비워 두면 '{0}'으로 남습니다 (남긴 쪽지 등을 적어도 됩니다)").format(
                tr(self.chosen_outcome())
            )
            if attempt
            else ""
        )

    def problem(self) -> str | None:
        attempt = self.chosen_outcome() in ATTEMPTS
        if attempt and not self.next_action.text().strip():
            return tr("만나지 못했으면 다음 조치(다시 방문·연락)를 적어 주십시오.")
        if attempt or self.content.toPlainText().strip():
            return None
        return tr("상담 내용을 적어 주십시오.")

    def record(self) -> Counselling:
        held = self.held.dateTime()
        moment = datetime(
            held.date().year(),
            held.date().month(),
            held.date().day(),
            held.time().hour(),
            held.time().minute(),
            tzinfo=KST,
        )
        next_action = self.next_action.text().strip() or None
        next_at = datetime.combine(day_of(self.next_date), time(9), KST) if next_action else None
        return Counselling(
            held_at=moment,
            method=CounsellingMethod(self.method.currentData()),
            outcome=self.chosen_outcome(),
            content=self.content.toPlainText().strip(),
            needs={
                area: box.currentData() for area, box in self.needs.items() if box.currentData()
            },
            next_action=next_action,
            next_action_at=next_at,
        )


class SupportForm(Form):
    def __init__(
        self, resources: list[Choice], parent: QWidget | None, *, subject: str | None = None
    ) -> None:
        super().__init__(tr("지원 연계"), parent, subject=subject)
        self.resource = QComboBox()
        for choice in resources:
            self.resource.addItem(choice.label, choice.id)
        self.note = QLineEdit()
        self.form.addRow(tr("자원(&R)"), self.resource)
        self.form.addRow(tr("메모(&N)"), self.note)

    def problem(self) -> str | None:
        return None if self.resource.count() else tr("등록된 자원이 없습니다.")

    def chosen(self) -> int:
        value: int = self.resource.currentData()
        return value


class PeriodForm(Form):
    """Two dates: the first and the last day received (접수) to list."""

    def __init__(self, dates: tuple[date, date], parent: QWidget | None = None) -> None:
        super().__init__(tr("접수 기간 지정"), parent, ok=N_("보기"))
        self.first = day_edit(dates[0])
        self.last = day_edit(dates[1])
        self.form.addRow(tr("시작일"), self.first)
        self.form.addRow(tr("종료일"), self.last)

    def problem(self) -> str | None:
        if day_of(self.last) < day_of(self.first):
            return tr("종료일이 시작일보다 앞섭니다.")
        return None

    def dates(self) -> tuple[date, date]:
        return day_of(self.first), day_of(self.last)


class VisitsForm(Form):
    """안부 살핌 우편: the household in the postal carriers' visits, or out of them."""

    def __init__(
        self,
        current: Programme | None,
        public_care: list[str],
        offices: list[str],
        parent: QWidget | None,
        *,
        subject: str | None = None,
    ) -> None:
        super().__init__(tr("안부 살핌 우편 대상"), parent, subject=subject)
        self.leaving = False
        self.public_care = public_care
        # desktop.outreach.visits.PUBLIC_CARE_RULE, as the form says it
        self.rule = rule = QLabel(
            tr(
                "이미 공공 돌봄을 받는 가구(공공 서비스가 연계·제공 중인 가구)는 안부 살핌 우편 "
                "대상에서 제외됩니다."
            )
        )
        rule.setWordWrap(True)
        self.form.addRow(rule)
        if public_care:
            care = QLabel(
                tr("이 가구는 {0}을(를) 받고 있어 대상이 될 수 없습니다.").format(
                    ", ".join(public_care)
                )
            )
            care.setStyleSheet("color: #b00020")
            care.setWordWrap(True)
            self.form.addRow(care)
        self.group = QComboBox()
        for group in TARGET_GROUPS:
            self.group.addItem(group, group)  # the programme's own words, as the list prints them
        self.cycle = QComboBox()
        for weeks in (1, 2, 3, 4):
            self.cycle.addItem(tr("{0}주마다").format(weeks), weeks * 7)
        self.office = QComboBox()
        self.office.setEditable(True)
        self.office.addItems(offices)
        self.office.setCurrentText(offices[0] if offices else "")
        line = self.office.lineEdit()
        if line is not None:
            line.setPlaceholderText(tr("예: 해운대우체국"))
        self.items = {item: QCheckBox(item) for item in DELIVERED_ITEMS}
        self.items["종량제봉투"].setChecked(True)
        items = QHBoxLayout()
        for box in self.items.values():
            items.addWidget(box)
        self.form.addRow(tr("대상구분(&G)"), self.group)
        self.form.addRow(tr("방문 주기(&C)"), self.cycle)
        self.form.addRow(tr("우체국(&O)"), self.office)
        self.form.addRow(tr("전달물품"), items)
        if current is not None and current.active:
            self.group.setCurrentIndex(max(0, self.group.findData(current.target_group)))
            self.cycle.setCurrentIndex(max(0, self.cycle.findData(current.cycle_days)))
            self.office.setCurrentText(current.post_office or "")
            for item, box in self.items.items():
                box.setChecked(item in current.items)
            leave = self.buttons.addButton(
                tr("대상에서 빼기"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            leave.clicked.connect(self._leave)

    def _leave(self) -> None:
        self.leaving = True
        self.accept()

    def problem(self) -> str | None:
        if self.public_care:
            return tr("공공 돌봄을 받는 가구는 대상이 될 수 없습니다.")
        if not self.office.currentText().strip():
            return tr("방문할 우체국을 적어 주십시오.")
        if not self.chosen_items():
            return tr("전달물품을 하나 이상 고르십시오.")
        return None

    def chosen_items(self) -> list[str]:
        return [item for item, box in self.items.items() if box.isChecked()]

    def chosen(self) -> tuple[str, int, str, list[str]]:
        return (
            str(self.group.currentData()),
            int(self.cycle.currentData()),
            self.office.currentText().strip(),
            self.chosen_items(),
        )


class HaengbokForm(Form):
    """행복e음 처리번호: the number 행복e음 gave this result, as the worker copies it back."""

    def __init__(
        self,
        current: str | None,
        result: str,
        parent: QWidget | None,
        *,
        subject: str | None = None,
    ) -> None:
        super().__init__(tr("행복e음 처리번호"), parent, subject=subject)
        self.number = QLineEdit(current or "")
        self.number.setObjectName("haengbok_number")
        self.number.setMaxLength(NUMBER_MAX)
        self.number.setPlaceholderText(tr("예: 2026-0012345"))
        self.form.addRow(tr("조사결과"), QLabel(result))
        self.form.addRow(tr("처리번호(&N)"), self.number)
        note = QLabel(
            tr(
                "행복e음에 결과를 입력하고 받은 처리번호를 적습니다. 비우고 저장하면 "
                "지웁니다. 하루치를 한꺼번에: 보고서 → 행복e음 입력표, 파일 → 행복e음 "
                "처리번호 가져오기."
            )
        )
        note.setWordWrap(True)
        self.form.addRow(note)

    def chosen(self) -> str:
        return self.number.text().strip()

    def problem(self) -> str | None:
        if not self.chosen():
            return None
        try:
            normalise_number(self.chosen())
        except HaengbokError as exc:
            return str(exc)
        return None
