"""The inbox folder: files dropped there are imported, then moved beside a short report.

``processed/`` takes a file that was read (its bad records, if any, wait in quarantine);
``failed/`` takes a file that could not be read at all. A file still being copied (changed
in the last few seconds), a temporary file, or one whose import hits a database problem
stays where it is and is tried again later: nothing is moved unless it was dealt with.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from desktop.context import AppContext
from desktop.intake.readers import FileUnreadableError
from desktop.intake.service import ImportResult, import_file
from desktop.korean import fix_particles
from desktop.paths import atomic_write
from desktop.timeutil import KST

PROCESSED = "processed"
FAILED = "failed"
SETTLE_SECONDS = 2.0  # a file changed more recently than this may still be being copied
_TEMPORARY_PREFIXES = ("~$", ".")
_TEMPORARY_SUFFIXES = (".tmp", ".partial", ".crdownload", ".part")


@dataclass
class InboxOutcome:
    source: Path
    moved_to: Path
    report: Path
    result: ImportResult | None
    error: str | None

    @property
    def ok(self) -> bool:
        return self.error is None

    def summary(self) -> str:
        if self.result is not None:
            return self.result.summary()
        return f"{self.source.name}: 읽지 못함 — {self.error}"


def pending_files(folder: Path, *, now: float | None = None) -> list[Path]:
    """Files in ``folder`` (not its sub-folders) ready to import, oldest first."""
    if not folder.is_dir():
        return []
    now = time.time() if now is None else now
    ready = []
    for path in folder.iterdir():
        name = path.name
        if not path.is_file() or name.startswith(_TEMPORARY_PREFIXES):
            continue
        if name.lower().endswith(_TEMPORARY_SUFFIXES):
            continue
        if now - path.stat().st_mtime < SETTLE_SECONDS:
            continue
        ready.append(path)
    return sorted(ready, key=lambda p: (p.stat().st_mtime, p.name))


def _free_name(folder: Path, name: str) -> Path:
    target = folder / name
    if not target.exists():
        return target
    stamp = datetime.now(KST).strftime("%Y%m%d-%H%M%S")
    stem, dot, suffix = name.partition(".")
    for n in range(1, 1000):
        candidate = folder / f"{stem}-{stamp}{'-' + str(n) if n > 1 else ''}{dot}{suffix}"
        if not candidate.exists():
            return candidate
    raise OSError(fix_particles(f"{folder}에 {name}을(를) 옮길 이름을 찾지 못했습니다"))


def _report_text(outcome_source: Path, result: ImportResult | None, error: str | None) -> str:
    when = datetime.now(KST).strftime("%Y-%m-%d %H:%M:%S")
    lines = ["안부데스크 받은 파일 처리 결과", f"파일: {outcome_source.name}", f"처리 시각: {when}"]
    if result is not None:
        c = result.counts
        lines += [
            f"채널: {result.channel.label} ({result.channel.value}), 형식: {result.file_format}"
            if result.channel
            else f"채널: 알 수 없음 (빈 파일), 형식: {result.file_format}",
            f"읽음 {c.read:,} / 신규 {c.new:,} / 변경 {c.revised:,} / 기존 {c.known:,} / "
            f"보류 {c.quarantined:,}",
        ]
        if c.quarantined:
            lines.append("보류된 기록은 프로그램의 '보류 기록'에서 고쳐 다시 등록할 수 있습니다.")
    else:
        lines += [
            "결과: 읽지 못함",
            f"이유: {error}",
            "파일을 고친 뒤 받은 파일 폴더에 다시 넣으십시오.",
        ]
    return "\n".join(lines) + "\n"


def process_file(ctx: AppContext, path: Path, folder: Path) -> InboxOutcome:
    """Import one inbox file and move it with its report. A database error (among them
    ``ImportStoppedError``, a full disk) propagates and leaves the file in place: the file
    is not at fault, and once the cause is gone the next scan imports the rest of it."""
    result: ImportResult | None = None
    error: str | None = None
    try:
        result = import_file(ctx, path)
    except FileUnreadableError as exc:
        error = str(exc)
    destination = folder / (PROCESSED if error is None else FAILED)
    destination.mkdir(exist_ok=True)
    target = _free_name(destination, path.name)
    report = target.with_name(target.name + ".report.txt")
    with atomic_write(report) as staging:
        staging.write_text(_report_text(path, result, error), encoding="utf-8")
        os.replace(path, target)
    return InboxOutcome(path, target, report, result, error)


def scan(ctx: AppContext, folder: Path) -> list[InboxOutcome]:
    """Import every ready file in ``folder``."""
    return [process_file(ctx, path, folder) for path in pending_files(folder)]
