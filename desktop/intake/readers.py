"""Reading the channels' files: CSV (UTF-8, UTF-8 with BOM, CP949), XLSX, JSON, JSONL.

A reader finds the header row, recognises the channel (or checks the one named), and
yields every record as a ``RawRow`` with the record exactly as it stood in the file.
Rows it cannot make sense of are still yielded (with no values) so that validation sends
them to quarantine: nothing in a file is silently left out. Wholly blank rows are not
records and are skipped.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from itertools import islice
from pathlib import Path
from typing import Any

from db.enums import Channel
from db.errors import ErrorKind, UserError
from desktop.intake.channels import (
    HeaderMatch,
    describe_missing,
    detect_channel,
    field_key,
    match_headers,
)
from desktop.intake.ingest import RawRow

HEADER_SEARCH_ROWS = 10
MAX_XLSX_UNCOMPRESSED = 512 * 2**20  # a larger workbook is refused (zip bomb guard)
MAX_XLSX_RATIO = 200  # nor one whose parts compress implausibly well
MAX_JSON_BYTES = 256 * 2**20  # for CP949 JSON, which has to be decoded whole
MAX_TAIL_BYTES = 4 * 2**20  # how much of an unreadable JSON file is kept in quarantine
FORMATS = {".csv": "csv", ".xlsx": "xlsx", ".json": "json", ".jsonl": "jsonl"}
EXTRA_CELLS = "(머리글 없는 칸)"


class FileUnreadableError(UserError):
    """The file as a whole cannot be read; the message says why, in Korean."""

    kind = ErrorKind.UNREADABLE


@dataclass
class FileReading:
    """An opened file: what it is, and its records (read lazily)."""

    path: Path
    file_format: str
    encoding: str | None
    channel: Channel
    rows: Iterator[RawRow]


def _check_channel(headers: Sequence[object], channel: Channel | None) -> HeaderMatch | None:
    if channel is not None:
        named = match_headers(headers, channel)
        return named if named.complete else None
    detected = detect_channel(headers)
    return detected if detected is not None and detected.complete else None


def _fits_no_channel(
    path: Path, headers: Sequence[object], channel: Channel | None, where: str
) -> FileUnreadableError:
    """The error for headers that fit no channel (or not the one named): what is missing."""
    if channel is None:
        return FileUnreadableError(f"{path.name}: {describe_missing(headers)}")
    lacking = ", ".join(match_headers(headers, channel).missing)
    return FileUnreadableError(
        f"{path.name}: {where}에 {channel.label}({channel.value})의 필수 머리글이 없습니다: {lacking}"
    )


def _find_header(
    rows: Sequence[Sequence[object]], channel: Channel | None, path: Path
) -> tuple[int, HeaderMatch]:
    """The position of the header row among the first rows, and how it matches."""
    for position, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        match = _check_channel(row, channel)
        if match is not None:
            return position, match
    first = next((row for row in rows if any(c not in (None, "") for c in row)), [])
    raise _fits_no_channel(path, first, channel, f"처음 {HEADER_SEARCH_ROWS}행 안의 머리글 행")


def _unique_headers(headers: Sequence[object]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for position, header in enumerate(headers):
        name = str(header) if header not in (None, "") else f"(빈 머리글 {position + 1})"
        if name in seen:
            seen[name] += 1
            name = f"{name} ({seen[name]})"
        else:
            seen[name] = 1
        result.append(name)
    return result


def _is_blank(cells: Sequence[object]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) for c in cells)


def _rows_from_table(
    header_cells: Sequence[object],
    match: HeaderMatch,
    body: Iterator[tuple[int, Sequence[object]]],
) -> Iterator[RawRow]:
    names = _unique_headers(header_cells)
    for number, cells in body:
        if _is_blank(cells):
            continue
        raw: dict[str, Any] = {}
        for position, name in enumerate(names):
            raw[name] = _raw_value(cells[position]) if position < len(cells) else None
        if len(cells) > len(names) and not _is_blank(cells[len(names) :]):
            raw[EXTRA_CELLS] = [_raw_value(c) for c in cells[len(names) :]]
        values = {
            key: cells[position] if position < len(cells) else None
            for position, key in match.columns.items()
        }
        yield RawRow(number, raw, values, match.channel)


def _raw_value(value: object) -> Any:
    """A cell as kept in the raw record: text as it is, dates as ISO text, and a number as
    people saw it (Excel stores every number as a float: 12345.0 is the 12345 typed)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# -- CSV ---------------------------------------------------------------------------------


def detect_encoding(path: Path) -> str:
    """UTF-8 (with or without BOM) or CP949, checked over the whole file in a streaming pass."""
    with path.open("rb") as handle:
        start = handle.read(3)
    if start.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8-sig",)
    else:
        candidates = ("utf-8", "cp949")
    for encoding in candidates:
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        try:
            with path.open("rb") as handle:
                while chunk := handle.read(1 << 20):
                    decoder.decode(chunk)
                decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            continue
        return encoding
    raise FileUnreadableError(
        f"{path.name}: 글자 인코딩을 알 수 없습니다 (UTF-8 또는 CP949(EUC-KR)로 저장해 주십시오)"
    )


def read_csv(path: Path, channel: Channel | None) -> FileReading:
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as handle:
        head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), csv.reader(handle), strict=False)]
    position, match = _find_header(head, channel, path)

    def rows() -> Iterator[RawRow]:
        with path.open("r", encoding=encoding, newline="") as handle:
            reader = csv.reader(handle)
            for _ in range(position + 1):
                next(reader)
            body = ((reader.line_num, row) for row in reader)
            yield from _rows_from_table(head[position], match, body)

    return FileReading(path, "csv", encoding, match.channel, rows())


# -- XLSX --------------------------------------------------------------------------------


def _check_workbook(path: Path) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except zipfile.BadZipFile:
        raise FileUnreadableError(
            f"{path.name}: 엑셀(.xlsx) 파일이 아니거나 손상되었습니다"
        ) from None
    total = sum(info.file_size for info in infos)
    packed = sum(info.compress_size for info in infos) or 1
    if total > MAX_XLSX_UNCOMPRESSED or total / packed > MAX_XLSX_RATIO:
        raise FileUnreadableError(
            f"{path.name}: 압축을 푼 크기가 비정상적으로 큽니다 ({total / 2**20:,.0f} MiB). "
            "안전을 위해 읽지 않았습니다."
        )


def read_xlsx(path: Path, channel: Channel | None) -> FileReading:
    """The first sheet whose header row is within its first rows, read with calamine (a Rust
    reader ~15x faster than openpyxl; its XML parser expands no entities or DTDs, and the
    zip guard above refuses a bomb before it is opened)."""
    from python_calamine import CalamineWorkbook

    _check_workbook(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # calamine raises its own error types for damaged files
        raise FileUnreadableError(f"{path.name}: 엑셀 파일을 열 수 없습니다 ({exc})") from None
    problems = []
    for name in workbook.sheet_names:
        try:
            rows = iter(workbook.get_sheet_by_name(name).iter_rows())
            head: list[Sequence[object]] = list(islice(rows, HEADER_SEARCH_ROWS))
        except Exception as exc:
            problems.append(f"[{name}] 시트를 읽을 수 없습니다 ({exc})")
            continue
        try:
            position, match = _find_header(head, channel, path)
        except FileUnreadableError as exc:
            problems.append(f"[{name}] {exc}")
            continue
        body = itertools.chain(
            enumerate(head[position + 1 :], position + 2),
            enumerate(rows, len(head) + 1),
        )
        return FileReading(
            path, "xlsx", None, match.channel, _rows_from_table(head[position], match, body)
        )
    raise FileUnreadableError(" / ".join(problems) or f"{path.name}: 시트가 없습니다")


# -- JSON and JSONL ----------------------------------------------------------------------


def _object_row(number: int, item: object, match: HeaderMatch) -> RawRow:
    if not isinstance(item, dict):
        return RawRow(
            number, {"(객체가 아닌 항목)": item}, {}, match.channel, "기록이 객체({…})가 아닙니다"
        )
    values = {}
    for name, value in item.items():
        key = field_key(match.channel, name)
        if key is not None and key not in values:
            values[key] = value
    return RawRow(number, dict(item), values, match.channel)


def _match_objects(items: Sequence[object], channel: Channel | None, path: Path) -> HeaderMatch:
    keys: list[str] = []
    for item in items:
        if isinstance(item, dict):
            keys += [k for k in item if k not in keys]
    match = _check_channel(keys, channel)
    if match is None:
        raise _fits_no_channel(path, keys, channel, "기록의 항목")
    return match


def _json_error(exc: Exception) -> str:
    """ijson's message as text (its C parser reports bytes)."""
    detail = exc.args[0] if exc.args else exc
    if isinstance(detail, bytes):
        detail = detail.decode("utf-8", "replace")
    return " ".join(str(detail).split())[:300]


def _json_shape(path: Path, encoding: str) -> str:
    """ijson's prefix for the records: ``item`` for an array, ``records.item`` for an object."""
    with path.open("r", encoding=encoding) as handle:
        while chunk := handle.read(4096):
            stripped = chunk.lstrip()
            if stripped:
                if stripped[0] == "[":
                    return "item"
                if stripped[0] == "{":
                    return "records.item"
                break
    raise FileUnreadableError(
        f"{path.name}: 기록의 배열, 또는 records 항목에 배열을 담은 객체여야 합니다"
    )


def read_json(path: Path, channel: Channel | None) -> FileReading:
    """A JSON array of records (or an object whose ``records`` is one), streamed with ijson
    so a large file never has to fit in memory."""
    import ijson

    encoding = detect_encoding(path)
    # CP949 is not valid JSON strictly speaking, but it arrives; it is decoded whole.
    if encoding == "cp949" and path.stat().st_size > MAX_JSON_BYTES:
        raise FileUnreadableError(
            f"{path.name}: CP949 JSON 파일이 너무 큽니다 (UTF-8로 보내 주십시오)"
        )
    prefix = _json_shape(path, encoding)

    def items(handle: Any) -> Iterator[Any]:
        return iter(ijson.items(handle, prefix, use_float=True))

    def opened() -> Any:
        if encoding == "cp949":
            return io.BytesIO(path.read_text(encoding="cp949").encode("utf-8"))
        handle = path.open("rb")
        if encoding == "utf-8-sig":
            handle.read(3)
        return handle

    sample: list[Any] = []
    with opened() as handle:
        try:
            sample.extend(islice(items(handle), 200))
        except ijson.JSONError as exc:
            if not sample:  # nothing readable at all; a later fault is handled per record
                raise FileUnreadableError(
                    f"{path.name}: JSON 형식이 아닙니다 ({_json_error(exc)})"
                ) from None
    match = _match_objects(sample, channel, path)

    def rows() -> Iterator[RawRow]:
        with opened() as handle:
            number = 0
            try:
                for number, item in enumerate(items(handle), start=1):
                    yield _object_row(number, item, match)
            except ijson.JSONError as exc:
                # Records before the fault are kept. What follows cannot be split into
                # records: the text around the fault is kept as one quarantined entry.
                where = handle.tell()
                start = max(0, where - MAX_TAIL_BYTES // 4)
                handle.seek(start)
                text = handle.read(MAX_TAIL_BYTES).decode("utf-8", "replace")
                yield RawRow(
                    number + 1,
                    {"(오류 부근 원문)": text, "(원문 위치)": f"{start}바이트부터"},
                    {},
                    match.channel,
                    f"JSON 형식 오류: {number}번째 기록 뒤를 읽을 수 없습니다 ({_json_error(exc)}). 파일을 "
                    "고쳐 다시 가져오십시오 (이미 등록된 기록은 중복되지 않습니다)",
                )

    return FileReading(path, "json", encoding, match.channel, rows())


def read_jsonl(path: Path, channel: Channel | None) -> FileReading:
    encoding = detect_encoding(path)
    sample: list[object] = []
    with path.open("r", encoding=encoding) as handle:
        for line in handle:
            if line.strip():
                try:
                    sample.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
            if len(sample) >= 50:
                break
    match = _match_objects(sample, channel, path)

    def rows() -> Iterator[RawRow]:
        with path.open("r", encoding=encoding) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield RawRow(
                        number,
                        {"(원문)": line.rstrip("\r\n")},
                        {},
                        match.channel,
                        f"JSON 형식 오류: {exc.msg} ({exc.colno}열)",
                    )
                    continue
                yield _object_row(number, item, match)

    return FileReading(path, "jsonl", encoding, match.channel, rows())


READERS = {"csv": read_csv, "xlsx": read_xlsx, "json": read_json, "jsonl": read_jsonl}


def open_file(path: Path, channel: Channel | None = None) -> FileReading:
    """Open a channel file for reading; ``FileUnreadableError`` says why it cannot be."""
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise FileUnreadableError(
            f"{path.name}: 지원하지 않는 파일 형식입니다 (.csv, .xlsx, .json, .jsonl만 가능)"
        )
    if not path.is_file():
        raise FileUnreadableError(f"{path}: 파일이 없습니다")
    try:
        return READERS[file_format](path, channel)
    except FileUnreadableError:
        raise
    except (OSError, csv.Error, UnicodeDecodeError, ValueError) as exc:
        raise FileUnreadableError(f"{path.name}: 파일을 읽을 수 없습니다 ({exc})") from None
