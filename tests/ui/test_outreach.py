"""The loop in the client, as a worker of a real centre: a big-data round on Today, a
household put into the carriers' visits from its pane, the lists out from the Reports menu."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import AccessAction, Role
from db.models import AccessLog, VisitPlan
from desktop.context import AppContext
from desktop.office import centres
from desktop.security import accounts
from desktop.timeutil import to_kst
from tests.helpers.linking import import_records
from ui.app import open_window
from ui.case_edit import VisitsForm
from ui.main_window import MainWindow
from ui.reports_dialog import CALLS, VISITS


def _today(ctx: AppContext) -> date:
    return to_kst(ctx.clock()).date()


def _round(today: date) -> list[dict[str, str]]:
    return [
        {
            "관리번호": f"BD-{n}",
            "발굴차수": "2026-6차",
            "통보일": (today - timedelta(days=3)).isoformat(),
            "조사기한": (today + timedelta(days=20)).isoformat(),
            "대상자명": name,
            "생년월일": "19500101",
            "연락처": phone,
            "주소": f"부산광역시 해운대구 좌동로 {n}",
            "위기정보": "건강보험료체납",
        }
        for n, name, phone in ((1, "김순례", "010-3000-0001"), (2, "박영호", ""))
    ]


def _worker_window(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> MainWindow:
    centres.add_centre(ctx, "2635051000", name="좌1동", gu="해운대구")
    accounts.add_user(ctx, "kim", "kim-pass-1", role=Role.WORKER, centre="2635051000")
    accounts.sign_in(ctx, "kim", "kim-pass-1")
    import_records(ctx, tmp_path, _round(_today(ctx)))
    window = open_window(ctx)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.model.rowCount() == 2, timeout=10_000)
    return window


def test_today_shows_the_open_round_with_what_is_left_and_the_days_to_its_deadline(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _worker_window(ctx, qtbot, tmp_path)
    assert window.today is not None
    label = window.today.rounds
    qtbot.waitUntil(label.isVisible, timeout=10_000)
    assert (
        label.text()
        == f"빅데이터 2026-6차: 2명 중 2명 남음, 조사기한 {_today(ctx) + timedelta(days=20)} (20일 남음)"
    )
    window.today.grab().save(str(tmp_path / "today-round.png"))


def test_a_household_joins_the_carriers_visits_from_its_pane_and_leaves_them(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _worker_window(ctx, qtbot, tmp_path)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(0)
    qtbot.waitUntil(lambda: pane.edit_buttons["visits"].isEnabled(), timeout=10_000)

    def fill() -> None:
        form = pane.form
        assert isinstance(form, VisitsForm)
        assert "공공 돌봄을 받는 가구" in form.rule.text()  # the rule, said
        form.group.setCurrentIndex(form.group.findData("중장년1인가구"))
        form.cycle.setCurrentIndex(form.cycle.findData(14))
        form.office.setCurrentText("")
        form.buttons.button(form.buttons.StandardButton.Ok).click()
        assert form.isVisible() and "우체국" in form.message.text()  # refused, nothing lost
        form.office.setCurrentText("해운대우체국")
        form.items["생필품"].setChecked(True)
        form.grab().save(str(tmp_path / "visits-form.png"))
        form.buttons.button(form.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["visits"].click()
    with ctx.session() as session:
        plan = session.scalars(select(VisitPlan)).one()
        assert (plan.target_group, plan.cycle_days, plan.post_office, plan.active) == (
            "중장년1인가구",
            14,
            "해운대우체국",
            True,
        )
        assert plan.items == ["종량제봉투", "생필품"]
    qtbot.waitUntil(lambda: pane.edit_buttons["visits"].isEnabled(), timeout=10_000)

    def leave() -> None:
        form = pane.form
        assert isinstance(form, VisitsForm)
        assert form.office.currentText() == "해운대우체국"  # the plan, as it is
        next(b for b in form.buttons.buttons() if b.text() == "대상에서 빼기").click()

    QTimer.singleShot(0, leave)
    with qtbot.waitSignal(pane.changed, timeout=10_000):
        pane.edit_buttons["visits"].click()
    with ctx.session() as session:
        assert session.scalars(select(VisitPlan.active)).one() is False


def test_the_lists_out_are_made_from_the_reports_menu_with_a_reason_and_a_log_row(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    window = _worker_window(ctx, qtbot, tmp_path)
    for kind, name in ((CALLS, "calls.xlsx"), (VISITS, "visits.xlsx")):
        dialog = window.open_reports(kind)
        assert dialog is not None and dialog.chosen() == kind
        assert dialog.list_day.isEnabled() and dialog.office.isEnabled() == (kind == VISITS)
        target = tmp_path / name
        dialog.path.setText(str(target))
        dialog.make()
        assert "이유" in dialog.message.text() and not target.exists()
        dialog.reason.setText("이번 주 명단")
        dialog.make()
        qtbot.waitUntil(lambda t=target: t.exists(), timeout=10_000)
        qtbot.waitUntil(lambda d=dialog: d.open_button.isVisible(), timeout=10_000)
        if kind == CALLS:
            assert "통화 명단 1명" in dialog.message.text()
            assert "연락처가 없는 1가구" in dialog.message.text()
            dialog.grab().save(str(tmp_path / "calls-dialog.png"))
        dialog.close()
    with ctx.session() as session:
        subjects = session.scalars(
            select(AccessLog.subject).where(AccessLog.action == AccessAction.DOWNLOAD)
        ).all()
    assert sorted(subjects) == ["calls", "visits"]
