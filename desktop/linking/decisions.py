"""Staff decisions about which case an alert belongs to.

Accept or reject a suggested link, merge two cases, split alerts off a case; each is
recorded (who, when, why, and the state before) and can be undone, as can a link the
machine made. Nothing is deleted: a case merged away is closed as 중복 and points to the
case it joined, a household merged away points to the one it joined, so either side's
history stays readable and an undo can put everything back.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import (
    OPEN_STATUSES,
    AccessAction,
    CaseStatus,
    Channel,
    ClosureReason,
    DecisionKind,
    LinkMethod,
    SuggestionStatus,
)
from db.models import (
    RAW_COLUMN,
    Alert,
    Case,
    CaseStatusChange,
    Household,
    LinkDecision,
    LinkSuggestion,
    Person,
)
from db.queries import one_of
from desktop.casework.deadlines import DeadlineRules, first_deadlines
from desktop.casework.risk import facts_of, propose
from desktop.context import AppContext
from desktop.intake.channels import match_headers
from desktop.intake.ingest import load_raw
from desktop.intake.records import ParsedRecord, parse_record
from desktop.linking.candidates import in_lists
from desktop.linking.linker import household_values, incoming_of, person_values
from desktop.linking.merging import (
    LinkingError,
    absorb,
    case_of,
    json_value,
    merge_cases,
    python_value,
    restore_alerts,
    supersede,
    unmerge,
)
from desktop.security import audit
from desktop.security.access import Permission, actor_of, allows, check_centre, in_scope, require
from desktop.security.masking import mask_name

_BOTH_SIDES = frozenset({DecisionKind.MERGE, DecisionKind.ACCEPT, DecisionKind.SPLIT})


# -- the review queue ------------------------------------------------------------------


@dataclass
class ReviewCandidate:
    suggestion_id: int
    household_id: int
    case_id: int | None
    rank: int
    score: float
    reasons: list[str]
    name: str  # masked


@dataclass
class ReviewItem:
    alert_id: int
    channel: Channel
    source_id: str
    occurred_at: datetime
    case_id: int | None  # the provisional case the alert opened
    name: str  # masked
    candidates: list[ReviewCandidate]

    def as_json(self) -> dict[str, Any]:
        return {
            "alert_id": self.alert_id,
            "channel": self.channel.value,
            "source_id": self.source_id,
            "occurred_at": self.occurred_at.isoformat(),
            "case_id": self.case_id,
            "name": self.name,
            "candidates": [
                {
                    "suggestion_id": c.suggestion_id,
                    "case_id": c.case_id,
                    "household_id": c.household_id,
                    "rank": c.rank,
                    "score": c.score,
                    "reasons": c.reasons,
                    "name": c.name,
                }
                for c in self.candidates
            ],
        }


def review_waiting(ctx: AppContext) -> int:
    """How many alerts of the signed-in account's centre wait for review."""
    actor = require(ctx, Permission.REVIEW)
    with ctx.session() as session:
        return (
            session.scalar(
                select(func.count(func.distinct(LinkSuggestion.alert_id)))
                .join(Alert, Alert.id == LinkSuggestion.alert_id)
                .join(Case, Case.id == Alert.case_id)
                .where(
                    LinkSuggestion.status == SuggestionStatus.OPEN,
                    in_scope(actor, Case.centre_id),
                )
            )
            or 0
        )


def review_queue(ctx: AppContext, *, limit: int | None = None) -> list[ReviewItem]:
    """Alerts waiting for staff of the signed-in account's centre, oldest first, each with
    its ranked candidates (the oldest ``limit`` of them when given: a district's queue
    holds thousands, and a person works from the top)."""
    actor = require(ctx, Permission.REVIEW)
    waiting = and_(LinkSuggestion.status == SuggestionStatus.OPEN, in_scope(actor, Case.centre_id))
    if limit is not None:
        oldest = (
            select(Alert.id)
            .join(LinkSuggestion, LinkSuggestion.alert_id == Alert.id)
            .join(Case, Case.id == Alert.case_id)
            .where(waiting)
            .group_by(Alert.id, Alert.occurred_at)
            .order_by(Alert.occurred_at, Alert.id)
            .limit(limit)
            .correlate(None)  # its own tables, not the outer query's
        )
        waiting = and_(waiting, Alert.id.in_(oldest.scalar_subquery()))
    with ctx.session() as session:
        # Columns, not entities: a district's queue holds thousands of suggestions.
        rows = session.execute(
            select(
                Alert.id,
                Alert.channel,
                Alert.source_id,
                Alert.occurred_at,
                Alert.case_id,
                Alert.subject_name,
                LinkSuggestion.id,
                LinkSuggestion.household_id,
                LinkSuggestion.case_id,
                LinkSuggestion.rank,
                LinkSuggestion.score,
                LinkSuggestion.reasons,
            )
            .join(Alert, Alert.id == LinkSuggestion.alert_id)
            .join(Case, Case.id == Alert.case_id)
            .where(waiting)
            .order_by(Alert.occurred_at, Alert.id, LinkSuggestion.rank)
        ).all()
        # A suggested case may since have been merged into another (by staff, or folded
        # by the machine): staff are shown the case it lives on in, and its household.
        live = _live_cases(session, {row[8] for row in rows if row[8] is not None})
        # The households named by the rows read, not asked again of the queue: that
        # query read every waiting suggestion's alert once more.
        names: dict[int, str] = {}
        for part in in_lists(sorted({row[7] for row in rows} | {h for _, h in live.values()})):
            names.update(_first_names(session, one_of(session, Person.household_id, part)))
    items: dict[int, ReviewItem] = {}
    for alert_id, channel, source_id, occurred_at, case_id, subject, *suggestion in rows:
        item = items.get(alert_id)
        if item is None:
            item = items[alert_id] = ReviewItem(
                alert_id, channel, source_id, occurred_at, case_id, mask_name(subject), []
            )
        suggestion_id, household_id, candidate_case, rank, score, reasons = suggestion
        if candidate_case in live:
            candidate_case, household_id = live[candidate_case]
            if candidate_case == case_id:
                continue  # merged into the alert's own case since: nothing left to ask
        item.candidates.append(
            ReviewCandidate(
                suggestion_id,
                household_id,
                candidate_case,
                rank,
                score,
                list(reasons),
                names.get(household_id, ""),
            )
        )
    return [item for item in items.values() if item.candidates]


# -- helpers ------------------------------------------------------------------------------


def _first_names(session: Session, which: ColumnElement[bool]) -> dict[int, str]:
    """The masked name of the first named member of each household ``which`` picks."""
    names: dict[int, str] = {}
    for household_id, name in session.execute(
        select(Person.household_id, Person.name).where(which).order_by(Person.id)
    ):
        if name:
            names.setdefault(household_id, mask_name(name))
    return names


def _live_cases(session: Session, case_ids: set[int]) -> dict[int, tuple[int, int]]:
    """For those of ``case_ids`` merged into another case: the case they live on in (at
    the end of a chain of merges) and its household."""
    merged_into: dict[int, int] = {}
    asked: set[int] = set()
    asking = sorted(case_ids)
    while asking:
        asked.update(asking)
        for part in in_lists(asking):
            for case_id, into in session.execute(
                select(Case.id, Case.merged_into_id).where(
                    one_of(session, Case.id, part), Case.merged_into_id.is_not(None)
                )
            ):
                if into is not None:
                    merged_into[case_id] = into
        asking = sorted(set(merged_into.values()) - asked)
    ends: dict[int, int] = {}
    for case_id in merged_into:
        end = case_id
        while end in merged_into:
            end = merged_into[end]
        ends[case_id] = end
    households: dict[int, int] = {}
    for part in in_lists(sorted(set(ends.values()))):
        for case_id, household_id in session.execute(
            select(Case.id, Case.household_id).where(one_of(session, Case.id, part))
        ):
            households[case_id] = household_id
    return {case_id: (end, households[end]) for case_id, end in ends.items()}


def _live_household(session: Session, household_id: int) -> Household:
    household = session.get(Household, household_id)
    seen = set()
    while household is not None and household.merged_into_id is not None:
        if household.id in seen:
            break
        seen.add(household.id)
        household = session.get(Household, household.merged_into_id)
    if household is None:
        raise LinkingError(f"가구 {household_id}번을 찾을 수 없습니다.")
    return household


def _open_case_of(session: Session, household_id: int) -> Case | None:
    return session.scalars(
        select(Case)
        .where(
            Case.household_id == household_id,
            Case.status.in_(OPEN_STATUSES),
            Case.merged_into_id.is_(None),
        )
        .order_by(Case.id.desc())
        .limit(1)
    ).first()


def _record_case_of(session: Session, household_id: int) -> Case | None:
    """The household's record: its case closed as 기록만 (alerts that asked for nothing)."""
    return session.scalars(
        select(Case)
        .where(
            Case.household_id == household_id,
            Case.closure_reason == ClosureReason.RECORDED,
            Case.merged_into_id.is_(None),
        )
        .order_by(Case.id.desc())
        .limit(1)
    ).first()


def _reparse(ctx: AppContext, alert: Alert) -> ParsedRecord:
    """The alert read again from its raw record, exactly as it was received."""
    raw = load_raw(ctx.protector, alert.raw_cipher, RAW_COLUMN)
    names = list(raw)
    match = match_headers(names, alert.channel)
    values = {key: raw[names[position]] for position, key in match.columns.items()}
    return parse_record(alert.channel, values)


def _new_case_for(
    session: Session, household: Household, record: ParsedRecord, now: datetime
) -> Case:
    proposal = propose([facts_of(record)])
    risk, reason = proposal.level, proposal.text
    first_contact, counselling = first_deadlines(
        record.channel, record.occurred_at, risk, now, DeadlineRules(), record.due_on
    )
    dues = [d for d in (first_contact, counselling) if d]
    case = Case(
        household_id=household.id,
        centre_id=household.centre_id,
        routing=household.routing,
        status=CaseStatus.RECEIVED,
        risk=risk,
        risk_reason=reason,
        opened_at=now,
        first_contact_due=first_contact,
        counselling_due=counselling,
        due_at=min(dues) if dues else None,
        last_alert_at=record.occurred_at,
        updated_at=now,
        flagged_for_council=False,
    )
    session.add(case)
    session.flush()
    session.add(
        CaseStatusChange(
            case_id=case.id,
            from_status=None,
            to_status=CaseStatus.RECEIVED,
            changed_at=now,
            reason="알림 분리로 새 사례",
        )
    )
    return case


def _record(
    ctx: AppContext,
    session: Session,
    kind: DecisionKind,
    *,
    case_id: int | None,
    other_case_id: int | None,
    alert_ids: Sequence[int],
    payload: dict[str, Any],
    reason: str | None,
    now: datetime,
) -> LinkDecision:
    """The decision, once the cases it touches are known to be in the signed-in account's
    centre (the whole transaction is refused otherwise), with its access-log row."""
    actor = actor_of(ctx)
    touched = [case_id] + ([other_case_id] if kind in _BOTH_SIDES else [])
    for touched_id in touched:
        case = session.get(Case, touched_id) if touched_id is not None else None
        if case is not None:
            check_centre(actor, case.centre_id, f"사례 {touched_id}번")
    decision = LinkDecision(
        kind=kind,
        case_id=case_id,
        other_case_id=other_case_id,
        alert_ids=[str(a) for a in alert_ids],
        payload=payload,
        staff_id=actor.staff_id,  # the author is the signed-in account, always
        decided_at=now,
        reason=reason,
    )
    session.add(decision)
    session.flush()
    audit.record(
        session,
        ctx,
        AccessAction.UPDATE,
        f"case:{case_id}",
        detail=f"{kind.label} (결정 {decision.id}번)",
        reason=reason,
    )
    return decision


# -- merging ------------------------------------------------------------------------------


def merge(
    ctx: AppContext,
    keep_case_id: int,
    other_case_id: int,
    *,
    reason: str | None = None,
) -> int:
    """Staff found two cases to be one household: ``other`` joins ``keep``."""
    require(ctx, Permission.REVIEW)
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        keep = case_of(session, keep_case_id)
        other = case_of(session, other_case_id)
        payload = merge_cases(session, other, keep, now)
        alert_ids = [item["id"] for item in payload["alerts"]]
        # Every other question of the alerts it moved: staff have placed them.
        moved = session.scalars(
            select(LinkSuggestion).where(
                LinkSuggestion.alert_id.in_(alert_ids),
                LinkSuggestion.status == SuggestionStatus.OPEN,
            )
        ).all()
        supersede(payload, moved, now)
        return _record(
            ctx,
            session,
            DecisionKind.MERGE,
            case_id=keep.id,
            other_case_id=other.id,
            alert_ids=alert_ids,
            payload=payload,
            reason=reason,
            now=now,
        ).id


# -- suggestions ----------------------------------------------------------------------------


def _open_suggestion(session: Session, suggestion_id: int) -> LinkSuggestion:
    suggestion = session.get(LinkSuggestion, suggestion_id)
    if suggestion is None or suggestion.status is not SuggestionStatus.OPEN:
        raise LinkingError(f"검토 대기 중인 제안 {suggestion_id}번을 찾을 수 없습니다.")
    return suggestion


@contextmanager
def _deciding(
    ctx: AppContext, suggestion_id: int
) -> Iterator[tuple[Session, LinkSuggestion, Alert, int | None]]:
    """An open suggestion, its alert and the deciding account's staff id, in a
    transaction that holds the write lock."""
    actor = require(ctx, Permission.REVIEW)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        suggestion = _open_suggestion(session, suggestion_id)
        alert = session.get(Alert, suggestion.alert_id)
        assert alert is not None
        case = session.get(Case, alert.case_id) if alert.case_id is not None else None
        check_centre(actor, case.centre_id if case else None, f"제안 {suggestion_id}번")
        yield session, suggestion, alert, actor.staff_id


def accept(ctx: AppContext, suggestion_id: int, *, reason: str | None = None) -> int:
    """The alert is about the suggested household: its case joins that household's open
    case (a new case is opened for the household if none is open). The alert's case is
    the provisional one it opened, or, for a suggestion made beside an automatic link,
    the case it was linked to: the two cases are found to be one household."""
    now = ctx.clock()
    with _deciding(ctx, suggestion_id) as (session, suggestion, alert, staff_id):
        assert alert.case_id is not None
        provisional = case_of(session, alert.case_id)
        household = _live_household(session, suggestion.household_id)
        target = _open_case_of(session, household.id)
        record = _record_case_of(session, household.id) if target is None else None
        created_case = False
        if record is not None and record.id != provisional.id:
            # The household is known by its record (기록만) alone: the record joins the
            # alert's case, as an import would have put the alert there. One household,
            # one case.
            target, provisional = provisional, record
        elif target is None:
            created_case = True
            target = _new_case_for(session, household, _reparse(ctx, alert), now)
        payload = merge_cases(session, provisional, target, now)
        payload["created_case"] = target.id if created_case else None
        others = session.scalars(
            select(LinkSuggestion).where(
                LinkSuggestion.alert_id == alert.id,
                LinkSuggestion.status == SuggestionStatus.OPEN,
                LinkSuggestion.id != suggestion.id,
            )
        ).all()
        supersede(payload, [suggestion, *others], now)
        suggestion.status = SuggestionStatus.ACCEPTED  # the one answered, by this person
        suggestion.decided_by_id = staff_id
        return _record(
            ctx,
            session,
            DecisionKind.ACCEPT,
            case_id=target.id,
            other_case_id=provisional.id,
            alert_ids=[alert.id],
            payload=payload,
            reason=reason,
            now=now,
        ).id


def reject(ctx: AppContext, suggestion_id: int, *, reason: str | None = None) -> int:
    """The alert is not about the suggested household. When no suggestion is left, the
    alert's own case stands as a new case."""
    now = ctx.clock()
    with _deciding(ctx, suggestion_id) as (session, suggestion, alert, staff_id):
        suggestion.status = SuggestionStatus.REJECTED
        suggestion.decided_at = now
        suggestion.decided_by_id = staff_id
        remaining = session.scalars(
            select(LinkSuggestion.id).where(
                LinkSuggestion.alert_id == alert.id,
                LinkSuggestion.status == SuggestionStatus.OPEN,
            )
        ).first()
        previous = alert.link_method
        if remaining is None and previous is LinkMethod.REVIEW:
            alert.link_method = LinkMethod.NEW_CASE  # an automatic link stays one
        payload = {
            "suggestions": [suggestion.id],
            "alert": alert.id,
            "method": previous.value if previous else None,
        }
        return _record(
            ctx,
            session,
            DecisionKind.REJECT,
            case_id=alert.case_id,
            other_case_id=suggestion.case_id,
            alert_ids=[alert.id],
            payload=payload,
            reason=reason,
            now=now,
        ).id


# -- splitting ------------------------------------------------------------------------------


def _revert_fills(session: Session, alert_ids: Sequence[int]) -> list[dict[str, Any]]:
    """Take back what machine links of these alerts filled in on a household or person."""
    reverted: list[dict[str, Any]] = []
    wanted = {str(a) for a in alert_ids}
    for decision in session.scalars(
        select(LinkDecision).where(
            LinkDecision.kind == DecisionKind.AUTO_LINK, LinkDecision.undone_at.is_(None)
        )
    ):
        if not wanted.intersection(decision.alert_ids):
            continue
        filled = decision.payload.get("filled", {})
        for key in ("person", "household"):
            info = filled.get(key) or {}
            if not info:
                continue
            entity: Person | Household | None = (
                session.get(Person, info["id"])
                if key == "person"
                else session.get(Household, info["id"])
            )
            if entity is None:
                continue
            before = {column: json_value(getattr(entity, column)) for column in info["columns"]}
            for column in info["columns"]:
                setattr(entity, column, None)
            reverted.append({"model": key, "id": entity.id, "values": before})
    return reverted


def _restore_fills(session: Session, reverted: Sequence[dict[str, Any]]) -> None:
    for item in reverted:
        entity: Person | Household | None = (
            session.get(Person, item["id"])
            if item["model"] == "person"
            else session.get(Household, item["id"])
        )
        if entity is not None:
            for column, value in item["values"].items():
                setattr(entity, column, python_value(value))


def _split(
    ctx: AppContext,
    session: Session,
    case: Case,
    alerts: Sequence[Alert],
    into: Case | None,
    now: datetime,
) -> dict[str, Any]:
    moved = [
        {
            "id": a.id,
            "case_id": a.case_id,
            "household_id": a.household_id,
            "person_id": a.person_id,
            "method": a.link_method.value if a.link_method else None,
        }
        for a in alerts
    ]
    reverted = _revert_fills(session, [a.id for a in alerts])
    created: dict[str, Any] = {"household": None, "case": None, "persons": []}
    if into is None:
        record = _reparse(ctx, alerts[0])
        incoming = incoming_of(record, ctx.protector)
        household = Household(
            **household_values(
                record, incoming, centre_id=case.centre_id, now=now, routing=case.routing
            )
        )
        session.add(household)
        session.flush()
        target = _new_case_for(session, household, record, now)
        created["household"], created["case"] = household.id, target.id
    else:
        target = into
    for alert in alerts:
        record = _reparse(ctx, alert)
        incoming = incoming_of(record, ctx.protector)
        person = None
        if incoming.name_key:
            person = session.scalars(
                select(Person).where(
                    Person.household_id == target.household_id,
                    Person.name_key == incoming.name_key,
                )
            ).first()
        if person is None and (incoming.name_key or incoming.phone_index):
            person = Person(
                **person_values(record, incoming, ctx.protector, target.household_id, now=now)
            )
            session.add(person)
            session.flush()
            created["persons"].append(person.id)
        alert.case_id = target.id
        alert.household_id = target.household_id
        alert.person_id = person.id if person else None
        alert.link_method = LinkMethod.MANUAL
    absorb(target, alerts, now)
    case.updated_at = now
    return {"alerts": moved, "created": created, "reverted": reverted, "target_case": target.id}


def split(
    ctx: AppContext,
    case_id: int,
    alert_ids: Sequence[int],
    *,
    into_case_id: int | None = None,
    reason: str | None = None,
) -> tuple[int, int]:
    """These alerts are about another household: move them to ``into_case_id``, or to a
    new household and case made from the first alert's own record. Returns (decision id,
    the case they went to)."""
    require(ctx, Permission.REVIEW)
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        case = case_of(session, case_id)
        alerts = list(
            session.scalars(select(Alert).where(Alert.id.in_(alert_ids)).order_by(Alert.id))
        )
        if len(alerts) != len(set(alert_ids)) or any(a.case_id != case.id for a in alerts):
            raise LinkingError(f"분리할 알림이 모두 사례 {case_id}번에 속해야 합니다.")
        remaining = session.scalars(
            select(Alert.id).where(Alert.case_id == case.id, Alert.id.not_in(alert_ids))
        ).first()
        if remaining is None:
            raise LinkingError("사례의 알림을 모두 분리할 수는 없습니다. 사례 병합을 사용하십시오.")
        into = case_of(session, into_case_id) if into_case_id is not None else None
        if into is not None and into.id == case.id:
            raise LinkingError("같은 사례로는 분리할 수 없습니다.")
        payload = _split(ctx, session, case, alerts, into, now)
        decision = _record(
            ctx,
            session,
            DecisionKind.SPLIT,
            case_id=case.id,
            other_case_id=payload["target_case"],
            alert_ids=[a.id for a in alerts],
            payload=payload,
            reason=reason,
            now=now,
        )
        return decision.id, payload["target_case"]


def _unsplit(session: Session, payload: dict[str, Any], now: datetime) -> None:
    target = case_of(session, payload["target_case"])
    created = payload["created"]
    restore_alerts(session, payload["alerts"], target.id)
    if created["case"] is not None:
        leftover = session.scalars(select(Alert.id).where(Alert.case_id == target.id)).first()
        if leftover is not None:
            raise LinkingError(
                f"분리로 만든 사례 {target.id}번에 그 뒤 다른 알림이 더해져 되돌릴 수 없습니다."
            )
        original = payload["alerts"][0]
        target.status = CaseStatus.CLOSED
        target.closure_reason = ClosureReason.DUPLICATE
        target.closed_at = now
        target.merged_into_id = original["case_id"]
        target.due_at = None
        target.updated_at = now
        household = session.get(Household, created["household"])
        assert household is not None
        household.merged_into_id = original["household_id"]
    for person_id in created["persons"]:
        person = session.get(Person, person_id)
        if person is not None and created["household"] is not None:
            person.household_id = payload["alerts"][0]["household_id"]
    _restore_fills(session, payload["reverted"])


# -- undo ------------------------------------------------------------------------------------


def undo(ctx: AppContext, decision_id: int, *, reason: str | None = None) -> int:
    """Undo a decision (staff's or the machine's); returns the id of the undo record."""
    require(ctx, Permission.REVIEW)
    now = ctx.clock()
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        decision = session.get(LinkDecision, decision_id)
        if decision is None:
            raise LinkingError(f"결정 {decision_id}번을 찾을 수 없습니다.")
        if decision.undone_at is not None:
            raise LinkingError(f"결정 {decision_id}번은 이미 되돌렸습니다.")
        if decision.kind is DecisionKind.UNDO:
            raise LinkingError("되돌리기는 되돌릴 수 없습니다. 필요한 결정을 다시 하십시오.")
        payload: dict[str, Any] = {"undoes": decision.id}
        alert_ids = [int(a) for a in decision.alert_ids]
        if decision.kind is DecisionKind.AUTO_LINK:
            alerts = list(session.scalars(select(Alert).where(Alert.id.in_(alert_ids))))
            case = case_of(session, alerts[0].case_id or 0)
            if (
                session.scalars(
                    select(Alert.id).where(Alert.case_id == case.id, Alert.id.not_in(alert_ids))
                ).first()
                is None
            ):
                raise LinkingError("이 사례에는 그 알림만 남아 있어 되돌릴 것이 없습니다.")
            split_payload = _split(ctx, session, case, alerts, None, now)
            payload["split"] = split_payload
            other = split_payload["target_case"]
        elif decision.kind in (DecisionKind.MERGE, DecisionKind.AUTO_MERGE, DecisionKind.ACCEPT):
            unmerge(session, decision.payload, now)
            for suggestion_id in decision.payload.get("suggestions", []):
                suggestion = session.get(LinkSuggestion, suggestion_id)
                if suggestion is not None:
                    suggestion.status = SuggestionStatus.OPEN
                    suggestion.decided_at = None
                    suggestion.decided_by_id = None
            other = decision.payload["source_case"]["id"]
        elif decision.kind is DecisionKind.REJECT:
            for suggestion_id in decision.payload["suggestions"]:
                suggestion = session.get(LinkSuggestion, suggestion_id)
                assert suggestion is not None
                suggestion.status = SuggestionStatus.OPEN
                suggestion.decided_at = None
            alert = session.get(Alert, decision.payload["alert"])
            assert alert is not None
            method = decision.payload["method"]
            alert.link_method = LinkMethod(method) if method else None
            other = None
        else:  # SPLIT
            _unsplit(session, decision.payload, now)
            other = decision.payload["target_case"]
        record = _record(
            ctx,
            session,
            DecisionKind.UNDO,
            case_id=decision.case_id,
            other_case_id=other,
            alert_ids=alert_ids,
            payload=payload,
            reason=reason or f"{decision.kind.label} 되돌리기",
            now=now,
        )
        decision.undone_at = now
        decision.undone_by_id = record.id
        return record.id


# -- manual entry -------------------------------------------------------------------------


@dataclass
class LikelyHousehold:
    household_id: int
    case_id: int | None
    score: float
    reasons: list[str]
    name: str  # masked


def likely_households(
    ctx: AppContext,
    *,
    name: str | None = None,
    phone: str | None = None,
    birth_date: date | None = None,
    address: str | None = None,
    address_detail: str | None = None,
) -> list[LikelyHousehold]:
    """Before staff create a household by hand: the existing ones of the account's centre
    it may duplicate, best first, with the same scoring and reasons as at import. (Another
    centre's households are not shown: the answer would tell whether a name or a phone is
    known anywhere.) The look-up is logged."""
    actor = require(ctx, Permission.VIEW)
    from desktop.address import parse_address
    from desktop.intake.fields import parse_phone
    from desktop.linking.candidates import load_candidates
    from desktop.linking.names import name_key
    from desktop.linking.scoring import REVIEW_AT, Incoming, Scorer, complex_unit, phone_kind

    digits = parse_phone(phone) if phone else None
    key = parse_address(address, address_detail)
    incoming = Incoming(
        name_key=name_key(name),
        phone_index=ctx.protector.index(digits, "phone") if digits else None,
        phone_kind=phone_kind(digits),
        birth_date=birth_date,
        address_key=key.address_key,
        building_key=key.building_key,
        unit_key=key.unit,
        in_complex=key.apartment or complex_unit(key.unit or ""),
    )
    with ctx.session() as session:
        index = load_candidates(session, [incoming])
        total = session.scalar(select(func.count()).select_from(Person)) or 0
        same = (
            session.scalar(
                select(func.count()).select_from(Person).where(Person.name_key == incoming.name_key)
            )
            if incoming.name_key
            else 0
        ) or 0
        scorer = Scorer(lambda _key: max(same, 1) / max(total, 1000), today=ctx.clock().date())
        candidates = index.candidates(incoming)
        visible = set(
            session.scalars(
                select(Household.id).where(
                    Household.id.in_([h.id for h in candidates]),
                    in_scope(actor, Household.centre_id),
                )
            )
        )
        scored = sorted(
            (scorer.score(incoming, h) for h in candidates if h.id in visible),
            key=lambda s: -s.score,
        )
        names = {
            h: mask_name(n)
            for h, n in session.execute(
                select(Person.household_id, Person.name).where(
                    Person.household_id.in_([s.household.id for s in scored])
                )
            )
            if n
        }
    audit.log(ctx, AccessAction.VIEW, "households", detail="중복 가구 찾기")
    return [
        LikelyHousehold(
            s.household.id,
            s.household.open_case_id,
            s.rounded,
            s.reasons,
            names.get(s.household.id, ""),
        )
        for s in scored
        if s.score >= REVIEW_AT
    ]


class ReviewService:
    """What the client's review screen needs (no ORM in views)."""

    def __init__(self, ctx: AppContext) -> None:
        self._ctx = ctx

    def queue(self) -> list[ReviewItem]:
        return review_queue(self._ctx)

    def queue_page(self, limit: int = 500) -> tuple[list[ReviewItem], int]:
        """The oldest ``limit`` waiting alerts, and how many wait in all."""
        return review_queue(self._ctx, limit=limit), review_waiting(self._ctx)

    def compare(self, suggestion_id: int) -> list[Any]:
        """동일 가구 확인: the alert beside the suggested household (desktop.linking.compare)."""
        from desktop.linking.compare import compare

        return list(compare(self._ctx, suggestion_id))

    def accept(self, suggestion_id: int, reason: str | None = None) -> int:
        return accept(self._ctx, suggestion_id, reason=reason)

    def reject(self, suggestion_id: int, reason: str | None = None) -> int:
        return reject(self._ctx, suggestion_id, reason=reason)

    def undo(self, decision_id: int) -> int:
        return undo(self._ctx, decision_id)

    def merge(self, keep_case_id: int, other_case_id: int, reason: str | None = None) -> int:
        return merge(self._ctx, keep_case_id, other_case_id, reason=reason)

    def split(
        self, case_id: int, alert_ids: Sequence[int], reason: str | None = None
    ) -> tuple[int, int]:
        return split(self._ctx, case_id, alert_ids, reason=reason)

    def can_review(self) -> bool:
        return allows(self._ctx, Permission.REVIEW)
