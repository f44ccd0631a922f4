"""The warnings each case carries beside its deadlines, kept on the case itself.

Three warnings come from a household's alerts and visit plan rather than from a case's own
deadlines (``desktop.casework.due`` puts them in words):

- ``Case.visit_due_at``: the next visit of the household's carrier visit plan (집배원 방문
  주기), on the household's newest case that is open or kept as 기록만; the warning stands
  once that date has passed.
- ``Case.calls_unanswered``: the open case's last three AI calls all went unanswered.
- ``Case.reopens_case_id``: the household's latest closed case, on an open case opened
  after it (종결된 가구에 새 알림).

Worked out from every alert and plan of a district they took the morning's Today most of
a second; kept on the case they are read with it. They change only when what they come
from changes: a case's alerts (import, linking, merging, splitting, and undoing those), a
case's status, a visit plan. A session notes the households whose warnings may have
changed, and they are worked out again, in the same transaction, just before it commits:
a change made through the ORM is noted by itself (``install``); a write of many rows at
once (an import) notes what it wrote with ``note_cases`` or ``note_households``.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, bindparam, case, event, func, inspect, or_, select, true
from sqlalchemy import update as update_
from sqlalchemy.orm import Session, sessionmaker

from db.enums import OPEN_STATUSES, CaseStatus, Channel, ClosureReason
from db.models import Alert, Case, VisitPlan, table
from db.queries import one_of
from desktop.casework.risk import UNANSWERED

_PART = 2000  # households worked out per round of queries
_KEY = "anbu.warnings.noted"

# What each warning comes from: a change to one of these columns notes the household.
_WATCHED: dict[type, tuple[str, ...]] = {
    Case: ("status", "closure_reason", "merged_into_id", "household_id"),
    Alert: ("case_id", "household_id", "channel", "occurred_at", "fields"),
    VisitPlan: ("household_id", "active", "next_due_at"),
}


@dataclass
class _Noted:
    households: set[int] = field(default_factory=set)
    cases: set[int] = field(default_factory=set)


Warnings = tuple[datetime | None, bool, int | None]  # visit_due_at, calls_unanswered, reopens


def install(sessions: sessionmaker[Session]) -> None:
    """Keep the warnings of the sessions ``sessions`` makes up to date as they commit."""
    event.listen(sessions, "before_flush", _notice)
    event.listen(sessions, "before_commit", _before_commit)
    event.listen(sessions, "after_commit", _forget)
    event.listen(sessions, "after_rollback", _forget)


def note_cases(session: Session, case_ids: Iterable[int | None]) -> None:
    """These cases' alerts or status were written in bulk: their households' warnings are
    worked out again before the session commits."""
    _noted(session).cases.update(c for c in case_ids if c is not None)


def note_households(session: Session, household_ids: Iterable[int | None]) -> None:
    """As ``note_cases``, for every case of these households."""
    _noted(session).households.update(h for h in household_ids if h is not None)


def refresh(session: Session, households: Collection[int] | None = None) -> int:
    """Work out again the warnings of every case of ``households`` (every case when
    ``None``) and write those that changed; returns how many cases changed. The case's
    version is left alone: a warning is not an edit another person's form must see."""
    session.flush()
    if households is None:
        return _refresh(session, None)
    ids = sorted(households)
    return sum(_refresh(session, ids[i : i + _PART]) for i in range(0, len(ids), _PART))


def wanted(session: Session, households: list[int] | None) -> dict[int, Warnings]:
    """The warnings every case of ``households`` (of all when ``None``) should carry."""

    def within(column: Any) -> ColumnElement[bool]:
        return true() if households is None else one_of(session, column, households)

    found: dict[int, list[Any]] = {
        case_id: [None, False, None]
        for case_id in session.scalars(select(Case.id).where(within(Case.household_id)))
    }
    # The visit plan's warning goes to the household's newest case that is open or kept
    # as 기록만 (all its visits so far found nothing: a visit that stops coming back is a
    # warning sign itself).
    carries = or_(Case.status.in_(OPEN_STATUSES), Case.closure_reason == ClosureReason.RECORDED)
    for case_id, next_due in session.execute(
        select(func.max(Case.id), VisitPlan.next_due_at)
        .join(Case, Case.household_id == VisitPlan.household_id)
        .where(
            VisitPlan.active.is_(True),
            carries,
            Case.merged_into_id.is_(None),
            within(VisitPlan.household_id),
        )
        .group_by(VisitPlan.id, VisitPlan.next_due_at)
    ):
        found[case_id][0] = next_due
    # The last three AI calls of an open case, all unanswered (worked out in SQL: a
    # district has tens of thousands of calls).
    ranked = (
        select(
            Alert.case_id,
            Alert.fields["call_result"].as_string().label("result"),
            func.row_number()
            .over(partition_by=Alert.case_id, order_by=(Alert.occurred_at.desc(), Alert.id.desc()))
            .label("position"),
        )
        .join(Case, Case.id == Alert.case_id)
        .where(
            Alert.channel == Channel.AI_CALL,
            Case.status.in_(OPEN_STATUSES),
            within(Case.household_id),
        )
        .subquery()
    )
    unanswered = case((ranked.c.result.in_(sorted(UNANSWERED)), 1), else_=0)
    for case_id in session.scalars(
        select(ranked.c.case_id)
        .where(ranked.c.position <= 3)
        .group_by(ranked.c.case_id)
        .having(func.count() == 3, func.sum(unanswered) == 3)
    ):
        found[case_id][1] = True
    # An open case opened after the household's latest closed case.
    closed = (
        select(Case.household_id, func.max(Case.id).label("closed_id"))
        .where(
            Case.status == CaseStatus.CLOSED,
            Case.merged_into_id.is_(None),
            within(Case.household_id),
        )
        .group_by(Case.household_id)
        .subquery()
    )
    for case_id, closed_id in session.execute(
        select(Case.id, closed.c.closed_id)
        .join(closed, closed.c.household_id == Case.household_id)
        .where(
            Case.status.in_(OPEN_STATUSES),
            Case.merged_into_id.is_(None),
            Case.id > closed.c.closed_id,
        )
    ):
        found[case_id][2] = closed_id
    return {case_id: (v[0], v[1], v[2]) for case_id, v in found.items()}


def _refresh(session: Session, households: list[int] | None) -> int:
    def within(column: Any) -> ColumnElement[bool]:
        return true() if households is None else one_of(session, column, households)

    current: dict[int, Warnings] = {
        case_id: (visit, bool(calls), reopens)
        for case_id, visit, calls, reopens in session.execute(
            select(Case.id, Case.visit_due_at, Case.calls_unanswered, Case.reopens_case_id).where(
                within(Case.household_id)
            )
        )
    }
    changed = [
        {"b_id": case_id, "b_visit": visit, "b_calls": calls, "b_reopens": reopens}
        for case_id, (visit, calls, reopens) in wanted(session, households).items()
        if current.get(case_id) != (visit, calls, reopens)
    ]
    if changed:
        cases = table(Case)
        session.execute(
            update_(cases)
            .where(cases.c.id == bindparam("b_id"))
            .values(
                visit_due_at=bindparam("b_visit"),
                calls_unanswered=bindparam("b_calls"),
                reopens_case_id=bindparam("b_reopens"),
            ),
            changed,
        )
    return len(changed)


# -- noting what a session changed --------------------------------------------------------


def _noted(session: Session) -> _Noted:
    noted = session.info.get(_KEY)
    if noted is None:
        noted = session.info[_KEY] = _Noted()
    assert isinstance(noted, _Noted)
    return noted


def _notice(session: Session, _context: Any, _instances: Any) -> None:
    """Note the households of the cases, alerts and visit plans about to be written whose
    warnings may change (before and after: an alert moved leaves one case for another)."""
    added_or_deleted = [*session.new, *session.deleted]
    for obj, surely in [(o, True) for o in added_or_deleted] + [(o, False) for o in session.dirty]:
        columns = _WATCHED.get(type(obj))
        if columns is None:
            continue
        state = inspect(obj)
        if not (surely or any(state.attrs[name].history.has_changes() for name in columns)):
            continue
        noted = _noted(session)
        noted.households.update(_values(obj, state, "household_id"))
        if isinstance(obj, Alert):
            noted.cases.update(_values(obj, state, "case_id"))


def _values(obj: Any, state: Any, name: str) -> list[int]:
    """An integer column's value, and its earlier one when this flush changes it."""
    values = [getattr(obj, name), *(state.attrs[name].history.deleted or ())]
    return [v for v in values if isinstance(v, int)]


def _before_commit(session: Session) -> None:
    session.flush()  # every change noted, and in the database the warnings are read from
    noted = session.info.pop(_KEY, None)
    if not isinstance(noted, _Noted) or not (noted.households or noted.cases):
        return
    households = set(noted.households)
    cases = sorted(noted.cases)
    for start in range(0, len(cases), _PART):
        households.update(
            session.scalars(
                select(Case.household_id).where(
                    one_of(session, Case.id, cases[start : start + _PART])
                )
            )
        )
    refresh(session, households)


def _forget(session: Session) -> None:
    session.info.pop(_KEY, None)
