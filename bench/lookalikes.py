"""Look-alike households for the linking bench: the places where one case per household is
hard, written from what the field reports (issue 21), not from the linker's rules.

Each family is a small scene with its truth (which records are one household):
  unit_in_line   one person in a flat of a large complex; one channel writes the unit in
                 the address line (``충렬대로291, 108-505``), one in 상세주소, one not at all
  members        a household of several people: a grandmother's call under the landline
                 and her grandchild's carrier visit with the same landline; husband and wife
                 at one flat sharing the landline; a parent and an adult child
  movers         the same person (name, phone, birth date) at a new address is one
                 household; the old flat's new tenant is another
  complex        the same common name in two 동 of one complex: two households
  dagagu         a 다가구 house: 3–6 households behind one road address, units written as
                 2층 왼쪽, 옥탑, 반지하 or not at all, sometimes two tenants of one name
  neighbour      the same name 40 m away: two households
  recycled       a number on the call list that now belongs to someone else: same phone,
                 another name, 40 years apart: two households
  parent_phone   a parent's mobile on an adult child's record (the child lives elsewhere):
                 two households
  namesake_tenants  a 다가구 with two tenants of one common name among its others, flats
                 written as a bare floor (2층) or not at all, a carrier's visit now and
                 then without a phone, a neighbour's report naming the name at the house
  complex_report the same common name in two 동 of one complex; a report names it at the
                 complex without the flat, about the household whose call had no address
  shared_floor   two flats on one floor of a 다가구, both written 2층; a report of the
                 floor with no name

Records are written the way the channels write them (Korean headers, their own address and
phone styles); the generator is seeded, so a run is repeatable.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

from db.enums import Channel
from desktop.demo.synth import SynthRecord

# (구, roads) of Busan; numbers and complexes are made up.
PLACES = (
    ("동래구", ("충렬대로", "명륜로", "온천장로", "금강로", "안락로")),
    ("부산진구", ("중앙대로", "전포대로", "가야대로", "동평로", "새싹로")),
    ("해운대구", ("해운대로", "좌동순환로", "양운로", "재반로", "반여로")),
    ("수영구", ("수영로", "광안로", "망미로", "연수로", "남천바다로")),
    ("사하구", ("낙동대로", "다대로", "하신번영로", "감천로", "장림로")),
    ("금정구", ("중앙대로", "서동로", "금샘로", "부곡로", "구서로")),
)
COMMON = ("김영수", "이순자", "김말자", "박영희", "이영호", "김정숙", "최순덕", "정영자")
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = "영순정미경수민지현숙자희호철성진옥말덕남"
COMPLEX = ("현대", "삼익", "롯데캐슬", "래미안", "e편한세상", "벽산", "우성", "한신")


@dataclass
class _World:
    rng: random.Random
    anchor: date
    records: list[SynthRecord] = field(default_factory=list)
    household: int = 0
    serial: int = 0
    phones: set[str] = field(default_factory=set)
    buildings: set[tuple[str, str]] = field(default_factory=set)

    def new_household(self) -> int:
        self.household += 1
        return self.household

    def name(self) -> str:
        r = self.rng
        return r.choice(SURNAMES) + r.choice(GIVEN) + r.choice(GIVEN)

    def relative(self, of: str) -> str:
        """A family member's name: the surname of ``of`` (a child's, a grandchild's), the
        given name sharing no syllable with it (parents and children rarely do)."""
        while True:
            name = of[0] + self.rng.choice(GIVEN) + self.rng.choice(GIVEN)
            if not set(name[1:]) & set(of[1:]):
                return name

    def _unused(self, prefix: str, low: int, high: int) -> str:
        while True:
            phone = f"{prefix}{self.rng.randrange(low, high)}"
            if phone not in self.phones:
                self.phones.add(phone)
                return phone

    def mobile(self) -> str:
        return self._unused("010", 10_000_000, 99_999_999)

    def landline(self) -> str:
        return self._unused("051", 2_000_000, 9_999_999)

    def born(self, low: int, high: int) -> date:
        return self.anchor - timedelta(
            days=365 * self.rng.randint(low, high) + self.rng.randrange(365)
        )

    def building(self, also: int = 0) -> tuple[str, str, float, float]:
        """(구, road and number, lat, lon) of a new building: no other scene's (and, with
        ``also``, the numbers up to ``also`` above it are no other scene's either)."""
        while True:
            gu, roads = self.rng.choice(PLACES)
            street, number = self.rng.choice(roads), self.rng.randrange(2, 900)
            wanted = {(gu, f"{street} {number + step}") for step in range(also + 1)}
            if not wanted & self.buildings:
                break
        self.buildings |= wanted
        lat = 35.08 + self.rng.random() * 0.17
        lon = 128.95 + self.rng.random() * 0.2
        return gu, f"{street} {number}", lat, lon

    # -- how each channel writes ------------------------------------------------------

    def _id(self, prefix: str) -> str:
        self.serial += 1
        return f"{prefix}{self.serial:07d}"

    def _when(self) -> str:
        day = self.anchor - timedelta(days=self.rng.randrange(1, 120))
        return f"{day.isoformat()} {self.rng.randrange(9, 18):02d}:{self.rng.randrange(60):02d}"

    def _phone_text(self, digits: str) -> str:
        style = self.rng.randrange(3)
        head, rest = digits[:3], digits[3:]
        middle, last = rest[:-4], rest[-4:]
        return (f"{head}-{middle}-{last}", digits, f"{head} {middle} {last}")[style]

    def call(self, truth: int, name: str, phone: str, born: date | None, address: str) -> None:
        self.records.append(
            SynthRecord(
                Channel.AI_CALL,
                truth,
                {
                    "상담ID": self._id("LA-AI-"),
                    "통화일시": self._when(),
                    "대상자명": name,
                    "연락처": self._phone_text(phone),
                    "생년월일": born.strftime("%y%m%d") if born else "",
                    "주소": address,
                    "통화결과": self.rng.choice(("연결", "연결", "미응답")),
                    "상담요약": "",
                },
            )
        )

    def visit(self, truth: int, name: str, phone: str | None, address: str, detail: str) -> None:
        self.records.append(
            SynthRecord(
                Channel.CARRIER,
                truth,
                {
                    "방문ID": self._id("LA-V-"),
                    "방문일자": self._when()[:10],
                    "대상자명": name,
                    "연락처": self._phone_text(phone) if phone else "",
                    "주소": address,
                    "상세주소": detail,
                    "관찰사항": self.rng.choice(("우편물적체", "이상없음", "인기척없음")),
                    "위기의심": self.rng.choice(("Y", "N")),
                },
            )
        )

    def report(
        self, truth: int, name: str, address: str, detail: str, lat: float, lon: float
    ) -> None:
        self.records.append(
            SynthRecord(
                Channel.APP,
                truth,
                {
                    "신고번호": self._id("LA-R-"),
                    "신고일시": self._when(),
                    "신고자구분": "이웃",
                    "대상자명": name,
                    "주소": address,
                    "상세주소": detail,
                    "위도": f"{lat:.6f}",
                    "경도": f"{lon:.6f}",
                    "위기유형": self.rng.choice(("고립", "경제", "건강, 고립")),
                },
            )
        )


def _unit_in_line(w: _World) -> None:
    gu, road, _lat, _lon = w.building()
    dong, ho = w.rng.randrange(101, 115), w.rng.randrange(1, 25) * 100 + w.rng.randrange(1, 9)
    truth, name, phone = w.new_household(), w.name(), w.mobile()
    full = f"부산광역시 {gu} {road}"
    w.visit(truth, name, phone, full, f"{dong}동 {ho}호")
    w.call(truth, name, phone, w.born(60, 85), f"{gu} {road.replace(' ', '')}, {dong}-{ho}")
    w.visit(truth, name, None, f"{road} {COMPLEX[dong % len(COMPLEX)]}아파트", "")


def _members(w: _World) -> None:
    gu, road, lat, lon = w.building()
    address = f"부산광역시 {gu} {road}"
    detail = f"{w.rng.randrange(1, 5)}층"
    truth, landline = w.new_household(), w.landline()
    kind = w.rng.randrange(3)
    elder = w.name()
    if kind == 0:  # grandmother and grandchild
        w.call(truth, elder, landline, w.born(75, 90), address)
        w.visit(truth, w.relative(elder), landline, address, detail)
    elif kind == 1:  # husband and wife, the landline shared, a mobile each
        w.call(truth, elder, landline, w.born(65, 80), address)
        w.call(truth, w.name(), landline, w.born(65, 80), address)
        w.visit(truth, elder, w.mobile(), address, detail)
    else:  # a parent and an adult child at one flat
        w.call(truth, elder, landline, w.born(70, 85), address)
        w.visit(truth, w.relative(elder), landline, address, detail)
        w.report(truth, "", address, detail, lat, lon)


def _movers(w: _World) -> None:
    gu, old_road, _, _ = w.building()
    gu2, new_road, _lat, _lon = w.building()
    mover, name, phone, born = w.new_household(), w.name(), w.mobile(), w.born(40, 80)
    w.call(mover, name, phone, born, f"부산광역시 {gu} {old_road}")
    w.call(mover, name, phone, born, f"부산광역시 {gu2} {new_road}")
    w.visit(mover, name, phone, f"{gu2} {new_road}", "")
    tenant = w.new_household()  # the old flat's new tenant
    w.visit(tenant, w.name(), w.mobile(), f"부산광역시 {gu} {old_road}", "")


def _complex(w: _World) -> None:
    gu, road, _lat, _lon = w.building()
    name = w.rng.choice(COMMON)
    for dong in w.rng.sample(range(101, 120), 2):
        truth, phone = w.new_household(), w.mobile()
        detail = f"{dong}동 {w.rng.randrange(1, 20) * 100 + w.rng.randrange(1, 6)}호"
        w.visit(truth, name, phone, f"부산광역시 {gu} {road}", detail)
        w.call(truth, name, phone, w.born(60, 85), f"{gu} {road}")


def _dagagu(w: _World) -> None:
    gu, road, lat, lon = w.building()
    address = f"부산광역시 {gu} {road}"
    units = w.rng.sample(
        ["1층", "2층 왼쪽", "2층 오른쪽", "옥탑", "반지하", "3층"], w.rng.randint(3, 6)
    )
    twin = w.rng.choice(COMMON) if w.rng.random() < 0.4 else None
    for position, unit in enumerate(units):
        truth = w.new_household()
        name = twin if twin and position < 2 else w.name()
        phone = w.mobile()
        w.visit(truth, name, phone, address, unit if w.rng.random() < 0.7 else "")
        w.call(truth, name, phone, w.born(55, 85), address)
        if w.rng.random() < 0.3:  # a neighbour's report: the place and no name
            w.report(truth, "", address, "", lat, lon)


def _neighbour(w: _World) -> None:
    gu, road, lat, lon = w.building(also=2)
    street, number = road.rsplit(" ", 1)
    name = w.rng.choice(COMMON)
    for step in (0, 2):  # two houses about 40 m apart on one street
        truth, phone = w.new_household(), w.mobile()
        address = f"부산광역시 {gu} {street} {int(number) + step}"
        w.visit(truth, name, phone, address, "")
        w.report(truth, name, address, "", lat + step * 0.00018, lon)


def _recycled(w: _World) -> None:
    phone = w.mobile()
    for low, high in ((78, 88), (30, 40)):  # the number's old owner and its new one
        gu, road, _, _ = w.building()
        truth = w.new_household()
        w.call(truth, w.name(), phone, w.born(low, high), f"부산광역시 {gu} {road}")


def _parent_phone(w: _World) -> None:
    gu, road, _, _ = w.building()
    parent, phone, name = w.new_household(), w.mobile(), w.name()
    w.call(parent, name, phone, w.born(70, 85), f"부산광역시 {gu} {road}")
    gu2, road2, _, _ = w.building()
    child = w.new_household()
    w.visit(child, w.relative(name), phone, f"부산광역시 {gu2} {road2}", "")


def _namesake_tenants(w: _World) -> None:
    gu, road, lat, lon = w.building()
    address = f"부산광역시 {gu} {road}"
    name = w.rng.choice(COMMON)
    floors = ["1층", "2층", "3층", "반지하"]
    first = w.rng.choice(floors)
    second = first if w.rng.random() < 0.5 else w.rng.choice(floors)  # one floor, two flats
    twins = []
    for floor in (first, second):
        truth, phone = w.new_household(), w.mobile()
        twins.append(truth)
        unit = floor if w.rng.random() < 0.6 else ""
        w.visit(truth, name, phone if w.rng.random() < 0.6 else None, address, unit)
        w.call(truth, name, phone, w.born(60, 85), address)
    for _ in range(w.rng.randint(1, 3)):  # the house's other tenants
        truth, phone, other = w.new_household(), w.mobile(), w.name()
        w.visit(truth, other, phone, address, w.rng.choice(("", "옥탑", "2층 오른쪽")))
        w.call(truth, other, phone, w.born(40, 85), address)
    if w.rng.random() < 0.5:  # a neighbour names the name at the house, no flat
        w.report(w.rng.choice(twins), name, address, "", lat, lon)


def _complex_report(w: _World) -> None:
    gu, road, lat, lon = w.building()
    name = w.rng.choice(COMMON)
    known, phone = w.new_household(), w.mobile()
    dong = w.rng.randrange(101, 120)
    detail = f"{dong}동 {w.rng.randrange(1, 20) * 100 + w.rng.randrange(1, 6)}호"
    w.visit(known, name, phone, f"부산광역시 {gu} {road}", detail)
    w.call(known, name, phone, w.born(60, 85), f"{gu} {road}")
    other = w.new_household()  # of another 동: its call has no address
    w.call(other, name, w.mobile(), w.born(60, 85), "")
    w.report(other, name, f"부산광역시 {gu} {road}", "", lat, lon)


def _shared_floor(w: _World) -> None:
    gu, road, lat, lon = w.building()
    address = f"부산광역시 {gu} {road}"
    households = []
    for _ in range(2):
        truth, phone, name = w.new_household(), w.mobile(), w.name()
        households.append(truth)
        w.visit(truth, name, phone, address, "2층")
        w.call(truth, name, phone, w.born(55, 85), address)
    w.report(w.rng.choice(households), "", address, "2층", lat, lon)


FAMILIES = (
    _unit_in_line,
    _members,
    _movers,
    _complex,
    _dagagu,
    _neighbour,
    _recycled,
    _parent_phone,
    _namesake_tenants,
    _complex_report,
    _shared_floor,
)


def lookalikes(scenes: int, seed: int = 21, anchor: date | None = None) -> Iterator[SynthRecord]:
    """``scenes`` scenes, the families in turn; every record with its household's truth."""
    world = _World(random.Random(seed), anchor or date(2026, 11, 20))
    for number in range(scenes):
        FAMILIES[number % len(FAMILIES)](world)
    order = list(world.records)
    world.rng.shuffle(order)  # files arrive in no household order
    yield from order
