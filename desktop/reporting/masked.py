"""What a paper may say of a household outside the office: names masked, the place no
closer than a road, the age by decade, free text scrubbed of numbers and names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from db.models import Case, Household, Person
from desktop.address import parse_address
from desktop.security.masking import mask_name, mask_numbers


def scrub(text: str | None, names: Sequence[str | None] = ()) -> str:
    """Free text for people outside the office: phone and resident numbers and the named
    people's names masked, whatever staff typed."""
    if not text:
        return ""
    text = mask_numbers(text)
    for name in sorted({n.strip() for n in names if n and len(n.strip()) >= 2}, key=len)[::-1]:
        text = text.replace(name, mask_name(name))
    return text


def area(household: Household) -> str:
    """Where, no closer than a road: ``좌동로 일대``."""
    key = parse_address(household.address_raw)
    if key.road:
        return f"{key.road} 일대"
    if key.legal_dong:
        return f"{key.legal_dong} 일대"
    return f"{household.dong_name} 일대" if household.dong_name else "위치 미상"


def age_band(person: Person | None, on: date) -> str:
    if person is None:
        return "연령 미상"
    if person.birth_date is not None:
        years = on.year - person.birth_date.year
        return f"{years // 10 * 10}대"
    return person.age_band or "연령 미상"


def first_person(session: Session, household_id: int) -> Person | None:
    return session.scalars(
        select(Person).where(Person.household_id == household_id).order_by(Person.id)
    ).first()


def household_names(session: Session, household_id: int) -> list[str | None]:
    return list(session.scalars(select(Person.name).where(Person.household_id == household_id)))


def masked_label(session: Session, case: Case, on: date) -> str:
    """``김○○ / 70대 / 1인가구 / 좌동로 일대``."""
    household = session.get(Household, case.household_id)
    assert household is not None
    person = first_person(session, household.id)
    return " / ".join(
        (
            mask_name(person.name) if person and person.name else "이름 미상",
            age_band(person, on),
            household.household_type or "가구형태 미상",
            area(household),
        )
    )
