"""An address written without its 구 finds the building of that road and number, through
``households.road_key`` and its index (issue 25: the suffix LIKE it replaces read the whole
households table on PostgreSQL)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select, text

from db.models import Household
from desktop.context import AppContext
from desktop.linking.candidates import _other_gu
from desktop.linking.scoring import Incoming, gu_less
from tests.conftest import BACKEND
from tests.helpers.linking import import_records, visit


@pytest.fixture
def buildings(ctx: AppContext, tmp_path: Path) -> dict[str, int]:
    import_records(
        ctx,
        tmp_path,
        [
            visit("V-1", "황보덕남", "부산광역시 동래구 충렬대로 291", 연락처="010-3382-1907"),
            visit("V-2", "김영수", "부산광역시 동래구 충렬대로 29", 연락처="010-4021-7781"),
            visit("V-3", "이순자", "부산광역시 해운대구 중앙대로 291", 연락처="010-2222-3333"),
        ],
    )
    with ctx.session() as session:
        rows = session.execute(select(Household.building_key, Household.id)).all()
    return {key: hid for key, hid in rows if key}


def test_the_road_key_is_the_building_key_without_its_gu(
    ctx: AppContext, buildings: dict[str, int]
) -> None:
    with ctx.session() as session:
        rows = session.execute(select(Household.building_key, Household.road_key)).all()
    assert rows and all(road == gu_less(key) for key, road in rows if key)


def test_an_address_without_its_gu_finds_that_road_and_number_only(
    ctx: AppContext, buildings: dict[str, int]
) -> None:
    [full] = [key for key in buildings if key.endswith("|충렬대로|291")]
    with ctx.session() as session:
        found = _other_gu(session, [Incoming(building_key="|충렬대로|291")])
    assert found == {buildings[full]}  # not 충렬대로 29, not 중앙대로 291


@pytest.mark.skipif(BACKEND != "postgresql", reason="PostgreSQL's plan")
def test_the_lookup_uses_its_index_on_postgresql(
    ctx: AppContext, buildings: dict[str, int]
) -> None:
    with ctx.engine.connect() as connection:
        connection.execute(text("SET LOCAL enable_seqscan = off"))  # a tiny table otherwise
        query = select(Household.id).where(
            Household.road_key == "충렬대로|291", Household.merged_into_id.is_(None)
        )
        compiled = query.compile(connection, compile_kwargs={"literal_binds": True})
        plan = "\n".join(connection.scalars(text(f"EXPLAIN {compiled}")))
    assert "ix_households_road_key" in plan, plan
