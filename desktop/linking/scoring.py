"""Is this alert about that household? A score with reasons a person can read.

Weights follow Fellegi–Sunter: agreement on a field adds log2(m/u), where m is how often
the field agrees for the same household and u how often it agrees by chance, so agreeing
on a rare value (a phone number, an uncommon name) counts for more than on a common one;
disagreement subtracts. The totals are compared with two thresholds: at or above
``LINK_AT`` with identifying evidence the machine links, at or above ``REVIEW_AT`` staff
are asked, below that the alert opens a case of its own.

An alert can identify two households as firmly as a link asks (a carrier's visit with
the name, phone and flat, after a call that had no address and an earlier visit that
had no phone): then the two are one household recorded twice, and the machine joins
their cases, provided nothing they record sets them apart and no person has worked on or
is deciding about the case it folds in (see ``joins``).

Reasons never quote a name or a number: suggestions are stored and shown in lists.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from desktop.address import AddressKey, distance_m
from desktop.linking import weights as levels
from desktop.linking.names import name_similarity
from desktop.linking.weights import Pattern, Weights

LINK_AT = 12.0
REVIEW_AT = 5.0
AMBIGUOUS_MARGIN = 4.0  # two strong candidates closer than this: a person decides

# The phone's, the birth date's and the sex's weights are estimated from the database (desktop.linking.weights: Weights holds the field's own as defaults).
NAME_RARE_CAP = 12.0
NAME_COMMON_FLOOR = 3.0
NAME_CLOSE = 4.0  # a typing slip (김민준/김민존)
NAME_DIFFERENT = -8.0
UNIT_AGREE = 9.0  # same building and the same 동·호
FLOOR_AGREE = 6.0  # the same floor of a small building (2층, 지하 1층), its flat unknown
HOUSE_AGREE = 5.0  # same address, no units (a detached house)
BUILDING_UNIT_UNKNOWN = 3.0
# The same apartment complex (its flats are written 동-호), the flat unknown on one side:
# hundreds of households share the address, so it says next to nothing.
COMPLEX_UNIT_UNKNOWN = 0.0
OTHER_UNIT = -9.0  # same building, another flat: neighbours, not the same household
COMMON_NAME_BELOW = 11.0  # a name's weight below this: one in about 2,300 or more
# How rare a name must be (its weight) to identify the person at a place without their
# flat: a house or a floor of a 다가구 holds a few households, a building a dozen or two,
# a complex hundreds.
NAME_RARE_AT_HOUSE = 10.0
NAME_RARE_AT_BUILDING = 11.0
NAME_RARE_AT_COMPLEX = 12.0
# The only household known at a house a carrier has seen: see alone_at_house.
ALONE_AT_HOUSE = 4.0
OTHER_ADDRESS = -2.0  # people move; an old address is weak evidence against
NEAR_25M = 5.0  # with a name or an address, enough to ask staff (never to link: see decide)
# Closer than this, two points are one pin on the map: the address of a namesake there may
# be written wrong (see _worth_asking). A pin alone is never enough to ask about.
SAME_SPOT_M = 5.0
NEAR_100M = 2.0
FAR_1KM = -3.0
AGE_DISAGREE = -3.0
GENERATION = 20  # birth years this far apart: not one person, whatever else agrees
CLOSE_NAME = 0.8
SAME_NAME = 0.97


MOBILE = "mobile"
LANDLINE = "landline"


def phone_kind(digits: str | None) -> str | None:
    """``mobile`` (010, 011 …), ``landline`` (051-…, 070 internet phones, shared by a
    family), or None (a 050 safe number, a short or foreign number: nothing to say)."""
    if not digits or not digits.startswith("0") or len(digits) < 9:
        return None
    if digits.startswith("01"):
        return MOBILE
    if digits.startswith("050"):
        return None
    return LANDLINE


@dataclass(frozen=True)
class Incoming:
    """What an alert says about who and where."""

    name_key: str | None = None
    phone_index: str | None = None
    birth_date: date | None = None
    sex: str | None = None
    age_band: str | None = None
    phone_kind: str | None = None  # see phone_kind
    address_key: str | None = None
    building_key: str | None = None
    unit_key: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_cell: str | None = None
    legal_dong: str | None = None  # 법정동 named in the address (not compared)
    # The building is an apartment complex: the address names one, or a 동-호 flat is
    # known there (see CandidateIndex.in_complex). Its flat unsaid, it says little.
    in_complex: bool = False
    # A postal carrier's visit (see HouseholdView.carrier_saw).
    by_carrier: bool = False
    # The parsed address, for routing to a centre's territory (not compared).
    address: AddressKey | None = field(default=None, compare=False, repr=False)

    @property
    def identifies_someone(self) -> bool:
        """A name or a phone: without either, a report names only a place."""
        return bool(self.name_key or self.phone_index)


@dataclass
class PersonView:
    id: int
    name_key: str | None
    birth_date: date | None
    sex: str | None
    age_band: str | None
    phone_index: str | None
    phone_kind: str | None = None


@dataclass
class HouseholdView:
    id: int
    address_key: str | None
    building_key: str | None
    unit_key: str | None
    latitude: float | None
    longitude: float | None
    geo_cell: str | None
    persons: list[PersonView] = field(default_factory=list)
    open_case_id: int | None = None
    # Its case closed as 기록만 (alerts that asked for nothing), which the next such alert
    # joins instead of opening another: one household, one case.
    recorded_case_id: int | None = None
    # A person has worked on the open case (status moved on, assigned, counselled, ...):
    # the machine never folds it into another.
    worked_on: bool = False
    # Cases its open case's waiting alerts ask staff to join it to.
    asks_about: set[int | None] = field(default_factory=set)  # None: no case to join
    # A postal carrier has visited it: carriers deliver to the flat, so its address as
    # a carrier wrote it has the flat when the building has flats.
    carrier_saw: bool = False
    # Whether the two above are known in full (households read from the database learn
    # them only when an alert identifies more than one household: see ``unsettled``).
    settled: bool = True

    @property
    def case_id(self) -> int | None:
        """The case an alert about the household joins: its open case, else its record."""
        return self.open_case_id if self.open_case_id is not None else self.recorded_case_id


@dataclass(slots=True)
class PlaceScore:
    """How the places of an alert and a household compare, with the reasons."""

    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    exact: bool = False  # as exact as places are written: the flat, the floor, the house
    flat: bool = False  # the same flat named on both (동·호, 2층 왼쪽, 옥탑)
    building: bool = False  # a small building, the flat unknown on one side
    complex: bool = False  # an apartment complex (동-호), the flat unknown on one side
    house: bool = False  # one road address, no flat on either side
    other_unit: bool = False  # the same building, another flat
    elsewhere: bool = False  # another building
    spot: bool = False  # the two points within SAME_SPOT_M

    @property
    def level(self) -> str | None:
        """The place's level of comparison (desktop.linking.weights)."""
        if self.flat:
            return levels.FLAT
        if self.other_unit:
            return levels.OTHER_UNIT
        if self.exact or self.building or self.complex:
            return levels.BUILDING
        return levels.ELSEWHERE if self.elsewhere else None

    def add(self, weight: float, reason: str) -> None:
        self.score += weight
        self.reasons.append(reason)


@dataclass(slots=True)
class Scored:
    household: HouseholdView
    person: PersonView | None  # the member the alert is most likely about
    score: float
    reasons: list[str]
    identifying: bool  # phone, or name with birth date or exact address
    # Something about the person sets them apart (another mobile, another birth date).
    conflict: bool = False
    place: PlaceScore = field(default_factory=PlaceScore)
    # The person's levels of comparison: phone, birth date, sex (see weights).
    levels: tuple[str | None, str | None, str | None] = (None, None, None)
    name_weight: float = 0.0  # what the same name weighs (0 when the names are not the same)

    @property
    def pattern(self) -> Pattern:
        """The comparison's pattern, as the weights are learnt from."""
        return (*self.levels, self.place.level)

    @property
    def exact_place(self) -> bool:
        """The same flat, floor or unit-less house: as exact as places are written."""
        return self.place.exact

    @property
    def same_flat(self) -> bool:
        """The same flat named on both (동·호, 2층 왼쪽, 옥탑)."""
        return self.place.flat

    @property
    def same_house(self) -> bool:
        """One road address and no flat on either side (a house, or an undivided 다가구)."""
        return self.place.house

    @property
    def same_spot(self) -> bool:
        """The two points within SAME_SPOT_M."""
        return self.place.spot

    @property
    def about_person(self) -> bool:
        """Something about the person agrees (a name, a phone, a birth date): not only
        the place."""
        return self.person is not None or self.identifying or self.conflict

    @property
    def rounded(self) -> float:
        return round(self.score, 1)


class Outcome(enum.Enum):
    LINK = "link"
    REVIEW = "review"
    NEW = "new"


@dataclass
class Decision:
    outcome: Outcome
    ranked: list[Scored]  # best first; empty for a new case with no candidates
    # With a link: other households the alert also fits well enough to ask about. The
    # alert may bridge two records of one household that had nothing else in common
    # (an anonymous report at 101동 1203호, a call with a name and phone): staff are asked
    # whether the two cases are one.
    bridges: list[Scored] = field(default_factory=list)
    # With a link: other households the alert identifies as firmly, whose cases join the
    # linked one (see ``joins``).
    merges: list[Scored] = field(default_factory=list)

    @property
    def best(self) -> Scored | None:
        return self.ranked[0] if self.ranked else None


def same_building(a: str | None, b: str | None) -> bool:
    """Whether two building keys (``구|road|number``) name one building. An address
    written without its 구 (``하신번영로 263 현대아파트``) is taken as the building of that
    road and number wherever it is known."""
    if not a or not b:
        return False
    if a == b:
        return True
    if a.startswith("|") or b.startswith("|"):
        return a.partition("|")[2] == b.partition("|")[2]
    return False


def gu_less(building_key: str) -> str:
    """``road|number`` of a building key: what an address without its 구 is looked up by."""
    return building_key.partition("|")[2]


_SIDE_MARKS = "좌우앞뒤안밖"  # which flat of a floor (desktop.address)


def units_agree(a: str, b: str) -> bool | None:
    """True: one flat. False: two. None: one is the other written less fully (``2층`` and
    ``2층 왼쪽``): which flat of the floor is not known. Numbers are compared whole (1호 and
    12호 are two flats)."""
    if a == b:
        return True
    bare_a, bare_b = a.rstrip(_SIDE_MARKS), b.rstrip(_SIDE_MARKS)
    if bare_a == bare_b and (bare_a == a or bare_b == b):
        return None
    return False


def complex_unit(unit: str) -> bool:
    """Whether a unit key is a complex's flat, 동 and 호 (``101-1203``; ``-302`` is a 호
    alone, as a 빌라 numbers its flats)."""
    return unit[:1].isdigit() and "-" in unit


def names_a_flat(unit: str) -> bool:
    """Whether a unit key names one flat (``101-1203``, ``-302``, ``F2좌`` for 2층 왼쪽,
    ``RT`` for 옥탑) rather than a floor (``F2``, ``B1``) that may hold several."""
    return "-" in unit or unit.startswith("RT") or unit[-1:] in _SIDE_MARKS


def _age_band_of(born: date, on: date) -> int:
    years = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    return min(years // 10, 9)


def _band_number(band: str | None) -> int | None:
    if not band or not band[0].isdigit():
        return None
    return min(int(band[:2]) // 10, 9)


@dataclass(slots=True)
class _PersonScore:
    score: float
    reasons: list[str]
    name: float | None  # similarity, when both have a name
    phone: bool
    birth: bool
    generation_apart: bool = False  # birth years 20 or more apart: another generation
    conflict: bool = False  # another phone or another birth date
    rare: bool = False  # the same name, and an uncommon one
    name_weight: float = 0.0  # what the same name weighs (0 when not the same)
    # The levels of the phone, the birth date and the sex (desktop.linking.weights).
    levels: tuple[str | None, str | None, str | None] = (None, None, None)


class Scorer:
    """Scores alerts against households; ``name_frequency`` says how common a name is
    (the share of persons in the database who have it), ``weights`` what the rest weighs
    (estimated from the database: desktop.linking.weights)."""

    def __init__(
        self,
        name_frequency: Callable[[str], float],
        *,
        today: date,
        weights: Weights | None = None,
    ) -> None:
        self._frequency = name_frequency
        self._today = today
        self._w = weights or Weights()

    def _name_weight(self, key: str) -> tuple[float, bool]:
        share = max(self._frequency(key), 1e-6)
        weight = math.log2(0.9 / share)
        return max(NAME_COMMON_FLOOR, min(NAME_RARE_CAP, weight)), weight < COMMON_NAME_BELOW

    def _person(self, incoming: Incoming, person: PersonView) -> _PersonScore:
        score = 0.0
        reasons: list[str] = []
        phone = birth = apart = conflict = rare = False
        name_weight = 0.0
        w = self._w
        phone_level = birth_level = sex_level = None
        similarity: float | None = None
        if incoming.phone_index and person.phone_index:
            if incoming.phone_index == person.phone_index:
                score += w.phone_agree
                reasons.append("전화번호 일치")
                phone = True
                phone_level = "agree"
            elif (
                incoming.phone_kind
                and person.phone_kind
                and incoming.phone_kind != person.phone_kind
            ):
                # A landline and a mobile: a person has both, so neither for nor against.
                reasons.append("전화번호 종류 다름 (집전화·휴대전화)")
                phone_level = "kinds"
            else:
                both_mobile = incoming.phone_kind == person.phone_kind == MOBILE
                score += w.mobiles_differ if both_mobile else w.phone_differ
                reasons.append("전화번호 다름")
                phone_level = "mobiles" if both_mobile else "differ"
                conflict = True
        if incoming.name_key and person.name_key:
            similarity = name_similarity(incoming.name_key, person.name_key)
            if similarity >= SAME_NAME:
                weight, common = self._name_weight(incoming.name_key)
                score += weight
                name_weight = weight
                reasons.append("이름 일치 (흔한 이름)" if common else "이름 일치")
                rare = not common
            elif similarity >= CLOSE_NAME:
                score += NAME_CLOSE
                reasons.append(f"이름 유사 {similarity:.2f}")
            elif similarity < 0.6:
                score += NAME_DIFFERENT
                reasons.append("이름 다름")
        if incoming.birth_date and person.birth_date:
            if incoming.birth_date == person.birth_date:
                score += w.birth_agree
                reasons.append("생년월일 일치")
                birth = True
                birth_level = "agree"
            else:
                score += w.birth_differ
                reasons.append("생년월일 다름")
                birth_level = "differ"
                conflict = True
                apart = abs(incoming.birth_date.year - person.birth_date.year) >= GENERATION
        if incoming.sex in ("남", "여") and person.sex in ("남", "여"):
            sex_level = "agree" if incoming.sex == person.sex else "differ"
            if incoming.sex != person.sex:
                score += w.sex_differ
                reasons.append("성별 다름")
        band = _band_number(incoming.age_band)
        if (
            band is not None
            and person.birth_date is not None
            and abs(_age_band_of(person.birth_date, self._today) - band) >= 2
        ):
            score += AGE_DISAGREE
            reasons.append("연령대 다름")
        return _PersonScore(
            score,
            reasons,
            similarity,
            phone,
            birth,
            apart,
            conflict,
            rare,
            name_weight,
            (phone_level, birth_level, sex_level),
        )

    def _place(self, incoming: Incoming, household: HouseholdView) -> PlaceScore:
        place = PlaceScore()
        if incoming.building_key and household.building_key:
            if same_building(incoming.building_key, household.building_key):
                mine, theirs = incoming.unit_key, household.unit_key
                agree = units_agree(mine, theirs) if mine and theirs else None
                if agree is True and names_a_flat(mine or ""):
                    place.add(UNIT_AGREE, "주소 일치(동·호 포함)")
                    place.exact = place.flat = True
                elif agree is False:
                    place.add(OTHER_UNIT, "같은 건물 다른 호수")
                    place.other_unit = True
                elif agree is True or (mine and theirs):
                    # One floor (2층 and 2층, or 2층 and 2층 왼쪽): a 다가구's floor may
                    # hold more than one flat, so it is the place, not the household.
                    place.add(FLOOR_AGREE, "같은 층 (어느 집인지 미상)")
                    place.exact = True
                elif incoming.in_complex or complex_unit(mine or theirs or ""):
                    place.add(COMPLEX_UNIT_UNKNOWN, "같은 단지 (동·호 미상)")
                    place.complex = True
                elif not mine and not theirs:
                    # One road address and no flat on either side: a detached house, or a
                    # 다가구 whose households nobody has told apart.
                    place.add(HOUSE_AGREE, "주소 일치")
                    place.exact = place.house = True
                else:
                    place.add(BUILDING_UNIT_UNKNOWN, "같은 건물 (호수 미상)")
                    place.building = True
            else:
                place.add(OTHER_ADDRESS, "주소 다름")
                place.elsewhere = True
        if (
            incoming.latitude is not None
            and incoming.longitude is not None
            and household.latitude is not None
            and household.longitude is not None
        ):
            metres = distance_m(
                incoming.latitude, incoming.longitude, household.latitude, household.longitude
            )
            if metres <= 25:
                place.score += NEAR_25M
            elif metres <= 100:
                place.score += NEAR_100M
            elif metres > 1000:
                place.score += FAR_1KM
            place.spot = metres <= SAME_SPOT_M
            place.reasons.append(f"위치 {metres:,.0f} m")
        return place

    def score(self, incoming: Incoming, household: HouseholdView) -> Scored:
        place = self._place(incoming, household)
        best: tuple[_PersonScore, PersonView] | None = None
        for person in household.persons:
            scored = self._person(incoming, person)
            if best is None or scored.score > best[0].score:
                best = (scored, person)
        if best is None:
            return Scored(household, None, place.score, place.reasons, False, place=place)
        person_score, person = best
        named = person_score.name is not None and person_score.name >= CLOSE_NAME
        another = (person_score.name is not None and not named) or person_score.generation_apart
        if person_score.phone and another:
            # The number, but another name or another generation: a member of the
            # household at its flat (a grandmother's landline on her grandchild's visit),
            # or someone else whose record carries the number (a parent's mobile, a
            # number given to a new owner). Only the place can tell; without it a person
            # decides.
            at_building = same_building(incoming.building_key, household.building_key)
            if at_building and not place.other_unit:
                return Scored(
                    household,
                    None,  # another member: the link adds them, never merges the two
                    self._w.phone_agree + place.score,
                    ["전화번호 일치", "이름 다름 (같은 집의 다른 가구원)", *place.reasons],
                    True,
                    place=place,
                    levels=person_score.levels,
                )
            return Scored(
                household,
                None,
                person_score.score + place.score,
                [*person_score.reasons, *place.reasons, "전화번호만 같고 이름이 다름"],
                False,
                True,
                place,
                person_score.levels,
            )
        # The same name at the house, floor or building, its flat unsaid on one side, and
        # nothing against it: the person when the name is rare enough for the place (a
        # namesake known there makes it ambiguous: see decide). The more households a
        # place holds, the likelier another of them bears a common name: a 다가구 may
        # have two 김말자, a complex of hundreds of flats many.
        weight = person_score.name_weight
        at_place = (
            (place.exact and weight >= NAME_RARE_AT_HOUSE)
            or (place.building and weight >= NAME_RARE_AT_BUILDING)
            or (place.complex and weight >= NAME_RARE_AT_COMPLEX)
        )
        # The phone, the name at the very flat, or the name and birth date with nothing
        # against them (namesakes born on one day exist: 1 January is many elders'
        # registered birthday; with another mobile a person decides).
        firm = (
            person_score.phone
            or (named and place.flat)
            or (named and person_score.birth and not person_score.conflict)
        )
        identifying = firm or (named and at_place and not person_score.conflict)
        return Scored(
            household,
            person if (person_score.phone or named or person_score.birth) else None,
            place.score + person_score.score,
            person_score.reasons + place.reasons,
            identifying,
            person_score.conflict,
            place,
            person_score.levels,
            weight,
        )


def alone_at_house(
    incoming: Incoming, scored: Scored, others: Sequence[Scored], households_there: int
) -> Scored:
    """``scored`` as the place makes it when its household is the only one known at a
    house a postal carrier has seen: one road address and no flat on either side, the
    visit's or the household's address written by a carrier (carriers deliver to the
    flat, and write it where there is one: so no apartment complex), the same name, and
    nothing about the person against it. How much a name at a place says depends on how
    many households it holds: at a house of one household, another person of the same
    name there is rarer than the name is. With a second household known at the address
    (a 다가구's tenants), or no carrier's word that it is a house (a report or a call
    without the flat may be of a complex's hundreds of flats), nothing changes."""
    place = scored.place
    if (
        scored.identifying
        or scored.conflict
        or scored.name_weight <= 0
        or not place.house
        # Counted for the alert's own building: written with its 구 on one side only, the
        # households at the other spelling are not counted (see households_at).
        or scored.household.building_key != incoming.building_key
        or households_there > 1
        or not (incoming.by_carrier or scored.household.carrier_saw)
    ):
        return scored
    building = scored.household.building_key
    if any(s is not scored and same_building(s.household.building_key, building) for s in others):
        return scored
    return replace(
        scored,
        score=scored.score + ALONE_AT_HOUSE,
        reasons=[*scored.reasons, "이 주소에 알려진 다른 가구 없음"],
        identifying=True,
    )


def same_household(a: HouseholdView, b: HouseholdView) -> bool:
    """Nothing the two households record sets them apart: no other address or flat, no
    place far away, and no member of one with a like name but another phone (of the
    same kind) or birth date than a member of the other."""
    if a.building_key and b.building_key:
        if not same_building(a.building_key, b.building_key):
            return False
        if a.unit_key and b.unit_key and units_agree(a.unit_key, b.unit_key) is False:
            return False
    elif (
        a.latitude is not None
        and a.longitude is not None
        and b.latitude is not None
        and b.longitude is not None
        and distance_m(a.latitude, a.longitude, b.latitude, b.longitude) > 1000
    ):
        return False
    for p in a.persons:
        for q in b.persons:
            if (
                not (p.name_key and q.name_key)
                or name_similarity(p.name_key, q.name_key) < CLOSE_NAME
            ):
                continue
            if (
                p.phone_index
                and q.phone_index
                and p.phone_index != q.phone_index
                and {p.phone_kind, q.phone_kind} != {MOBILE, LANDLINE}
            ):
                return False  # another number (a landline beside a mobile is no other)
            if p.birth_date and q.birth_date and p.birth_date != q.birth_date:
                return False
    return True


def _strong(scored: Scored) -> bool:
    return scored.score >= LINK_AT and scored.identifying


def joins(best: Scored, other: Scored, joined: Sequence[Scored] = ()) -> bool:
    """Whether ``other``'s case (open, or its record) may be folded into ``best``'s by the machine: the
    alert identifies both as firmly as a link asks, nothing recorded sets ``other`` apart
    from ``best`` or from the others joining, no person has worked on its case, and its
    waiting alerts ask about nothing but ``best``'s case (joining answers them)."""
    household = other.household
    return (
        _strong(other)
        and household.case_id is not None
        and household.case_id != best.household.case_id
        and household.settled
        and not household.worked_on
        and household.asks_about <= {best.household.case_id}
        and all(same_household(s.household, household) for s in (best, *joined))
    )


def unsettled(scored: Sequence[Scored]) -> list[HouseholdView]:
    """The households ``decide`` needs to know in full: when an alert identifies more
    than one household firmly, whether their cases may be joined."""
    strong = [s.household for s in scored if _strong(s)]
    return [h for h in strong if not h.settled] if len(strong) > 1 else []


def _may_bridge(incoming: Incoming, other: Scored) -> bool:
    """Whether staff should be asked if ``other`` is the linked household recorded twice.
    Not when ``other`` is at another building than the alert names (the alert's place
    names the household it linked), nor when it fits by the place alone and has people of
    its own (another household of the building: a 다가구's tenants, a complex's flats).
    A household known only by its place (an anonymous report there) is asked about."""
    household = other.household
    if (
        incoming.building_key
        and household.building_key
        and not same_building(incoming.building_key, household.building_key)
    ):
        return False
    if other.person is not None:
        # Someone like the alert's person, unless something sets the two apart (a
        # namesake in another flat of the complex with a mobile of their own).
        return not other.conflict
    # Known only by its place: asked about when the alert is at that very flat (an
    # anonymous report at 101동 1203호), not at a building of unknown flats.
    return not household.persons and other.exact_place and bool(incoming.unit_key)


def _place_only_tie(ranked: Sequence[Scored]) -> bool:
    """The first two candidates fit equally, each by the place alone."""
    return (
        len(ranked) > 1
        and ranked[0].person is None
        and ranked[1].person is None
        and ranked[0].rounded == ranked[1].rounded
    )


def _place_shared(incoming: Incoming, best: Scored, scored: Sequence[Scored]) -> bool:
    """A report naming only a place, at a building where another household is known and
    the place does not single out the first candidate (no 동·호 on both): a 다가구's
    tenants, a complex's flats. Which household it means is a guess."""
    if best.same_flat or not incoming.building_key:
        return False
    building = best.household.building_key
    return same_building(building, incoming.building_key) and any(
        s is not best
        and same_building(s.household.building_key, building)
        and "같은 건물 다른 호수" not in s.reasons
        for s in scored
    )


def _worth_asking(incoming: Incoming, candidate: Scored, scored: Sequence[Scored]) -> bool:
    """Whether staff should be shown ``candidate``: it says something about the person
    (or is a member at the household's flat), or its place singles it out: the same
    flat, or a floor where no other household is known. Being nearby, even at the same
    pin, at a road address without a flat (a house or a 다가구?), or at a building whose
    flat one side does not say, is no reason, and a guess among a 다가구's tenants is
    none."""
    if candidate.identifying:
        return True
    if candidate.person is not None:
        # The name alone, and the place against it or something about the person
        # against it: a namesake at another address nearby, or in another flat with a
        # mobile of their own. (At the very same pin, the address may be written wrong.)
        name_only = not any(r in candidate.reasons for r in ("생년월일 일치", "전화번호 일치"))
        elsewhere = "주소 다름" in candidate.reasons or "같은 건물 다른 호수" in candidate.reasons
        against = (elsewhere and not candidate.same_spot) or (
            candidate.conflict and not candidate.exact_place
        )
        # A common name at a complex whose flat one side does not say: among hundreds of
        # flats, a namesake is as likely as the person.
        common = "이름 일치 (흔한 이름)" in candidate.reasons
        crowd = candidate.place.complex and common
        # The same at a house or small building where another household is known, its flat
        # unsaid: a 다가구's tenants may share a common name (two 김말자), and which one a
        # visit without a phone means is a coin toss.
        shared = (
            common
            and not candidate.same_flat
            and not candidate.place.other_unit
            and any(
                s is not candidate
                and same_building(s.household.building_key, candidate.household.building_key)
                for s in scored
            )
        )
        # The same at a road address without a flat that no carrier has seen: a complex
        # nobody has written a 동-호 of yet looks so (see alone_at_house), and among its
        # hundreds of flats a namesake is as likely as the person.
        unseen = (
            common
            and candidate.same_house
            and not candidate.household.carrier_saw
            and not incoming.by_carrier
        )
        return not (name_only and (against or crowd or shared or unseen))
    if not candidate.exact_place:
        # A pin on the map alone points at a building at best (a neighbour picks it;
        # apartments and 빌라 hold many households at one spot): a guess.
        return False
    if candidate.same_flat:
        return True
    if candidate.same_house:
        # A road address without a flat may be a house or a 다가구 of several households
        # nobody has told apart: which one a report means is a guess.
        return False
    building = candidate.household.building_key
    return not any(
        s is not candidate
        and same_building(s.household.building_key, building)
        and "같은 건물 다른 호수" not in s.reasons
        for s in scored
    )


def decide(incoming: Incoming, scored: Sequence[Scored]) -> Decision:
    # A candidate that is only a place never comes before one that fits the person.
    ranked = (
        sorted(scored, key=lambda s: (not s.about_person, -s.score, s.household.id))
        if len(scored) > 1
        else list(scored)
    )
    ranked = [s for s in ranked if s.score >= REVIEW_AT and _worth_asking(incoming, s, scored)][:3]
    if not ranked:
        return Decision(Outcome.NEW, [])
    best = ranked[0]
    if not incoming.identifies_someone and (
        _place_only_tie(ranked) or _place_shared(incoming, best, scored)
    ):
        # A report naming only a place, at an address several households share with
        # nothing to choose between them (a 다가구 without flats): any first candidate
        # would be a guess. It opens a case of its own; staff can join it by hand.
        return Decision(Outcome.NEW, [])
    if not (_strong(best) and incoming.identifies_someone):
        return Decision(Outcome.REVIEW, ranked)
    merges: list[Scored] = []
    for other in ranked[1:]:
        if joins(best, other, merges):
            merges.append(other)
    others = [s for s in ranked[1:] if s not in merges]
    # Only a household with someone like the alert's person makes the choice ambiguous.
    # One that scores on the place alone (an anonymous report at the same flat) leaves
    # the person found where they are; staff are asked whether the two are one.
    if any(s.score >= best.score - AMBIGUOUS_MARGIN and s.person is not None for s in others):
        return Decision(Outcome.REVIEW, ranked)
    bridges = [s for s in others if _may_bridge(incoming, s)]
    return Decision(Outcome.LINK, ranked[:1], bridges, merges)
