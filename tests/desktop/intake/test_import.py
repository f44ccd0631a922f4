from __future__ import annotations

import functools
import json
import sqlite3
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from db.engine import make_engine
from db.enums import Channel, QuarantineStatus
from db.models import RAW_COLUMN, Alert, AlertRevision, Case, ImportBatch, QuarantinedRecord
from desktop.context import AppContext
from desktop.demo import files
from desktop.demo.synth import Synth, SynthRecord
from desktop.intake import quarantine
from desktop.intake.channels import CHANNELS
from desktop.intake.ingest import Ingestor, RawRow, load_raw, raw_bytes
from desktop.intake.readers import FileUnreadableError, open_file
from desktop.intake.service import ImportStoppedError, import_file
from tests.helpers.files import CALL_HEADER, write_rows

ANCHOR = date(2026, 11, 20)


@pytest.fixture(scope="module")
def records() -> dict[Channel, list[SynthRecord]]:
    synth = Synth(11, anchor=ANCHOR)
    households = synth.households(120)
    all_records = list(synth.records(households))
    all_records += synth.bigdata_round(
        households, notified=date(2026, 11, 2), due=date(2026, 12, 15), share=0.5
    )
    return {c: [r for r in all_records if r.channel is c][:40] for c in CHANNELS}


def assert_no_false_merges(ctx: AppContext, records: list[SynthRecord]) -> None:
    """No case holds alerts about two different households (the generator knows the truth)."""
    truth = {(r.channel, next(iter(r.raw.values()))): r.household for r in records}
    households_by_case: dict[int, set[int]] = {}
    with ctx.session() as session:
        for case_id, channel, source in session.execute(
            select(Alert.case_id, Alert.channel, Alert.source_id)
        ):
            households_by_case.setdefault(case_id, set()).add(truth[(channel, source)])
    mixed = {c: h for c, h in households_by_case.items() if len(h) > 1}
    assert mixed == {}


def count(ctx: AppContext, model: type) -> int:
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


WRITERS: dict[str, Callable[[Path, list[SynthRecord]], Path]] = {
    "utf-8.csv": lambda p, r: files.write_csv(p, r, "utf-8"),
    "bom.csv": lambda p, r: files.write_csv(p, r, "utf-8-sig"),
    "cp949.csv": lambda p, r: files.write_csv(p, r, "cp949"),
    "titled.xlsx": lambda p, r: files.write_xlsx(p, r, title="2026년 11월 자료"),
    "array.json": files.write_json,
    "wrapped.json": lambda p, r: files.write_json(p, r, wrapped=True),
    "lines.jsonl": files.write_jsonl,
}


@pytest.mark.parametrize("channel", list(CHANNELS))  # each channel with an intake spec
@pytest.mark.parametrize("kind", list(WRITERS))
def test_every_channel_in_every_format_imports_every_record(
    ctx: AppContext,
    tmp_path: Path,
    records: dict[Channel, list[SynthRecord]],
    channel: Channel,
    kind: str,
) -> None:
    path = WRITERS[kind](tmp_path / f"{channel.value}-{kind}", records[channel])
    result = import_file(ctx, path)  # the channel is recognised from the headers
    assert result.channel is channel
    expected = len(records[channel])
    assert (result.counts.read, result.counts.new, result.counts.quarantined) == (
        expected,
        expected,
        0,
    )
    with ctx.session() as session:
        stored = set(session.scalars(select(Alert.source_id).where(Alert.channel == channel)))
    id_header = {
        Channel.APP: "신고번호",
        Channel.AI_CALL: "상담ID",
        Channel.CARRIER: "방문ID",
        Channel.BIGDATA: "관리번호",
    }
    assert stored == {r.raw[id_header[channel]] for r in records[channel]}


def test_raw_record_is_kept_exactly(
    ctx: AppContext, tmp_path: Path, records: dict[Channel, list[SynthRecord]]
) -> None:
    path = files.write_csv(tmp_path / "app.csv", records[Channel.APP])
    import_file(ctx, path)
    with ctx.session() as session:
        blob = session.scalar(select(Alert.raw_cipher).order_by(Alert.id).limit(1))
    assert blob is not None
    assert load_raw(ctx.protector, blob, RAW_COLUMN) == records[Channel.APP][0].raw


def test_cp949_keeps_rare_hangul(ctx: AppContext, tmp_path: Path) -> None:
    path = write_rows(
        tmp_path / "calls.csv",
        CALL_HEADER,
        [["C-1", "2026-11-03 10:00", "김똠햏", "010-1234-5678", "연결", "뷁 요약"]],
        encoding="cp949",
    )
    result = import_file(ctx, path)
    assert result.encoding == "cp949" and result.counts.new == 1
    with ctx.session() as session:
        alert = session.scalars(select(Alert)).one()
    assert alert.subject_name == "김똠햏" and alert.fields["summary"] == "뷁 요약"


def test_reimport_and_overlapping_export_add_nothing_twice(
    ctx: AppContext, tmp_path: Path, records: dict[Channel, list[SynthRecord]]
) -> None:
    calls = records[Channel.AI_CALL]
    first = files.write_csv(tmp_path / "a.csv", calls[:30])
    assert import_file(ctx, first).counts.new == 30
    again = import_file(ctx, first).counts
    assert (again.new, again.known) == (0, 30)
    later = files.write_jsonl(tmp_path / "b.jsonl", calls[20:40])
    overlap = import_file(ctx, later).counts
    assert (overlap.new, overlap.known) == (10, 10)
    assert count(ctx, Alert) == 40


def test_changed_record_becomes_a_revision_with_history(ctx: AppContext, tmp_path: Path) -> None:
    row = ["C-9", "2026-11-03 10:00", "박민수", "010-2222-3333", "미응답", ""]
    import_file(ctx, write_rows(tmp_path / "1.csv", CALL_HEADER, [row]))
    changed = [*row[:4], "연결", "다시 걸어 연결됨"]
    counts = import_file(ctx, write_rows(tmp_path / "2.csv", CALL_HEADER, [changed])).counts
    assert (counts.new, counts.revised) == (0, 1)
    with ctx.session() as session:
        alert = session.scalars(select(Alert)).one()
        history = session.scalars(select(AlertRevision)).all()
    assert alert.revision == 2 and alert.fields["call_result"] == "연결"
    assert [h.fields["call_result"] for h in history] == ["미응답"]
    assert count(ctx, Case) == 1


def test_bad_records_go_to_quarantine_and_the_rest_is_imported(
    ctx: AppContext, tmp_path: Path
) -> None:
    rows = [
        ["C-1", "2026-11-03 10:00", "김하나", "010-1111-2222", "연결", ""],
        ["C-2", "2026-13-03 10:00", "김둘", "010-1111-3333", "연결", ""],
        ["C-3", "2026-11-03 10:00", "", "12345", "몰라", ""],
        ["", "2026-11-03 10:00", "김넷", "010-1111-4444", "연결", ""],
        ["C-5", "2026-11-03 10:00", "김다섯", "010-1111-5555", "연결", ""],
    ]
    result = import_file(ctx, write_rows(tmp_path / "calls.csv", CALL_HEADER, rows))
    assert (result.counts.read, result.counts.new, result.counts.quarantined) == (5, 2, 3)
    entries = list(quarantine.list_entries(ctx))
    assert [e.source_id for e in entries] == ["C-2", "C-3", None]
    assert any("통화일시" in r and "2026-13-03" in r for r in entries[0].reasons)
    # Every problem at once, each named by its Korean header alone.
    assert {r.split(":")[0] for r in entries[1].reasons} >= {"대상자명", "연락처", "통화결과"}
    assert not any("_" in r.split(":")[0] for e in entries for r in e.reasons)
    assert entries[1].raw["연락처"] == "12345" and entries[1].row_number == 4
    # The same bad file again: all known (the bad records are held already), none queued
    # twice, and the summary says they still wait.
    result = import_file(ctx, write_rows(tmp_path / "calls2.csv", CALL_HEADER, rows))
    again = result.counts
    assert (again.known, again.quarantined, again.still_held) == (5, 0, 3)
    assert "이미 보류되었거나 처리된 기록" in result.summary()
    assert count(ctx, QuarantinedRecord) == 3


def test_quarantined_record_is_corrected_and_resubmitted(ctx: AppContext, tmp_path: Path) -> None:
    rows = [["C-7", "2026-11-03 10:00", "최일곱", "0101234", "연결", ""]]
    import_file(ctx, write_rows(tmp_path / "c.csv", CALL_HEADER, rows))
    entry = next(quarantine.list_entries(ctx))
    still_bad = quarantine.resubmit(ctx, entry.id, {**entry.raw, "연락처": "010-12"})
    assert not still_bad.accepted and still_bad.reasons[0].startswith("연락처:")
    assert "010-12" not in still_bad.reasons[0]  # reasons are stored in the clear
    fixed = quarantine.resubmit(ctx, entry.id, {**entry.raw, "연락처": "010-1234-7777"})
    assert fixed.accepted
    assert list(quarantine.list_entries(ctx)) == []
    assert [e.status for e in quarantine.list_entries(ctx, None)] == [QuarantineStatus.RESUBMITTED]
    assert count(ctx, Alert) == 1
    # The original file again: the bad row was dealt with, it is not held a second time.
    again = import_file(ctx, write_rows(tmp_path / "c-again.csv", CALL_HEADER, rows)).counts
    assert (again.known, again.quarantined) == (1, 0)
    assert len(list(quarantine.list_entries(ctx, None))) == 1


def test_an_import_killed_midway_completes_on_rerun(
    ctx: AppContext, tmp_path: Path, records: dict[Channel, list[SynthRecord]]
) -> None:
    calls = records[Channel.AI_CALL]
    path = files.write_csv(tmp_path / "calls.csv", calls)
    reading = open_file(path)

    def dying(rows: Iterator[RawRow]) -> Iterator[RawRow]:
        for n, row in enumerate(rows):
            if n == 25:
                raise KeyboardInterrupt  # the process is killed here
            yield row

    ingestor = Ingestor(ctx, chunk_size=10)
    batch = ingestor.start_batch(path.name, channel=reading.channel, file_format="csv")
    with pytest.raises(KeyboardInterrupt):
        ingestor.ingest(batch, dying(reading.rows), channel=reading.channel, file_name=path.name)
    assert count(ctx, Alert) == 20  # two whole chunks committed, the third rolled back
    rerun = import_file(ctx, path).counts
    assert (rerun.new, rerun.known) == (len(calls) - 20, 20)
    assert count(ctx, Alert) == len(calls)
    # Every call carries a phone number: one case per household called, no more, no less.
    assert count(ctx, Case) == len({r.household for r in calls})
    assert_no_false_merges(ctx, calls)


def test_a_full_disk_stops_the_import_with_a_message_and_a_rerun_completes_it(
    ctx: AppContext,
    tmp_path: Path,
    records: dict[Channel, list[SynthRecord]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The disk fills up during the second chunk (SQLite's own 'disk is full', made real by
    forbidding the file to grow): the first chunk stays, the person is told in Korean what
    happened and what to do, and importing the file again adds exactly the rest."""
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("a full disk is made real on the SQLite file")
    import desktop.intake.ingest as ingest
    import desktop.intake.service as service

    monkeypatch.setattr(service, "Ingestor", functools.partial(Ingestor, chunk_size=10))
    chunk = Ingestor._chunk
    chunks: list[int] = []

    def fill_the_disk_on_the_second(self: Ingestor, session: Session, *args: Any) -> Any:
        chunks.append(1)
        if len(chunks) == 2:
            pages = session.connection().exec_driver_sql("PRAGMA page_count").scalar()
            session.connection().exec_driver_sql(f"PRAGMA max_page_count = {pages}")
        return chunk(self, session, *args)

    monkeypatch.setattr(ingest.Ingestor, "_chunk", fill_the_disk_on_the_second)
    calls = records[Channel.AI_CALL]
    path = files.write_csv(tmp_path / "calls.csv", calls)
    with pytest.raises(ImportStoppedError) as caught:
        import_file(ctx, path)
    message = str(caught.value)
    assert "calls.csv: 저장 공간(디스크)이 가득 찼습니다" in message
    assert "앞의 10건은 저장되었습니다" in message and "다시 가져오면 나머지를" in message
    assert "INSERT" not in message and "sqlite3" not in message
    assert count(ctx, Alert) == 10

    ctx.engine.dispose()  # space is freed: connections without the limit
    monkeypatch.setattr(ingest.Ingestor, "_chunk", chunk)
    rerun = import_file(ctx, path).counts
    assert (rerun.new, rerun.known) == (len(calls) - 10, 10)
    assert count(ctx, Alert) == len(calls)
    assert_no_false_merges(ctx, calls)
    with ctx.session() as session:
        first = session.scalars(select(ImportBatch).order_by(ImportBatch.id)).first()
        assert first is not None and first.records_read == 10
        assert first.error == "저장 공간(디스크)이 가득 찼습니다"


def test_an_import_goes_on_when_the_server_drops_its_connection_between_chunks(
    ctx: AppContext,
    tmp_path: Path,
    records: dict[Channel, list[SynthRecord]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A restart of the shared server between two chunks costs nothing: the next chunk
    takes a connection that is checked first, and opens a new one."""
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite has no server to drop a connection")
    import desktop.intake.service as service

    monkeypatch.setattr(service, "Ingestor", functools.partial(Ingestor, chunk_size=10))
    used: list[int] = []  # the server process behind each transaction
    event.listen(
        ctx.engine,
        "begin",
        lambda connection: used.append(connection.connection.driver_connection.info.backend_pid),
    )
    dropped: list[int] = []

    def drop_after_the_first_chunk(_counts: object) -> None:
        if dropped:
            return
        admin = make_engine(ctx.engine.url)
        try:
            with admin.connect() as connection:
                connection.exec_driver_sql(f"SELECT pg_terminate_backend({used[-1]})")
        finally:
            admin.dispose()
        dropped.append(used[-1])

    calls = records[Channel.AI_CALL]
    path = files.write_csv(tmp_path / "calls.csv", calls)
    result = import_file(ctx, path, progress=drop_after_the_first_chunk)
    assert dropped and result.counts.new == len(calls)
    assert count(ctx, Alert) == len(calls)


def test_a_file_of_no_channel_names_what_it_lacks(ctx: AppContext, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "x.csv", ["번호", "이름"], [["1", "김"]])
    with pytest.raises(FileUnreadableError) as caught:
        import_file(ctx, path)
    message = str(caught.value)
    assert "신고번호" in message and "상담ID" in message and "방문ID" in message
    assert count(ctx, Alert) == 0


def test_a_named_channel_that_does_not_fit_is_refused(ctx: AppContext, tmp_path: Path) -> None:
    path = write_rows(tmp_path / "calls.csv", CALL_HEADER, [])
    with pytest.raises(FileUnreadableError, match="방문ID"):
        import_file(ctx, path, channel=Channel.CARRIER)


NASTY = "=cmd|'/C calc'!A0\n+1+1 -2 @SUM(A1) <img src=x> & \t탭 😀 \x07끝"


@pytest.mark.parametrize("kind", ["utf-8.csv", "titled.xlsx", "lines.jsonl"])
def test_untrusted_text_is_stored_as_given(ctx: AppContext, tmp_path: Path, kind: str) -> None:
    synth = Synth(2, anchor=ANCHOR)
    record = next(r for r in synth.records(synth.households(10)) if r.channel is Channel.APP)
    raw = {**record.raw, "상황설명": NASTY}
    nasty = SynthRecord(Channel.APP, 0, raw)
    if kind.endswith("xlsx"):
        raw["상황설명"] = NASTY.replace("\x07", "")  # XML cannot carry control characters
    import_file(ctx, WRITERS[kind](tmp_path / kind, [nasty]))
    with ctx.session() as session:
        alert = session.scalars(select(Alert)).one()
    assert alert.fields["description"] == raw["상황설명"]
    assert load_raw(ctx.protector, alert.raw_cipher, RAW_COLUMN)["상황설명"] == raw["상황설명"]


def test_a_raw_record_keeps_the_bytes_earlier_versions_gave_it() -> None:
    """The digest that tells a known record from a changed copy is taken over these bytes:
    were they to change, every record of a file imported again would count as revised."""
    raw = {"상황설명": NASTY, "접수일시": datetime(2026, 11, 3, 10, 0), "번호": 7, "빈칸": None}
    expected = json.dumps(raw, ensure_ascii=False, default=str).encode("utf-8")
    assert raw_bytes(raw) == expected


def test_jsonl_line_that_is_not_json_is_quarantined_with_that_reason(
    ctx: AppContext, tmp_path: Path, records: dict[Channel, list[SynthRecord]]
) -> None:
    path = files.write_jsonl(tmp_path / "v.jsonl", records[Channel.CARRIER][:3])
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"방문ID": "broken", \n')
    result = import_file(ctx, path)
    assert (result.counts.new, result.counts.quarantined) == (3, 1)
    entry = next(quarantine.list_entries(ctx))
    assert entry.reasons[0].startswith("JSON 형식 오류") and "broken" in entry.raw["(원문)"]


def test_database_holds_no_plaintext_phone(ctx: AppContext, db_url: str, tmp_path: Path) -> None:
    if not db_url.startswith("sqlite"):
        pytest.skip("reads the SQLite file itself")
    rows = [
        ["C-1", "2026-11-03 10:00", "김하나", "010-9876-5432", "연결", ""],
        ["C-2", "2026-11-03 10:00", "김둘", "010-9876-54", "연결", ""],
    ]  # one quarantined
    import_file(ctx, write_rows(tmp_path / "c.csv", CALL_HEADER, rows))
    database = Path(db_url.removeprefix("sqlite:///"))
    for path in (database, database.with_name(database.name + "-wal")):
        if path.exists():
            data = path.read_bytes()
            for needle in ("010-9876-5432", "01098765432", "9876-54"):
                assert needle.encode() not in data, (path.name, needle)
    assert json.dumps(rows)  # the rows themselves were fine to write


def test_nul_in_free_text_is_kept_in_the_raw_record_on_every_database(
    ctx: AppContext, tmp_path: Path
) -> None:
    row = ["C-1", "2026-11-03 10:00", "김하나", "010-1111-2222", "연결", "앞\x00뒤"]
    path = tmp_path / "c.jsonl"
    path.write_text(json.dumps(dict(zip(CALL_HEADER, row, strict=True))) + "\n", encoding="utf-8")
    assert import_file(ctx, path).counts.new == 1
    with ctx.session() as session:
        alert = session.scalars(select(Alert)).one()
    assert alert.fields["summary"] == "앞뒤"
    assert load_raw(ctx.protector, alert.raw_cipher, RAW_COLUMN)["상담요약"] == "앞\x00뒤"


def test_json_broken_midway_keeps_what_came_before_and_quarantines_the_rest(
    ctx: AppContext, tmp_path: Path, records: dict[Channel, list[SynthRecord]]
) -> None:
    path = files.write_json(tmp_path / "v.json", records[Channel.CARRIER][:10])
    text = path.read_text(encoding="utf-8")
    cut = text.index('"방문ID"', text.index('"방문ID"', 2000))  # somewhere after a few records
    path.write_text(text[:cut] + "@@ broken @@" + text[cut:], encoding="utf-8")
    result = import_file(ctx, path)
    assert result.counts.new >= 1 and result.counts.quarantined == 1
    entry = next(quarantine.list_entries(ctx))
    assert entry.reasons[0].startswith("JSON 형식 오류")
    assert "@@ broken @@" in entry.raw["(오류 부근 원문)"]


def test_large_json_is_streamed(ctx: AppContext, tmp_path: Path) -> None:
    synth = Synth(4, anchor=ANCHOR)
    calls = [r for r in synth.records(synth.households(3000)) if r.channel is Channel.AI_CALL]
    path = files.write_json(tmp_path / "calls.json", calls, wrapped=True)
    reading = open_file(path)
    assert not isinstance(reading.rows, list)  # a generator, not a loaded list
    assert import_file(ctx, path).counts.new == len(calls)


def test_two_imports_at_once_never_collide(
    ctx: AppContext, tmp_path: Path, records: dict[Channel, list[SynthRecord]]
) -> None:
    """The client's inbox and a command-line import may write at the same moment."""
    import threading

    paths = [
        files.write_csv(tmp_path / "calls.csv", records[Channel.AI_CALL]),
        files.write_jsonl(tmp_path / "visits.jsonl", records[Channel.CARRIER]),
    ]
    errors: list[BaseException] = []

    def work(path: Path) -> None:
        try:
            reading = open_file(path)
            ingestor = Ingestor(ctx, chunk_size=5)  # many small transactions, interleaved
            batch = ingestor.start_batch(path.name, channel=reading.channel, file_format="x")
            ingestor.ingest(batch, reading.rows, channel=reading.channel, file_name=path.name)
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(p,)) for p in paths]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    both = records[Channel.AI_CALL] + records[Channel.CARRIER]
    assert count(ctx, Alert) == len(both)
    assert_no_false_merges(ctx, both)


def test_excel_date_cells_and_numeric_ids(ctx: AppContext, tmp_path: Path) -> None:
    """What other organisations' Excel exports really hold: date cells and number cells."""
    from datetime import datetime as dt

    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["방문 기록 (2026년 11월)"])
    sheet.append(["방문ID", "방문일자", "대상자명", "주소"])
    sheet.append([20261103, dt(2026, 11, 3, 14, 30), "김하나", "해운대구 좌동로 10"])
    sheet.append([None, None, None, None])
    path = tmp_path / "visits.xlsx"
    workbook.save(path)
    result = import_file(ctx, path)
    assert (result.counts.read, result.counts.new) == (1, 1)
    visit = alert_by_source(ctx, "20261103")
    assert visit.occurred_at.isoformat() == "2026-11-03T05:30:00+00:00"  # 14:30 Korea time
    raw = load_raw(ctx.protector, visit.raw_cipher, RAW_COLUMN)
    assert raw["방문ID"] == 20261103 and raw["방문일자"].startswith("2026-11-03T14:30")


def alert_by_source(ctx: AppContext, source_id: str) -> Alert:
    with ctx.session() as session:
        return session.scalars(select(Alert).where(Alert.source_id == source_id)).one()


def test_records_are_validated_before_the_write_lock_is_taken(
    ctx: AppContext,
    tmp_path: Path,
    records: dict[Channel, list[SynthRecord]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """On SQLite a chunk's transaction holds the one write lock every other writer (a
    colleague saving a note) waits for: validating a chunk must not be done inside it."""
    if ctx.engine.dialect.name != "sqlite":
        pytest.skip("PostgreSQL has no database-wide write lock")
    import desktop.intake.ingest as ingest

    free: list[bool] = []
    validate = ingest.parse_record

    def parse_and_try_to_write(*args: object, **kwargs: object) -> object:
        if not free:  # another program's connection, one that does not wait
            other = sqlite3.connect(str(ctx.engine.url.database), timeout=0, isolation_level=None)
            try:
                other.execute("BEGIN IMMEDIATE")
                other.execute("ROLLBACK")
                free.append(True)
            except sqlite3.OperationalError:  # database is locked
                free.append(False)
            finally:
                other.close()
        return validate(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(ingest, "parse_record", parse_and_try_to_write)
    path = files.write_csv(tmp_path / "calls.csv", records[Channel.AI_CALL])
    assert import_file(ctx, path).counts.new == len(records[Channel.AI_CALL])
    assert free == [True]
