"""Two cases found to be one household become one, and can be parted again.

Used by staff merging two cases or accepting a suggestion, and by the machine when a new
alert identifies two households as firmly as a link asks. Nothing is deleted: the case
folded in is closed as 중복 and points to the case it joined, its household points to the
household it joined, and the returned payload holds everything an undo needs.
"""

from __future__ import annotations

import base64
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.enums import CaseStatus, ClosureReason, LinkMethod, RiskLevel, SuggestionStatus
from db.errors import UserError
from db.models import Alert, Case, CaseStatusChange, Household, LinkSuggestion, Person
from desktop.linking.names import name_similarity
from desktop.linking.scoring import CLOSE_NAME, SAME_NAME

RISK_ORDER = list(RiskLevel)
_DUES = ("first_contact_due", "counselling_due", "due_at")
# Where a household lacks an address or a place, the household joining it lends its own.
_ADDRESS = ("address_raw", "address_key", "building_key", "unit_key", "dong_name")
_PLACE = ("latitude", "longitude", "geo_cell")
# What a member recorded twice brings to the record that stays, where that one lacks it.
_PERSON = (
    "sex",
    "birth_date",
    "age_band",
    "phone_cipher",
    "phone_index",
    "phone_kind",
    "phone_last4_index",
    "rrn_cipher",
    "rrn_index",
)


class LinkingError(UserError):
    """A decision that cannot be made as asked; the message says why, in Korean."""


def json_value(value: Any) -> Any:
    """A column value as it can be kept in a decision's JSON payload."""
    if isinstance(value, bytes):
        return {"bytes": base64.b64encode(value).decode()}
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    return value


def python_value(value: Any) -> Any:
    """The inverse of ``json_value``."""
    if isinstance(value, dict):
        if "bytes" in value:
            return base64.b64decode(value["bytes"])
        if "datetime" in value:
            return datetime.fromisoformat(value["datetime"])
        if "date" in value:
            return date.fromisoformat(value["date"])
    return value


def case_of(session: Session, case_id: int) -> Case:
    case = session.get(Case, case_id)
    if case is None:
        raise LinkingError(f"사례 {case_id}번을 찾을 수 없습니다.")
    return case


def absorb(target: Case, alerts: Sequence[Alert], now: datetime) -> None:
    """The target case takes on what the moved alerts say (latest alert)."""
    for alert in alerts:
        if target.last_alert_at is None or alert.occurred_at > target.last_alert_at:
            target.last_alert_at = alert.occurred_at
    target.updated_at = now


def _questions_between(session: Session, source: Case, target: Case) -> list[LinkSuggestion]:
    """The open suggestions a merge of the two cases answers: those of either case's alerts
    that ask about the other (or about their own). Asked before the merge is written.
    (By alert, filtered here: asked for open ones, SQLite reads every open one.)"""
    both = (source.id, target.id)
    alerts = session.scalars(select(Alert.id).where(Alert.case_id.in_(both))).all()
    return [
        suggestion
        for suggestion in session.scalars(
            select(LinkSuggestion).where(LinkSuggestion.alert_id.in_(alerts))
        )
        if suggestion.status is SuggestionStatus.OPEN and suggestion.case_id in both
    ]


def supersede(
    payload: dict[str, Any], suggestions: Sequence[LinkSuggestion], now: datetime
) -> None:
    """Close questions a decision has answered, noting them in its payload (undo reopens
    them)."""
    noted: list[int] = payload.setdefault("suggestions", [])
    for suggestion in suggestions:
        suggestion.status = SuggestionStatus.SUPERSEDED
        suggestion.decided_at = now
        if suggestion.id not in noted:
            noted.append(suggestion.id)


def merge_cases(
    session: Session,
    source: Case,
    target: Case,
    now: datetime,
    *,
    method: LinkMethod = LinkMethod.MANUAL,
) -> dict[str, Any]:
    """Move every alert and person of ``source`` into ``target``; close ``source`` as a
    duplicate, and the questions whether the two are one. ``target`` keeps the earlier of
    the two cases' deadlines and the higher risk, and its household takes the address or
    place it lacked. Returns what undoing it needs."""
    if source.id == target.id:
        raise LinkingError("같은 사례끼리는 병합할 수 없습니다.")
    if source.merged_into_id is not None:
        raise LinkingError(f"사례 {source.id}번은 이미 다른 사례에 병합되었습니다.")
    answered = _questions_between(session, source, target)
    alerts = list(session.scalars(select(Alert).where(Alert.case_id == source.id)))
    moved_alerts = [
        {
            "id": a.id,
            "case_id": a.case_id,
            "household_id": a.household_id,
            "person_id": a.person_id,
            "method": a.link_method,
        }
        for a in alerts
    ]
    moved_persons: list[dict[str, Any]] = []
    joined_persons: list[dict[str, Any]] = []
    person_joined_into: dict[int, int] = {}
    household_merged = False
    lent: dict[str, Any] = {}
    if source.household_id != target.household_id:
        others = session.scalars(
            select(Case.id).where(
                Case.household_id == source.household_id,
                Case.id != source.id,
                Case.merged_into_id.is_(None),
            )
        ).first()
        if others is None:  # the household has no other case: it is the same household
            staying = list(
                session.scalars(
                    select(Person)
                    .where(Person.household_id == target.household_id)
                    .order_by(Person.id)
                )
            )
            for person in session.scalars(
                select(Person).where(Person.household_id == source.household_id).order_by(Person.id)
            ):
                twin = next((p for p in staying if same_person(person, p)), None)
                if twin is not None:
                    # One member recorded twice: the household lists them once, with what
                    # both records know. The record joined stays, whole, with the household
                    # it came from (merged, so listed nowhere); its alerts are the twin's.
                    staying.remove(twin)
                    joined_persons.append(_join_person(person, twin))
                    person_joined_into[person.id] = twin.id
                    continue
                moved_persons.append({"id": person.id, "household_id": person.household_id})
                person.household_id = target.household_id
            source_household = session.get(Household, source.household_id)
            target_household = session.get(Household, target.household_id)
            assert source_household is not None and target_household is not None
            source_household.merged_into_id = target.household_id
            household_merged = True
            lent = _lend(source_household, target_household)
    for alert in alerts:
        alert.case_id = target.id
        alert.household_id = target.household_id
        if alert.person_id in person_joined_into:
            alert.person_id = person_joined_into[alert.person_id]
        alert.link_method = method
    payload = {
        "alerts": moved_alerts,
        "persons": moved_persons,
        "joined_persons": joined_persons,
        "source_case": {
            "id": source.id,
            "status": source.status.value,
            "closure_reason": source.closure_reason.value if source.closure_reason else None,
            "closed_at": json_value(source.closed_at),
            "dues": {column: json_value(getattr(source, column)) for column in _DUES},
        },
        "source_household": source.household_id if household_merged else None,
        "target_household": {"id": target.household_id, "lent": lent} if lent else None,
        "target_case": target.id,
        "target_dues": {column: json_value(getattr(target, column)) for column in _DUES},
    }
    session.add(
        CaseStatusChange(
            case_id=source.id,
            from_status=source.status,
            to_status=CaseStatus.CLOSED,
            changed_at=now,
            reason=f"사례 {target.id}번과 같은 가구로 병합",
        )
    )
    for column in _DUES:  # a deadline the folded case still owed is owed by the case it joins
        dues = [d for d in (getattr(target, column), getattr(source, column)) if d is not None]
        setattr(target, column, min(dues) if dues else None)
    source.status = CaseStatus.CLOSED
    source.closure_reason = ClosureReason.DUPLICATE
    source.closed_at = now
    source.merged_into_id = target.id
    for column in _DUES:
        setattr(source, column, None)
    source.updated_at = now
    if RISK_ORDER.index(source.risk) < RISK_ORDER.index(target.risk):
        payload["target_risk"] = {"risk": target.risk.value, "reason": target.risk_reason}
        target.risk = source.risk
        target.risk_reason = f"{source.risk_reason} (병합)"
    absorb(target, alerts, now)
    supersede(payload, answered, now)  # whether the two cases are one: now they are
    return payload


def same_person(a: Person, b: Person) -> bool:
    """Whether two members of households found to be one are one person recorded twice:
    the same name (or a close one with the same phone or birth date), and no other
    phone, birth date or sex."""
    if not (a.name_key and b.name_key):
        return False
    for column in ("phone_index", "birth_date", "sex"):
        mine, theirs = getattr(a, column), getattr(b, column)
        if mine is not None and theirs is not None and mine != theirs:
            return False
    similarity = name_similarity(a.name_key, b.name_key)
    confirmed = (a.phone_index is not None and a.phone_index == b.phone_index) or (
        a.birth_date is not None and a.birth_date == b.birth_date
    )
    return similarity >= SAME_NAME or (similarity >= CLOSE_NAME and confirmed)


def _join_person(person: Person, twin: Person) -> dict[str, Any]:
    """``twin`` takes what it lacks from ``person``; returns what undoing it needs (the
    columns filled, which were empty: no personal value is copied into the payload)."""
    filled = []
    for column in _PERSON:
        if getattr(twin, column) is None and getattr(person, column) is not None:
            setattr(twin, column, getattr(person, column))
            filled.append(column)
    return {"id": person.id, "into": twin.id, "filled": filled}


def _lend(source: Household, target: Household) -> dict[str, Any]:
    """Give ``target`` the address and place it lacks from ``source``; returns the
    columns given (their earlier values were all empty)."""
    lent: dict[str, Any] = {}
    for columns, present in ((_ADDRESS, "building_key"), (_PLACE, "latitude")):
        if getattr(target, present) is None and getattr(source, present) is not None:
            for column in columns:
                lent[column] = json_value(getattr(target, column))
                setattr(target, column, getattr(source, column))
    return lent


def restore_alerts(session: Session, moved: Sequence[dict[str, Any]], moved_to: int) -> None:
    """Put alerts back where a decision found them; refuse if any has moved on since."""
    for item in moved:
        alert = session.get(Alert, item["id"])
        assert alert is not None
        if alert.case_id != moved_to:
            raise LinkingError(
                f"알림 {alert.id}번이 그 뒤 다른 사례로 옮겨져 되돌릴 수 없습니다. 나중 결정부터 되돌리십시오."
            )
        alert.case_id = item["case_id"]
        alert.household_id = item["household_id"]
        if "person_id" in item:
            alert.person_id = item["person_id"]
        alert.link_method = LinkMethod(item["method"]) if item["method"] else None


def unmerge(session: Session, payload: dict[str, Any], now: datetime) -> None:
    """Undo ``merge_cases`` from its payload."""
    target = case_of(session, payload["target_case"])
    source_info = payload["source_case"]
    source = case_of(session, source_info["id"])
    restore_alerts(session, payload["alerts"], target.id)
    for item in payload["persons"]:
        person = session.get(Person, item["id"])
        assert person is not None
        person.household_id = item["household_id"]
    for item in payload.get("joined_persons", []):
        joined, twin = session.get(Person, item["id"]), session.get(Person, item["into"])
        assert joined is not None and twin is not None
        for column in item["filled"]:  # given back, unless changed since
            if getattr(twin, column) == getattr(joined, column):
                setattr(twin, column, None)
    if payload.get("source_household"):
        household = session.get(Household, payload["source_household"])
        assert household is not None
        household.merged_into_id = None
    if payload.get("target_household"):
        household = session.get(Household, payload["target_household"]["id"])
        assert household is not None
        for column, value in payload["target_household"]["lent"].items():
            setattr(household, column, python_value(value))
    session.add(
        CaseStatusChange(
            case_id=source.id,
            from_status=source.status,
            to_status=CaseStatus(source_info["status"]),
            changed_at=now,
            reason="병합 되돌리기",
        )
    )
    source.status = CaseStatus(source_info["status"])
    source.closure_reason = (
        ClosureReason(source_info["closure_reason"]) if source_info["closure_reason"] else None
    )
    source.closed_at = python_value(source_info["closed_at"])
    source.merged_into_id = None
    source.updated_at = now
    # The target gives back a deadline it took from the source, unless work since has
    # changed it. (Payloads written before deadlines were carried over have no "dues".)
    source_dues = {c: python_value(v) for c, v in source_info.get("dues", {}).items()}
    for column, value in payload.get("target_dues", {}).items():
        before = python_value(value)
        dues = [d for d in (before, source_dues.get(column)) if d is not None]
        if getattr(target, column) == (min(dues) if dues else None):
            setattr(target, column, before)
    for column, value in source_dues.items():
        setattr(source, column, value)
    if "target_risk" in payload:
        target.risk = RiskLevel(payload["target_risk"]["risk"])
        target.risk_reason = payload["target_risk"]["reason"]
    target.updated_at = now
