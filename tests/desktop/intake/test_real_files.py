"""Files made the way Korean office software and the channels' systems write them
(intake-formats.md v2): one bad field never costs a file, and a re-import changes nothing."""

from __future__ import annotations

import base64
import codecs
import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from db.enums import Channel
from db.models import (
    QUARANTINE_COLUMN,
    RAW_COLUMN,
    Alert,
    AlertRevision,
    Person,
    QuarantinedRecord,
)
from desktop.cli import main
from desktop.context import AppContext
from desktop.intake.ingest import load_raw
from desktop.intake.readers import MAX_FIELD_CHARS, UNDECODED
from desktop.intake.service import ImportResult, import_file
from tests.helpers.files import CALL_HEADER

CALLS = [
    ["AI-1", "2026-11-01 10:00", "김영수", "010-1111-0001", "연결", "식사를 거름"],
    ["AI-2", "2026-11-02 10:00", "이순자", "010-1111-0002", "미응답", ""],
    ["AI-3", "2026-11-03 10:00", "박민수", "010-1111-0003", "연결", "혼자 지냄"],
]


def _csv_text(header: list[str], rows: list[list[str]], delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def _alerts(ctx: AppContext) -> dict[str, tuple[dict[str, Any], int]]:
    """source id -> (its current raw record, its revision)."""
    with ctx.session() as session:
        return {
            a.source_id: (load_raw(ctx.protector, a.raw_cipher, RAW_COLUMN), a.revision)
            for a in session.scalars(select(Alert))
        }


def _held(ctx: AppContext) -> list[QuarantinedRecord]:
    with ctx.session() as session:
        return list(session.scalars(select(QuarantinedRecord).order_by(QuarantinedRecord.id)))


def _counts(result: ImportResult) -> tuple[int, int, int, int, int]:
    c = result.counts
    return c.read, c.new, c.revised, c.known, c.quarantined


# -- files lost today ---------------------------------------------------------------------


@pytest.mark.parametrize("where", [1, 12])  # before the header search's rows, and after
def test_a_field_past_the_limit_quarantines_its_record_not_the_file(
    ctx: AppContext, tmp_path: Path, where: int
) -> None:
    rows = [
        [f"AI-{n}", "2026-11-01 10:00", "김영수", f"010-1111-{n:04}", "연결", "메모"]
        for n in range(20)
    ]
    rows[where][5] = "가" * 200_000  # long text is allowed
    rows[where + 1][5] = "나" * (MAX_FIELD_CHARS + 1)  # past the limit: held
    path = tmp_path / "long.csv"
    path.write_text(_csv_text(CALL_HEADER, rows), encoding="utf-8")
    result = import_file(ctx, path)
    assert _counts(result) == (20, 19, 0, 0, 1)
    assert len(_alerts(ctx)[f"AI-{where}"][0]["상담요약"]) == 200_000
    [held] = _held(ctx)
    assert held.source_id == f"AI-{where + 1}" and "너무 깁니다" in held.reasons[0]
    kept = load_raw(ctx.protector, held.raw_cipher, QUARANTINE_COLUMN)
    assert len(kept["상담요약"]) == MAX_FIELD_CHARS + 1  # kept whole


def test_a_four_megabyte_field_costs_only_its_record(ctx: AppContext, tmp_path: Path) -> None:
    rows = [list(r) for r in CALLS]
    rows[1][5] = "x" * (4 * 2**20)
    path = tmp_path / "huge.csv"
    path.write_text(_csv_text(CALL_HEADER, rows), encoding="utf-8")
    assert _counts(import_file(ctx, path)) == (3, 2, 0, 0, 1)


def test_a_lone_surrogate_in_jsonl_and_json_is_kept_as_received(
    ctx: AppContext, tmp_path: Path
) -> None:
    record = {
        "상담ID": "AI-9",
        "통화일시": "2026-11-01 10:00",
        "대상자명": "김영수",
        "연락처": "010-1111-0009",
        "통화결과": "연결",
        "상담요약": "기분이 \ud83d 좋지 않음",  # an emoji cut in half by a JavaScript app
    }
    lines = tmp_path / "calls.jsonl"
    lines.write_text(json.dumps(record) + "\n", encoding="utf-8")  # written as \ud83d
    assert _counts(import_file(ctx, lines)) == (1, 1, 0, 0, 0)
    raw, _ = _alerts(ctx)["AI-9"]
    assert raw["상담요약"] == "기분이 \ud83d 좋지 않음"  # exactly as received
    with ctx.session() as session:
        fields = session.scalar(select(Alert.fields).where(Alert.source_id == "AI-9"))
    assert fields is not None and fields["summary"] == "기분이 \ufffd 좋지 않음"

    array = tmp_path / "calls.json"
    array.write_text(json.dumps([{**record, "상담ID": "AI-10"}]), encoding="utf-8")
    assert _counts(import_file(ctx, array)) == (1, 1, 0, 0, 0)
    assert _alerts(ctx)["AI-10"][0]["상담요약"] == "기분이 \ud83d 좋지 않음"  # not '?'


def test_one_cp949_row_in_a_utf8_file_is_held_with_its_bytes(
    ctx: AppContext, tmp_path: Path
) -> None:
    good = _csv_text(CALL_HEADER, CALLS[:2]).encode("utf-8")
    bad_row = "AI-7,2026-11-01 10:00,최말순,010-1111-0007,연결,난방이 끊김\r\n"
    data = (
        good
        + bad_row.encode("cp949")
        + _csv_text(CALL_HEADER, CALLS[2:]).split("\r\n", 1)[1].encode()
    )
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    result = import_file(ctx, path)
    assert _counts(result) == (4, 3, 0, 0, 1) and result.encoding == "utf-8"
    [held] = _held(ctx)
    assert held.source_id == "AI-7" and "CP949" in held.reasons[0]
    kept = load_raw(ctx.protector, held.raw_cipher, QUARANTINE_COLUMN)
    assert base64.b64decode(kept[UNDECODED]["대상자명"]) == "최말순".encode("cp949")
    assert "\ufffd" in kept["대상자명"]


# -- records changed or wrongly refused -------------------------------------------------


def _file(tmp_path: Path, name: str, rows: list[list[str]]) -> Path:
    path = tmp_path / name
    path.write_text(_csv_text(CALL_HEADER, rows), encoding="utf-8")
    return path


def test_a_file_seen_before_is_all_known_even_with_a_source_id_twice(
    ctx: AppContext, tmp_path: Path
) -> None:
    twice = [*CALLS, ["AI-1", "2026-11-01 10:00", "김영수", "010-1111-0001", "연결", "다시 통화함"]]
    path = _file(tmp_path, "twice.csv", twice)
    assert _counts(import_file(ctx, path)) == (4, 3, 1, 0, 0)
    assert _alerts(ctx)["AI-1"][0]["상담요약"] == "다시 통화함"  # the later row wins
    assert _counts(import_file(ctx, path)) == (4, 0, 0, 4, 0)
    assert _alerts(ctx)["AI-1"][0]["상담요약"] == "다시 통화함"


def test_an_older_export_after_a_newer_one_changes_nothing(ctx: AppContext, tmp_path: Path) -> None:
    old = _file(tmp_path, "october.csv", CALLS)
    newer = [list(r) for r in CALLS]
    newer[0][5] = "긴급지원 안내함"
    new = _file(tmp_path, "november.csv", newer)
    assert _counts(import_file(ctx, old))[1] == 3
    assert _counts(import_file(ctx, new)) == (3, 0, 1, 2, 0)
    assert _counts(import_file(ctx, old)) == (3, 0, 0, 3, 0)
    raw, revision = _alerts(ctx)["AI-1"]
    assert raw["상담요약"] == "긴급지원 안내함" and revision == 2
    with ctx.session() as session:
        assert len(session.scalars(select(AlertRevision)).all()) == 1


def test_rows_of_one_source_id_across_chunks_and_any_order_of_files_settle(
    ctx: AppContext, tmp_path: Path
) -> None:
    from desktop.intake import ingest

    first = [list(r) for r in CALLS]
    second = [list(r) for r in CALLS]
    second[1][5] = "두 번째"
    third = [list(r) for r in CALLS]
    third[1][5] = "세 번째"
    files = [
        _file(tmp_path, "a.csv", first + second),
        _file(tmp_path, "b.csv", third),
        _file(tmp_path, "c.csv", second + first),
    ]
    original = ingest.Ingestor.__init__

    def small_chunks(self: Any, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **{**kwargs, "chunk_size": 2})

    ingest.Ingestor.__init__ = small_chunks  # type: ignore[method-assign]
    try:
        for path in files:
            import_file(ctx, path)
        settled = _alerts(ctx)
        for path in [*files, *reversed(files)]:
            result = import_file(ctx, path)
            assert result.counts.new == result.counts.revised == 0, path.name
    finally:
        ingest.Ingestor.__init__ = original  # type: ignore[method-assign]
    assert _alerts(ctx) == settled
    assert settled["AI-2"][0]["상담요약"] == "세 번째"


def test_header_hints_in_parentheses_name_their_column_and_unknown_columns_are_named(
    ctx: AppContext, tmp_path: Path
) -> None:
    header = [
        "방문ID",
        "방문일자",
        "대상자명",
        "연락처(휴대폰)",
        "주소",
        "상세주소(동·호)",
        "위기의심(Y/N)",
        "비고",
    ]
    rows = [
        [
            f"V-{n}",
            "2026-11-14",
            "정말자",
            "010-2222-0001",
            "부산광역시 해운대구 좌동순환로 10",
            "101동 203호",
            "Y",
            "메모",
        ]
        for n in range(5)
    ]
    path = tmp_path / "visits.csv"
    path.write_text(_csv_text(header, rows), encoding="utf-8")
    result = import_file(ctx, path)
    assert _counts(result) == (5, 5, 0, 0, 0)
    assert result.unknown_columns == ("비고",)
    assert "알 수 없는 열: 비고, 가져오지 않음" in result.summary()
    with ctx.session() as session:
        stored = session.scalars(select(Alert).where(Alert.channel == Channel.CARRIER)).all()
    assert all(a.fields["crisis_suspected"] is True for a in stored)
    assert all(a.fields["address_detail"] == "101동 203호" for a in stored)
    with ctx.session() as session:  # the phone column read, into the person (sealed)
        phones = session.scalars(select(Person.phone_cipher)).all()
    assert len(phones) == 1 and all(phones)  # one person, visited five times


# -- formats to accept ------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, encoding, delimiter",
    [
        ("unicode.txt", "utf-16", "\t"),  # Excel's 유니코드 텍스트
        ("unicode.csv", "utf-16", "\t"),  # the same, named .csv
        ("tabs.txt", "utf-8", "\t"),
        ("tabs.tsv", "cp949", "\t"),
    ],
)
def test_tab_separated_text_in_utf16_utf8_and_cp949(
    ctx: AppContext, tmp_path: Path, name: str, encoding: str, delimiter: str
) -> None:
    path = tmp_path / name
    text = _csv_text(CALL_HEADER, CALLS, delimiter)
    path.write_bytes(text.encode(encoding))  # Python's utf-16 writes the BOM Excel does
    if encoding == "utf-16":
        assert path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    result = import_file(ctx, path)
    assert _counts(result) == (3, 3, 0, 0, 0)
    assert _alerts(ctx)["AI-1"][0]["대상자명"] == "김영수"


def test_legacy_xls_is_read(ctx: AppContext, tmp_path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("통화")
    sheet.write(0, 0, "2026년 11월 AI 초기상담 결과")  # a title above the header
    for column, header in enumerate(CALL_HEADER):
        sheet.write(2, column, header)
    for row, values in enumerate(CALLS, start=3):
        for column, value in enumerate(values):
            sheet.write(row, column, value)
    path = tmp_path / "calls.xls"
    book.save(str(path))
    result = import_file(ctx, path)
    assert result.file_format == "xls" and _counts(result) == (3, 3, 0, 0, 0)


@pytest.mark.parametrize(
    "name, content",
    [
        ("empty.csv", b""),
        ("blank.csv", b"\r\n\r\n"),
        ("header.csv", ",".join(CALL_HEADER).encode("utf-8") + b"\r\n"),
        ("empty.json", b'{"records": []}'),
        ("array.json", b"[]"),
        ("nothing.json", b""),
        ("empty.jsonl", b"\n"),
    ],
)
def test_an_empty_file_reads_as_no_records_and_says_so(
    db_url: str, ctx: AppContext, tmp_path: Path, name: str, content: bytes
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = import_file(ctx, path)
    assert _counts(result) == (0, 0, 0, 0, 0)
    assert "파일이 비어 있습니다" in result.summary()
    assert "필수 머리글" not in result.summary()
    out = io.StringIO()
    assert main(["--db", db_url, "import", str(path)], stdout=out) == 0
    assert "파일이 비어 있습니다" in out.getvalue()


# -- messages ---------------------------------------------------------------------------


def test_broken_json_is_told_in_korean_only(ctx: AppContext, tmp_path: Path) -> None:
    lines = tmp_path / "broken.jsonl"
    good = json.dumps(dict(zip(CALL_HEADER, CALLS[0], strict=True)), ensure_ascii=False)
    lines.write_text(good + '\n{"상담ID": "AI-2", "대상자명": "이순\n', encoding="utf-8")
    result = import_file(ctx, lines)
    assert _counts(result) == (2, 1, 0, 0, 1)
    [held] = _held(ctx)
    assert "JSON 형식 오류" in held.reasons[0]
    assert re.search(r"[A-Za-z]{3,}", held.reasons[0].replace("JSON", "")) is None  # no Python text


def test_a_value_no_reader_foresaw_is_held_with_its_source_id_and_no_python_text(
    ctx: AppContext, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.intake import ingest

    def surprised(*_args: Any) -> Any:
        raise OverflowError("date value out of range")

    monkeypatch.setattr(ingest, "parse_record", surprised)
    path = _file(tmp_path, "calls.csv", CALLS[:1])
    assert _counts(import_file(ctx, path)) == (1, 0, 0, 0, 1)
    [held] = _held(ctx)
    assert held.source_id == "AI-1"
    assert "Overflow" not in held.reasons[0] and "out of range" not in held.reasons[0]


def test_a_refused_phone_is_never_quoted_even_with_a_quote_mark_in_it() -> None:
    from desktop.intake.records import RecordInvalidError, parse_record

    values = dict(
        zip(
            ["source_id", "called_at", "subject_name", "subject_phone", "call_result"],
            ["AI-1", "2026-11-01 10:00", "김영수", "'010-98x6-5298", "연결"],
            strict=True,
        )
    )
    with pytest.raises(RecordInvalidError) as refused:
        parse_record(Channel.AI_CALL, values)
    assert "5298" not in str(refused.value.reasons) and "98x6" not in str(refused.value.reasons)


@pytest.mark.parametrize(
    "content",
    [
        {"data": [dict(zip(CALL_HEADER, CALLS[0], strict=True))]},
        dict(zip(CALL_HEADER, CALLS[0], strict=True)),  # one bare record
    ],
)
def test_a_json_object_without_a_records_array_is_refused_not_read_as_empty(
    ctx: AppContext, tmp_path: Path, content: dict[str, Any]
) -> None:
    from desktop.intake.readers import FileUnreadableError

    path = tmp_path / "calls.json"
    path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(FileUnreadableError, match="records 배열이 없습니다"):
        import_file(ctx, path)


def test_totals_and_footnote_rows_below_the_data_are_left_out_and_named(
    ctx: AppContext, tmp_path: Path
) -> None:
    rows = [
        *CALLS,
        ["합계", "3건", "", "", "", ""],
        ["※ 미응답은 3회까지 재통화", "", "", "", "", ""],
    ]
    result = import_file(ctx, _file(tmp_path, "calls.csv", rows))
    assert _counts(result) == (3, 3, 0, 0, 0) and _held(ctx) == []
    assert result.not_records == ("5행 (합계)", "6행 (※ 미응답은 3회까지 재통화)")
    assert "기록이 아닌 행(합계·주석) 2개, 가져오지 않음" in result.summary()


def test_a_column_first_seen_late_in_json_is_named(ctx: AppContext, tmp_path: Path) -> None:
    records = [dict(zip(CALL_HEADER, [f"AI-{n}", *CALLS[0][1:]], strict=True)) for n in range(300)]
    records[-1]["담당메모"] = "다음 주 재통화"
    path = tmp_path / "calls.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    assert import_file(ctx, path).unknown_columns == ("담당메모",)


def test_a_broken_jsonl_line_is_held_with_the_source_id_it_names(
    ctx: AppContext, tmp_path: Path
) -> None:
    path = tmp_path / "calls.jsonl"
    good = json.dumps(dict(zip(CALL_HEADER, CALLS[0], strict=True)), ensure_ascii=False)
    path.write_text(good + '\n{"상담ID": "AI-324", 깨짐\n', encoding="utf-8")
    import_file(ctx, path)
    assert [h.source_id for h in _held(ctx)] == ["AI-324"]


def test_a_note_saying_whose_value_a_column_holds_is_no_hint() -> None:
    from desktop.intake.channels import field_key

    assert field_key(Channel.AI_CALL, "연락처(휴대폰)") == "subject_phone"
    for header in ("연락처(보호자)", "생년월일(보호자)", "주소(이전)"):
        assert field_key(Channel.AI_CALL, header) is None, header


def test_a_new_record_twice_in_one_chunk_is_created_from_its_later_row(
    ctx: AppContext, tmp_path: Path
) -> None:
    first = ["AI-1", "2026-11-01 10:00", "김영수", "010-1111-0001", "연결", "괜찮다고 함"]
    later = ["AI-1", "2026-11-01 10:00", "김영수", "010-1111-0001", "연결", "식사를 거름"]
    result = import_file(ctx, _file(tmp_path, "twice.csv", [first, later]))
    assert _counts(result) == (2, 1, 1, 0, 0)
    raw, revision = _alerts(ctx)["AI-1"]
    assert raw["상담요약"] == "식사를 거름" and revision == 2
    with ctx.session() as session:
        [kept] = session.scalars(select(AlertRevision)).all()
    assert (
        kept.revision == 1
        and load_raw(ctx.protector, kept.raw_cipher, RAW_COLUMN)["상담요약"] == "괜찮다고 함"
    )
    assert _counts(import_file(ctx, _file(tmp_path, "twice-again.csv", [first, later])))[3] == 2
