"""The README's two commands (dev.py): what they run inside the venv still runs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import dev


def test_the_run_command_finds_where_its_demo_database_goes(tmp_path: Path) -> None:
    found = subprocess.run(
        [sys.executable, "-c", dev.DEMO_PATH_CODE],
        cwd=dev.ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"ANBU_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert Path(found.stdout.strip()) == tmp_path / "demo.db"
