"""Two PCs on one PostgreSQL (issue 25, done when): this test's client window, signed in as
김지은, and a colleague's client in a process of its own, signed in as 이영희. Her status
change appears in this window's list without F5; a save made on the version read before it
shows both versions and is applied on top; the access log holds both saves; and this
client's save reaches hers."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from db.enums import AccessAction, CaseStatus
from db.models import AccessLog, Case
from desktop.context import AppContext
from desktop.security import secrets
from tests.conftest import BACKEND
from tests.helpers.office import dong_team, password
from ui.app import open_window
from ui.case_edit import StatusForm

pytestmark = pytest.mark.skipif(
    BACKEND != "postgresql", reason="several PCs share a PostgreSQL database"
)
ROOT = Path(__file__).resolve().parents[2]


class OtherPC:
    """The colleague's client: ``tests.helpers.other_pc`` in its own process."""

    def __init__(self, ctx: AppContext, url: str, username: str, home: Path) -> None:
        keys = secrets.load_keys(ctx.identity)
        assert keys is not None
        env = dict(os.environ, ANBU_DATA_DIR=str(home / "data"), ANBU_CONFIG_DIR=str(home))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.helpers.other_pc"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        assert self.ask(
            {
                "url": url,
                "identity": ctx.identity,
                "keys": secrets.encode_keys(keys),
                "username": username,
                "password": password(username),
            }
        ) == {"ready": True}

    def ask(self, command: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the other PC stopped"
        answer: dict[str, Any] = json.loads(line)
        return answer

    def close(self) -> None:
        if self.process.poll() is None:
            self.ask_quietly({"do": "quit"})
        self.process.wait(30)

    def ask_quietly(self, command: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.close()


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> int:
    return dong_team(ctx, tmp_path)  # 김지은 (kim) is signed in on this PC


@pytest.fixture
def colleague(ctx: AppContext, db_url: str, tmp_path: Path, office: int) -> Iterator[OtherPC]:
    other = OtherPC(ctx, db_url, "lee", tmp_path / "lee-pc")
    try:
        yield other
    finally:
        other.close()


def test_two_clients_see_each_other_and_a_conflicting_save_shows_both_versions(
    ctx: AppContext, office: int, colleague: OtherPC, qtbot: QtBot
) -> None:
    case_id = office
    window = open_window(ctx)
    qtbot.addWidget(window)
    window._feed_timer.setInterval(100)  # type: ignore[attr-defined]
    window.show()
    window.tabs.setCurrentWidget(window.cases_tab)
    qtbot.waitUntil(lambda: window.model.rowCount() == 1, timeout=10_000)
    pane = window.detail_pane
    assert pane is not None
    with qtbot.waitSignal(pane.loaded, timeout=10_000):
        window.table.selectRow(0)
    assert pane.fields["status"].text() == "접수"

    # 이영희, on her PC, moves the case on: this window's list follows without F5.
    colleague.ask({"do": "status", "case": case_id, "to": CaseStatus.VERIFYING.value})
    status = window.model.index(0, 2)
    qtbot.waitUntil(lambda: status.data() == "확인중", timeout=15_000)
    qtbot.waitUntil(lambda: pane.stale.isVisible(), timeout=15_000)
    assert pane.fields["status"].text() == "접수"  # the pane is not replaced under her hands

    # 김지은 saves what she meant on the version she read: she is shown both versions.
    def fill() -> None:
        form = pane.form
        assert isinstance(form, StatusForm)
        form.target.setCurrentIndex(form.target.findData(CaseStatus.COUNSELLING))
        form.buttons.button(form.buttons.StandardButton.Ok).click()

    QTimer.singleShot(0, fill)
    pane.edit_buttons["status"].click()
    qtbot.waitUntil(lambda: pane.conflict_dialog is not None, timeout=15_000)
    dialog = pane.conflict_dialog
    assert dialog is not None
    assert ("이영희", "상태", "접수", "확인중") in [row[1:5] for row in dialog.changes.rows]
    versions = {row[0]: row[1:] for row in dialog.versions.rows}
    assert versions["≠ 상태"] == ("접수", "확인중")
    assert dialog.mine.text() == "내 변경: 상태 → 상담중"
    with qtbot.waitSignal(pane.changed, timeout=15_000):
        dialog.apply_button.click()
    qtbot.waitUntil(lambda: pane.fields["status"].text() == "상담중", timeout=15_000)

    # Her PC hears of this one's save; the access log holds both, each from its account.
    assert colleague.ask({"do": "wait_change", "table": "cases"}) == {"heard": True}
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.status is CaseStatus.COUNSELLING
        saves = session.execute(
            select(AccessLog.username, AccessLog.staff_id).where(
                AccessLog.subject == f"case:{case_id}", AccessLog.action == AccessAction.UPDATE
            )
        ).all()
    assert sorted(name for name, _ in saves) == ["kim", "lee"]
    assert all(staff is not None for _, staff in saves)
