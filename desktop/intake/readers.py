"""Reading the channels' files: CSV and text (comma- or tab-separated; UTF-8, UTF-8 with
BOM, CP949, or UTF-16 as Excel's 유니코드 텍스트 saves it), XLSX and legacy XLS, JSON, JSONL.

A reader finds the header row, recognises the channel (or checks the one named), and
yields every record as a ``RawRow`` with the record exactly as it stood in the file.
Rows it cannot make sense of are still yielded (with no values) so that validation sends
them to quarantine: nothing in a file is silently left out, and one bad row (a field past
``MAX_FIELD_CHARS``, bytes the file's encoding cannot read) never costs the rest. Wholly
blank rows are not records and are skipped. An empty file, or one with only its header,
is read as no records.
"""

from __future__ import annotations

import base64
import codecs
import csv
import io
import itertools
import json
import re
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
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
MAX_FIELD_CHARS = 1_000_000  # longer free text quarantines its record, never the file
FORMATS = {
    ".csv": "csv",
    ".txt": "csv",
    ".tsv": "csv",
    ".xlsx": "xlsx",
    ".xls": "xls",
    ".json": "json",
    ".jsonl": "jsonl",
}
EXTRA_CELLS = "(머리글 없는 칸)"
UNDECODED = "(읽지 못한 원문 바이트, base64)"  # cell -> its bytes exactly as in the file
DELIMITERS = (",", "\t")
# Python's csv module stops a whole file at a field past 131,072 characters; the limit that
# matters is MAX_FIELD_CHARS, checked per record (2**31 - 1: a C long on Windows too).
csv.field_size_limit(2**31 - 1)
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes the encoding could not read, kept


class FileUnreadableError(UserError):
    """The file as a whole cannot be read; the message says why, in Korean."""

    kind = ErrorKind.UNREADABLE


@dataclass
class FileReading:
    """An opened file: what it is, and its records (read lazily). ``channel`` is None only
    for a file with nothing in it; ``unknown`` names the columns no field of the channel
    matched (kept in each raw record, not read into fields)."""

    path: Path
    file_format: str
    encoding: str | None
    channel: Channel | None
    rows: Iterator[RawRow]
    unknown: list[str] = field(default_factory=list)  # grows as JSON records are read
    empty: bool = False  # nothing in it at all, not even a header
    # Rows that are no record (a totals or footnote row below the data), as "12행 (합계)":
    # left out, and said so in the summary. Filled as the rows are read.
    not_records: list[str] = field(default_factory=list)


def _empty(
    path: Path, file_format: str, encoding: str | None, channel: Channel | None
) -> FileReading:
    return FileReading(path, file_format, encoding, channel, iter(()), empty=True)


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


def too_long(raw: dict[str, Any]) -> str | None:
    """Why a record is refused for the length of a field (free text may be long, but not
    past ``MAX_FIELD_CHARS``), or None."""
    for name, value in raw.items():
        if isinstance(value, str) and len(value) > MAX_FIELD_CHARS:
            return (
                f"'{name}' 칸이 너무 깁니다 ({len(value):,}자, 최대 {MAX_FIELD_CHARS:,}자). "
                "원본 기록은 그대로 보관했습니다"
            )
    return None


_NOT_A_RECORD = re.compile(r"^\s*(?:합\s*계|총\s*계|소\s*계|계|※|\*|주\s*[):]|비\s*고\s*[):])")


def _not_a_record(cells: Sequence[object], match: HeaderMatch) -> str | None:
    """A totals or footnote row below the data (``합계``, ``※ …``) — normal in office files:
    its first cell says so and it has no source id of its own."""
    first = next((c for c in cells if c not in (None, "") and str(c).strip()), None)
    if not isinstance(first, str) or not _NOT_A_RECORD.match(first):
        return None
    source = next((p for p, k in match.columns.items() if k == "source_id"), None)
    held = cells[source] if source is not None and source < len(cells) else None
    if held not in (None, "") and held != first:
        return None  # a source id of its own: a record, however it starts
    filled = sum(1 for c in cells if c not in (None, "") and str(c).strip())
    if filled > max(2, len(match.columns) // 2):
        return None
    return first.strip()[:20]


def _rows_from_table(
    header_cells: Sequence[object],
    match: HeaderMatch,
    body: Iterator[tuple[int, Sequence[object]]],
    skipped: list[str] | None = None,
) -> Iterator[RawRow]:
    names = _unique_headers(header_cells)
    for number, cells in body:
        if _is_blank(cells):
            continue
        if skipped is not None and (note := _not_a_record(cells, match)) is not None:
            skipped.append(f"{number}행 ({note})")
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
        yield RawRow(number, raw, values, match.channel, too_long(raw))


def _raw_value(value: object) -> Any:
    """A cell as kept in the raw record: text as it is, dates as ISO text, and a number as
    people saw it (Excel stores every number as a float: 12345.0 is the 12345 typed)."""
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


# -- CSV ---------------------------------------------------------------------------------


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
    try:
        with path.open("rb") as handle:
            while chunk := handle.read(1 << 20):
                decoder.decode(chunk)
            decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def _bad_lines(path: Path, encoding: str) -> int:
    bad = 0
    with path.open("rb") as handle:
        for line in handle:
            try:
                line.decode(encoding)
            except UnicodeDecodeError:
                bad += 1
    return bad


def detect_encoding(path: Path) -> str:
    """UTF-16 (by its BOM), UTF-8 (with or without BOM) or CP949, checked over the whole
    file in a streaming pass. A file of one encoding with some rows in another (a CP949
    row pasted into a UTF-8 file) is read in the encoding most of its lines are in; the
    rows it cannot read are quarantined one by one, their bytes kept."""
    with path.open("rb") as handle:
        start = handle.read(4)
    if start.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    if start.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    for encoding in ("utf-8", "cp949"):
        if _decodes(path, encoding):
            return encoding
    return "utf-8" if _bad_lines(path, "utf-8") <= _bad_lines(path, "cp949") else "cp949"


def _text(path: Path, encoding: str) -> io.TextIOWrapper:
    """The file as text; bytes its encoding cannot read become lone surrogates that keep
    them exactly (``surrogateescape``), so one bad row is found and kept, not fatal."""
    errors = "replace" if encoding == "utf-16" else "surrogateescape"
    return path.open("r", encoding=encoding, errors=errors, newline="")


def _undecoded(row: RawRow, encoding: str) -> RawRow:
    """A row holding bytes the file's encoding cannot read: the readable copy has U+FFFD
    where they stood, the bytes themselves are kept (base64) beside it, and the reason says
    which encoding they look like."""
    kept: dict[str, str] = {}
    hint = ""
    for name, value in list(row.raw.items()):
        if isinstance(value, str) and _ESCAPED.search(value):
            data = value.encode(encoding, "surrogateescape")
            kept[name] = base64.b64encode(data).decode("ascii")
            row.raw[name] = data.decode(encoding, "replace")
            if not hint:
                other = "cp949" if encoding.startswith("utf-8") else "utf-8"
                try:
                    data.decode(other)
                    hint = f" (이 행은 {'CP949(EUC-KR)' if other == 'cp949' else 'UTF-8'}로 저장된 것으로 보입니다)"
                except UnicodeDecodeError:
                    pass
    row.raw[UNDECODED] = kept
    row.values = {}
    label = "UTF-8" if encoding.startswith("utf-8") else "CP949(EUC-KR)"
    row.problem = (
        f"이 행의 글자를 파일의 인코딩({label})으로 읽을 수 없습니다{hint}. 원본 바이트는 "
        "그대로 보관했습니다. 내용을 고쳐 다시 등록하십시오"
    )
    return row


def read_csv(path: Path, channel: Channel | None) -> FileReading:
    encoding = detect_encoding(path)
    match: HeaderMatch | None = None
    problem: FileUnreadableError | None = None
    for delimiter in DELIMITERS:
        with _text(path, encoding) as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            head = [row for _, row in zip(range(HEADER_SEARCH_ROWS), reader, strict=False)]
        if all(_is_blank(row) for row in head):
            with _text(path, encoding) as handle:
                if all(_is_blank(row) for row in csv.reader(handle, delimiter=delimiter)):
                    return _empty(path, "csv", encoding, channel)
        try:
            position, match = _find_header(head, channel, path)
        except FileUnreadableError as exc:
            problem = problem or exc
            continue
        break
    if match is None:
        assert problem is not None
        raise problem
    found, chosen = match, delimiter
    skipped: list[str] = []

    def rows() -> Iterator[RawRow]:
        with _text(path, encoding) as handle:
            reader = csv.reader(handle, delimiter=chosen)
            for _ in range(position + 1):
                next(reader)
            body = ((reader.line_num, row) for row in reader)
            for row in _rows_from_table(head[position], found, body, skipped):
                if any(isinstance(v, str) and _ESCAPED.search(v) for v in row.raw.values()):
                    row = _undecoded(row, encoding)
                yield row

    return FileReading(
        path, "csv", encoding, found.channel, rows(), list(found.unknown), not_records=skipped
    )


# -- XLSX --------------------------------------------------------------------------------


def check_workbook(path: Path) -> None:
    """Refuse a file that is no workbook, or one whose parts would unpack implausibly large."""
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


def read_xlsx(path: Path, channel: Channel | None, file_format: str = "xlsx") -> FileReading:
    """The first sheet whose header row is within its first rows, read with calamine (a Rust
    reader ~15x faster than openpyxl, which reads legacy .xls too; its XML parser expands
    no entities or DTDs, and the zip guard above refuses a bomb before it is opened)."""
    from python_calamine import CalamineWorkbook

    kind = "엑셀(.xls)" if file_format == "xls" else "엑셀(.xlsx)"
    if file_format == "xlsx":
        check_workbook(path)
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine raises its own error types for damaged files
        raise FileUnreadableError(
            f"{path.name}: {kind} 파일을 열 수 없습니다 (손상되었거나 다른 형식의 파일입니다)"
        ) from None
    problems = []
    for name in workbook.sheet_names:
        try:
            rows = iter(workbook.get_sheet_by_name(name).iter_rows())
            head: list[Sequence[object]] = list(islice(rows, HEADER_SEARCH_ROWS))
        except Exception:
            problems.append(f"[{name}] 시트를 읽을 수 없습니다 (손상된 시트)")
            continue
        if all(_is_blank(row) for row in head) and all(_is_blank(row) for row in rows):
            continue  # a blank sheet
        try:
            position, match = _find_header(head, channel, path)
        except FileUnreadableError as exc:
            problems.append(f"[{name}] {exc}")
            continue
        body = itertools.chain(
            enumerate(head[position + 1 :], position + 2),
            enumerate(rows, len(head) + 1),
        )
        skipped: list[str] = []
        return FileReading(
            path,
            file_format,
            None,
            match.channel,
            _rows_from_table(head[position], match, body, skipped),
            list(match.unknown),
            not_records=skipped,
        )
    if not problems:  # no sheet, or only blank ones
        return _empty(path, file_format, None, channel)
    raise FileUnreadableError(" / ".join(problems))


def read_xls(path: Path, channel: Channel | None) -> FileReading:
    return read_xlsx(path, channel, "xls")


# -- JSON and JSONL ----------------------------------------------------------------------


_LONE = re.compile("[\ud800-\udfff]")  # surrogates no UTF-8 can hold


def readable(value: Any) -> Any:
    """A value for the record's fields: lone surrogates (a JavaScript app cutting through an
    emoji) become U+FFFD; the raw record keeps them as received."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return _LONE.sub("\ufffd", value)
        return value
    if isinstance(value, list):
        return [readable(v) for v in value]
    return value


def _object_row(
    number: int, item: object, match: HeaderMatch, unknown: list[str] | None = None
) -> RawRow:
    if not isinstance(item, dict):
        return RawRow(
            number, {"(객체가 아닌 항목)": item}, {}, match.channel, "기록이 객체({…})가 아닙니다"
        )
    values = {}
    for name, value in item.items():
        key = field_key(match.channel, name)
        if key is not None and key not in values:
            values[key] = readable(value)
        elif key is None and unknown is not None and name not in unknown:
            unknown.append(name)  # named in the summary, however late it first appears
    raw = dict(item)
    return RawRow(number, raw, values, match.channel, too_long(raw))


def _match_objects(items: Sequence[object], channel: Channel | None, path: Path) -> HeaderMatch:
    keys: list[str] = []
    for item in items:
        if isinstance(item, dict):
            keys += [k for k in item if k not in keys]
    match = _check_channel(keys, channel)
    if match is None:
        raise _fits_no_channel(path, keys, channel, "기록의 항목")
    return match


def _json_shape(path: Path, encoding: str) -> str | None:
    """ijson's prefix for the records: ``item`` for an array, ``records.item`` for an
    object; None for a file with nothing in it."""
    with path.open("r", encoding=encoding, errors="replace") as handle:
        while chunk := handle.read(4096):
            stripped = chunk.lstrip()
            if stripped:
                if stripped[0] == "[":
                    return "item"
                if stripped[0] == "{":
                    return "records.item"
                break
        else:
            return None
    raise FileUnreadableError(
        f"{path.name}: 기록의 배열, 또는 records 항목에 배열을 담은 객체여야 합니다"
    )


# A \uD8xx-\uDBxx escape not followed by a \uDCxx-\uDFxx one, or the other way round.
_LONE_ESCAPE = re.compile(
    rb"\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    rb"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}"
)


def _has_lone_escape(path: Path) -> bool:
    """Whether the file escapes a lone surrogate (ijson's fast parser turns one into '?')."""
    tail = b""
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            if _LONE_ESCAPE.search(tail + chunk):
                return True
            tail = chunk[-12:]
    return False


def _has_records_array(backend: Any, opened: Any) -> bool:
    """Whether a JSON object holds its records as ``records: [...]`` (streamed: the
    object's other members are passed over, not kept)."""
    import ijson

    with opened() as handle:
        try:
            events = backend.parse(handle)
            for prefix, event, value in events:
                if prefix == "" and event == "map_key" and value == "records":
                    _, kind, _ = next(events)
                    return bool(kind == "start_array")
        except (ijson.JSONError, StopIteration):
            return False
    return False


def _position(exc: Exception, handle: Any) -> str:
    """Where a JSON fault is, in words (the parser's own message is not for people)."""
    try:
        return f"{handle.tell():,}바이트 부근"
    except (OSError, ValueError):
        return "알 수 없는 위치"


def read_json(path: Path, channel: Channel | None) -> FileReading:
    """A JSON array of records (or an object whose ``records`` is one), streamed with ijson
    so a large file never has to fit in memory."""
    import ijson

    encoding = detect_encoding(path)
    # CP949 is not valid JSON strictly speaking, but it arrives; it is decoded whole.
    if encoding in ("cp949", "utf-16") and path.stat().st_size > MAX_JSON_BYTES:
        raise FileUnreadableError(
            f"{path.name}: {encoding.upper()} JSON 파일이 너무 큽니다 (UTF-8로 보내 주십시오)"
        )
    prefix = _json_shape(path, encoding)
    if prefix is None:
        return _empty(path, "json", encoding, channel)
    backend = ijson.get_backend("python") if _has_lone_escape(path) else ijson

    def items(handle: Any) -> Iterator[Any]:
        return iter(backend.items(handle, prefix, use_float=True))

    def opened() -> Any:
        if encoding in ("cp949", "utf-16"):
            text = path.read_text(
                encoding=encoding, errors="surrogateescape" if encoding == "cp949" else "replace"
            )
            return io.BytesIO(text.encode("utf-8", "surrogateescape"))
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
                    f"{path.name}: JSON 형식이 아닙니다 ({_position(exc, handle)}에서 문법이 "
                    "맞지 않습니다)"
                ) from None
    if not sample:
        if prefix == "records.item" and not _has_records_array(backend, opened):
            raise FileUnreadableError(
                f"{path.name}: JSON 객체에 records 배열이 없습니다 (기록의 배열, 또는 records "
                "항목에 배열을 담은 객체여야 합니다). 아무것도 가져오지 않았습니다"
            )
        return _empty(path, "json", encoding, channel)
    match = _match_objects(sample, channel, path)

    unknown: list[str] = []

    def rows() -> Iterator[RawRow]:
        with opened() as handle:
            number = 0
            try:
                for number, item in enumerate(items(handle), start=1):
                    yield _object_row(number, item, match, unknown)
            except ijson.JSONError as exc:
                # Records before the fault are kept. What follows cannot be split into
                # records: the text around the fault is kept as one quarantined entry.
                where = _position(exc, handle)
                at = handle.tell()
                start = max(0, at - MAX_TAIL_BYTES // 4)
                handle.seek(start)
                text = handle.read(MAX_TAIL_BYTES).decode("utf-8", "replace")
                yield RawRow(
                    number + 1,
                    {"(오류 부근 원문)": text, "(원문 위치)": f"{start}바이트부터"},
                    {},
                    match.channel,
                    f"JSON 형식 오류: {number}번째 기록 뒤({where})를 읽을 수 없습니다. 파일을 "
                    "고쳐 다시 가져오십시오 (이미 등록된 기록은 중복되지 않습니다)",
                )

    return FileReading(path, "json", encoding, match.channel, rows(), unknown)


def _jsonl_problem(exc: json.JSONDecodeError) -> str:
    return f"JSON 형식 오류: {exc.colno}번째 글자 부근에서 문법이 맞지 않습니다"


def read_jsonl(path: Path, channel: Channel | None) -> FileReading:
    encoding = detect_encoding(path)
    sample: list[object] = []
    with _text(path, encoding) as handle:
        for line in handle:
            if line.strip():
                try:
                    sample.append(json.loads(line))
                except json.JSONDecodeError:
                    continue
            if len(sample) >= 50:
                break
    if not sample:
        with _text(path, encoding) as handle:
            if not any(line.strip() for line in handle):
                return _empty(path, "jsonl", encoding, channel)
    match = _match_objects(sample, channel, path)

    def rows() -> Iterator[RawRow]:
        with _text(path, encoding) as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                if _ESCAPED.search(line):
                    yield _undecoded(
                        RawRow(number, {"(원문)": line.rstrip("\r\n")}, {}, match.channel),
                        encoding,
                    )
                    continue
                try:
                    item = json.loads(line)
                except json.JSONDecodeError as exc:
                    yield RawRow(
                        number,
                        {"(원문)": line.rstrip("\r\n")},
                        {},
                        match.channel,
                        _jsonl_problem(exc),
                    )
                    continue
                yield _object_row(number, item, match, unknown)

    unknown: list[str] = []
    return FileReading(path, "jsonl", encoding, match.channel, rows(), unknown)


READERS = {
    "csv": read_csv,
    "xlsx": read_xlsx,
    "xls": read_xls,
    "json": read_json,
    "jsonl": read_jsonl,
}


def open_file(path: Path, channel: Channel | None = None) -> FileReading:
    """Open a channel file for reading; ``FileUnreadableError`` says why it cannot be."""
    file_format = FORMATS.get(path.suffix.lower())
    if file_format is None:
        raise FileUnreadableError(
            f"{path.name}: 지원하지 않는 파일 형식입니다 ({', '.join(FORMATS)}만 가능)"
        )
    if not path.is_file():
        raise FileUnreadableError(f"{path}: 파일이 없습니다")
    try:
        return READERS[file_format](path, channel)
    except FileUnreadableError:
        raise
    except (OSError, csv.Error, UnicodeError, ValueError) as exc:
        raise FileUnreadableError(f"{path.name}: {describe_read_error(exc)}") from None


def describe_read_error(exc: BaseException) -> str:
    """Why a file could not be read, in a Korean sentence (never Python's own text)."""
    if isinstance(exc, PermissionError):
        return "파일을 열 권한이 없습니다 (다른 프로그램이 열고 있는지 확인하십시오)"
    if isinstance(exc, FileNotFoundError):
        return "파일이 없습니다 (옮겨졌거나 지워졌습니다)"
    if isinstance(exc, IsADirectoryError):
        return "파일이 아니라 폴더입니다"
    if isinstance(exc, OSError):
        return "파일을 읽는 도중 장치 오류가 났습니다 (USB·네트워크 드라이브를 확인하십시오)"
    if isinstance(exc, csv.Error):
        return "CSV 파일의 따옴표나 구분자가 맞지 않아 읽을 수 없습니다"
    if isinstance(exc, UnicodeError):
        return "글자 인코딩을 읽을 수 없습니다 (UTF-8 또는 CP949(EUC-KR)로 저장해 주십시오)"
    return "파일을 읽을 수 없습니다 (형식이 맞지 않습니다)"
