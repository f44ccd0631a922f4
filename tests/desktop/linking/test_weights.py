"""Weights estimated from the database's own records (Fellegi–Sunter, EM with u fixed)."""

from __future__ import annotations

import json
import random
from collections import Counter
from pathlib import Path

from db.models import AppMeta
from desktop.context import AppContext
from desktop.linking.weights import (
    AGREE,
    BOUNDS,
    BUILDING,
    DIFFER,
    FLAT,
    META_WEIGHTS,
    MIN_PAIRS,
    MOBILES,
    Frequencies,
    Pattern,
    Weights,
    WeightStore,
    estimate,
)
from tests.helpers.linking import call, import_records

U = Frequencies(
    phone_agree=1e-5,
    phone_kinds=0.3,
    mobiles=0.6,
    landlines=0.1,
    birth_agree=5e-5,
    sex_agree=0.5,
    persons=50_000,
)


def _pairs(same: int, other: int, seed: int = 1) -> Counter[Pattern]:
    """Compared pairs at one place: ``same`` about one household (the phone agrees 70 in
    100 times, the birth date 95), ``other`` about two (nothing agrees but by chance)."""
    rng = random.Random(seed)
    patterns: Counter[Pattern] = Counter()
    for _ in range(same):
        phone = AGREE if rng.random() < 0.7 else MOBILES
        birth = AGREE if rng.random() < 0.95 else DIFFER
        patterns[(phone, birth, None, FLAT)] += 1
    for _ in range(other):
        patterns[(MOBILES, DIFFER, None, BUILDING)] += 1
    return patterns


def test_em_learns_how_often_one_household_s_pairs_agree() -> None:
    learnt = estimate(_pairs(3000, 3000), U)
    # m(phone agrees) ≈ 0.7 (drawn a little towards the prior 0.85), u = 1e-5.
    assert abs(learnt.phone_agree - 16.1) < 0.4
    # A young database (few pairs) keeps the field's weights.
    assert estimate(_pairs(10, 10), U) == Weights()


def test_weights_stay_within_the_field_s_bounds() -> None:
    learnt = estimate(_pairs(3000, 3000), Frequencies(1e-7, 0.3, 0.6, 0.1, 1e-7, 0.5, 10))
    for name, (low, high) in BOUNDS.items():
        assert low <= getattr(learnt, name) <= high
    assert learnt.phone_agree == BOUNDS["phone_agree"][1]  # never beyond what a number says


def test_pairs_found_by_the_phone_do_not_teach_what_the_phone_weighs() -> None:
    """Only pairs whose place agrees train: a pair found through its phone agrees on it
    whatever the household (Splink deactivates the blocked comparison likewise)."""
    by_phone: Counter[Pattern] = Counter({(AGREE, DIFFER, None, None): 5000})
    assert estimate(by_phone, U) == Weights()


def test_an_import_counts_the_pairs_and_estimates_again_as_they_grow(
    ctx: AppContext, tmp_path: Path
) -> None:
    """Two calls each to 2,100 people at their flats, every one registered as born on
    1 January 1950: the pairs are counted, and a birth date everyone shares weighs little."""

    def calls(round_: int) -> list[dict[str, str]]:
        return [
            call(
                f"C-{round_}-{n}",
                f"김{n:04d}",
                f"010-{4000 + n // 1000:04d}-{n % 1000:04d}",
                주소=f"부산광역시 동래구 명륜로 {n + 1}",
                생년월일="1950-01-01",
            )
            for n in range(2100)
        ]

    import_records(ctx, tmp_path, calls(1))
    import_records(ctx, tmp_path, calls(2))
    with ctx.session() as session:
        store = WeightStore.load(session)
        stored = session.get(AppMeta, META_WEIGHTS)
    assert store.pairs >= MIN_PAIRS and store.estimated_on is not None
    assert stored is not None
    assert json.loads(stored.value)["weights"] == store.weights.as_json()
    assert store.weights.birth_agree == BOUNDS["birth_agree"][0] < Weights().birth_agree
    assert store.weights.phone_agree >= Weights().phone_agree  # 2,100 numbers, none shared


def test_an_unreadable_store_starts_again_from_the_field_s_weights(ctx: AppContext) -> None:
    with ctx.sessions.begin() as session:
        session.merge(AppMeta(key=META_WEIGHTS, value="{not json"))
    with ctx.session() as session:
        assert WeightStore.load(session).weights == Weights()
