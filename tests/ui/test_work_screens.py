"""The client's import, quarantine, reports and settings screens, driven as a person would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import Role
from db.models import Alert, CommunityCentre, StaffUser
from desktop.context import AppContext
from desktop.intake.service import ImportService
from desktop.settings import IDLE_LOCK_MINUTES, LANGUAGE, MachineSettings
from tests.helpers.intake import disk_full_for
from tests.helpers.linking import call
from ui.app import open_window
from ui.main_window import MainWindow


def _window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    window = open_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.loading_label.text() == "", timeout=10_000)
    return window


def _calls(folder: Path, rows: list[dict[str, str]], name: str = "calls.jsonl") -> Path:
    path = folder / name
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def test_a_dropped_folder_is_imported_with_a_summary_and_bad_records_can_be_fixed(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    drop = tmp_path / "drop"
    drop.mkdir()
    _calls(
        drop,
        [
            call("C-1", "이순자", "010-2222-3333"),
            {**call("C-2", "김철수", "010-4444-5555"), "통화일시": "어제쯤"},
        ],
    )
    (drop / "안내문.pdf").write_bytes(b"%PDF-1.4 not a channel file")  # .txt is one (v2)
    window = _window(ctx, qtbot)
    dialog = window.import_paths([drop])
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20_000)
    outcomes = dialog.outcomes
    assert [o.path.name for o in outcomes] == ["calls.jsonl"]  # the folder's channel files
    assert "신규 1" in dialog.summary.toPlainText() and "보류 1" in dialog.summary.toPlainText()
    assert dialog.quarantine_button.isVisible()
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)

    dialog.quarantine_button.click()
    quarantine = window.quarantine_dialog
    assert quarantine is not None
    qtbot.waitUntil(lambda: len(quarantine.entries) == 1, timeout=10_000)
    assert "통화일시" in quarantine.reasons.text()
    quarantine.fields["통화일시"].setText("2026-11-19 09:30")
    quarantine.resubmit_button.click()
    qtbot.waitUntil(lambda: "다시 등록했습니다" in quarantine.status.text(), timeout=10_000)
    qtbot.waitUntil(lambda: quarantine.entries == [], timeout=10_000)
    with ctx.session() as session:
        assert session.scalar(select(Alert.id).where(Alert.source_id == "C-2")) is not None


def test_a_file_the_database_stopped_taking_is_told_in_korean_and_the_rest_imports(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    disk_full_for(monkeypatch, "a.jsonl")
    drop = tmp_path / "drop"
    drop.mkdir()
    _calls(drop, [call("C-1", "이순자", "010-2222-3333")], "a.jsonl")
    _calls(drop, [call("C-2", "김철수", "010-4444-5555")], "b.jsonl")
    window = _window(ctx, qtbot)
    dialog = window.import_paths([drop])
    assert dialog is not None
    qtbot.waitUntil(lambda: bool(dialog.outcomes), timeout=20_000)
    assert dialog.label.text() == "1개 파일을 가져왔습니다 · 가져오지 못한 파일 1개"
    summary = dialog.summary.toPlainText()
    assert "멈춤: a.jsonl: 데이터베이스 서버의 저장 공간(디스크)이 가득 찼습니다" in summary
    assert "저장된 기록은 없습니다. 원인을 해결한 뒤 같은 파일을 다시 가져오십시오" in summary
    assert "INSERT" not in summary and "Traceback" not in summary
    assert "b.jsonl (AI 초기상담, jsonl): 읽음 1, 신규 1" in summary


def test_an_unexpected_failure_shows_a_sentence_and_keeps_the_details_behind_a_button(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("뜻밖의 문제")

    monkeypatch.setattr(ImportService, "import_files", broken)
    drop = tmp_path / "drop"
    drop.mkdir()
    _calls(drop, [call("C-1", "이순자", "010-2222-3333")])
    window = _window(ctx, qtbot)
    dialog = window.import_paths([drop])
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.label.text() == "가져오지 못했습니다", timeout=20_000)
    assert "Traceback" not in dialog.summary.toPlainText()
    assert "다시 가져오면 나머지를" in dialog.summary.toPlainText()
    box = dialog.findChild(QMessageBox, "error_message")
    assert box is not None and box.text().startswith("가져오지 못했습니다: 예기치 못한 문제")
    assert "뜻밖의 문제" not in box.text()  # Python's text never inside the Korean sentence
    assert "Traceback" in box.detailedText()  # for whoever supports the program, on request
    assert "뜻밖의 문제" in box.detailedText()


def test_the_reports_menu_makes_a_council_packet_after_asking_why(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    with ctx.sessions.begin() as session:
        session.add(
            CommunityCentre(code="2635051000", sido="부산광역시", gu="해운대구", dong="좌1동")
        )
    window = _window(ctx, qtbot)
    dialog = window.open_reports("council_pdf")
    assert dialog is not None
    target = tmp_path / "협의체.pdf"
    dialog.path.setText(str(target))
    dialog.make()
    assert "이유" in dialog.message.text() and not target.exists()
    dialog.reason.setText("11월 정기회의")
    dialog.make()
    qtbot.waitUntil(lambda: dialog.progress.isHidden(), timeout=20_000)
    assert dialog.result_path == target, dialog.message.text()
    assert target.exists() and dialog.open_button.isVisible()

    dialog.kind.setCurrentIndex(dialog.kind.findData("cases"))
    sheet = tmp_path / "cases.xlsx"
    dialog.path.setText(str(sheet))
    dialog.make()
    qtbot.waitUntil(lambda: dialog.result_path == sheet, timeout=20_000)
    assert load_workbook(sheet).sheetnames == ["사례 목록"]


def test_settings_are_saved_and_an_admin_adds_an_account(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from desktop.office.service import AdminService
    from ui.settings_dialog import SettingsDialog

    settings = MachineSettings()
    dialog = SettingsDialog(AdminService(ctx), settings, None)
    qtbot.addWidget(dialog)
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.idle.setValue(5)
    dialog.database.setText("postgresql://anbu:secret@db.local:5432/anbu")
    dialog.save()
    assert "비밀번호" in dialog.message.text()  # never into the settings file
    dialog.database.setText("postgresql://anbu@db.local:5432/anbu")
    dialog.db_password.setText("secret")
    dialog.save()
    assert dialog.message.text() == "저장했습니다."
    assert settings.get(LANGUAGE) == "en" and settings.get(IDLE_LOCK_MINUTES) == 5
    assert "secret" not in settings.path.read_text(encoding="utf-8")
    from desktop.config import resolve_database_url

    assert resolve_database_url(None).password == "secret"  # from the keyring
    qtbot.waitUntil(lambda: dialog.accounts_model.rowCount() == 1, timeout=10_000)
    dialog.new_username.setText("kim")
    dialog.new_role.setCurrentIndex(dialog.new_role.findData(Role.ADMIN.value))
    dialog.new_password.setText("kim-pass-12")
    dialog.findChild(object, "add_account").click()
    qtbot.waitUntil(lambda: dialog.accounts_model.rowCount() == 2, timeout=10_000)
    with ctx.session() as session:
        assert (
            session.scalar(select(StaffUser.role).where(StaffUser.username == "kim")) is Role.ADMIN
        )


def test_filters_and_columns(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    from tests.helpers.linking import import_records, report

    import_records(ctx, tmp_path, [call("C-1", "이순자", "010-2222-3333")])
    import_records(ctx, tmp_path, [report("R-1", 주소="부산광역시 해운대구 좌동로 10")])
    window = _window(ctx, qtbot)
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    window.filters.channel_filter.setCurrentIndex(
        window.filters.channel_filter.findText("AI 초기상담")
    )
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    window.filters.channel_filter.setCurrentIndex(0)
    window.filters.assigned_filter.setCurrentIndex(1)  # my cases: none are mine yet
    qtbot.waitUntil(lambda: window.model.rowCount() == 0, timeout=10_000)
    window.filters.assigned_filter.setCurrentIndex(2)  # unassigned
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    header = window.table.horizontalHeader()
    window.column_actions[4].setChecked(False)
    assert header.isSectionHidden(4)
    assert not window.column_actions[0].isEnabled()  # the case number always shows
    assert window.menu_actions["import"].shortcut().toString() == "Ctrl+O"
    assert window.menu_actions["council"].shortcut().toString() == "Ctrl+P"


def test_a_held_record_shows_every_problem_at_once_marks_its_fields_and_masks_its_names(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QComboBox, QLineEdit

    from db.models import AccessLog
    from tests.helpers.linking import import_records, report

    bad = report("R-9", 신고일시="어제쯤", 대상자명="박순례", 신고자구분="이웃", 주소="") | {
        "위기유형": ""
    }
    import_records(ctx, tmp_path, [bad])  # no date, no crisis type, no address nor point
    window = _window(ctx, qtbot)
    quarantine = window.open_quarantine()
    assert quarantine is not None
    qtbot.waitUntil(lambda: len(quarantine.entries) == 1, timeout=10_000)
    reasons = quarantine.reasons.text()
    for told in ("신고일시", "위기유형", "주소나 좌표 중 하나는"):
        assert told in reasons  # one round, not three
    assert "reported_at" not in reasons and "crisis_types" not in reasons
    date_field = quarantine.fields["신고일시"]
    assert "b00020" in date_field.styleSheet() and "신고일시" in date_field.toolTip()
    assert quarantine.fields["대상자명"].styleSheet() == ""  # nothing wrong with it
    kind = quarantine.fields["신고자구분"]
    assert isinstance(kind, QComboBox) and kind.findText("이웃") >= 0
    name = quarantine.fields["대상자명"]
    assert isinstance(name, QLineEdit) and name.text() == "박○○" and name.isReadOnly()
    with ctx.session() as session:
        before = session.query(AccessLog).count()
    quarantine.reveal_button.click()
    assert quarantine.fields["대상자명"].text() == "박순례"
    with ctx.session() as session:
        assert session.query(AccessLog).count() == before + 1  # the reveal is logged
    quarantine.fields["신고일시"].setText("2026-11-19 09:30")  # type: ignore[union-attr]
    crisis = quarantine.fields["위기유형"]
    assert isinstance(crisis, QComboBox)
    crisis.setCurrentText("고립")
    quarantine.fields["주소"].setText("해운대구 좌동로 10")  # type: ignore[union-attr]
    quarantine.resubmit_button.click()
    qtbot.waitUntil(lambda: "다시 등록했습니다" in quarantine.status.text(), timeout=10_000)


def test_settings_say_which_database_is_open_and_every_mnemonic_has_its_field(
    ctx: AppContext, qtbot: QtBot
) -> None:
    from PySide6.QtWidgets import QLabel

    from desktop.office.service import AdminService
    from ui.reports_dialog import ReportsDialog
    from ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(AdminService(ctx), MachineSettings(), None)
    qtbot.addWidget(dialog)
    assert dialog.database.text() == ""  # nothing saved: the client runs on --db
    url = ctx.engine.url
    shown = dialog.database_in_use.text()
    assert shown and (url.database or "") in shown and "secret" not in shown
    window = _window(ctx, qtbot)
    from ui.reports_dialog import COUNCIL_PDF

    reports = window.open_reports(COUNCIL_PDF)
    assert isinstance(reports, ReportsDialog)
    for screen in (dialog, reports):
        for label in screen.findChildren(QLabel):
            if "(&" in label.text():
                assert label.buddy() is not None, label.text()  # else the & shows literally


def test_a_paper_is_previewed_page_by_page_before_any_file_is_made(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from db.models import AccessLog
    from ui.preview import PreviewDialog

    with ctx.sessions.begin() as session:
        session.add(
            CommunityCentre(code="2635051000", sido="부산광역시", gu="해운대구", dong="좌1동")
        )
    window = _window(ctx, qtbot)
    dialog = window.open_reports("council_pdf")
    assert dialog is not None and dialog.preview_button.isEnabled()
    target = tmp_path / "협의체.pdf"
    dialog.path.setText(str(target))
    dialog.reason.setText("11월 정기회의")
    dialog.preview_button.click()
    qtbot.waitUntil(lambda: dialog.preview_dialog is not None, timeout=20_000)
    preview = dialog.preview_dialog
    assert isinstance(preview, PreviewDialog) and len(preview.pages) >= 1
    pixmap = preview.pages[0].pixmap()
    assert pixmap.width() > 500 and pixmap.height() > pixmap.width()  # an A4 page, upright
    assert not target.exists()  # only looked at
    with ctx.session() as session:
        details = [row.detail for row in session.scalars(select(AccessLog))]
    assert "협의체 자료 미리보기" in details
    preview.buttons.button(preview.buttons.StandardButton.Ok).click()  # 이대로 만들기
    qtbot.waitUntil(lambda: dialog.result_path == target, timeout=20_000)
    assert target.exists()
    dialog.kind.setCurrentIndex(dialog.kind.findData("cases"))
    assert not dialog.preview_button.isEnabled()  # a workbook is opened once made


def test_a_monthly_paper_defaults_to_the_last_full_month_and_the_next_meeting(
    ctx: AppContext, qtbot: QtBot
) -> None:
    from datetime import date, timedelta

    from desktop.casework.actions import create_meeting
    from desktop.reporting.period import last_full_month
    from ui.case_edit import day_of

    assert last_full_month(date(2026, 12, 2)) == last_full_month(date(2026, 12, 31))
    november = last_full_month(date(2026, 12, 2))
    assert (november.first, november.last) == (date(2026, 11, 1), date(2026, 11, 30))
    january = last_full_month(date(2027, 1, 5))
    assert (january.first, january.last) == (date(2026, 12, 1), date(2026, 12, 31))
    with ctx.sessions.begin() as session:
        centre = CommunityCentre(code="2635051000", sido="부산광역시", gu="해운대구", dong="좌1동")
        session.add(centre)
        session.flush()
        centre_id = centre.id
    window = _window(ctx, qtbot)
    from desktop.reporting import ReportService

    today = ReportService(ctx).today()
    create_meeting(ctx, centre_id, today + timedelta(days=9), "12월 정기회의")
    create_meeting(ctx, centre_id, today + timedelta(days=40), "1월 정기회의")
    dialog = window.open_reports("council_pdf")
    assert dialog is not None
    expected = last_full_month(today)
    assert (day_of(dialog.first), day_of(dialog.last)) == (expected.first, expected.last)
    assert day_of(dialog.meeting) == today + timedelta(days=9)


def test_the_agenda_is_edited_before_printing_and_sensitive_details_need_a_mark(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    from datetime import timedelta

    from desktop.casework.actions import flag_for_council
    from desktop.reporting import Period, ReportService
    from desktop.reporting.council import council_packet
    from tests.helpers.linking import alert, import_records, report
    from ui.agenda_dialog import AgendaDialog
    from ui.case_edit import day_of

    with ctx.sessions.begin() as session:
        centre = CommunityCentre(code="2635051000", sido="부산광역시", gu="해운대구", dong="좌1동")
        session.add(centre)
        session.flush()
        centre_id = centre.id
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="정하나", 주소="해운대구 좌동로 30", 위기유형="자살위험, 경제")],
    )
    case_id = alert(ctx, "R-1").case_id
    assert case_id is not None
    with ctx.sessions.begin() as session:
        from db.models import Case

        held = session.get(Case, case_id)
        assert held is not None
        held.centre_id = centre_id  # the test's one centre holds it
    flag_for_council(ctx, case_id, expected_version=None)
    window = _window(ctx, qtbot)
    dialog = window.open_reports("council_pdf")
    assert dialog is not None and dialog.agenda_button.isVisible()
    dialog.agenda_button.click()
    qtbot.waitUntil(lambda: dialog.agenda_dialog is not None, timeout=10_000)
    agenda = dialog.agenda_dialog
    assert isinstance(agenda, AgendaDialog) and len(agenda.rows) == 1
    situation, ask, share = agenda.rows[0]
    assert "자살위험" not in situation.text() and "민감 정보" in situation.text()
    assert share.isEnabled() and not share.isChecked()
    situation.setText("우울증으로 외출을 하지 않는 1인 가구. 식사가 걱정됨.")
    ask.setText("반찬 나눔 봉사자 연결 여부")
    with qtbot.waitSignal(agenda.accepted, timeout=10_000):
        agenda.buttons.button(agenda.buttons.StandardButton.Save).click()
    meeting = day_of(dialog.meeting)
    service = ReportService(ctx)
    period = Period(meeting - timedelta(days=40), meeting)
    [item] = council_packet(ctx, period, meeting_on=meeting, centre="2635051000").agenda
    assert "우울증" not in item.situation and "민감 정보 — 담당자가 회의에서 설명" in item.situation
    assert item.question == "반찬 나눔 봉사자 연결 여부"
    # Marked as needed: printed as written.
    [draft] = service.agenda(meeting, "2635051000")
    draft.share_sensitive = True
    service.save_agenda(meeting, "2635051000", [draft])
    [item] = council_packet(ctx, period, meeting_on=meeting, centre="2635051000").agenda
    assert item.situation.startswith("우울증으로")
