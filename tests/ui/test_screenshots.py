from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def test_the_screenshot_script_draws_every_main_screen(tmp_path: Path) -> None:
    """Run as people run it: its own process and event loop (the test session's shared
    QApplication must not be quit by it)."""
    result = subprocess.run(
        [sys.executable, "-m", "ui.screenshots", "--out", str(tmp_path), "--households", "60"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=240,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )
    assert result.returncode == 0, result.stderr
    names = [
        "first-start.png",
        "login.png",
        "today.png",
        "main-window.png",
        "review-queue.png",
        "map.png",
        "settings-centres.png",
        "conflict.png",
    ]
    assert [Path(line).name for line in result.stdout.split()] == names
    for name in ("first-start.png", "login.png", "settings-centres.png", "conflict.png"):
        assert not QImage(str(tmp_path / name)).isNull()
    for name in names[2:6]:
        image = QImage(str(tmp_path / name))
        assert not image.isNull() and image.width() >= 1000
