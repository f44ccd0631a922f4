"""Fellegi–Sunter weights estimated from the database's own records, as Splink does.

A comparison of an alert with a household gives each field a level (the phone agrees,
differs, or one is a landline and the other a mobile; the birth date agrees or differs;
…). A field's weight at a level is log2(m/u): m is how often a pair about the same
household shows that level, u how often a pair of two households does.

- u comes from the database's frequencies: how often two of its people share a phone, a
  birth date or their sex (Σ nᵢ(nᵢ−1) / n(n−1), the exact value Splink's random sampling
  estimates), never less than the field allows (a young database has not shown more).
- m comes by expectation–maximisation over the pairs the linker compared, with u held
  fixed (Splink's way: the blocked pairs are no random sample, so u cannot be learnt from
  them). Comparison patterns are counted as imports go and kept with the database. As
  Splink trains on blocks, the m's are learnt from pairs not found through the fields
  they weigh: the phone's, the birth date's and the sex's from pairs whose place agrees.
  The place's own weights stay the field's: within a building the flat compares
  households the blocking already put side by side, which a random pair's u does not
  describe.
- Each m starts from a prior worth ``PRIOR_PAIRS`` pairs, so a young database keeps the
  weights the field suggests, and each weight stays within bounds the field sets (a
  number a household shares is never weak evidence; another birth date is never for).

The estimate is refreshed whenever the pairs compared have doubled since the last one
(and at the first ``MIN_PAIRS``). Names are weighed by their own frequency (Scorer), and
the Korean reasons are the scorer's whatever the weights.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from db.models import AppMeta, Person, table

META_WEIGHTS = "linking_weights"
MIN_PAIRS = 2_000  # compared pairs before the first estimate
PRIOR_PAIRS = 200.0  # how many pairs the field's prior m is worth
ROUNDS = 60  # EM iterations at most (patterns are few: each is quick)
PHONE_SHARED_AT_LEAST = 1e-6

# Levels of a comparison (None: one side does not say).
AGREE, DIFFER, KINDS, MOBILES = "agree", "differ", "kinds", "mobiles"
SAME, CLOSE = "same", "close"
FLAT, BUILDING, OTHER_UNIT, ELSEWHERE = "flat", "building", "other_unit", "elsewhere"  # place

Pattern = tuple[str | None, str | None, str | None, str | None]  # phone, birth, sex, place
# The pairs learnt from: found through the place (its flat or building agrees), not
# through the phone or the birth date whose weights they teach.
TRAINED_PLACES = frozenset({FLAT, BUILDING})
_FIELDS = ("phone", "birth", "sex", "place")


@dataclass(frozen=True)
class Weights:
    """The weights the scorer adds (bits); the defaults are the field's."""

    phone_agree: float = 14.0  # u ≈ 1e-5: a number is nearly unique to a household
    phone_differ: float = -3.0  # people change numbers; members of one household differ
    mobiles_differ: float = -6.0  # two mobiles: one person rarely has two
    birth_agree: float = 9.0
    birth_differ: float = -8.0
    sex_differ: float = -4.0

    def as_json(self) -> dict[str, float]:
        return {k: round(v, 3) for k, v in asdict(self).items()}

    @classmethod
    def from_json(cls, values: Mapping[str, Any]) -> Weights:
        known = {f.name for f in fields(cls)}
        return cls(**{k: float(v) for k, v in values.items() if k in known})


# Each weight stays within these bounds whatever the data says.
BOUNDS = {
    "phone_agree": (10.0, 18.0),
    "phone_differ": (-6.0, -1.0),
    "mobiles_differ": (-9.0, -3.0),
    "birth_agree": (6.0, 13.0),
    "birth_differ": (-12.0, -5.0),
    "sex_differ": (-6.0, -2.0),
}

# The field's m: how often a pair about one household shows each level (of those where
# both sides say something).
PRIOR_M: dict[str, dict[str, float]] = {
    "phone": {AGREE: 0.85, KINDS: 0.08, DIFFER: 0.04, MOBILES: 0.03},
    "birth": {AGREE: 0.97, DIFFER: 0.03},
    "sex": {AGREE: 0.97, DIFFER: 0.03},
}


@dataclass
class Frequencies:
    """How often two of the database's records agree by chance (the u's)."""

    phone_agree: float
    phone_kinds: float  # one a landline, the other a mobile
    mobiles: float  # both mobiles, different
    landlines: float  # both landlines (or other numbers), different
    birth_agree: float
    sex_agree: float
    persons: int

    def u(self, field_name: str, level: str) -> float:
        if field_name == "phone":
            table = {
                AGREE: self.phone_agree,
                KINDS: self.phone_kinds,
                MOBILES: self.mobiles,
                DIFFER: self.landlines,
            }
        elif field_name == "birth":
            table = {AGREE: self.birth_agree, DIFFER: 1.0 - self.birth_agree}
        else:
            table = {AGREE: self.sex_agree, DIFFER: 1.0 - self.sex_agree}
        return max(table[level], 1e-9)


def _shared(session: Session, column: Any, *where: Any) -> tuple[float, int]:
    """(u, n): the chance that two of the ``n`` rows, picked at random, share
    ``column``'s value (Σ nᵢ(nᵢ−1) / n(n−1), over the values' counts nᵢ)."""
    counts = (
        select(func.count().label("n")).where(column.is_not(None), *where).group_by(column)
    ).subquery()
    total = session.scalar(select(func.count()).where(column.is_not(None), *where)) or 0
    if total < 2:
        return 0.0, total
    shared = session.scalar(select(func.sum(counts.c.n * (counts.c.n - 1))))
    return float(shared or 0) / (total * (total - 1)), total


def frequencies(session: Session) -> Frequencies:
    """The u's, from the database's people as they are now."""
    phone, persons = _shared(session, Person.phone_index)
    kinds = dict(
        session.execute(
            select(Person.phone_kind, func.count())
            .where(Person.phone_index.is_not(None))
            .group_by(Person.phone_kind)
        ).all()
    )
    with_phone = sum(kinds.values()) or 1
    mobile = kinds.get("mobile", 0) / with_phone
    other = 1.0 - mobile
    # Never rarer than a city's numbers make a shared one, nor rarer than one day in a
    # hundred years makes a shared birth date (a young database has not shown more).
    phone = max(phone, PHONE_SHARED_AT_LEAST)
    birth, _ = _shared(session, Person.birth_date)
    sex, _ = _shared(session, Person.sex, Person.sex.in_(("남", "여")))
    return Frequencies(
        phone_agree=phone,
        phone_kinds=2 * mobile * other,
        mobiles=max(mobile * mobile - phone * mobile, 0.0),
        landlines=max(other * other - phone * other, 0.0),
        birth_agree=max(birth, 1.0 / (365 * 100)),
        sex_agree=sex or 0.5,
        persons=persons,
    )


def _em(
    patterns: Mapping[Pattern, int], active: tuple[str, ...], u: Frequencies
) -> dict[str, dict[str, float]]:
    """m of the ``active`` fields by EM over ``patterns`` with u fixed, each m drawn
    towards the field's prior by PRIOR_PAIRS pseudo-pairs."""
    index = {name: _FIELDS.index(name) for name in active}
    m = {name: dict(PRIOR_M[name]) for name in active}
    share = 0.1  # λ: of the compared pairs, how many are about one household
    for _ in range(ROUNDS):
        expected: dict[str, dict[str, float]] = {name: {} for name in active}
        said: dict[str, float] = dict.fromkeys(active, 0.0)
        matched = 0.0
        total = 0
        for pattern, count in patterns.items():
            same, other = share, 1.0 - share
            for name, i in index.items():
                level = pattern[i]
                if level is not None:
                    same *= m[name][level]
                    other *= u.u(name, level)
            p = same / (same + other) if same + other > 0 else 0.0
            matched += p * count
            total += count
            for name, i in index.items():
                level = pattern[i]
                if level is not None:
                    expected[name][level] = expected[name].get(level, 0.0) + p * count
                    said[name] += p * count
        new_share = min(max(matched / total, 1e-4), 0.9999) if total else share
        new_m = {
            name: {
                level: (expected[name].get(level, 0.0) + PRIOR_PAIRS * prior)
                / (said[name] + PRIOR_PAIRS)
                for level, prior in PRIOR_M[name].items()
            }
            for name in active
        }
        moved = max(
            abs(new_m[name][level] - m[name][level]) for name in active for level in m[name]
        )
        m, share = new_m, new_share
        if moved < 1e-5:
            break
    return m


def estimate(patterns: Mapping[Pattern, int], u: Frequencies) -> Weights:
    """The weights from the compared pairs' patterns and the database's u's. A level the
    pairs have shown fewer than ``MIN_LEVEL`` times keeps the field's weight."""
    place_i = _FIELDS.index("place")
    trained = {p: n for p, n in patterns.items() if p[place_i] in TRAINED_PLACES}
    m = _em(trained, ("phone", "birth", "sex"), u)
    seen: Counter[tuple[str, str]] = Counter()
    for pattern, count in trained.items():
        for i, name in enumerate(_FIELDS[:3]):
            if pattern[i] is not None:
                seen[(name, pattern[i])] += count  # type: ignore[index]
    default = Weights()
    values = {}
    for weight, (name, level) in _LEVEL_OF.items():
        if seen[(name, level)] < MIN_LEVEL or u.u(name, level) <= 1e-8:
            values[weight] = getattr(default, weight)
            continue
        bits = math.log2(max(m[name][level], 1e-9) / u.u(name, level))
        low, high = BOUNDS[weight]
        values[weight] = min(max(bits, low), high)
    return Weights(**values)


_LEVEL_OF = {
    "phone_agree": ("phone", AGREE),
    "phone_differ": ("phone", DIFFER),
    "mobiles_differ": ("phone", MOBILES),
    "birth_agree": ("birth", AGREE),
    "birth_differ": ("birth", DIFFER),
    "sex_differ": ("sex", DIFFER),
}
MIN_LEVEL = 30


def _pattern(values: list[Any]) -> Pattern:
    phone, birth, sex, place = (None if v is None else str(v) for v in values)
    return phone, birth, sex, place


class WeightStore:
    """The weights in use and the comparison patterns counted so far, kept in
    ``app_meta`` (one JSON value): loaded when an import starts, and after each chunk the
    chunk's patterns are added to the stored ones (another import's included) and the
    weights estimated again when the pairs have doubled."""

    def __init__(
        self,
        weights: Weights | None = None,
        patterns: Counter[Pattern] | None = None,
        estimated_at_pairs: int = 0,
        estimated_on: str | None = None,
        u: dict[str, float] | None = None,
    ) -> None:
        self.weights = weights or Weights()
        self.patterns: Counter[Pattern] = patterns or Counter()
        self.estimated_at_pairs = estimated_at_pairs
        self.estimated_on = estimated_on
        self.u = u or {}

    @property
    def pairs(self) -> int:
        return sum(self.patterns.values())

    @classmethod
    def load(cls, session: Session) -> WeightStore:
        meta = session.get(AppMeta, META_WEIGHTS)
        return cls() if meta is None else cls.parse(meta.value)

    @classmethod
    def parse(cls, value: str) -> WeightStore:
        try:
            data = json.loads(value)
            patterns: Counter[Pattern] = Counter(
                {_pattern(p): int(n) for p, n in data.get("patterns", [])}
            )
            return cls(
                Weights.from_json(data.get("weights", {})),
                patterns,
                int(data.get("estimated_at_pairs", 0)),
                data.get("estimated_on"),
                data.get("u", {}),
            )
        except (ValueError, TypeError, KeyError, AttributeError):
            return cls()  # unreadable: start again from the field's weights

    def due(self) -> bool:
        """Whether the pairs compared have grown enough for a new estimate."""
        return self.pairs >= max(MIN_PAIRS, 2 * self.estimated_at_pairs)

    def refresh(self, session: Session, now: datetime) -> None:
        """Estimate the weights again from the patterns and the database as it is."""
        u = frequencies(session)
        self.weights = estimate(self.patterns, u)
        self.estimated_at_pairs = self.pairs
        self.estimated_on = now.isoformat()
        self.u = {k: v for k, v in asdict(u).items() if k != "persons"}

    def record(self, session: Session, patterns: Mapping[Pattern, int], now: datetime) -> None:
        """Add a chunk's compared pairs to the stored ones, estimate again when due, and
        store the result, in the chunk's transaction. The stored row is read under a lock
        first, so two imports at once each add their own."""
        meta = table(AppMeta)
        insert = (
            postgresql.insert if session.get_bind().dialect.name == "postgresql" else sqlite.insert
        )
        session.execute(
            insert(meta)
            .values(key=META_WEIGHTS, value="{}")
            .on_conflict_do_nothing(index_elements=["key"])
        )
        value = session.execute(
            select(AppMeta.value).where(AppMeta.key == META_WEIGHTS).with_for_update()
        ).scalar_one()
        stored = WeightStore.parse(value)
        stored.patterns.update(patterns)
        if stored.due():
            stored.refresh(session, now)
        self.weights, self.patterns = stored.weights, stored.patterns
        self.estimated_at_pairs, self.estimated_on, self.u = (
            stored.estimated_at_pairs,
            stored.estimated_on,
            stored.u,
        )
        data = {
            "weights": self.weights.as_json(),
            "patterns": [[list(p), n] for p, n in sorted(self.patterns.items(), key=str)],
            "estimated_at_pairs": self.estimated_at_pairs,
            "estimated_on": self.estimated_on,
            "u": self.u,
        }
        session.execute(
            update(AppMeta)
            .where(AppMeta.key == META_WEIGHTS)
            .values(value=json.dumps(data, ensure_ascii=False))
        )
