"""The client's translations: Korean is the source language (the texts in the code); each
``anbu_<lang>.ts`` here holds another language. ``python -m ui.translations.build``:

- ``--extract`` rewrites every .ts from the ``tr("…")`` calls in ``ui/`` (AST, so nothing
  is missed), keeping the translations already made and marking new texts unfinished;
- by default compiles each .ts to .qm with ``pyside6-lrelease`` (the .qm files are built,
  never committed).
"""

from __future__ import annotations

import argparse
import ast
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
UI = HERE.parent
CONTEXT = "anbu"
LANGUAGES = ("en",)


def extract() -> list[str]:
    """Every text passed to ``tr`` in ``ui/``, in first-seen order."""
    seen: dict[str, None] = {}
    for path in sorted(UI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in ("tr", "N_")
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                seen.setdefault(node.args[0].value, None)
    # The data's own labels (statuses, risks, channels …), shown through tr() too.
    sys.path.insert(0, str(UI.parent))
    from db import enums

    for value in vars(enums).values():
        if (
            isinstance(value, type)
            and issubclass(value, enums.LabelledEnum)
            and value is not enums.LabelledEnum
        ):
            for member in value:
                seen.setdefault(member.label, None)
    return list(seen)


def read_ts(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    done: dict[str, str] = {}
    for message in ET.parse(path).getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if translation is not None and translation.text and translation.get("type") != "unfinished":
            done[source] = translation.text
    return done


def write_ts(path: Path, language: str, texts: list[str]) -> int:
    """Returns how many texts still need translating."""
    done = read_ts(path)
    root = ET.Element("TS", version="2.1", language=language, sourcelanguage="ko")
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = CONTEXT
    missing = 0
    for text in texts:
        message = ET.SubElement(context, "message")
        ET.SubElement(message, "source").text = text
        translation = ET.SubElement(message, "translation")
        if text in done:
            translation.text = done[text]
        else:
            translation.set("type", "unfinished")
            missing += 1
    ET.indent(root)
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n'
        + ET.tostring(root, encoding="unicode")
        + "\n",
        encoding="utf-8",
    )
    return missing


def lrelease() -> str:
    found = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).with_name("pyside6-lrelease")
    )
    return found


def build() -> list[Path]:
    built = []
    for language in LANGUAGES:
        source = HERE / f"anbu_{language}.ts"
        target = HERE / f"anbu_{language}.qm"
        subprocess.run([lrelease(), "-silent", str(source), "-qm", str(target)], check=True)
        built.append(target)
    # What Qt's own catalogue of a language lacks (hand-written, see qt_gaps_ko.ts).
    for source in sorted(HERE.glob("qt_gaps_*.ts")):
        target = source.with_suffix(".qm")
        subprocess.run([lrelease(), "-silent", str(source), "-qm", str(target)], check=True)
        built.append(target)
    return built


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.translations.build")
    parser.add_argument("--extract", action="store_true")
    args = parser.parse_args(argv)
    if args.extract:
        texts = extract()
        for language in LANGUAGES:
            missing = write_ts(HERE / f"anbu_{language}.ts", language, texts)
            print(f"anbu_{language}.ts: {len(texts)} texts, {missing} to translate")
        return 0
    for path in build():
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
