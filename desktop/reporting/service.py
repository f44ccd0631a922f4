"""What the client's Reports menu needs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select

from db.models import CommunityCentre, CouncilMeeting
from desktop.context import AppContext
from desktop.reporting.agenda import AgendaDraft, agenda_drafts, save_agenda
from desktop.reporting.card import preview_case_card, write_case_card
from desktop.reporting.case_list import export_cases
from desktop.reporting.city import export_city
from desktop.reporting.council import preview_council, write_council
from desktop.reporting.handoff import export_handoff
from desktop.reporting.period import Period, last_full_month
from desktop.security.access import Permission, allows, in_scope, require
from desktop.timeutil import to_kst


@dataclass(frozen=True)
class CentreChoice:
    id: int
    code: str
    label: str


class ReportService:
    """What the client's Reports menu needs: the centres to choose from and the same
    functions ``anbu report`` and ``anbu export`` call."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def can(self, permission: Permission) -> bool:
        return allows(self._ctx, permission)

    def centres(self) -> list[CentreChoice]:
        actor = require(self._ctx, Permission.PRINT_MASKED)
        with self._ctx.session() as session:
            return [
                CentreChoice(c.id, c.code, c.name)
                for c in session.scalars(
                    select(CommunityCentre)
                    .where(in_scope(actor, CommunityCentre.id))
                    .order_by(CommunityCentre.gu, CommunityCentre.dong)
                )
            ]

    def today(self) -> date:
        return to_kst(self._ctx.clock()).date()

    def default_period(self) -> Period:
        """The last full month."""
        return last_full_month(self.today())

    def next_meeting(self, centre_id: int | None = None) -> date:
        """The next council meeting on the calendar (today or later) of the account's
        centres, or today when none is scheduled."""
        actor = require(self._ctx, Permission.PRINT_MASKED)
        today = self.today()
        with self._ctx.session() as session:
            query = select(func.min(CouncilMeeting.held_on)).where(
                CouncilMeeting.held_on >= today, in_scope(actor, CouncilMeeting.centre_id)
            )
            if centre_id is not None:
                query = query.where(CouncilMeeting.centre_id == centre_id)
            held_on = session.scalar(query)
        return held_on or today

    def council(
        self, period: Period, path: Path, *, reason: str, meeting_on: date | None, centre: str
    ) -> str:
        packet = write_council(
            self._ctx, period, path, reason=reason, meeting_on=meeting_on, centre=centre
        )
        return f"{packet.dong} 협의체 자료: 알림 {packet.total_alerts:,}건, 안건 {len(packet.agenda)}건"

    def agenda(self, meeting_on: date, centre: str) -> list[AgendaDraft]:
        return agenda_drafts(self._ctx, meeting_on, centre or None)

    def save_agenda(self, meeting_on: date, centre: str, drafts: list[AgendaDraft]) -> int:
        return save_agenda(self._ctx, meeting_on, centre or None, drafts)

    def preview_council(self, period: Period, *, meeting_on: date | None, centre: str) -> bytes:
        return preview_council(self._ctx, period, meeting_on=meeting_on, centre=centre)

    def preview_case_card(self, case_id: int, *, reason: str) -> bytes:
        return preview_case_card(self._ctx, case_id, reason=reason)

    def city(self, period: Period, path: Path, *, reason: str, reveal: bool) -> str:
        report = export_city(self._ctx, period, path, reason=reason, reveal=reveal)
        return f"시·구 보고 {report.period}: 사례 {report.cases_total:,}건"

    def cases(self, path: Path, *, reason: str, reveal: bool) -> str:
        return f"사례 목록 {export_cases(self._ctx, path, reason=reason, reveal=reveal):,}건"

    # -- the lists the channels work from (desktop.outreach) ------------------------------

    def post_offices(self) -> list[str]:
        from desktop.outreach.visits import post_offices

        return post_offices(self._ctx) if self.can(Permission.VIEW) else []

    def visits(self, path: Path, *, reason: str, office: str | None, until: date) -> str:
        from desktop.outreach.visits import export_visits

        listed = export_visits(self._ctx, path, office=office, reason=reason, until=until)
        return f"방문 명단 {len(listed.rows):,}가구 ({office or '모든 우체국'}, {until}까지)"

    def calls(self, path: Path, *, reason: str, on: date) -> str:
        from desktop.outreach.calls import export_calls

        return export_calls(self._ctx, path, reason=reason, on=on).summary

    def case_card(self, case_id: int, path: Path, *, reason: str) -> str:
        write_case_card(self._ctx, case_id, path, reason=reason)
        return f"사례 {case_id}번 카드"

    def handoff(
        self, path: Path, *, reason: str, case_id: int | None = None, day: date | None = None
    ) -> str:
        """행복e음 입력표: one case, or a day's results."""
        sheet = export_handoff(self._ctx, path, reason=reason, case_id=case_id, day=day)
        return f"행복e음 입력표 {sheet.title}: {len(sheet.cases):,}건"
