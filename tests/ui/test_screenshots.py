from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from ui.screenshots import take


def test_the_screenshot_script_draws_every_main_screen(tmp_path: Path) -> None:
    paths = take(tmp_path, households=60)
    assert [p.name for p in paths] == ["today.png", "main-window.png", "review-queue.png"]
    for path in paths:
        image = QImage(str(path))
        assert not image.isNull() and image.width() >= 1000
