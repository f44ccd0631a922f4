"""What the client's case pane needs to change a case: plain choices in, plain results out
(no ORM in views). Every change goes through the functions of ``actions``/``workflow``,
which check the account and the case's centre and log the change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import select

from db.enums import CaseStatus, ClosureReason, ResourceKind, RiskLevel
from db.models import Resource, StaffUser
from desktop.casework import actions
from desktop.casework.conflicts import CaseConflict, changes_since
from desktop.casework.workflow import change_status
from desktop.context import AppContext
from desktop.outreach import visits
from desktop.outreach.visits import Programme
from desktop.security.access import Permission, allows, in_scope, require

if TYPE_CHECKING:
    from desktop.casework.haengbok import NumbersImport


@dataclass(frozen=True)
class Choice:
    id: int
    label: str


class CaseworkService:
    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def can_edit(self) -> bool:
        return allows(self._ctx, Permission.EDIT)

    # -- choices ---------------------------------------------------------------------------

    def staff(self) -> list[Choice]:
        """Active staff of the signed-in account's centre (who a case can go to)."""
        actor = require(self._ctx, Permission.VIEW)
        with self._ctx.session() as session:
            return [
                Choice(user.id, f"{user.display_name} ({user.role.label})")
                for user in session.scalars(
                    select(StaffUser)
                    .where(StaffUser.active.is_(True), in_scope(actor, StaffUser.centre_id))
                    .order_by(StaffUser.display_name)
                )
            ]

    def resources(self) -> list[Choice]:
        require(self._ctx, Permission.VIEW)
        with self._ctx.session() as session:
            return [
                Choice(r.id, f"{r.name} ({r.kind.label}{', ' + r.category if r.category else ''})")
                for r in session.scalars(
                    select(Resource)
                    .where(Resource.active.is_(True))
                    .order_by(Resource.kind, Resource.name)
                )
            ]

    # -- changes ---------------------------------------------------------------------------

    def change_status(
        self,
        case_id: int,
        version: int,
        target: CaseStatus,
        reason: str | None,
        closure: ClosureReason | None = None,
    ) -> int:
        return change_status(
            self._ctx,
            case_id,
            target,
            expected_version=version,
            reason=reason,
            closure_reason=closure,
        ).version

    def set_risk(self, case_id: int, version: int, level: RiskLevel, reason: str) -> int:
        return actions.set_risk(self._ctx, case_id, level, reason, expected_version=version)

    def assign(self, case_id: int, staff_id: int | None) -> None:
        actions.assign(self._ctx, [case_id], staff_id)

    def record_counselling(self, case_id: int, version: int, record: actions.Counselling) -> int:
        return actions.record_counselling(self._ctx, case_id, record, expected_version=version)

    def link_support(
        self, case_id: int, version: int, resource_id: int, note: str | None, at: datetime
    ) -> int:
        return actions.link_support(
            self._ctx,
            case_id,
            resource_id,
            expected_version=version,
            requested_at=at,
            note=note or None,
        )

    def record_haengbok(self, case_id: int, version: int, number: str) -> int:
        """The 행복e음 처리번호 as the worker wrote it in the case pane (blank: cleared);
        the pane shows the one recorded, so a different one replaces it."""
        from desktop.casework.haengbok import record_number

        return record_number(
            self._ctx, case_id, number or None, expected_version=version, replace=True
        )

    def import_haengbok(self, path: Path) -> NumbersImport:
        """The 처리번호 of a hand-off sheet filled in (``haengbok.import_numbers``)."""
        from desktop.casework.haengbok import import_numbers

        return import_numbers(self._ctx, path)

    def changes_since(self, case_id: int, version: int) -> CaseConflict:
        """What others changed in the case after ``version`` (a save met a newer one)."""
        return changes_since(self._ctx, case_id, version)

    def flag_for_council(self, case_id: int, version: int, flagged: bool) -> None:
        actions.flag_for_council(self._ctx, case_id, expected_version=version, flagged=flagged)

    # -- whose case it is (관할) ---------------------------------------------------------------

    def centres(self) -> list[Choice]:
        """The active centres a case can be handed to (이관)."""
        from desktop.office.centres import list_centres

        return [
            Choice(c.id, f"{c.title} ({c.code})") for c in list_centres(self._ctx, active_only=True)
        ]

    def transfer(self, case_id: int, version: int, centre_id: int, reason: str) -> str:
        from desktop.casework.transfer import transfer_case
        from desktop.office.centres import list_centres

        code = next(c.code for c in list_centres(self._ctx) if c.id == centre_id)
        return transfer_case(self._ctx, case_id, code, reason, expected_version=version)

    def confirm_centre(self, case_id: int, version: int) -> str:
        from desktop.casework.transfer import confirm_centre

        return confirm_centre(self._ctx, case_id, expected_version=version)

    # -- 안부 살핌 우편 (desktop.outreach.visits) --------------------------------------------

    def programme(self, case_id: int) -> Programme | None:
        return visits.programme(self._ctx, case_id)

    def public_care(self, case_id: int) -> list[str]:
        return visits.public_care_of_case(self._ctx, case_id)

    def post_offices(self) -> list[str]:
        return visits.post_offices(self._ctx)

    def enrol(
        self, case_id: int, target_group: str, cycle_days: int, post_office: str, items: list[str]
    ) -> None:
        visits.enrol(
            self._ctx,
            case_id,
            target_group=target_group,
            cycle_days=cycle_days,
            post_office=post_office,
            items=items,
        )

    def leave_visits(self, case_id: int) -> None:
        visits.leave(self._ctx, case_id)

    def now(self) -> datetime:
        return self._ctx.clock()


__all__ = ["CaseworkService", "Choice", "ClosureReason", "ResourceKind"]
