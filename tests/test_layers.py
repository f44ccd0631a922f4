"""The layer rule of STYLE.md, as a check that fails."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path, *, top_level_only: bool) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.lineno, node.module))
    return found


def _offences(package: str, banned: tuple[str, ...], *, top_level_only: bool) -> list[str]:
    offences = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for line, module in _imports(path, top_level_only=top_level_only):
            if any(module == b or module.startswith(b + ".") for b in banned):
                offences.append(f"{path.relative_to(ROOT)}:{line} imports {module}")
    return offences


@pytest.mark.parametrize("package", ["db", "reports"])
def test_data_and_report_layers_know_no_qt_and_no_ui(package: str) -> None:
    assert _offences(package, ("PySide6", "ui", "desktop"), top_level_only=False) == []


def test_core_imports_no_widgets_anywhere_and_no_qt_at_module_level() -> None:
    anywhere = _offences("desktop", ("PySide6.QtWidgets", "PySide6.QtGui"), top_level_only=False)
    module_level = _offences("desktop", ("PySide6", "ui"), top_level_only=True)
    assert anywhere + module_level == []


def test_headless_cli_does_not_load_qt() -> None:
    code = (
        "import sys, desktop.cli, desktop.caselist, desktop.demo, desktop.intake.ingest;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"
