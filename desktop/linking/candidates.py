"""Finding the households an alert might be about, without comparing it with everyone.

Blocking keys: the phone's keyed index, the exact address with its unit, the building
(only when the alert names no unit), the ~100 m grid cell and its neighbours, and name
with birth date. A block that holds too many households (a big apartment complex, a busy
cell) says too little to be worth comparing and is left out; no key is as common as a
surname alone. An alert with an address of its own looks in the cells around it only for
households known by their place alone and for people of its own name: the households at
other addresses nearby are other households (and were most of the comparisons). The
lookups are done once per chunk of alerts, in a few queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from db.enums import OPEN_STATUSES, CaseStatus, ClosureReason, LinkMethod, SuggestionStatus
from db.models import (
    Alert,
    Case,
    CouncilAgendaItem,
    Household,
    LinkSuggestion,
    Person,
    SupportLink,
)
from db.queries import driver_rows, one_of
from desktop.address import neighbour_cells
from desktop.linking.scoring import HouseholdView, Incoming, PersonView, complex_unit, gu_less

MAX_BLOCK = 60  # households in one building or cell block beyond which the block is skipped
# Values per IN (...) list: well inside both databases' limits on parameters, and few
# enough round trips for a chunk (on PostgreSQL each costs more than its work).
_IN = 2000
T = TypeVar("T")


def in_lists(values: Sequence[T]) -> Iterable[Sequence[T]]:
    """``values`` in parts of ``_IN``, one IN (...) list each."""
    for start in range(0, len(values), _IN):
        yield values[start : start + _IN]


class CandidateIndex:
    """Households by blocking key: those loaded from the database for a chunk of alerts,
    and those the chunk itself creates or extends as it goes."""

    def __init__(self, unloaded_cells: Iterable[str] = ()) -> None:
        self.households: dict[int, HouseholdView] = {}
        # Cells whose households were not all loaded, because every alert without an
        # address near them has too many households around it (or none is near): such an
        # alert touching one compares with no cell block. (Alerts with an address look
        # only for households without one, and those are always loaded.)
        self._unloaded_cells = set(unloaded_cells)
        self._phone: dict[str, set[int]] = defaultdict(set)
        self._address: dict[str, set[int]] = defaultdict(set)
        self._building: dict[str, set[int]] = defaultdict(set)
        # By road and number alone: an address written without its 구 finds the building
        # wherever it is known, and a household known only so is found from a full one.
        self._road_number: dict[str, set[int]] = defaultdict(set)
        self._cell: dict[str, set[int]] = defaultdict(set)
        self._cell_placeless: dict[str, set[int]] = defaultdict(set)  # no address known
        self._cell_name: dict[tuple[str, str], set[int]] = defaultdict(set)
        self._name_birth: dict[tuple[str, date], set[int]] = defaultdict(set)
        # Buildings (and roads and numbers) where a complex's 동-호 flat is known.
        self._complexes: set[str] = set()
        # How many live households the database held at each alert's building when the
        # chunk began, and which households were loaded then (the rest the chunk added).
        self._known_at: dict[str, int] = {}
        self._loaded: set[int] = set()

    def loaded(self, known_at: dict[str, int]) -> None:
        """The households indexed so far are the database's; ``known_at`` says how many
        live households each alert's building held."""
        self._known_at = known_at
        self._loaded = set(self.households)

    def households_at(self, building_key: str) -> int:
        """How many households are known at the building: the database's when the chunk
        began and those the chunk has added there since."""
        later = self._building.get(building_key, set()) - self._loaded
        return self._known_at.get(building_key, 0) + len(later)

    def add(self, household: HouseholdView) -> None:
        """Index ``household`` (again, after it gained a person or a key)."""
        self.households[household.id] = household
        hid = household.id
        if household.address_key:
            self._address[household.address_key].add(hid)
        if household.building_key:
            self._building[household.building_key].add(hid)
            self._road_number[gu_less(household.building_key)].add(hid)
            unit = household.unit_key
            known = household.building_key in self._complexes
            if unit and not known and complex_unit(unit):
                self.know_complex(household.building_key)
        cell = household.geo_cell
        if cell:
            self._cell[cell].add(hid)
            if not household.building_key:
                self._cell_placeless[cell].add(hid)
        for person in household.persons:
            if person.phone_index:
                self._phone[person.phone_index].add(hid)
            if person.name_key:
                if person.birth_date:
                    self._name_birth[(person.name_key, person.birth_date)].add(hid)
                if cell:
                    self._cell_name[(cell, person.name_key)].add(hid)

    def know_complex(self, building_key: str) -> None:
        """``building_key`` is an apartment complex (a 동-호 flat is known there)."""
        self._complexes.add(building_key)
        self._complexes.add(gu_less(building_key))

    def in_complex(self, building_key: str | None) -> bool:
        """Whether the building is known to be an apartment complex (written with its 구
        or without)."""
        if not building_key:
            return False
        return building_key in self._complexes or gu_less(building_key) in self._complexes

    def remove(self, household_id: int) -> None:
        """Leave a household out of every later search (it joined another)."""
        self.households.pop(household_id, None)

    def candidates(self, incoming: Incoming) -> list[HouseholdView]:
        found: set[int] = set()
        if incoming.phone_index:
            found |= self._phone.get(incoming.phone_index, set())
        if incoming.address_key:
            found |= self._address.get(incoming.address_key, set())
        if incoming.building_key and incoming.unit_key:
            # Those at the building whose flat no record has said yet.
            found |= self._address.get(_unitless(incoming.building_key), set())
        if incoming.building_key and not incoming.unit_key:
            block = self._building.get(incoming.building_key, set())
            if len(block) <= MAX_BLOCK:
                found |= block
        if incoming.building_key:
            found |= self._other_gu(incoming.building_key)
        if incoming.geo_cell:
            # An alert with an address finds the households at it by the address; nearby
            # it looks for households known by their place alone (a report with a location
            # and no address) and for people of its name (an address written wrong).
            cells = neighbour_cells(incoming.geo_cell)
            placeless = bool(incoming.building_key)
            by_cell = self._cell_placeless if placeless else self._cell
            if placeless or self._unloaded_cells.isdisjoint(cells):
                near: set[int] = set()
                for cell in cells:
                    near |= by_cell.get(cell, set())
                if len(near) <= MAX_BLOCK * 3:
                    found |= near
            if placeless and incoming.name_key:
                for cell in cells:
                    found |= self._cell_name.get((cell, incoming.name_key), set())
        if incoming.name_key and incoming.birth_date:
            found |= self._name_birth.get((incoming.name_key, incoming.birth_date), set())
        return [self.households[h] for h in sorted(found) if h in self.households]

    def _other_gu(self, building_key: str) -> set[int]:
        """Households at the building written with its 구 on one side only."""
        block = self._road_number.get(gu_less(building_key), set())
        if len(block) > MAX_BLOCK:
            return set()
        if building_key.startswith("|"):
            return set(block)
        return {
            h
            for h in block
            if h in self.households and (self.households[h].building_key or "").startswith("|")
        }


def _unitless(building_key: str) -> str:
    """The address key of a household at ``building_key`` with no flat recorded."""
    return f"{building_key}|"


def load_candidates(session: Session, incoming: Sequence[Incoming]) -> CandidateIndex:
    """An index of every household in the database that shares a blocking key with any of
    ``incoming`` (cell blocks only where some alert would compare with them)."""
    phones = sorted({i.phone_index for i in incoming if i.phone_index})
    addresses = sorted(
        {i.address_key for i in incoming if i.address_key}
        | {_unitless(i.building_key) for i in incoming if i.building_key and i.unit_key}
    )
    buildings = sorted({i.building_key for i in incoming if i.building_key and not i.unit_key})
    name_births = sorted(
        {(i.name_key, i.birth_date) for i in incoming if i.name_key and i.birth_date}
    )
    live = Household.merged_into_id.is_(None)
    known_at = dict(
        _live_counts(
            session,
            Household.building_key,
            sorted({i.building_key for i in incoming if i.building_key}),
        )
    )
    small_buildings = [b for b in buildings if 0 < known_at.get(b, 0) <= MAX_BLOCK]
    cells, unloaded = _cells_to_load(session, [i for i in incoming if not i.building_key])
    around_addressed = sorted(
        {
            cell
            for i in incoming
            if i.geo_cell and i.building_key
            for cell in neighbour_cells(i.geo_cell)
        }
    )
    placeless = Household.building_key.is_(None)
    ids = _ids(session, Person.household_id, Person.phone_index, phones)
    ids |= _ids(session, Household.id, Household.address_key, addresses)
    ids |= _ids(session, Household.id, Household.building_key, small_buildings, live)
    ids |= _ids(session, Household.id, Household.geo_cell, cells, live)
    ids |= _ids(session, Household.id, Household.geo_cell, around_addressed, placeless, live)
    ids |= _other_gu(session, incoming)
    ids |= _same_name_and_birth(session, name_births)
    ids |= _same_name_nearby(session, incoming)
    index = CandidateIndex(unloaded)
    for household in households_by_id(session, sorted(ids), live_only=True):
        index.add(household)
    # Whether a building is a complex matters to an alert that does not say its flat.
    unsaid = {i.building_key for i in incoming if i.building_key and not i.in_complex}
    for building in _complexes(session, sorted(unsaid)):
        index.know_complex(building)
    index.loaded(known_at)
    return index


def _complexes(session: Session, buildings: Sequence[str]) -> set[str]:
    """Those of ``buildings`` where a household's flat is a complex's 동-호."""
    found: set[str] = set()
    for part in in_lists(buildings):
        query = (
            select(Household.building_key)
            .where(
                one_of(session, Household.building_key, part),
                Household.unit_key.like("_%-%"),
            )
            .distinct()
        )
        found.update(row[0] for row in driver_rows(session, query))
    return found


def _ids(
    session: Session, household_id: Any, column: Any, keys: Sequence[str], *also: Any
) -> set[int]:
    """The households (``household_id`` of the rows) whose ``column`` is one of ``keys``."""
    found: set[int] = set()
    for part in in_lists(keys):
        query = select(household_id).where(one_of(session, column, part), *also)
        found.update(row[0] for row in driver_rows(session, query))
    return found


def _other_gu(session: Session, incoming: Sequence[Incoming]) -> set[int]:
    """Households at an alert's building written with its 구 on one side only: for an
    address without its 구, those of the road and number in any 구 (by the stored key
    without the 구, through its own index); for a full one, those recorded without a 구."""
    keys = {i.building_key for i in incoming if i.building_key}
    bare = sorted({f"|{gu_less(k)}" for k in keys if not k.startswith("|")})
    found = _ids(
        session, Household.id, Household.building_key, bare, Household.merged_into_id.is_(None)
    )
    live = Household.merged_into_id.is_(None)
    for key in sorted(k for k in keys if k.startswith("|")):
        query = (
            select(Household.id)
            .where(Household.road_key == gu_less(key), live)
            .limit(MAX_BLOCK + 1)
        )
        rows = [row[0] for row in driver_rows(session, query)]
        if len(rows) <= MAX_BLOCK:
            found.update(rows)
    return found


def _same_name_and_birth(session: Session, pairs: Sequence[tuple[str, date]]) -> set[int]:
    """Households with a member of one of these names and birth dates. Asked by name and
    matched on the date here: PostgreSQL scans the table for a list of (name, date) pairs,
    while a list of names uses the name index on both databases."""
    wanted = set(pairs)
    names = sorted({name for name, _ in pairs})
    found: set[int] = set()
    for part in in_lists(names):
        query = select(Person.household_id, Person.name_key, Person.birth_date).where(
            one_of(session, Person.name_key, part), Person.birth_date.is_not(None)
        )
        for household_id, name, birth in driver_rows(session, query):
            if (name, _day(birth)) in wanted:
                found.add(household_id)
    return found


def _same_name_nearby(session: Session, incoming: Sequence[Incoming]) -> set[int]:
    """Households near an alert with an address and a name, with a member of that name."""
    names: set[str] = set()
    cells: set[str] = set()
    for i in incoming:
        if i.geo_cell and i.building_key and i.name_key:
            names.add(i.name_key)
            cells.update(neighbour_cells(i.geo_cell))
    found: set[int] = set()
    if not names:
        return found
    for part in in_lists(sorted(names)):
        for cell_part in in_lists(sorted(cells)):
            query = (
                select(Household.id)
                .join(Person, Person.household_id == Household.id)
                .where(
                    one_of(session, Household.geo_cell, cell_part),
                    one_of(session, Person.name_key, part),
                    Household.merged_into_id.is_(None),
                )
            )
            found.update(row[0] for row in driver_rows(session, query))
    return found


def _cells_to_load(session: Session, incoming: Sequence[Incoming]) -> tuple[list[str], set[str]]:
    """The grid cells whose households the alerts (without an address) will compare with,
    and the small cells left unloaded. An alert compares with the households of its own
    and the eight neighbouring cells, leaving out cells of more than ``MAX_BLOCK``
    households, unless that still makes more than three blocks' worth (a dense
    neighbourhood says little)."""
    around = {i.geo_cell: neighbour_cells(i.geo_cell) for i in incoming if i.geo_cell}
    all_cells = sorted({cell for cells in around.values() for cell in cells})
    counts = dict(_live_counts(session, Household.geo_cell, all_cells))
    small = {cell: n for cell, n in counts.items() if n <= MAX_BLOCK}
    wanted: set[str] = set()
    for cells in around.values():
        near = [c for c in cells if c in small]
        if sum(small[c] for c in near) <= MAX_BLOCK * 3:
            wanted.update(near)
    return sorted(wanted), set(small) - wanted


def _live_counts(session: Session, column: Any, keys: Sequence[str]) -> list[tuple[str, int]]:
    """How many live households each of ``keys`` holds in ``column`` (keys holding none are
    left out)."""
    found: list[tuple[str, int]] = []
    for part in in_lists(keys):
        found.extend(
            (key, count)
            for key, count in session.execute(
                select(column, func.count())
                .where(one_of(session, column, part), Household.merged_into_id.is_(None))
                .group_by(column)
            )
        )
    return found


def households_by_id(
    session: Session, ids: Sequence[int], *, live_only: bool = False
) -> list[HouseholdView]:
    """Views of the given households with their persons and their open case."""
    views: dict[int, HouseholdView] = {}
    for part in in_lists(ids):
        # One query for the households and their members, one for their open cases.
        query = (
            select(
                Household.id,
                Household.address_key,
                Household.building_key,
                Household.unit_key,
                Household.latitude,
                Household.longitude,
                Household.geo_cell,
                Person.id,
                Person.name_key,
                Person.birth_date,
                Person.sex,
                Person.age_band,
                Person.phone_index,
                Person.phone_kind,
            )
            .outerjoin(Person, Person.household_id == Household.id)
            .where(one_of(session, Household.id, part))
            .order_by(Household.id, Person.id)
        )
        if live_only:
            query = query.where(Household.merged_into_id.is_(None))
        for (
            hid,
            address,
            building,
            unit,
            lat,
            lon,
            cell,
            pid,
            name_key,
            birth,
            sex,
            band,
            phone,
            kind,
        ) in driver_rows(session, query):
            view = views.get(hid)
            if view is None:
                view = views[hid] = HouseholdView(hid, address, building, unit, lat, lon, cell)
            if pid is not None:
                view.persons.append(PersonView(pid, name_key, _day(birth), sex, band, phone, kind))
        _open_cases(session, part, views)
    return [views[i] for i in ids if i in views]


def _open_cases(session: Session, ids: Sequence[int], views: dict[int, HouseholdView]) -> None:
    """Give the views their open case and whether the case itself shows a person's work
    (the rest is learnt when needed: see ``settle``)."""
    query = (
        select(
            Case.household_id,
            Case.id,
            Case.status,
            Case.assigned_to_id,
            Case.risk_manual,
            Case.flagged_for_council,
        )
        .where(
            one_of(session, Case.household_id, ids),
            or_(Case.status.in_(OPEN_STATUSES), Case.closure_reason == ClosureReason.RECORDED),
            Case.merged_into_id.is_(None),
        )
        .order_by(Case.id)
    )
    for hid, case_id, status, assigned, risk_manual, flagged in driver_rows(session, query):
        view = views.get(hid)
        if view is None:
            continue
        if status not in OPEN_STATUSES:
            view.recorded_case_id = case_id  # closed as 기록만: see HouseholdView
            continue
        view.open_case_id = case_id  # the newest, should a household have two
        view.worked_on = case_shows_work(status, assigned, risk_manual, flagged)
        view.settled = False


def case_shows_work(
    status: str, assigned_to_id: int | None, risk_manual: object, flagged: object
) -> bool:
    """Whether a case's own row shows a person's work: its status moved on from 접수, it
    is assigned, its risk was set by hand, or it is flagged for the council. (Other work
    shows in other tables: see ``settle``.)"""
    return (
        status != CaseStatus.RECEIVED
        or assigned_to_id is not None
        or bool(risk_manual)
        or bool(flagged)
    )


def settle(session: Session, views: Sequence[HouseholdView]) -> None:
    """Learn in full whether a person has worked on the views' open cases (a support
    link, a council agenda item, an alert a person placed) and which cases their waiting
    alerts ask to join."""
    cases = {v.open_case_id: v for v in views if v.open_case_id is not None}
    for view in views:
        view.settled = True
    if not cases:
        return
    ids = sorted(cases)
    worked = (
        select(SupportLink.case_id).where(one_of(session, SupportLink.case_id, ids)),
        select(CouncilAgendaItem.case_id).where(one_of(session, CouncilAgendaItem.case_id, ids)),
    )
    for query in worked:
        for (case_id,) in driver_rows(session, query):
            cases[case_id].worked_on = True
    # Alerts a person placed, and alerts waiting for a person with what they ask. (Asked
    # from the alerts' side: from the suggestions' side the database scans every open one.)
    waiting: dict[int, int] = {}
    placed = select(Alert.id, Alert.case_id, Alert.link_method).where(
        one_of(session, Alert.case_id, ids),
        Alert.link_method.in_((LinkMethod.MANUAL, LinkMethod.REVIEW)),
    )
    for alert_id, case_id, method in driver_rows(session, placed):
        if method == LinkMethod.MANUAL.value:
            cases[case_id].worked_on = True
        else:
            waiting[alert_id] = case_id
    for part in in_lists(sorted(waiting)):
        questions = select(LinkSuggestion.alert_id, LinkSuggestion.case_id).where(
            one_of(session, LinkSuggestion.alert_id, part),
            LinkSuggestion.status == SuggestionStatus.OPEN,
        )
        for alert_id, asked in driver_rows(session, questions):
            cases[waiting[alert_id]].asks_about.add(asked)


def _day(value: date | str | None) -> date | None:
    """A date from the driver's row (SQLite keeps dates as text)."""
    return date.fromisoformat(value) if isinstance(value, str) else value
