"""행복e음 처리번호 recorded back (one field, or the hand-off sheet's last column filled in and
imported), and Today's 행복e음 입력 대기 following the results as they come and go."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select, text

from db.enums import AccessAction, CaseStatus, ClosureReason
from db.models import HANDOFF_WAITING_SQL, AccessLog, Case
from desktop.casework.haengbok import (
    HaengbokError,
    import_numbers,
    normalise_number,
    record_number,
)
from desktop.casework.today import today
from desktop.casework.workflow import change_status
from desktop.context import AppContext
from desktop.reporting import export_handoff
from desktop.security.access import AccessDeniedError
from tests.conftest import BACKEND, as_tester
from tests.helpers.cli import run
from tests.helpers.handoff import results_office, sign_in


@pytest.fixture
def office(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    return results_office(ctx, tmp_path)


def _number(ctx: AppContext, case_id: int) -> str | None:
    with ctx.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case.haengbok_eum_no


def _waiting(ctx: AppContext) -> list[int]:
    return [item.case_id for item in today(ctx).handoff]


def _filled(
    path: Path, numbers: dict[int, object], extra: list[tuple[object, object]] = ()
) -> Path:  # type: ignore[assignment]
    """The hand-off sheet as a worker saves it: numbers typed into its last column (by case
    number), and any rows added below."""
    book = load_workbook(path)
    sheet = book["행복e음 입력"]
    last = sheet.max_column
    for row in range(7, sheet.max_row + 1):
        case_id = sheet.cell(row, 1).value
        if case_id in numbers:
            sheet.cell(row, last).value = numbers[case_id]
    for case_cell, number in extra:
        row = sheet.max_row + 1
        sheet.cell(row, 1).value = case_cell
        sheet.cell(row, last).value = number
    filled = path.with_name("filled-" + path.name)
    book.save(filled)
    return filled


def test_a_number_is_normalised_or_refused_in_words() -> None:
    assert normalise_number(" ２０２６-００１２３ ") == "2026-00123"
    assert normalise_number(20261120001.0) == "20261120001"
    assert normalise_number("A-2026/11.3_7") == "A-2026/11.3_7"
    for bad in ("12 34", "=1+1", "-", "", "가" * 41, True):
        with pytest.raises(HaengbokError):
            normalise_number(bad)


def test_the_field_records_one_case_s_number_and_today_lets_it_go(
    ctx: AppContext, office: dict[str, int]
) -> None:
    sign_in(ctx, "kim")
    waiting = _waiting(ctx)
    # 지원연계, 비해당, 종결 wait; the open case does not, nor another centre's.
    assert waiting == sorted([office["support"], office["vacant"], office["regular"]])
    assert today(ctx).handoff_total == 3
    item = next(i for i in today(ctx).handoff if i.case_id == office["vacant"])
    assert item.name == "박○○" and item.result == "비해당 — 소재 파악 필요 (빈집)"
    assert item.assignee == "김지은"
    record_number(ctx, office["vacant"], "2026-0000123", expected_version=None)
    assert _number(ctx, office["vacant"]) == "2026-0000123"
    assert office["vacant"] not in _waiting(ctx) and today(ctx).handoff_total == 2
    with ctx.session() as session:
        row = session.scalars(select(AccessLog).order_by(AccessLog.id.desc())).first()
    assert row is not None and row.action is AccessAction.UPDATE
    assert row.subject == f"case:{office['vacant']}" and "처리번호" in (row.detail or "")
    # A different number for it is refused unless it is meant; one number, one case.
    with pytest.raises(HaengbokError, match="이미 처리번호 2026-0000123"):
        record_number(ctx, office["vacant"], "2026-0000999", expected_version=None)
    with pytest.raises(HaengbokError, match=r"이미 사례 .*번에 기록"):
        record_number(ctx, office["regular"], "2026-0000123", expected_version=None)
    record_number(ctx, office["vacant"], "2026-0000999", expected_version=None, replace=True)
    assert _number(ctx, office["vacant"]) == "2026-0000999"
    # Cleared, it waits again.
    record_number(ctx, office["vacant"], None, expected_version=None, replace=True)
    assert office["vacant"] in _waiting(ctx)
    # A reader records nothing; another centre's case is out of reach.
    sign_in(ctx, "read")
    with pytest.raises(AccessDeniedError):
        record_number(ctx, office["regular"], "2026-1", expected_version=None)
    sign_in(ctx, "kim")
    with pytest.raises(AccessDeniedError, match="다른 행정복지센터"):
        record_number(ctx, office["other"], "2026-1", expected_version=None)


def test_today_s_waiting_list_comes_with_a_result_and_goes_with_its_number(
    ctx: AppContext, office: dict[str, int]
) -> None:
    sign_in(ctx, "kim")
    assert office["open"] not in _waiting(ctx)
    change_status(
        ctx, office["open"], CaseStatus.NOT_APPLICABLE, expected_version=None,
        reason="연락 닿지 않음", closure_reason=ClosureReason.UNREACHABLE,
    )  # fmt: skip
    assert office["open"] in _waiting(ctx)
    # Reopened, it has no result any more; closed again, it waits again.
    change_status(
        ctx, office["open"], CaseStatus.VERIFYING, expected_version=None, reason="연락 옴"
    )
    assert office["open"] not in _waiting(ctx)
    # Another worker of the centre sees only his own and the untaken; the team leader all.
    sign_in(ctx, "park")
    assert _waiting(ctx) == []
    sign_in(ctx, "kimboss")
    assert set(_waiting(ctx)) == {office["support"], office["vacant"], office["regular"]}
    sign_in(ctx, "lee")
    assert _waiting(ctx) == [office["other"]]


def test_the_waiting_list_is_read_through_its_own_index(
    ctx: AppContext, office: dict[str, int]
) -> None:
    """The query states the partial index's condition as written, so both databases can
    answer it from the index of the waiting cases alone."""
    query = (
        f"SELECT count(*) FROM cases WHERE {HANDOFF_WAITING_SQL} "
        "AND merged_into_id IS NULL AND centre_id = 1"
    )
    with ctx.engine.connect() as connection:
        if BACKEND == "sqlite":
            plan = connection.execute(text(f"EXPLAIN QUERY PLAN {query}")).all()
        else:  # a few rows: the planner would rightly read the table, unless told not to
            connection.execute(text("SET LOCAL enable_seqscan = off"))
            plan = connection.execute(text(f"EXPLAIN {query}")).all()
    assert any("ix_cases_handoff_waiting" in str(step) for step in plan), plan
    if BACKEND != "sqlite":
        return
    # As Today asks it, for a centre's team leader and for an administrator (every centre):
    # each query of the cases is answered from that index, never the status index.
    from sqlalchemy import event

    from desktop.casework.haengbok import waiting_for_number

    for who, expected in (("kimboss", 3), (None, 4)):  # the administrator: 좌2동's too
        if who:
            sign_in(ctx, who)
        else:
            ctx.actor = as_tester(ctx)
        asked: list[tuple[str, object]] = []

        def seen(
            _c: object, _cur: object, statement: str, params: object, *_a: object,
            asked: list[tuple[str, object]] = asked,
        ) -> None:  # fmt: skip
            if "FROM cases" in statement and "haengbok_eum_no IS NULL" in statement:
                asked.append((statement, params))

        event.listen(ctx.engine, "before_cursor_execute", seen)
        try:
            with ctx.session() as session:
                _items, total = waiting_for_number(session, ctx.actor)  # type: ignore[arg-type]
        finally:
            event.remove(ctx.engine, "before_cursor_execute", seen)
        assert total == expected and asked
        with ctx.engine.connect() as connection:
            for statement, params in asked:
                plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", params).all()  # type: ignore[arg-type]
                assert any("ix_cases_handoff_waiting" in str(step) for step in plan), plan


def test_the_sheet_filled_in_comes_back_good_bad_and_conflicting_rows_each_told(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "kim")
    sheet = tmp_path / "day.xlsx"
    export_handoff(ctx, sheet, reason="행복e음 입력", day=date(2026, 11, 20))
    support, vacant, regular = office["support"], office["vacant"], office["regular"]
    good = _filled(sheet, {support: "2026-0001", vacant: "０２０２６-0002"})  # typed full-width
    result = import_numbers(ctx, good)
    assert result.recorded == {support: "2026-0001", vacant: "02026-0002"}
    assert result.blank == 1 and result.refused == [] and result.known == 0
    assert _number(ctx, vacant) == "02026-0002"  # the leading 0 kept
    assert _waiting(ctx) == [regular]
    # The same sheet again: nothing new, nothing refused.
    again = import_numbers(ctx, good)
    assert (again.recorded, again.known, again.refused) == ({}, 2, [])
    # Bad and conflicting rows are each told and change nothing; the good one is taken.
    record_number(ctx, office["open"], "2026-0009", expected_version=None)
    messy = _filled(
        sheet,
        {support: "2026-7777", vacant: "02026-0002", regular: "2026-0003"},
        [
            (9999, "2026-0004"),  # no such case
            ("열두번", "2026-0005"),  # no case number
            (office["other"], "2026-0006"),  # another centre's
            (office["open"], "2026-0003"),  # the same number as regular's row
            (regular, "2026-0008"),  # regular twice, another number
            (vacant, "1 2"),  # no 처리번호
        ],
    )
    result = import_numbers(ctx, messy)
    assert result.recorded == {} and result.known == 1  # vacant's, as recorded
    told = {(p.case_id, p.message.split(" ")[0]) for p in result.refused}
    messages = " / ".join(p.describe() for p in result.refused)
    assert "이미 처리번호 2026-0001이 기록되어 있습니다 (시트: 2026-7777)" in messages
    assert "사례 9999번을 찾을 수 없습니다" in messages
    assert "사례번호 '열두번'을 알아볼 수 없습니다" in messages
    assert "다른 행정복지센터" in messages
    assert "같은 사례가" in messages and "다른 처리번호로" in messages
    assert "알아볼 수 없습니다: 글자·숫자" in messages
    assert (regular, "같은") in told
    assert all(p.row >= 7 for p in result.refused)  # rows as Excel numbers them
    assert _number(ctx, support) == "2026-0001" and _number(ctx, regular) is None
    assert _number(ctx, office["other"]) is None and _number(ctx, office["open"]) == "2026-0009"
    # The number another case already has is refused for a new one.
    clash = _filled(sheet, {regular: "2026-0009"})
    result = import_numbers(ctx, clash)
    assert result.recorded == {} and "이미 사례" in result.refused[0].message
    # Fixed, the sheet brings the last one in.
    result = import_numbers(ctx, _filled(sheet, {regular: "2026-0003"}))
    assert result.recorded == {regular: "2026-0003"} and _waiting(ctx) == []


def test_a_file_that_is_no_handoff_sheet_is_refused_in_words(
    ctx: AppContext, office: dict[str, int], tmp_path: Path
) -> None:
    sign_in(ctx, "kim")
    other = tmp_path / "other.xlsx"
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["이름", "번호"])  # type: ignore[union-attr]
    book.save(other)
    with pytest.raises(HaengbokError, match="행복e음 입력표가 아닙니다"):
        import_numbers(ctx, other)
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(b"not a workbook")
    with pytest.raises(HaengbokError, match="엑셀"):
        import_numbers(ctx, broken)
    with pytest.raises(HaengbokError, match="xlsx"):
        import_numbers(ctx, tmp_path / "numbers.csv")
    sign_in(ctx, "read")
    with pytest.raises(AccessDeniedError):
        import_numbers(ctx, other)


def test_the_commands_record_a_number_and_bring_a_sheet_back(
    ctx: AppContext, office: dict[str, int], tmp_path: Path, db_url: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setenv("ANBU_USER", "kim")
    monkeypatch.setenv("ANBU_PASSWORD", "kim-pass-1")
    code, out = run("--db", db_url, "case", "haengbok", str(office["vacant"]), "2026-0100")
    assert code == 0 and "2026-0100을 기록했습니다" in out
    code, _out = run("--db", db_url, "case", "haengbok", str(office["vacant"]), "2026-0101")
    assert code == 1 and _number(ctx, office["vacant"]) == "2026-0100"
    code, _out = run(
        "--db", db_url, "case", "haengbok", str(office["vacant"]), "2026-0101", "--replace"
    )
    assert code == 0 and _number(ctx, office["vacant"]) == "2026-0101"
    code, out = run("--db", db_url, "case", "haengbok", str(office["vacant"]), "--clear")
    assert code == 0 and "지웠습니다" in out and _number(ctx, office["vacant"]) is None
    sheet = tmp_path / "day.xlsx"
    code, _out = run(
        "--db", db_url, "export", "handoff", "-o", str(sheet), "--reason", "입력", "--day",
        "2026-11-20",
    )  # fmt: skip
    assert code == 0
    filled = _filled(sheet, {office["support"]: "2026-0200"}, [(9999, "2026-0201")])
    code, out = run("--db", db_url, "import-handoff", str(filled))
    assert code == 1  # a row was refused: said, and the rest recorded
    assert "처리번호 1건 기록" in out and f"사례 {office['support']}번: 2026-0200" in out
    assert "받지 않음" in out and "사례 9999번을 찾을 수 없습니다" in out
    assert _number(ctx, office["support"]) == "2026-0200"
    # A sheet made now carries the number recorded; brought back, it is already known.
    code, _out = run(
        "--db", db_url, "export", "handoff", "-o", str(sheet), "--reason", "확인", "--day",
        "2026-11-20",
    )  # fmt: skip
    assert load_workbook(sheet)["행복e음 입력"].cell(7, 17).value == "2026-0200"
    code, out = run("--db", db_url, "import-handoff", str(sheet))
    assert code == 0 and "이미 기록됨 1건" in out and "빈 칸 2건" in out
