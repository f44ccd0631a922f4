from __future__ import annotations

import os
import time
from pathlib import Path

from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from desktop.settings import INBOX_FOLDER, MachineSettings
from tests.helpers.files import CALL_HEADER, write_rows
from ui.app import open_window


def test_a_file_dropped_in_the_inbox_is_imported_and_the_list_refreshes(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    MachineSettings().set(INBOX_FOLDER, str(inbox))
    window = open_window(ctx)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.filters.count_label.text() == "0건", timeout=10_000)
    path = write_rows(
        inbox / "calls.csv",
        CALL_HEADER,
        [
            [
                "C-1",
                "2026-11-03 10:00",
                "김하나",
                "010-1111-2222",
                "연결",
                "요즘 죽고 싶다는 말을 자주 함",
            ]
        ],
    )
    past = time.time() - 60
    os.utime(path, (past, past))
    with (
        qtbot.waitSignal(window.cases_loaded, timeout=15_000),
        qtbot.waitSignal(window.inbox.imported, timeout=15_000),
    ):
        window.inbox.scan_now()
    assert window.filters.count_label.text() == "1건"
    assert "받은 파일 1개" in window.statusBar().currentMessage()
    assert (inbox / "processed" / "calls.csv").exists()
