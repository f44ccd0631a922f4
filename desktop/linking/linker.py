"""Storing a chunk of new alerts, each linked to the household it is about.

For every alert, in order: find candidate households (database and this chunk), score
them, decide. A link attaches the alert to the household's open case (or opens a new case
for that household when none is open) and fills in what the household or person lacked,
remembering what it filled so that undoing the link can take it back; when the alert
identifies another household as firmly, that household's case is folded into the linked
one, as an undoable decision of the machine's. A possible match opens a provisional case
of its own, so nothing waits unseen, and queues suggestions for staff. Otherwise the
alert opens a new household and case.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, or_, select, update
from sqlalchemy.orm import Session

from db.bulk import insert_rows
from db.enums import (
    OPEN_STATUSES,
    CaseStatus,
    Channel,
    ClosureReason,
    DecisionKind,
    LinkMethod,
    RiskLevel,
    Routing,
    SuggestionStatus,
)
from db.ids import reserve_ids
from db.models import (
    PHONE_COLUMN,
    RAW_COLUMN,
    Alert,
    Case,
    CaseStatusChange,
    Household,
    LinkDecision,
    LinkSuggestion,
    Person,
    table,
)
from db.queries import one_of
from desktop.address import geo_cell, parse_address
from desktop.casework.deadlines import DeadlineRules, add_working_days
from desktop.intake.channels import match_headers
from desktop.intake.records import ParsedRecord, RecordInvalidError, parse_record
from desktop.linking.by_ref import decide_by_ref
from desktop.linking.candidates import (
    CandidateIndex,
    case_shows_work,
    households_by_id,
    in_lists,
    load_candidates,
    settle,
)
from desktop.linking.merging import merge_cases
from desktop.linking.names import name_key, name_prior
from desktop.linking.scoring import (
    Decision,
    HouseholdView,
    Incoming,
    Outcome,
    PersonView,
    Scored,
    Scorer,
    alone_at_house,
    complex_unit,
    decide,
    phone_kind,
    same_building,
    unsettled,
)
from desktop.linking.weights import TRAINED_PLACES, Pattern, Weights
from desktop.office.territory import Placement, Router, pending
from desktop.outreach.refs import households_of
from desktop.security.protect import FieldProtector

# The first reason of a suggestion made beside an automatic link (see Decision.bridges).
BRIDGE_REASON = "사례 {0}번에 자동 연결된 알림: 이 가구와 같은 가구인지 확인"
# A case kept as 기록만 (see asks_nothing), and how long a quiet alert may wait for review.
RECORDED_REASON = "위기 징후가 없는 알림: 가구 기록으로 남기고 종결 (기록만)"
REVIEW_WITHIN = timedelta(days=7)
# Why the machine folded one case into another (see ChunkLinker._fold).
MERGE_REASON = "자동 병합: 알림 {0}번이 두 사례를 같은 가구로 가리킴 (점수 {1}): "


@dataclass
class NewAlert:
    """A validated record about to be stored, with its sealed raw form."""

    record: ParsedRecord
    raw_blob: bytes
    digest: str
    risk: RiskLevel
    risk_reason: str
    first_contact_due: datetime | None
    counselling_due: datetime | None


def household_values(
    record: ParsedRecord,
    incoming: Incoming,
    *,
    centre_id: int | None,
    now: datetime,
    routing: Routing | None = None,
) -> dict[str, Any]:
    """Column values of the household a record describes."""
    return {
        "centre_id": centre_id,
        "routing": routing,
        "address_raw": " ".join(p for p in (record.address, record.address_detail) if p) or None,
        "address_key": incoming.address_key,
        "building_key": incoming.building_key,
        "unit_key": incoming.unit_key,
        "dong_name": incoming.legal_dong,
        "latitude": record.latitude,
        "longitude": record.longitude,
        "geo_cell": incoming.geo_cell,
        "household_type": record.household_type,
        "created_at": now,
        "merged_into_id": None,
    }


def person_values(
    record: ParsedRecord,
    incoming: Incoming,
    protector: FieldProtector,
    household_id: int | None,
    *,
    now: datetime,
) -> dict[str, Any]:
    """Column values of the person a record is about (phone sealed and indexed)."""
    subject = record.subject
    phone = subject.phone
    return {
        "household_id": household_id,
        "name": subject.name,
        "name_key": incoming.name_key,
        "sex": subject.sex,
        "birth_date": subject.birth_date,
        "age_band": subject.age_band,
        "phone_cipher": protector.encrypt(phone, PHONE_COLUMN) if phone else None,
        "phone_index": incoming.phone_index,
        "phone_kind": incoming.phone_kind,
        "phone_last4_index": protector.index(phone[-4:], "phone4") if phone else None,
        "rrn_cipher": None,
        "rrn_index": None,
        "created_at": now,
    }


def incoming_of(record: ParsedRecord, protector: FieldProtector) -> Incoming:
    key = parse_address(record.address, record.address_detail)
    phone = record.subject.phone
    return Incoming(
        name_key=name_key(record.subject.name),
        phone_index=protector.index(phone, "phone") if phone else None,
        phone_kind=phone_kind(phone),
        birth_date=record.subject.birth_date,
        sex=record.subject.sex,
        age_band=record.subject.age_band,
        address_key=key.address_key,
        building_key=key.building_key,
        unit_key=key.unit,
        latitude=record.latitude,
        longitude=record.longitude,
        geo_cell=geo_cell(record.latitude, record.longitude),
        legal_dong=key.legal_dong,
        in_complex=key.apartment or complex_unit(key.unit or ""),
        by_carrier=record.channel is Channel.CARRIER,
        address=key,
    )


class ChunkLinker:
    """Decides and writes one chunk; one instance per chunk transaction."""

    def __init__(
        self,
        session: Session,
        protector: FieldProtector,
        *,
        centre_id: int | None,
        now: datetime,
        batch_id: int,
        router: Router | None = None,
        weights: Weights | None = None,
    ) -> None:
        self.session = session
        self.protector = protector
        # The importer's centre: it holds what no territory rule places (관할 확인 필요).
        self.centre_id = centre_id
        self.router = router
        self.now = now
        self.batch_id = batch_id
        self.weights = weights or Weights()
        # How the alerts compared with their candidates: what the weights learn from.
        self.patterns: Counter[Pattern] = Counter()
        self.households: list[dict[str, Any]] = []
        self.persons: list[dict[str, Any]] = []
        self.cases: list[dict[str, Any]] = []
        self.alerts: list[dict[str, Any]] = []
        self.suggestions: list[dict[str, Any]] = []
        self.decisions: list[dict[str, Any]] = []
        self._pending_households: dict[int, dict[str, Any]] = {}
        self._pending_persons: dict[int, dict[str, Any]] = {}
        self._pending_cases: dict[int, dict[str, Any]] = {}
        self._touched_cases: dict[int, list[NewAlert]] = {}  # existing case -> its new alerts
        self._person_fills: dict[int, dict[str, Any]] = {}
        self._household_fills: dict[int, dict[str, Any]] = {}
        self._merges: list[_Merge] = []
        self._index = CandidateIndex()
        self._name_counts: dict[str, int] = {}  # persons of each name: the database's, the chunk's
        self._persons_before = 0
        self._routes: list[_Route] = []  # each alert's case and where a rule placed it
        self._placement: Placement | None = None  # the alert being decided
        # Time spent finding candidates, scoring and deciding (not writing), for benches.
        self.decide_seconds = 0.0

    # -- ids ---------------------------------------------------------------------------

    def _reserve(self, count: int) -> None:
        self._household_ids = iter(reserve_ids(self.session, table(Household), count))
        self._person_ids = iter(reserve_ids(self.session, table(Person), count))
        self._case_ids = iter(reserve_ids(self.session, table(Case), count))
        self._alert_ids = iter(reserve_ids(self.session, table(Alert), count))

    # -- the chunk ---------------------------------------------------------------------

    def store(self, items: Sequence[NewAlert]) -> dict[Outcome, int]:
        started = time.perf_counter()
        incomings = [incoming_of(item.record, self.protector) for item in items]
        index = self._index = load_candidates(self.session, incomings)
        self._carrier_houses(index, incomings)
        scorer = Scorer(
            self._name_frequency(incomings), today=self.now.date(), weights=self.weights
        )
        self._reserve(len(items))
        outcomes = {outcome: 0 for outcome in Outcome}
        deciding = time.perf_counter() - started
        numbered = self._households_by_ref(items)
        for item, incoming in zip(items, incomings, strict=True):
            tick = time.perf_counter()
            if not incoming.in_complex and index.in_complex(incoming.building_key):
                incoming = replace(incoming, in_complex=True)
            scored = [scorer.score(incoming, h) for h in index.candidates(incoming)]
            for s in scored:
                if s.place.level in TRAINED_PLACES:  # what the weights learn from
                    self.patterns[s.pattern] += 1
            if incoming.name_key and incoming.building_key and not incoming.unit_key:
                scored = [
                    alone_at_house(
                        incoming, s, scored, index.households_at(s.household.building_key)
                    )
                    if s.household.building_key
                    else s
                    for s in scored
                ]
            named = numbered.get(item.record.household_ref or "")
            view = index.households.get(named) if named is not None else None
            if view is not None:
                # The 대상자번호 of a list sent out: that household, unless the person conflicts.
                by_number = next((s for s in scored if s.household.id == view.id), None)
                if by_number is None:
                    by_number = scorer.score(incoming, view)
                    scored.append(by_number)
                settle(self.session, unsettled(scored))
                decision = decide_by_ref(by_number, sorted(scored, key=lambda s: -s.score))
            else:
                settle(self.session, unsettled(scored))
                decision = decide(incoming, scored)
            deciding += time.perf_counter() - tick
            outcomes[decision.outcome] += 1
            self._placement = self._place(item, incoming)
            if decision.outcome is Outcome.LINK:
                household = self._link(item, incoming, decision)
            else:
                household = self._open(item, incoming, decision)
            if (
                incoming.by_carrier
                and not incoming.unit_key
                and incoming.building_key is not None
                and incoming.building_key == household.building_key
            ):
                household.carrier_saw = True  # a carrier at its very address wrote no flat
            index.add(household)
        self.decide_seconds = deciding
        self._route()
        self._write()
        self._write_merges()
        return outcomes

    def _carrier_houses(self, index: CandidateIndex, incomings: Sequence[Incoming]) -> None:
        """Mark the candidate households a postal carrier has seen at their very address
        with no flat written (HouseholdView.carrier_saw): read from the visits' records as
        received, since an alert keeps no address of its own. Only the households a named
        alert without a flat could be compared with by alone_at_house are read."""
        houses = {
            i.building_key for i in incomings if i.name_key and i.building_key and not i.unit_key
        }
        wanted = sorted(
            h.id for h in index.households.values() if h.building_key in houses and not h.unit_key
        )
        for part in in_lists(wanted):
            visits = self.session.execute(
                select(Alert.household_id, Alert.raw_cipher).where(
                    one_of(self.session, Alert.household_id, part),
                    Alert.channel == Channel.CARRIER,
                )
            )
            for household_id, cipher in visits:
                view = index.households.get(household_id) if household_id is not None else None
                if view is None or view.carrier_saw:
                    continue
                raw = json.loads(self.protector.decrypt(cipher, RAW_COLUMN))
                names = list(raw)
                match = match_headers(names, Channel.CARRIER)
                values = {key: raw[names[at]] for at, key in match.columns.items()}
                try:
                    record = parse_record(Channel.CARRIER, values)
                except RecordInvalidError:
                    continue  # stored before a rule changed: no word on the place
                key = parse_address(record.address, record.address_detail)
                if key.building_key == view.building_key and not key.unit:
                    view.carrier_saw = True

    def _households_by_ref(self, items: Sequence[NewAlert]) -> dict[str, int]:
        """대상자번호 -> the live household it names, for the chunk's alerts that bring one
        back; those households join the candidates."""
        wanted = sorted({i.record.household_ref for i in items if i.record.household_ref})
        if not wanted:
            return {}
        found = households_of(self.session, wanted)
        missing = sorted(set(found.values()) - set(self._index.households))
        for household in households_by_id(self.session, missing, live_only=True):
            self._index.add(household)
        return found

    def _name_frequency(self, incomings: Sequence[Incoming]) -> Any:
        names = sorted({i.name_key for i in incomings if i.name_key})
        total = self.session.scalar(select(func.count()).select_from(Person)) or 0
        counts: dict[str, int] = {}
        for part in in_lists(names):
            for key, count in self.session.execute(
                select(Person.name_key, func.count())
                .where(one_of(self.session, Person.name_key, part))
                .group_by(Person.name_key)
            ):
                if key is not None:
                    counts[key] = count
        self._name_counts = counts
        self._persons_before = total

        def frequency(key: str) -> float:
            # How many others bear the name here (the candidate compared is one who does),
            # counting the persons this chunk has recorded so far (a first import is read
            # as a database that grows), and never rarer than the country's names say: a
            # young database with one 김영수 has not shown the name rare, nor one 황보덕남
            # shown it common.
            others = max(counts.get(key, 0) - 1, 0)
            denominator = max(self._persons_before + len(self.persons), 5000)
            return max(others / denominator, name_prior(key))

        return frequency

    # -- a new household and case --------------------------------------------------------

    def _open(self, item: NewAlert, incoming: Incoming, decision: Decision) -> HouseholdView:
        record = item.record
        household_id = next(self._household_ids)
        household = {
            "id": household_id,
            **household_values(record, incoming, centre_id=self.centre_id, now=self.now),
        }
        self.households.append(household)
        self._pending_households[household_id] = household
        person = self._new_person(household_id, record, incoming)
        review = decision.outcome is Outcome.REVIEW
        # An alert that asks for nothing is kept on the household's record, its case
        # closed as 기록만; one that waits for review has a week for someone to decide.
        recorded = not review and asks_nothing(item)
        case_id = self._new_case(household_id, item, recorded=recorded)
        if review and asks_nothing(item):
            self._pending_cases[case_id]["next_action_at"] = self.now + REVIEW_WITHIN
        self._routes.append(_Route(case_id, household_id, self._placement))
        asks_about = {c.household.case_id for c in decision.ranked} if review else set()
        alert = self._alert(item, household_id, person.id if person else None, case_id)
        alert["link_method"] = LinkMethod.REVIEW if review else LinkMethod.NEW_CASE
        if review and decision.best is not None:
            alert["link_score"] = decision.best.rounded
            alert["link_reasons"] = decision.best.reasons
            for rank, candidate in enumerate(decision.ranked, start=1):
                self._suggest(alert["id"], candidate, rank, candidate.reasons)
        return HouseholdView(
            household_id,
            incoming.address_key,
            incoming.building_key,
            incoming.unit_key,
            incoming.latitude,
            incoming.longitude,
            incoming.geo_cell,
            [person] if person else [],
            None if recorded else case_id,
            recorded_case_id=case_id if recorded else None,
            asks_about=asks_about,
        )

    def _suggest(self, alert_id: int, candidate: Scored, rank: int, reasons: list[str]) -> None:
        """Queue a candidate household for staff to decide about."""
        self.suggestions.append(
            {
                "alert_id": alert_id,
                "household_id": candidate.household.id,
                "case_id": candidate.household.case_id,
                "rank": rank,
                "score": candidate.rounded,
                "reasons": reasons,
                "status": SuggestionStatus.OPEN,
                "created_at": self.now,
            }
        )

    def _new_person(
        self, household_id: int, record: ParsedRecord, incoming: Incoming
    ) -> PersonView | None:
        subject = record.subject
        if not (subject.name or subject.phone or subject.birth_date):
            return None  # an anonymous report about a place: nobody to record yet
        person_id = next(self._person_ids)
        row = {
            "id": person_id,
            **person_values(record, incoming, self.protector, household_id, now=self.now),
        }
        self.persons.append(row)
        self._pending_persons[person_id] = row
        if incoming.name_key:
            self._name_counts[incoming.name_key] = self._name_counts.get(incoming.name_key, 0) + 1
        return PersonView(
            person_id,
            incoming.name_key,
            subject.birth_date,
            subject.sex,
            subject.age_band,
            incoming.phone_index,
            incoming.phone_kind,
        )

    def _new_case(self, household_id: int, item: NewAlert, *, recorded: bool = False) -> int:
        case_id = next(self._case_ids)
        dues = [d for d in (item.first_contact_due, item.counselling_due) if d is not None]
        row = {
            "id": case_id,
            "household_id": household_id,
            "centre_id": self.centre_id,
            "status": CaseStatus.CLOSED if recorded else CaseStatus.RECEIVED,
            "closure_reason": ClosureReason.RECORDED if recorded else None,
            "closed_at": self.now if recorded else None,
            "next_action_at": None,
            "risk": item.risk,
            "risk_reason": item.risk_reason,
            "opened_at": self.now,
            "first_contact_due": item.first_contact_due,
            "counselling_due": item.counselling_due,
            "due_at": min(dues) if dues else None,
            "last_alert_at": item.record.occurred_at,
            "updated_at": self.now,
            "version": 1,
            "flagged_for_council": False,
            "merged_into_id": None,
            "routing": None,  # set by _route, once the chunk is decided
            "routing_note": None,
            "transferred_at": None,
            "transfer_unseen": False,
            "proposed_centre_id": None,
            "proposed_note": None,
        }
        self.cases.append(row)
        self._pending_cases[case_id] = row
        return case_id

    def _alert(
        self, item: NewAlert, household_id: int, person_id: int | None, case_id: int
    ) -> dict[str, Any]:
        record = item.record
        row = {
            "id": next(self._alert_ids),
            "channel": record.channel,
            "source_id": record.source_id,
            "occurred_at": record.occurred_at,
            "received_at": self.now,
            "batch_id": self.batch_id,
            "revision": 1,
            "raw_cipher": item.raw_blob,
            "raw_digest": item.digest,
            "fields": record.fields,
            "crisis_types": record.crisis_types,
            "urgent": record.urgent,
            "subject_name": record.subject.name,
            "household_id": household_id,
            "person_id": person_id,
            "case_id": case_id,
            "link_method": LinkMethod.NEW_CASE,
            "link_score": None,
            "link_reasons": [],
        }
        self.alerts.append(row)
        return row

    # -- a link to an existing household ---------------------------------------------------

    def _link(self, item: NewAlert, incoming: Incoming, decision: Decision) -> HouseholdView:
        best = decision.best
        assert best is not None
        household = best.household
        record = item.record
        filled: dict[str, Any] = {}
        created_person = False
        if best.person is not None:
            person: PersonView | None = best.person
            filled["person"] = self._fill_person(best.person, record, incoming)
        elif incoming.name_key or incoming.phone_index:
            person = self._new_person(household.id, record, incoming)  # another member
            created_person = person is not None
            if person is not None:
                household.persons.append(person)
        else:
            person = None
        filled["household"] = self._fill_household(household, record, incoming)
        created_case = household.open_case_id is None
        quiet = asks_nothing(item)
        if created_case and household.recorded_case_id is not None:
            # The household's record (기록만) takes the alert: one household, one case.
            # One that asks for something opens it again (reopen_recorded).
            created_case = False
            case_id = household.recorded_case_id
            self._touch_case(case_id, item)
        elif created_case:
            case_id = self._new_case(household.id, item, recorded=quiet)
            if quiet:
                household.recorded_case_id = case_id
            else:
                household.open_case_id = case_id
        else:
            assert household.open_case_id is not None
            case_id = household.open_case_id
            self._touch_case(case_id, item)
        self._routes.append(_Route(case_id, household.id, self._placement))
        alert = self._alert(item, household.id, person.id if person else None, case_id)
        alert["link_method"] = LinkMethod.AUTO
        alert["link_score"] = best.rounded
        alert["link_reasons"] = best.reasons
        for rank, other in enumerate(decision.bridges, start=2):
            if other.household.case_id not in (None, case_id):
                reasons = [BRIDGE_REASON.format(case_id), *other.reasons]
                self._suggest(alert["id"], other, rank, reasons)
        for other in decision.merges:
            self._fold(other, household, case_id, alert["id"])
        self.decisions.append(
            {
                "alert_id": alert["id"],
                "kind": DecisionKind.AUTO_LINK,
                "case_id": case_id,
                "other_case_id": None,
                "payload": {
                    "household_id": household.id,
                    "person_id": person.id if person else None,
                    "created_person": created_person,
                    "created_case": created_case,
                    "filled": filled,
                },
                "decided_at": self.now,
                "reason": f"자동 연결 (점수 {best.rounded}): " + ", ".join(best.reasons),
            }
        )
        return household

    def _fold(self, other: Scored, household: HouseholdView, case_id: int, alert_id: int) -> None:
        """``other``'s case joins ``case_id``: at once for the rest of the chunk (its members
        and what it knows of the place join the view of ``household``, and it is no longer
        a candidate), in the database once the chunk is written."""
        source = other.household
        assert source.case_id is not None
        household.persons.extend(source.persons)
        if household.building_key is None and source.building_key:
            household.address_key, household.building_key = source.address_key, source.building_key
            household.unit_key = source.unit_key
        if household.latitude is None and source.latitude is not None:
            household.latitude, household.longitude = source.latitude, source.longitude
            household.geo_cell = source.geo_cell
        household.asks_about |= source.asks_about - {case_id}
        self._index.remove(source.id)
        self._merges.append(_Merge(source.case_id, case_id, alert_id, other))

    def _fill_person(
        self, person: PersonView, record: ParsedRecord, incoming: Incoming
    ) -> dict[str, Any]:
        """Give the person what they lacked; returns the columns filled (for undo)."""
        values: dict[str, Any] = {}
        phone = record.subject.phone
        if person.phone_index is None and phone:
            values["phone_cipher"] = self.protector.encrypt(phone, PHONE_COLUMN)
            values["phone_index"] = incoming.phone_index
            values["phone_kind"] = incoming.phone_kind
            values["phone_last4_index"] = self.protector.index(phone[-4:], "phone4")
            person.phone_index = incoming.phone_index
            person.phone_kind = incoming.phone_kind
        if person.birth_date is None and record.subject.birth_date:
            values["birth_date"] = record.subject.birth_date
            person.birth_date = record.subject.birth_date
        if person.name_key is None and incoming.name_key:
            values["name"] = record.subject.name
            values["name_key"] = incoming.name_key
            person.name_key = incoming.name_key
        if person.sex is None and record.subject.sex in ("남", "여"):
            values["sex"] = record.subject.sex
            person.sex = record.subject.sex
        if not values:
            return {}
        pending = self._pending_persons.get(person.id)
        if pending is not None:
            pending.update(values)
        else:
            self._person_fills.setdefault(person.id, {}).update(values)
        return {"id": person.id, "columns": sorted(values)}

    def _fill_household(
        self, household: HouseholdView, record: ParsedRecord, incoming: Incoming
    ) -> dict[str, Any]:
        values: dict[str, Any] = {}
        if household.latitude is None and incoming.latitude is not None:
            values.update(
                latitude=incoming.latitude,
                longitude=incoming.longitude,
                geo_cell=incoming.geo_cell,
            )
            household.latitude, household.longitude = incoming.latitude, incoming.longitude
            household.geo_cell = incoming.geo_cell
        if household.building_key is None and incoming.building_key:
            values.update(
                address_raw=" ".join(p for p in (record.address, record.address_detail) if p),
                address_key=incoming.address_key,
                building_key=incoming.building_key,
                unit_key=incoming.unit_key,
            )
            household.address_key, household.building_key = (
                incoming.address_key,
                incoming.building_key,
            )
            household.unit_key = incoming.unit_key
        elif (
            household.unit_key is None
            and incoming.unit_key
            and same_building(household.building_key, incoming.building_key)
        ):
            # The flat, said for the first time (a call gave the building, a visit the
            # 층): the household's address key stays as it was, so later alerts at the
            # building still find it (see candidates), and undo empties the unit again.
            values["unit_key"] = incoming.unit_key
            household.unit_key = incoming.unit_key
        if not values:
            return {}
        pending = self._pending_households.get(household.id)
        if pending is not None:
            pending.update(values)
        else:
            self._household_fills.setdefault(household.id, {}).update(values)
        return {"id": household.id, "columns": sorted(values)}

    def _touch_case(self, case_id: int, item: NewAlert) -> None:
        pending = self._pending_cases.get(case_id)
        if pending is not None:
            _raise_case(pending, item)
            return
        self._touched_cases.setdefault(case_id, []).append(item)

    def cases_with_new_alerts(self) -> set[int]:
        """Cases this chunk added more than their first alert to (for a fresh risk look)."""
        counts: dict[int, int] = {}
        for row in self.alerts:
            counts[row["case_id"]] = counts.get(row["case_id"], 0) + 1
        folded = {m.target for m in self._merges}
        return set(self._touched_cases) | folded | {c for c, n in counts.items() if n > 1}

    # -- which centre (관할) ------------------------------------------------------------------

    def _place(self, item: NewAlert, incoming: Incoming) -> Placement | None:
        if self.router is None or self.router.empty or incoming.address is None:
            return None
        record = item.record
        return self.router.place(incoming.address, record.latitude, record.longitude)

    def _route(self) -> None:
        """Give each case this chunk opened or added to its centre, in the alerts' order: a
        territory rule's placement; else the centre of the household it belongs to; else the
        importer's centre, marked 관할 확인 필요. A case held that way gives way to the first
        later alert a rule places; a case a rule placed changes centre only by transfer, so
        an alert placed elsewhere (a move?) asks staff instead (proposed_centre_id)."""
        if not self._routes:
            return
        session = self.session
        known_cases = sorted({r.case_id for r in self._routes} - set(self._pending_cases))
        known_households = sorted(
            {r.household_id for r in self._routes} - set(self._pending_households)
        )
        cases: dict[int, list[Any]] = {}
        worked: set[int] = set()  # held cases a person has taken up: asked, not moved
        for part in in_lists(known_cases):
            for (
                case_id,
                centre_id,
                routing,
                note,
                status,
                assigned,
                manual,
                flagged,
            ) in session.execute(
                select(
                    Case.id,
                    Case.centre_id,
                    Case.routing,
                    Case.routing_note,
                    Case.status,
                    Case.assigned_to_id,
                    Case.risk_manual,
                    Case.flagged_for_council,
                ).where(one_of(session, Case.id, part))
            ):
                cases[case_id] = [centre_id, routing, note]
                if case_shows_work(status, assigned, manual, flagged):
                    worked.add(case_id)
        households: dict[int, list[Any]] = {}
        for part in in_lists(known_households):
            for household_id, centre_id, routing in session.execute(
                select(Household.id, Household.centre_id, Household.routing).where(
                    one_of(session, Household.id, part)
                )
            ):
                households[household_id] = [centre_id, routing]
        before_cases = {k: list(v) for k, v in cases.items()}
        before_households = {k: list(v) for k, v in households.items()}
        dong_of = self.router.dong_of if self.router is not None else (lambda _c: None)
        proposals: dict[int, Placement] = {}
        for route in self._routes:
            placed = route.placement if route.placement and route.placement.firm else None
            state = cases.get(route.case_id)
            if state is None:  # a case this chunk opened
                held = households.get(route.household_id)
                if placed is not None:
                    state = [placed.centre_id, placed.routing, placed.note]
                elif held is not None and held[1] is not None and not held[1].needs_confirmation:
                    state = [held[0], Routing.HOUSEHOLD, f"가구 관할 ({dong_of(held[0]) or '-'})"]
                elif route.placement is not None:  # two centres matched: a person decides
                    state = [self.centre_id, Routing.AMBIGUOUS, route.placement.note]
                else:
                    state = [self.centre_id, Routing.PENDING, pending(dong_of(self.centre_id))]
                cases[route.case_id] = state
            elif placed is not None:
                routing = state[1]
                if (routing is None or routing.needs_confirmation) and (
                    route.case_id not in worked or placed.centre_id == state[0]
                ):
                    state[:] = [placed.centre_id, placed.routing, placed.note]
                elif placed.centre_id != state[0]:
                    proposals[route.case_id] = placed  # staff decide (이관 or 관할 확인)
            # The household follows its case when a rule (or a person) placed the case.
            routing = state[1]
            firm = routing is not None and not routing.needs_confirmation
            if firm or route.household_id not in households:
                households[route.household_id] = [state[0], routing]
        # New rows take their centre before they are written; rows already stored change.
        case_fills: dict[int, dict[str, Any]] = {}
        for case_id, (centre_id, routing, note) in cases.items():
            values = {"centre_id": centre_id, "routing": routing, "routing_note": note}
            if case_id in self._pending_cases:
                self._pending_cases[case_id].update(values)
            elif before_cases.get(case_id) != [centre_id, routing, note]:
                case_fills[case_id] = values
        for case_id, placed in proposals.items():
            case_fills.setdefault(case_id, {}).update(
                proposed_centre_id=placed.centre_id, proposed_note=placed.note
            )
        household_fills: dict[int, dict[str, Any]] = {}
        for household_id, (centre_id, routing) in households.items():
            values = {"centre_id": centre_id, "routing": routing}
            dong = dong_of(centre_id)
            if dong and routing is not None and not routing.needs_confirmation:
                values["dong_name"] = dong  # the centre's 행정동 (else the address's 법정동)
            if household_id in self._pending_households:
                self._pending_households[household_id].update(values)
            elif before_households.get(household_id) != [centre_id, routing]:
                household_fills[household_id] = values
        _update_each(session, table(Case), case_fills)
        _update_each(session, table(Household), household_fills)

    # -- writing -------------------------------------------------------------------------

    def _write(self) -> None:
        session = self.session
        insert_rows(session, table(Household), self.households)
        insert_rows(session, table(Person), self.persons)
        insert_rows(session, table(Case), self.cases)
        insert_rows(
            session,
            table(CaseStatusChange),
            [
                {
                    "case_id": row["id"],
                    "from_status": None,
                    "to_status": CaseStatus.RECEIVED,
                    "changed_at": self.now,
                    "reason": "알림 접수",
                }
                for row in self.cases
            ]
            + [
                {
                    "case_id": row["id"],
                    "from_status": CaseStatus.RECEIVED,
                    "to_status": CaseStatus.CLOSED,
                    "changed_at": self.now,
                    "reason": RECORDED_REASON,
                }
                for row in self.cases
                if row["closure_reason"] is ClosureReason.RECORDED
            ],
        )
        _update_each(session, table(Person), self._person_fills)
        _update_each(session, table(Household), self._household_fills)
        self._write_touched_cases()
        insert_rows(session, table(Alert), self.alerts)
        insert_rows(session, table(LinkSuggestion), self.suggestions)
        insert_rows(
            session,
            table(LinkDecision),
            [
                {
                    **{k: v for k, v in row.items() if k != "alert_id"},
                    "alert_ids": [str(row["alert_id"])],
                    "staff_id": None,
                    "undone_at": None,
                    "undone_by_id": None,
                }
                for row in self.decisions
            ],
        )

    def _write_merges(self) -> None:
        """Fold the cases this chunk found to be one household, each an undoable decision.
        Questions the fold answers (whether the two cases are one) are closed with it.

        The folds are made on loaded objects and written in one flush at the end: each
        reads the database as the chunk left it, which is right unless an earlier fold
        touched the same cases or households; then the earlier folds are written first."""
        session = self.session
        if not self._merges:
            return
        # The cases and households involved, read in two queries instead of one each.
        case_ids = sorted({c for m in self._merges for c in (m.source, m.target)})
        cases = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(case_ids)))}
        household_ids = sorted({c.household_id for c in cases.values()})
        # Held for the loop: the session keeps only weak references to what it loaded.
        households = list(session.scalars(select(Household).where(Household.id.in_(household_ids))))
        unwritten: set[tuple[str, int]] = set()
        with session.no_autoflush:
            for merge in self._merges:
                source, target = cases[merge.source], cases[merge.target]
                if not _still_foldable(source, target):
                    # A person acted on one of the cases since the chunk read them (another
                    # PC): staff are asked instead.
                    session.add(_bridge(merge, source, target, self.now))
                    continue
                involved = {
                    ("case", source.id),
                    ("case", target.id),
                    ("household", source.household_id),
                    ("household", target.household_id),
                }
                if involved & unwritten:
                    session.flush()
                    unwritten.clear()
                unwritten |= involved
                payload = merge_cases(session, source, target, self.now, method=LinkMethod.AUTO)
                evidence = merge.evidence
                session.add(
                    LinkDecision(
                        kind=DecisionKind.AUTO_MERGE,
                        case_id=target.id,
                        other_case_id=source.id,
                        alert_ids=[str(item["id"]) for item in payload["alerts"]],
                        payload=payload,
                        staff_id=None,
                        decided_at=self.now,
                        reason=MERGE_REASON.format(merge.alert_id, evidence.rounded)
                        + ", ".join(evidence.reasons),
                    )
                )
        session.flush()
        del households

    def _write_touched_cases(self) -> None:
        if not self._touched_cases:
            return
        ids = sorted(self._touched_cases)
        current = {
            row.id: row
            for row in self.session.execute(
                select(
                    Case.id,
                    Case.due_at,
                    Case.last_alert_at,
                    Case.first_contact_due,
                    Case.counselling_due,
                ).where(one_of(self.session, Case.id, ids))
            )
        }
        updates = []
        for case_id in ids:
            row = current[case_id]
            values = {
                "due_at": row.due_at,
                "last_alert_at": row.last_alert_at,
                "first_contact_due": row.first_contact_due,
                "counselling_due": row.counselling_due,
            }
            for item in self._touched_cases[case_id]:
                _raise_case(values, item)
            updates.append({"b_id": case_id, "b_now": self.now, **values})
        cases = table(Case)
        self.session.execute(
            update(cases)
            .where(cases.c.id == bindparam("b_id"))
            .values(
                due_at=bindparam("due_at"),
                last_alert_at=bindparam("last_alert_at"),
                first_contact_due=bindparam("first_contact_due"),
                counselling_due=bindparam("counselling_due"),
                updated_at=bindparam("b_now"),
                version=cases.c.version + 1,  # the case changed: optimistic locking sees it
            ),
            updates,
        )


def asks_nothing(item: NewAlert) -> bool:
    """An alert that calls for no action: no sign of crisis (관찰), no deadline, not urgent
    (a carrier's 이상없음, a call with nothing to report)."""
    return (
        item.risk is RiskLevel.WATCH
        and item.first_contact_due is None
        and item.counselling_due is None
        and not item.record.urgent
    )


def reopen_recorded(
    session: Session, case_ids: set[int], now: datetime, rules: DeadlineRules
) -> int:
    """Cases kept as 기록만 whose alerts, taken together, now call for action (three
    unanswered calls, a repeated report …): opened again, with a first-contact deadline."""
    if not case_ids:
        return 0
    rows: list[Any] = []
    for part in in_lists(sorted(case_ids)):
        rows += session.execute(
            select(
                Case.id, Case.risk, Case.risk_reason, Case.first_contact_due, Case.counselling_due
            ).where(
                one_of(session, Case.id, part),
                Case.closure_reason == ClosureReason.RECORDED,
                or_(Case.risk != RiskLevel.WATCH, Case.due_at.is_not(None)),
            )
        ).all()
    if not rows:
        return 0
    updates, changes = [], []
    for case_id, risk, reason, contact_due, counselling_due in rows:
        if contact_due is None and risk is not RiskLevel.WATCH:
            days = (
                rules.urgent_contact_working_days
                if risk is RiskLevel.URGENT
                else rules.concern_contact_working_days
            )
            contact_due = add_working_days(now, days)
        dues = [d for d in (contact_due, counselling_due) if d is not None]
        updates.append(
            {"b_id": case_id, "b_contact": contact_due, "b_due": min(dues), "b_now": now}
        )
        changes.append(
            {
                "case_id": case_id,
                "from_status": CaseStatus.CLOSED,
                "to_status": CaseStatus.RECEIVED,
                "changed_at": now,
                "reason": f"새 알림으로 위기 징후가 더해져 다시 엶: {reason or risk.label}",
            }
        )
    cases = table(Case)
    session.execute(
        update(cases)
        .where(cases.c.id == bindparam("b_id"))
        .values(
            status=CaseStatus.RECEIVED,
            closure_reason=None,
            closed_at=None,
            first_contact_due=bindparam("b_contact"),
            due_at=bindparam("b_due"),
            updated_at=bindparam("b_now"),
            version=cases.c.version + 1,
        ),
        updates,
    )
    insert_rows(session, table(CaseStatusChange), changes)
    return len(rows)


@dataclass(frozen=True)
class _Route:
    """An alert of the chunk: the case it joined or opened, and where a rule placed it."""

    case_id: int
    household_id: int
    placement: Placement | None


@dataclass
class _Merge:
    """A case the machine folds into another: one alert identified both households."""

    source: int
    target: int
    alert_id: int
    evidence: Scored


def _still_foldable(source: Case, target: Case) -> bool:
    """Whether the cases, as the database has them now, may still be folded together."""
    # A household's record (기록만) is closed without anyone having worked on it; one that
    # takes in an open case is opened again when their alerts call for action
    # (reopen_recorded).
    status = (
        CaseStatus.RECEIVED if source.closure_reason is ClosureReason.RECORDED else source.status
    )
    return (
        source.merged_into_id is None
        and target.merged_into_id is None
        and (target.status in OPEN_STATUSES or target.closure_reason is ClosureReason.RECORDED)
        and not case_shows_work(
            status, source.assigned_to_id, source.risk_manual, source.flagged_for_council
        )
    )


def _bridge(merge: _Merge, source: Case, target: Case, now: datetime) -> LinkSuggestion:
    """The question a fold left unmade asks instead: are the two cases one household?"""
    evidence = merge.evidence
    return LinkSuggestion(
        alert_id=merge.alert_id,
        household_id=source.household_id,
        case_id=source.id,
        rank=2,
        score=evidence.rounded,
        reasons=[BRIDGE_REASON.format(target.id), *evidence.reasons],
        status=SuggestionStatus.OPEN,
        created_at=now,
    )


def _update_each(session: Session, target: Any, fills: dict[int, dict[str, Any]]) -> None:
    """Fill columns of many rows: one batched UPDATE per set of columns filled."""
    by_columns: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for row_id, values in fills.items():
        columns = tuple(sorted(values))
        by_columns.setdefault(columns, []).append(
            {"b_id": row_id, **{f"b_{c}": values[c] for c in columns}}
        )
    for columns, rows in by_columns.items():
        session.execute(
            update(target)
            .where(target.c.id == bindparam("b_id"))
            .values({c: bindparam(f"b_{c}") for c in columns}),
            rows,
        )


def _raise_case(values: dict[str, Any], item: NewAlert) -> None:
    """A new alert on an open case: later last-alert time, earlier deadlines. (Its risk is
    proposed again from all the case's alerts by ``desktop.casework.risk.refresh_cases``.)"""
    occurred = item.record.occurred_at
    if values["last_alert_at"] is None or occurred > values["last_alert_at"]:
        values["last_alert_at"] = occurred
    for key, due in (
        ("first_contact_due", item.first_contact_due),
        ("counselling_due", item.counselling_due),
    ):
        if due is not None and (values[key] is None or due < values[key]):
            values[key] = due
    dues = [d for d in (values["first_contact_due"], values["counselling_due"]) if d]
    if dues:
        values["due_at"] = min([*dues, *([values["due_at"]] if values["due_at"] else [])])
