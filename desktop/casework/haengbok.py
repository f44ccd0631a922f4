"""행복e음 처리번호: the number a result got when a worker typed it into 행복e음, recorded
back one case at a time (the case pane, ``anbu case haengbok``) or from the hand-off sheet
with its last column filled in (``anbu import-handoff``); and the results still waiting
for it, Today's 행복e음 입력 대기.

A 처리번호 belongs to one case: the same number on a second case is refused, and so is a
sheet's number for a case that already has a different one (changing it is done on that
case, knowingly). A bad or conflicting row of a sheet changes nothing and is told in Korean;
the good rows are recorded together.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import ColumnElement, false, func, or_, select, text, true
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import (
    NO_RESULT_CLOSURES,
    RESULT_STATUSES,
    AccessAction,
    CaseStatus,
    ClosureReason,
    Role,
)
from db.models import HANDOFF_WAITING_SQL, Case, CommunityCentre, Person, StaffUser
from desktop.casework.workflow import CaseworkError, editing
from desktop.context import AppContext
from desktop.intake.channels import header_key
from desktop.korean import joined, quoted
from desktop.security import audit
from desktop.security.access import Actor, Permission, in_scope, require
from desktop.security.masking import mask_name
from reports.model import HANDOFF_CASE_HEADER as CASE_HEADER
from reports.model import HANDOFF_NUMBER_HEADER as NUMBER_HEADER

NUMBER_MAX = 40  # cases.haengbok_eum_no
# Letters, digits and the separators 행복e음 numbers are written with; nothing else.
_NUMBER = re.compile(r"[0-9A-Za-z가-힣](?:[0-9A-Za-z가-힣./_-]*[0-9A-Za-z가-힣])?")
HEADER_SEARCH_ROWS = 10
WAITING = "행복e음 입력 대기"


def has_result(status: CaseStatus, closure: ClosureReason | None) -> bool:
    """Whether a case stands at a result a worker enters in 행복e음 (지원연계 and the
    모니터링 after it, 종결, 비해당; not the machine's 기록만 nor a 중복)."""
    return status in RESULT_STATUSES and closure not in NO_RESULT_CLOSURES


class HaengbokError(CaseworkError):
    """A 처리번호 that cannot be recorded as given; the message says why."""


def normalise_number(value: object) -> str:
    """A 처리번호 as typed or as a spreadsheet holds it: full-width forms made plain, spaces
    around it dropped, a number cell (``20261120001.0``) read as its digits. Refused, in
    Korean, when it is too long or holds anything but letters, digits and ``-./_``."""
    if isinstance(value, bool):
        raise HaengbokError(f"처리번호 {joined(quoted(value), '을')} 알아볼 수 없습니다.")
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    number = unicodedata.normalize("NFKC", str(value)).strip()
    number = number.replace("–", "-").replace("—", "-")
    if len(number) > NUMBER_MAX:
        raise HaengbokError(f"처리번호가 너무 깁니다 ({len(number)}자; {NUMBER_MAX}자까지).")
    if not _NUMBER.fullmatch(number):
        shown = number if len(number) <= 20 else number[:20] + "…"
        raise HaengbokError(
            f"처리번호 {joined(quoted(shown), '을')} 알아볼 수 없습니다: 글자·숫자와 - . / _ 만 씁니다."
        )
    return number


def _holder(session: Session, number: str, but: set[int]) -> int | None:
    """The case (other than those in ``but``) that already has ``number``."""
    query = select(Case.id).where(Case.haengbok_eum_no == number, Case.merged_into_id.is_(None))
    if but:
        query = query.where(Case.id.not_in(sorted(but)))
    return session.scalars(query.limit(1)).first()


def record_number(
    ctx: AppContext,
    case_id: int,
    number: str | None,
    *,
    expected_version: int | None,
    replace: bool = False,
) -> int:
    """Record (or, with ``None`` or blank, clear) a case's 행복e음 처리번호; returns the new
    version. A case that has a different number keeps it unless ``replace``; a number
    another case has is refused."""
    wanted = normalise_number(number) if number is not None and str(number).strip() else None
    detail = "행복e음 처리번호 " + ("삭제" if wanted is None else "기록")
    with editing(ctx, case_id, expected_version, detail=detail) as (session, case):
        current = case.haengbok_eum_no
        if current == wanted:
            return case.version
        if current is not None and not replace:
            raise HaengbokError(
                f"사례 {case_id}번에는 이미 처리번호 {joined(current, '이')} 있습니다. 바꾸려면 "
                f"다시 확인하고 바꾸기를 고르십시오 (anbu case haengbok {case_id} … --replace)."
            )
        if wanted is not None:
            other = _holder(session, wanted, {case_id})
            if other is not None:
                raise HaengbokError(
                    f"처리번호 {joined(wanted, '은')} 이미 사례 {other}번에 기록되어 있습니다."
                )
        case.haengbok_eum_no = wanted
        session.flush()
        return case.version


# -- the hand-off sheet filled in and brought back --------------------------------------------


@dataclass(frozen=True)
class RowProblem:
    row: int  # the sheet's row number, as Excel shows it
    case_id: int | None
    message: str

    def describe(self) -> str:
        case = f" (사례 {self.case_id}번)" if self.case_id is not None else ""
        return f"{self.row}행{case}: {self.message}"


@dataclass
class NumbersImport:
    """What a filled-in hand-off sheet brought: the numbers recorded (case -> number), the
    rows that said what was already recorded, the rows left blank (not entered yet), and
    the rows refused with why (none of them changed anything)."""

    file_name: str
    recorded: dict[int, str] = field(default_factory=dict)
    known: int = 0
    blank: int = 0
    refused: list[RowProblem] = field(default_factory=list)

    def describe(self) -> str:
        line = (
            f"{self.file_name}: 처리번호 {len(self.recorded):,}건 기록, "
            f"이미 기록됨 {self.known:,}건, 빈 칸 {self.blank:,}건"
        )
        if self.refused:
            line += f", 받지 않은 행 {len(self.refused):,}건 (그 행은 아무것도 바꾸지 않았습니다)"
        return line


def _case_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value > 0 else None
    if isinstance(value, float):
        return int(value) if value.is_integer() and value > 0 else None
    digits = unicodedata.normalize("NFKC", str(value)).strip().removesuffix("번")
    return int(digits) if digits.isdigit() and int(digits) > 0 else None


def _blank(value: object) -> bool:
    return value is None or str(value).strip() == ""


def read_numbers(path: Path) -> list[tuple[int, object, object]]:
    """(row number, 사례번호 cell, 행복e음처리번호 cell) of each row below the header of a
    hand-off sheet (the first sheet with both columns within its first rows)."""
    from python_calamine import CalamineWorkbook

    from desktop.intake.readers import check_workbook

    if path.suffix.lower() not in (".xlsx", ".xls"):
        raise HaengbokError(f"{path.name}: 행복e음 입력표(.xlsx)를 골라 주십시오.")
    if not path.is_file():
        raise HaengbokError(f"{path.name} 파일이 없습니다.")
    if path.suffix.lower() == ".xlsx":
        try:
            check_workbook(path)
        except CaseworkError:
            raise
        except Exception as exc:  # FileUnreadableError: its message is already Korean
            raise HaengbokError(str(exc)) from None
    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except Exception:  # calamine's own error types for a damaged file
        raise HaengbokError(
            f"{path.name}: 엑셀 파일을 열 수 없습니다 (손상되었거나 다른 형식의 파일입니다)."
        ) from None
    wanted = (header_key(CASE_HEADER), header_key(NUMBER_HEADER))
    for name in workbook.sheet_names:
        try:
            rows = workbook.get_sheet_by_name(name).to_python()
        except Exception:
            continue  # a damaged sheet; another may be the one
        for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
            keys = [header_key(cell) for cell in row]
            if all(k in keys for k in wanted):
                case_at, number_at = (keys.index(k) for k in wanted)
                return [
                    (
                        number,
                        cells[case_at] if case_at < len(cells) else None,
                        cells[number_at] if number_at < len(cells) else None,
                    )
                    for number, cells in enumerate(rows[index + 1 :], start=index + 2)
                ]
    raise HaengbokError(
        f"{path.name}: 행복e음 입력표가 아닙니다 (머리글 '{CASE_HEADER}'와 "
        f"'{NUMBER_HEADER}'가 있는 줄을 찾지 못했습니다)."
    )


def import_numbers(ctx: AppContext, path: Path) -> NumbersImport:
    """The 처리번호 a worker wrote into a hand-off sheet's last column, recorded for the
    cases its rows name (matched by 사례번호). Each row is checked first; a bad or
    conflicting one (an unknown or another centre's case, a number that is no 처리번호, a
    case that already has a different number, a number given to two cases) is refused with
    its reason and changes nothing; the good ones are recorded together, each case's change
    in the access log. Importing the same sheet again records nothing new."""
    actor = require(ctx, Permission.EDIT)
    result = NumbersImport(path.name)
    wanted: dict[int, tuple[int, str]] = {}  # case -> (row, number)
    for row, case_cell, number_cell in read_numbers(path):
        if _blank(case_cell) and _blank(number_cell):
            continue
        case_id = _case_number(case_cell)
        if case_id is None:
            result.refused.append(
                RowProblem(
                    row, None, f"사례번호 {joined(quoted(case_cell), '을')} 알아볼 수 없습니다."
                )
            )
            continue
        if _blank(number_cell):
            result.blank += 1
            continue
        try:
            number = normalise_number(number_cell)
        except HaengbokError as exc:
            result.refused.append(RowProblem(row, case_id, str(exc)))
            continue
        if case_id in wanted and wanted[case_id][1] != number:
            first = wanted[case_id][0]
            result.refused.append(
                RowProblem(row, case_id, f"같은 사례가 {first}행에 다른 처리번호로 있습니다.")
            )
            result.refused.append(
                RowProblem(first, case_id, f"같은 사례가 {row}행에 다른 처리번호로 있습니다.")
            )
            wanted[case_id] = (first, "")  # neither is taken
            continue
        wanted.setdefault(case_id, (row, number))
    wanted = {c: v for c, v in wanted.items() if v[1]}
    # One number, one case: a number the sheet gives two cases is neither's.
    by_number: dict[str, list[int]] = {}
    for case_id, (_row, number) in wanted.items():
        by_number.setdefault(number, []).append(case_id)
    for number, named in by_number.items():
        if len(named) > 1:
            for case_id in named:
                others = ", ".join(f"{c}번" for c in named if c != case_id)
                result.refused.append(
                    RowProblem(
                        wanted.pop(case_id)[0],
                        case_id,
                        f"처리번호 {joined(number, '이')} 이 시트의 다른 사례({others})에도 적혀 있습니다.",
                    )
                )
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        cases = {
            c.id: c
            for c in session.scalars(
                select(Case).where(Case.id.in_(sorted(wanted))).with_for_update()
            )
        }
        now = ctx.clock()
        taking: dict[int, str] = {}
        for case_id, (row, number) in sorted(wanted.items(), key=lambda kv: kv[1][0]):
            case = cases.get(case_id)
            problem = _refusal(session, actor, case, case_id, number, set(wanted))
            if problem == "":
                result.known += 1
            elif problem:
                result.refused.append(RowProblem(row, case_id, problem))
            else:
                taking[case_id] = number
        for case_id, number in taking.items():
            case = cases[case_id]
            case.haengbok_eum_no = number
            case.updated_at = now
            audit.record(
                session,
                ctx,
                AccessAction.UPDATE,
                f"case:{case_id}",
                detail=f"행복e음 처리번호 기록 (입력표 {path.name})",
            )
        session.flush()
        result.recorded = taking
    result.refused.sort(key=lambda p: p.row)
    return result


def _refusal(
    session: Session,
    actor: Actor,
    case: Case | None,
    case_id: int,
    number: str,
    sheet_cases: set[int],
) -> str | None:
    """Why the sheet's ``number`` cannot go to ``case_id`` (None: it can; "": it is what
    the case already has)."""
    if case is None:
        return f"사례 {case_id}번을 찾을 수 없습니다."
    if not actor.sees_centre(case.centre_id):
        return "다른 행정복지센터의 사례라 기록할 수 없습니다."
    if case.merged_into_id is not None:
        return f"사례 {case.merged_into_id}번에 병합된 사례입니다. 그 사례 번호로 적어 주십시오."
    if case.haengbok_eum_no == number:
        return ""
    if case.haengbok_eum_no is not None:
        return (
            f"이미 처리번호 {joined(case.haengbok_eum_no, '이')} 기록되어 있습니다 (시트: {number}). "
            "바꾸려면 사례 화면에서 고치십시오."
        )
    other = _holder(session, number, {case_id})
    if other is not None:
        return f"처리번호 {joined(number, '은')} 이미 사례 {other}번에 기록되어 있습니다."
    return None


# -- 행복e음 입력 대기: results not yet entered --------------------------------------------------


@dataclass(frozen=True)
class WaitingItem:
    """A result not yet entered in 행복e음 (or not yet recorded back here)."""

    case_id: int
    name: str  # masked: 김○○
    status: CaseStatus
    closure: ClosureReason | None
    assignee: str | None  # display name; None: nobody has the case

    @property
    def result(self) -> str:
        """조사결과 in words: 지원연계, 비해당 — 소재 파악 필요 (빈집) …"""
        if self.closure is None:
            return self.status.label
        return f"{self.status.label} — {self.closure.label}"


def waiting_condition() -> ColumnElement[bool]:
    """A case that reached a result whose 처리번호 is not recorded: the partial index's own
    condition, as written there (``db.models.HANDOFF_WAITING_SQL``), so it is used."""
    return text(HANDOFF_WAITING_SQL)  # type: ignore[return-value]


def _centres(session: Session, actor: Actor) -> list[ColumnElement[bool]]:
    """The account's centres as conditions the partial index answers: a centre by its
    number. An administrator's "every centre" is each one named (and the cases no centre
    holds): SQLite reads a condition on no centre through the status index instead, every
    case at a result (30–60 ms on 100,000 cases, against well under one)."""
    if not actor.all_centres:
        return [in_scope(actor, Case.centre_id)]
    ids = sorted(session.scalars(select(CommunityCentre.id)))
    scopes: list[ColumnElement[bool]] = [Case.centre_id.is_(None)]
    if ids:
        scopes.insert(0, Case.centre_id.in_(ids))
    return scopes


def waiting_for_number(
    session: Session, actor: Actor, *, limit: int = 200
) -> tuple[list[WaitingItem], int]:
    """Today's 행복e음 입력 대기: the first ``limit`` results not yet entered (the oldest
    case first) and how many there are. A 담당자 sees their own and those nobody has; a 팀장
    or 관리자 the team's. Read through the partial index of the waiting cases alone."""
    visible: ColumnElement[bool] = true()
    if actor.role is Role.WORKER:
        mine = Case.assigned_to_id == actor.staff_id if actor.staff_id is not None else false()
        visible = or_(mine, Case.assigned_to_id.is_(None))
    total = 0
    found: list[tuple[int, CaseStatus, ClosureReason | None]] = []
    for scope in _centres(session, actor):
        where = (waiting_condition(), Case.merged_into_id.is_(None), scope, visible)
        total += session.scalar(select(func.count()).select_from(Case).where(*where)) or 0
        # All of them, put in order here: asked for its first ``limit`` by number, PostgreSQL
        # walked the primary key (it cannot tell how few the index holds: 73 ms, not 1).
        found.extend(
            (case_id, status, closure)
            for case_id, status, closure in session.execute(
                select(Case.id, Case.status, Case.closure_reason).where(*where)
            )
        )
    found = sorted(found, key=lambda row: row[0])[:limit]
    if not found:
        return [], total
    ids = [case_id for case_id, _s, _c in found]
    facts = {
        case_id: (household_id, assignee)
        for case_id, household_id, assignee in session.execute(
            select(Case.id, Case.household_id, StaffUser.display_name)
            .outerjoin(StaffUser, StaffUser.id == Case.assigned_to_id)
            .where(Case.id.in_(ids))
        )
    }
    names: dict[int, str | None] = {}
    for household_id, name in session.execute(
        select(Person.household_id, Person.name)
        .where(Person.household_id.in_({h for h, _a in facts.values()}))
        .order_by(Person.household_id, Person.id)
    ):
        names.setdefault(household_id, name)  # the first person is whom the case is about
    return [
        WaitingItem(
            case_id, mask_name(names.get(facts[case_id][0])), status, closure, facts[case_id][1]
        )
        for case_id, status, closure in found
        if case_id in facts
    ], total
