"""The client's 행복e음 hand-off, as a worker uses it: Today lists the results waiting, the
case pane takes the 처리번호 and makes the case's sheet (the reason asked first), the
reports form makes a day's, the filled-in sheet comes back from the File menu, and 비해당
is closed with one of the reasons staff use."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import AccessAction, CaseStatus, ClosureReason
from db.models import AccessLog, Case
from desktop.context import AppContext
from tests.helpers.handoff import results_office, sign_in
from ui.app import open_window
from ui.case_detail import CaseDetailPane
from ui.case_edit import HaengbokForm, StatusForm
from ui.main_window import MainWindow
from ui.reports_dialog import HANDOFF_CASE, HANDOFF_DAY


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    ids = results_office(ctx, tmp_path)
    sign_in(ctx, "kim")
    return ids


def _window(ctx: AppContext, qtbot: QtBot) -> MainWindow:
    window = open_window(ctx)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    today = window.today
    assert today is not None
    qtbot.waitUntil(lambda: today.handoff.rowCount() > 0, timeout=10_000)
    return window


def _when_form_opens(pane: CaseDetailPane, fill: Callable[[QDialog], None]) -> None:
    def act() -> None:
        assert pane.form is not None
        fill(pane.form)
        pane.form.buttons.button(pane.form.buttons.StandardButton.Ok).click()  # type: ignore[attr-defined]

    QTimer.singleShot(0, act)


def _number(ctx: AppContext, case_id: int) -> str | None:
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.haengbok_eum_no


def test_a_worker_enters_the_number_from_the_pane_and_today_lets_the_case_go(
    ctx: AppContext, office: dict[str, int], qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(ctx, qtbot)
    today, pane = window.today, window.detail_pane
    assert today is not None and pane is not None
    waiting = [row[0] for row in today.handoff.rows]
    assert waiting == sorted([office["support"], office["vacant"], office["regular"]])
    assert today.handoff_label.text().startswith("행복e음 입력 대기 3건")
    row = waiting.index(office["vacant"])
    assert today.handoff.rows[row][1:] == ("박○○", "비해당 — 소재 파악 필요 (빈집)", "김지은")
    # Enter on the row opens the case.
    view = today.handoff_table
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        view.activated.emit(today.handoff.index(row, 0))
    assert pane.title.text().startswith(f"사례 {office['vacant']}번")
    assert pane.fields["status"].text() == "비해당 — 소재 파악 필요 (빈집)"
    assert pane.fields["haengbok"].text().startswith("입력 대기")
    assert pane.edit_buttons["haengbok"].isEnabled() and pane.edit_buttons["handoff"].isEnabled()

    def fill(form: QDialog) -> None:
        assert isinstance(form, HaengbokForm)
        form.number.setText("12 34")  # not a 처리번호: said, and the form stays
        form.buttons.button(form.buttons.StandardButton.Ok).click()
        assert form.isVisible() and "알아볼 수 없습니다" in form.message.text()
        form.number.setText("2026-0000123")

    _when_form_opens(pane, fill)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["haengbok"].click()
    assert _number(ctx, office["vacant"]) == "2026-0000123"
    qtbot.waitUntil(
        lambda: pane.fields["haengbok"].text() == "처리번호 2026-0000123", timeout=10_000
    )
    qtbot.waitUntil(lambda: today.handoff.rowCount() == 2, timeout=10_000)
    assert office["vacant"] not in [r[0] for r in today.handoff.rows]


def test_the_pane_makes_its_case_s_sheet_after_asking_why(
    ctx: AppContext, office: dict[str, int], qtbot: QtBot, tmp_path: Path
) -> None:
    window = _window(ctx, qtbot)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.show_case(office["support"])
    pane.edit_buttons["handoff"].click()
    dialog = window.reports_dialog
    assert dialog is not None and dialog.chosen() == HANDOFF_CASE
    assert not dialog.day.isEnabled() and not dialog.reveal.isVisible()
    target = tmp_path / "사례.xlsx"
    dialog.path.setText(str(target))
    dialog.make()
    assert "이유" in dialog.message.text() and not target.exists()
    dialog.reason.setText("행복e음 결과 입력")
    dialog.make()
    qtbot.waitUntil(lambda: dialog.result_path == target, timeout=20_000)
    sheet = load_workbook(target)["행복e음 입력"]
    assert sheet.cell(7, 1).value == office["support"] and sheet.cell(7, 2).value == "김민준"
    with ctx.session() as session:
        # the file's own row (the pane, reloading meanwhile, may log a 조회 after it)
        row = session.scalars(
            select(AccessLog)
            .where(AccessLog.action == AccessAction.DOWNLOAD)
            .order_by(AccessLog.id.desc())
        ).first()
    assert row is not None and row.action is AccessAction.DOWNLOAD
    assert (row.subject, row.reason, row.username) == (
        f"case:{office['support']}",
        "행복e음 결과 입력",
        "kim",
    )
    # A day's sheet from the reports form: the day asked, the results of that day.
    dialog.kind.setCurrentIndex(dialog.kind.findData(HANDOFF_DAY))
    assert dialog.day.isEnabled()
    day_sheet = tmp_path / "하루.xlsx"
    dialog.path.setText(str(day_sheet))
    dialog.make()
    qtbot.waitUntil(lambda: dialog.result_path == day_sheet, timeout=20_000)
    assert "3건" in dialog.message.text()
    # Filled in and brought back from the File menu.
    book = load_workbook(day_sheet)
    filled = book["행복e음 입력"]
    for row_number in range(7, 10):
        if filled.cell(row_number, 1).value == office["regular"]:
            filled.cell(row_number, 17).value = "2026-0000777"
    book.save(day_sheet)
    window.import_handoff(day_sheet)
    qtbot.waitUntil(lambda: window.handoff_message is not None, timeout=10_000)
    assert window.handoff_message is not None
    assert "처리번호 1건 기록" in window.handoff_message.text()
    assert _number(ctx, office["regular"]) == "2026-0000777"


def test_a_reader_is_offered_no_hand_off_and_no_number(
    ctx: AppContext, office: dict[str, int], qtbot: QtBot
) -> None:
    sign_in(ctx, "read")
    window = open_window(ctx)
    qtbot.addWidget(window)
    window.show()
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.show_case(office["vacant"])
    assert pane.fields["haengbok"].text().startswith("입력 대기")
    assert not pane.edit_buttons["haengbok"].isEnabled()
    assert not pane.edit_buttons["handoff"].isEnabled()
    assert not window.menu_actions["handoff"].isEnabled()
    assert not window.menu_actions["import_handoff"].isEnabled()
    dialog = window.open_reports("council_pdf")
    assert dialog is not None
    kinds = [dialog.kind.itemData(i) for i in range(dialog.kind.count())]
    assert HANDOFF_CASE not in kinds and HANDOFF_DAY not in kinds


def test_not_applicable_is_closed_with_one_of_the_reasons_staff_use(
    ctx: AppContext, office: dict[str, int], qtbot: QtBot
) -> None:
    window = _window(ctx, qtbot)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.show_case(office["open"])
    offered: list[object] = []

    def fill(form: QDialog) -> None:
        assert isinstance(form, StatusForm)
        form.target.setCurrentIndex(form.target.findData(CaseStatus.NOT_APPLICABLE))
        offered.extend(form.closure.itemData(i) for i in range(form.closure.count()))
        assert form.closure_label.text() == "비해당 사유(&C)"
        form.reason.setText("주소지에 다른 사람이 삶")
        form.buttons.button(form.buttons.StandardButton.Ok).click()
        assert form.isVisible() and "비해당 사유를 고르십시오" in form.message.text()
        form.closure.setCurrentIndex(form.closure.findData(ClosureReason.INFO_MISMATCH))

    _when_form_opens(pane, fill)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["status"].click()
    assert offered == [
        None,
        ClosureReason.NO_NEED,
        ClosureReason.REGULAR_CARE,
        ClosureReason.UNREACHABLE,
        ClosureReason.VACANT,
        ClosureReason.INFO_MISMATCH,
    ]
    with ctx.session() as session:
        case = session.get(Case, office["open"])
        assert case is not None and case.status is CaseStatus.NOT_APPLICABLE
        assert case.closure_reason is ClosureReason.INFO_MISMATCH
    today = window.today
    assert today is not None
    qtbot.waitUntil(lambda: today.handoff.rowCount() == 4, timeout=10_000)  # it waits now
