"""The layer rule (README, "The rooms"), and no import cycle, as checks that fail."""

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


def _offences(
    package: str, banned: tuple[str, ...], *, top_level_only: bool, root: Path = ROOT
) -> list[str]:
    offences = []
    for path in sorted((root / package).rglob("*.py")):
        for line, module in _imports(path, top_level_only=top_level_only):
            if any(module == b or module.startswith(b + ".") for b in banned):
                offences.append(f"{path.relative_to(root)}:{line} imports {module}")
    return offences


def test_the_layer_check_finds_a_crossing(tmp_path: Path) -> None:
    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "paper.py").write_text(
        "def f():\n    from desktop.context import AppContext\n", encoding="utf-8"
    )
    found = _offences("reports", ("desktop",), top_level_only=False, root=tmp_path)
    assert found == ["reports/paper.py:2 imports desktop.context"]


@pytest.mark.parametrize("package", ["db", "reports"])
def test_data_and_report_layers_know_no_qt_and_no_ui(package: str) -> None:
    assert _offences(package, ("PySide6", "ui", "desktop"), top_level_only=False) == []


def test_the_client_opens_no_session_of_its_own() -> None:
    banned = ("sqlalchemy", "db.models", "db.engine", "db.migrate")
    assert _offences("ui", banned, top_level_only=False) == []


def test_core_imports_no_widgets_anywhere_and_no_qt_at_module_level() -> None:
    anywhere = _offences("desktop", ("PySide6.QtWidgets", "PySide6.QtGui"), top_level_only=False)
    module_level = _offences("desktop", ("PySide6", "ui"), top_level_only=True)
    assert anywhere + module_level == []


def test_headless_cli_does_not_load_qt() -> None:
    code = (
        "import sys, desktop.cli, desktop.caselist.service, desktop.demo, desktop.intake.ingest;"
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "False"


def _module_graph() -> dict[str, set[str]]:
    """Each of the program's modules and the program's modules it imports, at the top or
    inside a function (a lazy import hides a cycle, it does not end it); imports under
    ``if TYPE_CHECKING:`` are for the type checker alone and do not count."""
    modules: dict[str, Path] = {}
    for package in ("desktop", "db", "reports", "ui"):
        for path in (ROOT / package).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            modules[name.removesuffix(".__init__")] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        hidden = {
            id(node)
            for guard in ast.walk(tree)
            if isinstance(guard, ast.If) and ast.unparse(guard.test).endswith("TYPE_CHECKING")
            for statement in guard.body
            for node in ast.walk(statement)
        }
        targets: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in hidden:
                continue
            if isinstance(node, ast.Import):
                targets.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                submodules = {f"{node.module}.{a.name}" for a in node.names} & modules.keys()
                targets.update(submodules or {node.module})
        graph[name] = {t for t in targets if t in modules and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycle() -> None:
    assert _cycles(_module_graph()) == []


def test_the_cycle_check_finds_a_cycle() -> None:
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
