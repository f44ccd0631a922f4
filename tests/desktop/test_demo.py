from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from db.enums import CaseStatus, Channel
from db.models import Alert, Case, CouncilDecision, CounsellingRecord, Person, SupportLink
from desktop.context import AppContext
from desktop.demo import DatabaseNotEmptyError, populate
from desktop.demo.synth import Synth
from desktop.intake.channels import CHANNELS

ANCHOR = date(2026, 11, 20)


def test_generator_is_deterministic() -> None:
    first = Synth(7, anchor=ANCHOR)
    second = Synth(7, anchor=ANCHOR)
    a = [r.raw for r in first.records(first.households(200))]
    b = [r.raw for r in second.records(second.households(200))]
    assert a == b
    other = Synth(8, anchor=ANCHOR)
    assert [r.raw for r in other.records(other.households(200))] != a


def test_source_ids_are_unique_across_calls() -> None:
    synth = Synth(5, anchor=ANCHOR)
    world = synth.households(300)
    first = list(synth.records(world[:150]))
    second = list(synth.records(world[150:]))
    ids = [next(iter(r.raw.values())) for r in first + second]
    assert len(ids) == len(set(ids))


def test_generator_writes_each_channel_its_own_way() -> None:
    synth = Synth(3, anchor=ANCHOR)
    world = synth.households(400)
    records = list(synth.records(world))
    records += synth.bigdata_round(
        world, notified=ANCHOR - timedelta(days=20), due=ANCHOR + timedelta(days=25)
    )
    by_channel = {c: [r for r in records if r.channel is c] for c in CHANNELS}
    assert all(by_channel.values())
    assert "신고번호" in by_channel[Channel.APP][0].raw
    assert "상담ID" in by_channel[Channel.AI_CALL][0].raw
    assert "방문ID" in by_channel[Channel.CARRIER][0].raw
    assert "관리번호" in by_channel[Channel.BIGDATA][0].raw
    phones = {r.raw["연락처"] for r in by_channel[Channel.AI_CALL]}
    assert any(p.startswith("+82") for p in phones) and any("-" not in p for p in phones)


def test_demo_fills_every_state_through_the_real_ingest(ctx: AppContext) -> None:
    summary = populate(ctx, households=400, seed=2, anchor=ANCHOR)
    counts = summary.records
    assert counts.read == counts.new > 400  # every record a new alert
    assert 400 <= summary.cases < counts.new  # alerts about one household share its case
    assert counts.quarantined == counts.known == counts.revised == 0
    with ctx.session() as session:
        statuses = set(session.scalars(select(Case.status).distinct()))
        assert statuses == set(CaseStatus)
        channels = set(session.scalars(select(Alert.channel).distinct()))
        assert channels == set(CHANNELS)  # every channel the demo has files of
        assert session.scalar(select(func.count()).select_from(CounsellingRecord))
        assert session.scalar(select(func.count()).select_from(SupportLink))
        assert session.scalar(select(func.count()).select_from(CouncilDecision))
        phones = session.scalars(
            select(Person.phone_cipher).where(Person.phone_cipher.is_not(None))
        )
        assert all(b"010" not in blob for blob in phones)
    assert ctx.is_demo()


def test_demo_refuses_a_database_with_cases(ctx: AppContext) -> None:
    populate(ctx, households=20, seed=1, anchor=ANCHOR)
    with pytest.raises(DatabaseNotEmptyError, match="비어 있지 않습니다"):
        populate(ctx, households=20, seed=1, anchor=ANCHOR)
