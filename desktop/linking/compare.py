"""동일 가구 확인: an alert waiting for review beside one of its candidate households, field
by field, each marked as agreeing, conflicting or unknown, so that staff decide on what the
records say and not on a score. Everything is masked as the case list is: the name's first
letter, the birth year, the phone's last four digits."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from sqlalchemy import select

from db.enums import AccessAction
from db.models import PHONE_COLUMN, Alert, Case, Household, LinkSuggestion, Person
from desktop.casework.detail import alert_summary
from desktop.casework.workflow import CaseworkError
from desktop.context import AppContext
from desktop.linking.names import name_similarity
from desktop.linking.scoring import CLOSE_NAME, same_building, units_agree
from desktop.security import audit
from desktop.security.access import Permission, must_load, require
from desktop.security.masking import mask_name
from desktop.timeutil import format_kst


class Verdict(Enum):
    AGREE = "일치"
    CONFLICT = "다름"
    UNKNOWN = "알 수 없음"  # one side does not say
    NOTE = ""  # shown for the reader, not weighed (channel, date, what it says)


@dataclass(frozen=True)
class FieldComparison:
    label: str
    alert: str
    candidate: str
    verdict: Verdict
    note: str = ""  # e.g. "12년 차이", "같은 건물 다른 호수"


def _last4(ctx: AppContext, person: Person | None) -> str:
    if person is None or not person.phone_cipher:
        return ""
    digits = ctx.protector.decrypt(person.phone_cipher, PHONE_COLUMN)
    return f"…{digits[-4:]}" if len(digits) >= 4 else ""


def _born(person: Person | None) -> str:
    if person is None:
        return ""
    if person.birth_date:
        return f"{person.birth_date.year}년생"
    return person.age_band or ""


def _place(household: Household | None) -> str:
    if household is None:
        return ""
    from desktop.casework.today import street_of

    street = street_of(household.address_raw)
    unit = household.unit_key or ""
    if unit.startswith("-"):
        unit = unit[1:] + "호"
    elif "-" in unit:
        dong, ho = unit.split("-", 1)
        unit = f"{dong}동 {ho}호"
    return " ".join(p for p in (street or (household.address_raw or ""), unit) if p)


def _closest(person: Person | None, others: list[Person]) -> Person | None:
    """The candidate's member most like the alert's person (by name, then phone)."""
    if not others:
        return None
    if person is None:
        return others[0]

    def likeness(other: Person) -> tuple[bool, float, bool]:
        named = bool(person.name_key and other.name_key)
        similarity = name_similarity(person.name_key, other.name_key) if named else 0.0  # type: ignore[arg-type]
        phone = bool(person.phone_index and person.phone_index == other.phone_index)
        return phone, similarity, other.birth_date is not None

    return max(others, key=likeness)


def compare(ctx: AppContext, suggestion_id: int) -> list[FieldComparison]:
    """The alert of ``suggestion_id`` beside the household it suggests (masked; logged as
    a view of both cases)."""
    actor = require(ctx, Permission.REVIEW)
    with ctx.session() as session:
        suggestion = session.get(LinkSuggestion, suggestion_id)
        if suggestion is None:
            raise CaseworkError(f"검토 항목 {suggestion_id}번을 찾을 수 없습니다.")
        alert = session.get(Alert, suggestion.alert_id)
        if alert is None or alert.case_id is None:
            raise CaseworkError(f"검토 항목 {suggestion_id}번의 알림을 찾을 수 없습니다.")
        # The alert's own case must be the signed-in centre's: the queue's own check.
        must_load(session, actor, Case, alert.case_id, f"사례 {alert.case_id}번", CaseworkError)
        own_person = session.get(Person, alert.person_id) if alert.person_id else None
        own_household = session.get(Household, alert.household_id) if alert.household_id else None
        household = session.get(Household, suggestion.household_id)
        members = list(
            session.scalars(
                select(Person)
                .where(Person.household_id == suggestion.household_id)
                .order_by(Person.id)
            )
        )
        latest = session.scalars(
            select(Alert)
            .where(Alert.household_id == suggestion.household_id)
            .order_by(Alert.occurred_at.desc(), Alert.id.desc())
            .limit(1)
        ).first()
        other = _closest(own_person, members)
        rows = [
            _name_row(own_person, other, len(members)),
            _birth_row(own_person, other),
            _sex_row(own_person, other),
            _phone_row(ctx, own_person, other),
            _address_row(own_household, household),
            FieldComparison(
                "채널·일시",
                f"{alert.channel.label} {format_kst(alert.occurred_at)}",
                f"{latest.channel.label} {format_kst(latest.occurred_at)}" if latest else "",
                Verdict.NOTE,
            ),
            FieldComparison(
                "내용", alert_summary(alert), alert_summary(latest) if latest else "", Verdict.NOTE
            ),
        ]
        candidate_case = suggestion.case_id
    audit.log(ctx, AccessAction.VIEW, f"case:{alert.case_id}", detail="동일 가구 확인")
    if candidate_case is not None:
        audit.log(ctx, AccessAction.VIEW, f"case:{candidate_case}", detail="동일 가구 확인")
    return rows


def _name_row(person: Person | None, other: Person | None, members: int) -> FieldComparison:
    mine = mask_name(person.name) if person and person.name else ""
    theirs = mask_name(other.name) if other and other.name else ""
    if members > 1:
        theirs += f" (가구원 {members}명 중)"
    if not (person and person.name_key and other and other.name_key):
        return FieldComparison("이름", mine, theirs, Verdict.UNKNOWN)
    similarity = name_similarity(person.name_key, other.name_key)
    if similarity >= 0.97:
        return FieldComparison("이름", mine, theirs, Verdict.AGREE)
    if similarity >= CLOSE_NAME:
        return FieldComparison("이름", mine, theirs, Verdict.AGREE, "비슷함 (오타일 수 있음)")
    return FieldComparison("이름", mine, theirs, Verdict.CONFLICT)


def _birth_row(person: Person | None, other: Person | None) -> FieldComparison:
    mine, theirs = _born(person), _born(other)
    a = person.birth_date if person else None
    b = other.birth_date if other else None
    if a is None or b is None:
        return FieldComparison("출생", mine, theirs, Verdict.UNKNOWN)
    if a == b:
        return FieldComparison("출생", mine, theirs, Verdict.AGREE, "생년월일 같음")
    years = abs(a.year - b.year)
    note = f"{years}년 차이" if years else "같은 해, 다른 날"
    return FieldComparison("출생", mine, theirs, Verdict.CONFLICT, note)


def _sex_row(person: Person | None, other: Person | None) -> FieldComparison:
    mine = person.sex if person and person.sex else ""
    theirs = other.sex if other and other.sex else ""
    if not (mine and theirs):
        return FieldComparison("성별", mine, theirs, Verdict.UNKNOWN)
    return FieldComparison(
        "성별", mine, theirs, Verdict.AGREE if mine == theirs else Verdict.CONFLICT
    )


def _phone_row(ctx: AppContext, person: Person | None, other: Person | None) -> FieldComparison:
    mine, theirs = _last4(ctx, person), _last4(ctx, other)
    if not (person and person.phone_index and other and other.phone_index):
        return FieldComparison("전화 (끝 4자리)", mine, theirs, Verdict.UNKNOWN)
    if person.phone_index == other.phone_index:
        return FieldComparison("전화 (끝 4자리)", mine, theirs, Verdict.AGREE)
    kinds = {person.phone_kind, other.phone_kind}
    if kinds == {"mobile", "landline"}:
        return FieldComparison(
            "전화 (끝 4자리)", mine, theirs, Verdict.UNKNOWN, "집전화와 휴대전화"
        )
    return FieldComparison("전화 (끝 4자리)", mine, theirs, Verdict.CONFLICT)


def _address_row(mine: Household | None, theirs: Household | None) -> FieldComparison:
    a, b = _place(mine), _place(theirs)
    if not (mine and theirs and mine.building_key and theirs.building_key):
        return FieldComparison("주소", a, b, Verdict.UNKNOWN)
    if not same_building(mine.building_key, theirs.building_key):
        return FieldComparison("주소", a, b, Verdict.CONFLICT, "다른 건물")
    if mine.unit_key and theirs.unit_key:
        agree = units_agree(mine.unit_key, theirs.unit_key)
        if agree is False:
            return FieldComparison("주소", a, b, Verdict.CONFLICT, "같은 건물 다른 호수")
        if agree is True:
            return FieldComparison("주소", a, b, Verdict.AGREE, "같은 집")
        return FieldComparison("주소", a, b, Verdict.UNKNOWN, "같은 층, 어느 집인지 모름")
    if not (mine.unit_key or theirs.unit_key):
        return FieldComparison("주소", a, b, Verdict.AGREE, "같은 주소 (호수 없음)")
    return FieldComparison("주소", a, b, Verdict.UNKNOWN, "같은 건물, 호수는 한쪽만")
