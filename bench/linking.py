"""Linking quality and speed on labelled synthetic data, beside the Python Record Linkage
Toolkit on the same records.

The generator knows which household every record is about. Its noise is realistic:
each channel writes addresses and phones its own way, names have typing slips, fields go
missing, several households share a building, and common names repeat across the city.

Figures (pairs of alerts about the same household):
  link.precision / link.recall   of automatic links (alerts the machine put in one case)
  link.recall_named              of automatic links, over the pairs whose alerts both name
                                 the person (a name in 대상자명): what a name can tie at all
  link.recall_with_review        when staff accept the suggestions that are right
  link.top_candidate_precision / link.top_candidate_recall
                                 when staff accept every alert's first candidate, right or
                                 wrong (the hurried reviewer), over all pairs
  link.top_candidate_precision_named / link.top_candidate_recall_named
                                 the same over the pairs that both name the person
  link.review_queue              alerts waiting for staff
  link.review_bridges            of which linked alerts asking whether two cases are one
  link.alerts_per_s              alerts linked per second: candidate search, scoring and
                                 deciding (what the import spends on linking)
  link.import_alerts_per_s       the whole import path: validating, linking, storing
  link.recall_ceiling            the recall automatic links could reach at best: every
                                 pair of alerts with identifying evidence between them (the
                                 phone; a like name with the birth date or the exact
                                 address) in one case, directly or through other alerts
  link.recall_with_review_ceiling  the same with any evidence at all (a like name, the
                                 address or building, a place within 25 m): what a perfect
                                 review queue could reach. Pairs with nothing in common (an
                                 anonymous report and a call with no address) stay apart.
  rl.precision / rl.recall / rl.alerts_per_s   recordlinkage, comparable blocking
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from datetime import date
from typing import Any

from sqlalchemy import select

from bench.registry import Figure
from db.enums import LinkMethod, SuggestionStatus
from db.models import Alert, Case, LinkSuggestion
from desktop.address import distance_m
from desktop.context import AppContext, open_database
from desktop.demo.synth import Synth, SynthRecord
from desktop.intake.ingest import Ingestor, RawRow
from desktop.intake.records import RecordInvalidError, parse_record
from desktop.linking.linker import incoming_of
from desktop.linking.names import name_similarity
from desktop.linking.scoring import CLOSE_NAME, Incoming

HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_LINK_HOUSEHOLDS", "50000"))
NOISE = float(os.environ.get("ANBU_BENCH_NOISE", "0.5"))
LOOKALIKE_SCENES = int(os.environ.get("ANBU_BENCH_LOOKALIKE_SCENES", "4000"))
ANCHOR = date(2026, 11, 20)


def _pairs(groups: Counter[object]) -> int:
    return sum(k * (k - 1) // 2 for k in groups.values())


def pair_scores(clusters: dict[Any, object], truth: dict[Any, int]) -> tuple[float, float]:
    """Pairwise precision and recall of ``clusters`` (record -> cluster) against ``truth``."""
    predicted = _pairs(Counter(clusters.values()))
    true = _pairs(Counter(truth.values()))
    correct = _pairs(Counter((clusters[r], truth[r]) for r in clusters))
    return (correct / predicted if predicted else 1.0), (correct / true if true else 1.0)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[object, object] = {}

    def find(self, x: object) -> object:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: object, b: object) -> None:
        self.parent[self.find(a)] = self.find(b)


def _ours(ctx: AppContext, records: list[SynthRecord]) -> tuple[list[Figure], float]:
    ingestor = Ingestor(ctx)
    batch = ingestor.start_batch("bench", channel=None, file_format="bench")
    rows = [RawRow(None, dict(r.raw), r.values, r.channel) for r in records]
    started = time.perf_counter()
    ingestor.ingest(batch, rows, channel=None, file_name="bench")
    seconds = time.perf_counter() - started
    truth = {f"{r.channel.value}:{next(iter(r.raw.values()))}": r.household for r in records}
    named_keys = {
        f"{r.channel.value}:{next(iter(r.raw.values()))}": bool(r.raw.get("대상자명", "").strip())
        for r in records
    }
    with ctx.session() as session:
        alerts = session.execute(
            select(Alert.id, Alert.channel, Alert.source_id, Alert.case_id, Alert.link_method)
        ).all()
        merged_into = dict(
            session.execute(
                select(Case.id, Case.merged_into_id).where(Case.merged_into_id.is_not(None))
            ).all()
        )
        suggestions = session.execute(
            select(LinkSuggestion.alert_id, LinkSuggestion.case_id, LinkSuggestion.household_id)
            .where(LinkSuggestion.status == SuggestionStatus.OPEN)
            .order_by(LinkSuggestion.alert_id, LinkSuggestion.rank)
        ).all()
    key_of = {a.id: f"{a.channel.value}:{a.source_id}" for a in alerts}
    clusters = {key_of[a.id]: a.case_id for a in alerts}
    precision, recall = pair_scores(clusters, truth)
    # Staff who accept a suggestion only when it is right (the careful reviewer).
    truth_of_case: dict[object, Counter[int]] = defaultdict(Counter)
    for key, case in clusters.items():
        truth_of_case[case][truth[key]] += 1
    union = _Union()
    accepted: set[int] = set()
    for alert_id, case_id, _household in suggestions:
        if alert_id in accepted or case_id is None:
            continue
        while case_id in merged_into:  # the case joined another since it was suggested
            case_id = merged_into[case_id]
        mine = truth[key_of[alert_id]]
        if truth_of_case[case_id].most_common(1)[0][0] == mine:
            union.union(clusters[key_of[alert_id]], case_id)
            accepted.add(alert_id)
    reviewed = {key: union.find(case) for key, case in clusters.items()}
    _, recall_review = pair_scores(reviewed, truth)
    # Staff who accept every first candidate (the hurried reviewer): how often it is right.
    hurried = _Union()
    for alert_id, case_id, _household in suggestions:
        if alert_id in hurried.parent or case_id is None:
            continue  # only the first (rank-ordered) candidate of each alert
        while case_id in merged_into:
            case_id = merged_into[case_id]
        hurried.union(alert_id, ("case", case_id))
        hurried.union(("case", clusters[key_of[alert_id]]), ("case", case_id))
    accepted_all = {key: hurried.find(("case", case)) for key, case in clusters.items()}
    top_precision, top_recall = pair_scores(accepted_all, truth)
    # Over the pairs that both name the person (what a name can tie at all).
    named = {key for key, r in named_keys.items() if r}
    named_truth = {k: truth[k] for k in named}
    _, recall_named = pair_scores({k: clusters[k] for k in named}, named_truth)
    top_precision_named, top_recall_named = pair_scores(
        {k: accepted_all[k] for k in named}, named_truth
    )
    # Alerts waiting for staff: the unsure ones, and the linked ones whose suggestion asks
    # whether two cases are one household.
    asked = {alert_id for alert_id, _, _ in suggestions}
    linked = {a.id for a in alerts if a.link_method is LinkMethod.AUTO}
    queue = len(asked | {a.id for a in alerts if a.link_method is LinkMethod.REVIEW})
    return [
        ("link.alerts", float(len(alerts)), "alerts"),
        ("link.precision", precision, "ratio"),
        ("link.recall", recall, "ratio"),
        ("link.recall_named", recall_named, "ratio"),
        ("link.recall_with_review", recall_review, "ratio"),
        ("link.top_candidate_precision", top_precision, "ratio"),
        ("link.top_candidate_recall", top_recall, "ratio"),
        ("link.top_candidate_precision_named", top_precision_named, "ratio"),
        ("link.top_candidate_recall_named", top_recall_named, "ratio"),
        ("link.review_queue", float(queue), "alerts"),
        ("link.review_bridges", float(len(asked & linked)), "alerts"),
        ("link.alerts_per_s", len(alerts) / ingestor.link_seconds, "alerts/s"),
        ("link.import_alerts_per_s", len(alerts) / seconds, "alerts/s"),
    ], seconds


def _incomings(ctx: AppContext, records: list[SynthRecord]) -> list[tuple[int, Incoming]]:
    """(household, what the alert says) for every record that passes validation."""
    found = []
    for r in records:
        try:
            parsed = parse_record(r.channel, r.values)
        except RecordInvalidError:
            continue
        found.append((r.household, incoming_of(parsed, ctx.protector)))
    return found


def _evidence(a: Incoming, b: Incoming) -> tuple[bool, bool]:
    """(identifying, any): what two alerts have in common that could tie them."""
    phone = bool(a.phone_index and a.phone_index == b.phone_index)
    named = bool(
        a.name_key and b.name_key and name_similarity(a.name_key, b.name_key) >= CLOSE_NAME
    )
    birth = bool(a.birth_date and a.birth_date == b.birth_date)
    building = bool(a.building_key and a.building_key == b.building_key)
    exact = building and a.unit_key == b.unit_key
    near = (
        a.latitude is not None
        and a.longitude is not None
        and b.latitude is not None
        and b.longitude is not None
        and distance_m(a.latitude, a.longitude, b.latitude, b.longitude) <= 25
    )
    identifying = phone or (named and (birth or exact))
    same_building_flat_unknown = building and not (a.unit_key and b.unit_key)
    return identifying, identifying or named or exact or same_building_flat_unknown or near


def _ceilings(incomings: list[tuple[int, Incoming]]) -> list[Figure]:
    by_household: dict[int, list[int]] = defaultdict(list)
    for position, (household, _) in enumerate(incomings):
        by_household[household].append(position)
    strict, loose = _Union(), _Union()
    for members in by_household.values():
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                identifying, any_evidence = _evidence(incomings[a][1], incomings[b][1])
                if identifying:
                    strict.union(a, b)
                if any_evidence:
                    loose.union(a, b)
    truth = {position: household for position, (household, _) in enumerate(incomings)}
    figures = []
    for name, union in (
        ("link.recall_ceiling", strict),
        ("link.recall_with_review_ceiling", loose),
    ):
        _, recall = pair_scores({p: union.find(p) for p in truth}, truth)
        figures.append((name, recall, "ratio"))
    return figures


def _recordlinkage(incomings: list[tuple[int, Incoming]]) -> list[Figure]:
    """The same records through recordlinkage: the same normalised fields, blocking on the
    same keys, Fellegi–Sunter weights estimated by its ECM classifier."""
    try:
        import pandas as pd
        import recordlinkage
    except ImportError:
        return [("rl.skipped", 1.0, "not-installed")]
    rows = [
        {
            "name": i.name_key,
            "phone": i.phone_index,
            "birth": i.birth_date.isoformat() if i.birth_date else None,
            "address": i.address_key,
            "cell": i.geo_cell,
            "lat": i.latitude,
            "lon": i.longitude,
        }
        for _, i in incomings
    ]
    truth = [household for household, _ in incomings]
    started = time.perf_counter()
    frame = pd.DataFrame(rows)
    indexer = recordlinkage.Index()
    for key in ("phone", "address", "cell"):
        indexer.add(recordlinkage.index.Block(key))
    indexer.add(recordlinkage.index.Block(["name", "birth"]))
    pairs = indexer.index(frame)
    compare = recordlinkage.Compare()
    compare.exact("phone", "phone", label="phone")
    compare.string("name", "name", method="jarowinkler", threshold=0.85, label="name")
    compare.exact("birth", "birth", label="birth")
    compare.exact("address", "address", label="address")
    compare.geo("lat", "lon", "lat", "lon", method="gauss", offset=0.025, scale=0.1, label="geo")
    features = compare.compute(pairs, frame).fillna(0)
    features["geo"] = (features["geo"] > 0.5).astype(int)
    classifier = recordlinkage.ECMClassifier(binarize=0.5)
    links = classifier.fit_predict(features)
    seconds = time.perf_counter() - started
    predicted = len(links)
    correct = sum(1 for a, b in links if truth[a] == truth[b])
    true = _pairs(Counter(truth))
    return [
        ("rl.precision", correct / predicted if predicted else 1.0, "ratio"),
        ("rl.recall", correct / true if true else 1.0, "ratio"),
        ("rl.alerts_per_s", len(rows) / seconds, "alerts/s"),
    ]


def _section(url: str, records: list[SynthRecord], prefix: str = "") -> list[Figure]:
    with open_database(url) as ctx:
        figures, _ = _ours(ctx, records)
        incomings = _incomings(ctx, records)
        figures += _ceilings(incomings)
        figures += _recordlinkage(incomings)
    if not prefix:
        return figures
    return [(name.replace(".", f".{prefix}.", 1), value, unit) for name, value, unit in figures]


def run(url: str) -> list[Figure]:
    """The ordinary households, then the look-alikes (bench.lookalikes) in a database of
    their own: ``link.*`` and ``link.lookalike.*``, each beside recordlinkage."""
    from bench.lookalikes import lookalikes
    from bench.worker import fresh_database

    synth = Synth(5, anchor=ANCHOR, noise=NOISE)
    figures = _section(url, list(synth.records(synth.households(HOUSEHOLDS))))
    with fresh_database(url) as second:
        figures += _section(second, list(lookalikes(LOOKALIKE_SCENES, anchor=ANCHOR)), "lookalike")
    return figures
