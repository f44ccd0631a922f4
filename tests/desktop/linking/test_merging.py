"""Which members of two households found to be one are one person recorded twice."""

from __future__ import annotations

from datetime import date

import pytest

from db.models import Person
from desktop.linking.merging import same_person


def member(name: str | None, **values: object) -> Person:
    return Person(name=name, name_key=name.replace(" ", "") if name else None, **values)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (member("김민준"), member("김 민준"), True),
        (member("김민준", phone_index="p1"), member("김민준", birth_date=date(1950, 3, 1)), True),
        # A slip in the name is the same person only with the same phone or birth date.
        (member("김민준"), member("김민존"), False),
        (member("김민준", phone_index="p1"), member("김민존", phone_index="p1"), True),
        (
            member("김민준", birth_date=date(1950, 3, 1)),
            member("김민존", birth_date=date(1950, 3, 1)),
            True,
        ),
        # Anything recorded differently keeps them two people.
        (member("김민준", phone_index="p1"), member("김민준", phone_index="p2"), False),
        (
            member("김민준", birth_date=date(1950, 3, 1)),
            member("김민준", birth_date=date(1980, 3, 1)),
            False,
        ),
        (member("김민준", sex="남"), member("김민준", sex="여"), False),
        # Other names are other people (siblings share a household); without a name
        # nothing says who a record is, and it is left as it is.
        (member("김민준"), member("김민지"), False),
        (member("김민준"), member("박민준"), False),
        (member(None, phone_index="p1"), member("김민준", phone_index="p1"), False),
    ],
)
def test_same_person(a: Person, b: Person, same: bool) -> None:
    assert same_person(a, b) is same
    assert same_person(b, a) is same
