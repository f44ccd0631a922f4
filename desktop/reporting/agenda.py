"""The council agenda before it is printed: the worker reads each item's situation and ask as
the citizen members will, rewrites them, and marks an item whose sensitive details the
council needs on paper (unmarked, the papers withhold them and say so)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from db.engine import WRITE_LOCK
from db.enums import AccessAction
from db.models import Alert, Case, CouncilAgendaItem, CouncilMeeting
from desktop.context import AppContext
from desktop.reporting.council import (
    SENSITIVE_TYPES,
    SENSITIVE_WORDS,
    agenda_items,
    meeting_on_day,
    paper_centre,
    suggested_ask,
    suggested_situation,
)
from desktop.reporting.masked import household_names, masked_label, scrub
from desktop.reporting.period import ReportError
from desktop.security import audit
from desktop.security.access import Permission, require


@dataclass
class AgendaDraft:
    case_id: int
    label: str  # masked: 김○○ / 70대 / 1인가구 / 좌동로 일대
    situation: str
    question: str
    share_sensitive: bool = False
    sensitive: bool = False  # the case's alerts or the text name something sensitive
    item_id: int | None = None  # None: a flagged case, not yet written on the agenda


def agenda_drafts(ctx: AppContext, meeting_on: date, centre: str | None) -> list[AgendaDraft]:
    """The meeting's items as they stand, then the centre's flagged cases with the
    suggested sentence and ask, for the worker to read and edit."""
    actor = require(ctx, Permission.PRINT_MASKED)
    drafts: list[AgendaDraft] = []
    with ctx.session() as session:
        place = paper_centre(session, actor, centre)
        meeting = meeting_on_day(session, place.id, meeting_on)
        if meeting is not None:
            for item, case in agenda_items(session, meeting.id):
                names = household_names(session, case.household_id)
                drafts.append(
                    AgendaDraft(
                        case.id,
                        masked_label(session, case, meeting_on),
                        scrub(item.situation, names),
                        scrub(item.question, names),
                        item.share_sensitive,
                        _sensitive(session, case.id, item.situation),
                        item.id,
                    )
                )
        for case in session.scalars(
            select(Case)
            .where(
                Case.centre_id == place.id,
                Case.merged_into_id.is_(None),
                Case.flagged_for_council.is_(True),
            )
            .order_by(Case.id)
        ):
            names = household_names(session, case.household_id)
            drafts.append(
                AgendaDraft(
                    case.id,
                    masked_label(session, case, meeting_on),
                    scrub(suggested_situation(session, case), names),
                    scrub(suggested_ask(session, case), names),
                    False,
                    _sensitive(session, case.id, ""),
                )
            )
    return drafts


def _sensitive(session: object, case_id: int, text: str) -> bool:
    kinds = {
        kind
        for kinds in session.scalars(  # type: ignore[attr-defined]
            select(Alert.crisis_types).where(Alert.case_id == case_id)
        )
        for kind in kinds or []
    }
    return bool(kinds & SENSITIVE_TYPES) or bool(SENSITIVE_WORDS.search(text or ""))


def save_agenda(
    ctx: AppContext, meeting_on: date, centre: str | None, drafts: Sequence[AgendaDraft]
) -> int:
    """The agenda as the worker left it, in one transaction: the meeting (made when the
    date has none yet), each item's situation, ask and mark; a flagged case becomes an
    item. Returns the meeting's id."""
    actor = require(ctx, Permission.EDIT)
    for draft in drafts:
        if not draft.situation.strip():
            raise ReportError(f"사례 {draft.case_id}번 안건의 상황을 적어 주십시오.")
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        place = paper_centre(session, actor, centre)
        meeting = meeting_on_day(session, place.id, meeting_on)
        if meeting is None:
            meeting = CouncilMeeting(
                centre_id=place.id,
                held_on=meeting_on,
                title=f"{meeting_on.month}월 동 365 안전협의체 회의",
            )
            session.add(meeting)
            session.flush()
        for draft in drafts:
            case = session.get(Case, draft.case_id)
            if case is None or case.centre_id != place.id:
                raise ReportError(
                    f"사례 {draft.case_id}번은 이 회의를 여는 센터의 사례가 아닙니다."
                )
            item = session.get(CouncilAgendaItem, draft.item_id) if draft.item_id else None
            if item is None or item.meeting_id != meeting.id:
                item = CouncilAgendaItem(meeting_id=meeting.id, case_id=case.id, situation="")
                session.add(item)
                case.flagged_for_council = False  # it is on the agenda now
            item.situation = draft.situation.strip()
            item.question = draft.question.strip() or None
            item.share_sensitive = draft.share_sensitive
            audit.record(session, ctx, AccessAction.UPDATE, f"case:{case.id}", detail="협의체 안건")
        session.flush()
        return meeting.id
