"""The case list's service: what the client's table needs from the database."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from datetime import datetime

from sqlalchemy import select

from db.models import Case, Household, StaffUser
from db.queries import CaseFilter, CaseRow, SortKey, case_ids, case_rows
from desktop.caselist.listing import listed
from desktop.context import AppContext
from desktop.security.access import Permission, in_scope, require
from desktop.security.masking import mask_name
from desktop.upkeep.changes import Changes

# Sort keys a case's edit can move it along (status, risk, caseworker, deadline, a new
# alert, and the household's name and 행정동, which a review decision joining or splitting
# households changes): when the list is sorted by one, a changed case's row may need
# another place.
_MOVABLE_SORTS = frozenset(
    {
        SortKey.STATUS,
        SortKey.RISK,
        SortKey.ASSIGNED,
        SortKey.DUE,
        SortKey.LAST_ALERT,
        SortKey.NAME,
        SortKey.DONG,
    }
)


@dataclass(frozen=True)
class ListUpdate:
    """How a list follows a colleague's changes: its ids asked again (a case moved in or
    out of its filter, or its place in the order), or only some of its rows read again."""

    requery: bool = False
    rows: frozenset[int] = frozenset()  # cases the list holds whose rows changed


@dataclass
class FilterChoices:
    """What the list's filters offer beyond their fixed entries."""

    staff: list[tuple[int, str]] = field(default_factory=list)  # (staff id, display name)
    dongs: list[str] = field(default_factory=list)  # 행정동 of the cases that may be seen


class CaseListService:
    """What the case list needs from the database, for the client (no ORM in views).

    Only the signed-in account's centre, and names masked: the full values are one
    logged action away in the case pane."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def now(self) -> datetime:
        return self._ctx.clock()

    def me(self) -> int | None:
        """The signed-in account's staff number (for "my cases")."""
        actor = self._ctx.actor
        return actor.staff_id if actor is not None else None

    def ids(self, f: CaseFilter, sort: str = SortKey.ID, descending: bool = False) -> list[int]:
        actor = require(self._ctx, Permission.VIEW)
        with self._ctx.session() as session:
            return case_ids(
                session,
                listed(self._ctx, actor, f),
                now=self._ctx.clock(),
                sort=sort,
                descending=descending,
            )

    def follow(
        self,
        changes: Changes,
        f: CaseFilter,
        held: AbstractSet[int],
        sort: str = SortKey.ID,
    ) -> ListUpdate:
        """What a list showing ``f`` (sorted by ``sort``, holding the cases in ``held``; the
        changed ones among them are enough) must do after ``changes``. Its ids are asked
        again only when a case may have moved in or out of it (too many changes to name; a
        changed or new case now matching the filter, or a held one no longer: changed or
        removed) or along its order; otherwise only the held rows of the changed cases are
        read again. One small query, by the changed ids, decides which: a colleague's new
        case outside this list's filter or scope (another centre's import) leaves it alone."""
        if changes.everything:
            return ListUpdate(requery=True)
        changed = changes.cases
        if not changed:
            return ListUpdate()
        mine = frozenset(c for c in changed if c in held)
        if mine and sort in _MOVABLE_SORTS:
            return ListUpdate(requery=True, rows=mine)
        among = frozenset(changed if f.case_ids is None else changed & f.case_ids)
        matching = set(self.ids(replace(f, case_ids=among))) if among else set()
        if matching != mine:
            return ListUpdate(requery=True, rows=mine)
        return ListUpdate(rows=mine)

    def filter_choices(self) -> FilterChoices:
        """The staff and 행정동 the signed-in account's lists may be narrowed to."""
        actor = require(self._ctx, Permission.VIEW)
        with self._ctx.session() as session:
            staff = session.execute(
                select(StaffUser.id, StaffUser.display_name)
                .where(StaffUser.active.is_(True), in_scope(actor, StaffUser.centre_id))
                .order_by(StaffUser.display_name, StaffUser.id)
            ).all()
            # EXISTS, not IN (…): SQLite then walks the 행정동 index and stops at each
            # name's first household with a case, instead of reading every case first
            # (a tenth of a second on a district's data, as the window opens).
            has_case = (
                select(Case.id)
                .where(Case.household_id == Household.id, in_scope(actor, Case.centre_id))
                .exists()
            )
            dongs = session.scalars(
                select(Household.dong_name)
                .where(Household.dong_name.is_not(None), has_case)
                .distinct()
                .order_by(Household.dong_name)
            ).all()
        return FilterChoices([(i, name) for i, name in staff], [d for d in dongs if d])

    def rows(self, ids: list[int]) -> list[CaseRow]:
        actor = require(self._ctx, Permission.VIEW)
        with self._ctx.session() as session:
            rows = case_rows(session, ids)
        return [
            replace(row, name=mask_name(row.name))
            for row in rows
            if actor.sees_centre(row.centre_id)
        ]
