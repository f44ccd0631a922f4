"""The client's first start on an empty database, and the centres' settings tab."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from desktop.context import AppContext, open_database
from desktop.office import centres
from desktop.security import accounts
from desktop.settings import MachineSettings
from tests.conftest import FIXED_NOW
from ui import first_start
from ui.first_start import FirstStartDialog
from ui.settings_dialog import SettingsDialog

PASSWORD = "first-admin-1"


@pytest.fixture
def fresh(empty_url: str) -> Iterator[AppContext]:
    """A database nobody has set up: no account, no centre."""
    ctx = open_database(empty_url)
    ctx.clock = lambda: FIXED_NOW
    yield ctx
    from ui.tasks import finish_tasks

    finish_tasks()
    ctx.close()


def _fill(dialog: FirstStartDialog, qtbot: QtBot, rows: list[tuple[str, str, str]]) -> None:
    for index, (code, name, gu) in enumerate(rows):
        if index >= len(dialog.rows):
            qtbot.mouseClick(dialog.more, first_start.Qt.MouseButton.LeftButton)
        row = dialog.rows[index]
        qtbot.keyClicks(row.code, code)
        row.name.setText(name)  # QTest types ASCII only
        row.gu.setText(gu)
    qtbot.keyClicks(dialog.username, "kimadmin")
    dialog.display_name.setText("김관리")


def test_the_first_start_sets_up_the_centres_and_the_administrator(
    fresh: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    dialog = FirstStartDialog(fresh)
    qtbot.addWidget(dialog)
    dialog.show()
    _fill(dialog, qtbot, [("2635051000", "좌1동", "해운대구"), ("2635052000", "좌2동", "해운대구")])
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.again, PASSWORD + "x")
    dialog.start.click()
    assert "다릅니다" in dialog.message.text() and not accounts.count_accounts(fresh)
    dialog.again.clear()
    qtbot.keyClicks(dialog.again, PASSWORD)
    dialog.grab().save(str(tmp_path / "first-start.png"))
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.start.click()
    assert dialog.actor is not None and fresh.actor is not None
    assert fresh.actor.username == "kimadmin" and fresh.actor.role.value == "admin"
    listed = centres.list_centres(fresh)
    assert [(c.code, c.name) for c in listed] == [("2635051000", "좌1동"), ("2635052000", "좌2동")]

    # Then the administrator gives the centre its territory in 설정 → 행정복지센터.
    from desktop.office.service import AdminService

    settings = SettingsDialog(AdminService(fresh), MachineSettings(), None)
    qtbot.addWidget(settings)
    tab = next(
        i for i in range(settings.tabs.count()) if settings.tabs.tabText(i) == "행정복지센터"
    )
    settings.tabs.setCurrentIndex(tab)
    settings.show()
    qtbot.waitUntil(lambda: settings.centres_model.rowCount() == 2, timeout=10_000)
    settings.centres_view.selectRow(0)
    settings.rule_road.setText("좌동순환로 1-99 홀수")
    settings.add_rule()
    qtbot.waitUntil(lambda: "더했습니다" in settings.message.text(), timeout=10_000)
    qtbot.waitUntil(lambda: settings.rules_model.rowCount() == 1, timeout=10_000)
    assert settings.rules_model.rows[0][0] == "도로 좌동순환로 1-99 홀수"
    settings.grab().save(str(tmp_path / "settings-centres.png"))
    settings.remove_rule()
    assert "고르십시오" in settings.message.text()
    settings.rules_view.selectRow(0)
    settings.remove_rule()
    qtbot.waitUntil(lambda: "지웠습니다" in settings.message.text(), timeout=10_000)
    assert centres.list_centres(fresh)[0].rules == []


def test_a_bad_centre_code_is_told_and_nothing_is_written(fresh: AppContext, qtbot: QtBot) -> None:
    dialog = FirstStartDialog(fresh)
    qtbot.addWidget(dialog)
    _fill(dialog, qtbot, [("26350", "좌1동", "해운대구")])
    qtbot.keyClicks(dialog.password, PASSWORD)
    qtbot.keyClicks(dialog.again, PASSWORD)
    dialog.start.click()
    qtbot.waitUntil(lambda: "10자리" in dialog.message.text(), timeout=10_000)
    assert dialog.start.isEnabled() and fresh.actor is None
    assert not accounts.count_accounts(fresh) and not centres.count_centres(fresh)


def test_the_demo_can_be_opened_instead(
    fresh: AppContext, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(first_start, "DEMO_HOUSEHOLDS", 20)
    dialog = FirstStartDialog(fresh)
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(dialog.accepted, timeout=60_000):
        dialog.demo_button.click()
    assert dialog.demo and dialog.actor is None and fresh.is_demo()
    assert accounts.demo_accounts(fresh)[0]  # the login screen shows them next
