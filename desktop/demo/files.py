"""Writing channel records as the files channels deliver, in every accepted format.

Used by ``anbu demo --write-files``, the import tests and the import bench.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path

from desktop.demo.synth import SynthRecord

CSV_ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "cp949": "cp949"}


def write_csv(path: Path, records: Sequence[SynthRecord], encoding: str = "utf-8") -> Path:
    headers = list(records[0].raw)
    with path.open("w", encoding=CSV_ENCODINGS[encoding], newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for record in records:
            writer.writerow([record.raw.get(h, "") for h in headers])
    return path


def write_xlsx(
    path: Path, records: Sequence[SynthRecord], *, title: str | None = None, blank_tail: int = 3
) -> Path:
    """An .xlsx as other organisations' systems export it: a title row above the header,
    blank rows at the end."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("자료")

    def text(value: str) -> WriteOnlyCell:
        # Typed as text: a value starting with "=" must never become a formula.
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell

    headers = list(records[0].raw)
    if title:
        sheet.append([text(title)])
        sheet.append([])
    sheet.append([text(h) for h in headers])
    for record in records:
        sheet.append([text(record.raw.get(h, "")) for h in headers])
    for _ in range(blank_tail):
        sheet.append([None] * len(headers))
    workbook.save(path)
    return path


def write_json(path: Path, records: Sequence[SynthRecord], *, wrapped: bool = False) -> Path:
    items = [dict(r.raw) for r in records]
    data: object = {"records": items} if wrapped else items
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def write_jsonl(path: Path, records: Sequence[SynthRecord]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record.raw, ensure_ascii=False) + "\n")
    return path
