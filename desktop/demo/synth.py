"""Seeded synthetic households and the channel records that report them.

The same seed gives the same households and the same records, byte for byte, so the
demo database, the tests and the benchmarks all stand on one generator. Each record is
written the way its channel writes: Korean headers, addresses and phone numbers in the
channel's own style. ``truth`` keeps which household a record is about, for measuring
linking quality.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from db.enums import Channel
from desktop.demo import gazetteer as gz
from desktop.intake.channels import CHANNELS
from desktop.timeutil import KST


@dataclass(frozen=True)
class SynthPerson:
    name: str
    sex: str  # 남, 여
    birth_date: date
    phone: str  # digits


@dataclass(frozen=True)
class SynthHousehold:
    index: int
    district: gz.District
    dong: str  # 행정동
    road: str
    number: str
    apartment: str | None  # complex name, when an apartment
    unit: tuple[int, int] | None  # (동, 호)
    basement: bool
    lat: float
    lon: float
    household_type: str
    target_group: str
    members: tuple[SynthPerson, ...]

    @property
    def legal_dong(self) -> str:
        """The 법정동 people write in parentheses: 좌1동 → 좌동."""
        return "".join(c for c in self.dong if not c.isdigit())

    @property
    def head(self) -> SynthPerson:
        return self.members[0]


@dataclass(frozen=True)
class SynthRecord:
    channel: Channel
    household: int  # index of the household it is about (the truth)
    raw: dict[str, str]  # Korean header -> text, as the channel writes it

    @property
    def values(self) -> dict[str, str]:
        return {_KEY_BY_HEADER[self.channel][h]: v for h, v in self.raw.items()}


_KEY_BY_HEADER = {c: {f.header: f.key for f in spec.fields} for c, spec in CHANNELS.items()}


class Synth:
    """A deterministic world of households around ``anchor`` (the day 'now' stands for)."""

    def __init__(
        self,
        seed: int = 1,
        *,
        anchor: date | None = None,
        noise: float = 0.0,
        streets: bool = False,
    ) -> None:
        """``streets``: households stand along their roads in the order of their building
        numbers (the demo's map); otherwise anywhere in their dong's strip, as the
        benchmarks' worlds were made (their figures compare across versions)."""
        self.seed = seed
        self.streets = streets
        self.anchor = anchor or date(2026, 11, 20)
        self.noise = noise
        self._rng = random.Random(seed)
        self._phones: set[str] = set()
        self._sequence = {Channel.APP: 0, Channel.AI_CALL: 0, Channel.CARRIER: 0}
        self._surnames = [s for s, _ in gz.SURNAMES]
        self._weights = [w for _, w in gz.SURNAMES]

    # -- households ------------------------------------------------------------------

    def _name(self) -> str:
        rng = self._rng
        surname = rng.choices(self._surnames, self._weights)[0]
        return surname + rng.choice(gz.GIVEN_FIRST) + rng.choice(gz.GIVEN_SECOND)

    def _phone(self) -> str:
        rng = self._rng
        while True:
            phone = f"010{rng.randrange(2000, 9999):04d}{rng.randrange(0, 10000):04d}"
            if phone not in self._phones:
                self._phones.add(phone)
                return phone

    def _person(self, min_age: int, max_age: int) -> SynthPerson:
        rng = self._rng
        age = rng.randint(min_age, max_age)
        born = self.anchor - timedelta(days=age * 365 + rng.randrange(365))
        return SynthPerson(self._name(), rng.choice("남여"), born, self._phone())

    def households(self, count: int) -> list[SynthHousehold]:
        rng = self._rng
        result: list[SynthHousehold] = []
        # Several households share a building, as in life: blocks of flats and 빌라.
        while len(result) < count:
            district = rng.choice(gz.DISTRICTS)
            dong = rng.choice(district.dongs)
            # Where the dong is: its roads (or its stretch of the shared main road) and
            # its strip of the district (see gazetteer.territory), as in life.
            road, main = gz.road_in(district, dong, rng.choice(district.roads))
            if rng.random() < 0.15:
                road = f"{road}{rng.randrange(10, 400, 2)}번길"
            first, last = gz.numbers_on(district, dong, main)
            number = str(first + rng.randrange(1, 300) % (last - first + 1))
            if rng.random() < 0.1:
                number += f"-{rng.randrange(1, 20)}"
            lat = district.lat + rng.uniform(-0.02, 0.02)
            lon = gz.lon_in(district, dong, rng.uniform(0.0, 1.0))
            if self.streets:  # the same draws either way: the rest of the world is alike
                lat, lon = gz.on_road(district, dong, road, number)
            is_apartment = rng.random() < 0.45
            apartment = f"{rng.choice(gz.APARTMENT_WORDS)}아파트" if is_apartment else None
            in_building = rng.choice((1, 1, 2, 3, 5)) if is_apartment else rng.choice((1, 1, 2))
            for _ in range(min(in_building, count - len(result))):
                kind = rng.choices(
                    ("1인가구", "노인가구", "한부모", "조손", "장애인가구", "기타"),
                    (45, 20, 10, 7, 8, 10),
                )[0]
                members: tuple[SynthPerson, ...]
                if kind == "조손":
                    members = (self._person(65, 85), self._person(7, 16))
                elif kind == "한부모":
                    members = (self._person(28, 50), self._person(3, 17))
                elif kind == "노인가구":
                    members = (self._person(65, 92), self._person(65, 90))
                else:
                    members = (self._person(20, 88),)
                target = {"1인가구": "중장년1인가구", "조손": "조손가구"}.get(kind, "기타")
                if kind == "1인가구" and members[0].birth_date > self.anchor - timedelta(
                    days=365 * 35
                ):
                    target = "고립청년"
                unit = (
                    (rng.randrange(101, 112), rng.randrange(1, 25) * 100 + rng.randrange(1, 9))
                    if is_apartment
                    else None
                )
                result.append(
                    SynthHousehold(
                        index=len(result),
                        district=district,
                        dong=dong,
                        road=road,
                        number=number,
                        apartment=apartment,
                        unit=unit,
                        basement=not is_apartment and rng.random() < 0.2,
                        lat=round(lat + rng.uniform(-0.0002, 0.0002), 6),
                        lon=round(lon + rng.uniform(-0.0002, 0.0002), 6),
                        household_type=kind,
                        target_group=target,
                        members=members,
                    )
                )
        return result

    # -- how channels write things ---------------------------------------------------

    def _phone_text(self, digits: str) -> str:
        style = self._rng.randrange(4)
        if style == 0:
            return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
        if style == 1:
            return digits
        if style == 2:
            return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
        return f"+82 {digits[1:3]}-{digits[3:7]}-{digits[7:]}"

    def _moment(self, days_back: int) -> datetime:
        rng = self._rng
        day = self.anchor - timedelta(days=days_back)
        return datetime(
            day.year, day.month, day.day, rng.randrange(8, 21), rng.randrange(60), tzinfo=KST
        )

    def _moment_text(self, moment: datetime) -> str:
        style = self._rng.randrange(4)
        if style == 0:
            return moment.strftime("%Y-%m-%d %H:%M")
        if style == 1:
            return moment.strftime("%Y.%m.%d %H:%M:%S")
        if style == 2:
            return moment.strftime("%Y/%m/%d %H:%M")
        return moment.strftime("%Y-%m-%dT%H:%M:%S+09:00")

    def _unit_text(self, h: SynthHousehold, style: int) -> str:
        if h.unit:
            return f"{h.unit[0]}동 {h.unit[1]}호" if style != 1 else f"{h.unit[0]}-{h.unit[1]}"
        if h.basement:
            return "지하 1층" if style != 1 else "B1"
        return ""

    def address_text(self, h: SynthHousehold, style: int) -> tuple[str, str]:
        """(주소, 상세주소) in one of the three ways the channels write addresses."""
        unit = self._unit_text(h, style)
        if style == 0:
            return f"부산광역시 {h.district.gu} {h.road} {h.number}", unit
        if style == 1:
            return f"부산 {h.district.gu} {h.road}{h.number} {unit}".strip(), ""
        place = f"({h.legal_dong}, {h.apartment})" if h.apartment else f"({h.legal_dong})"
        return f"{h.district.gu} {h.road} {h.number} {place} {unit}".strip(), ""

    def _noisy_name(self, name: str) -> str:
        if self.noise and self._rng.random() < self.noise * 0.15:
            # A typing slip in the given name: one syllable swapped for a similar one.
            swap = {
                "준": "존",
                "민": "면",
                "서": "소",
                "현": "헌",
                "영": "용",
                "수": "슈",
                "희": "히",
                "진": "지",
                "우": "오",
                "연": "윤",
            }
            for i in range(len(name) - 1, 0, -1):
                if name[i] in swap:
                    return name[:i] + swap[name[i]] + name[i + 1 :]
        return name

    # -- records -----------------------------------------------------------------------

    def records(self, households: list[SynthHousehold]) -> Iterator[SynthRecord]:
        """Every channel's records about ``households``, in time order within a household."""
        rng = self._rng
        seq = self._sequence  # source ids stay unique across calls
        for h in households:
            channels: list[Channel] = []
            if rng.random() < 0.45:
                channels.append(Channel.APP)
            if rng.random() < 0.45:
                channels.extend([Channel.AI_CALL] * rng.choice((1, 1, 2, 3)))
            if h.target_group != "기타" and rng.random() < 0.6:
                channels.extend([Channel.CARRIER] * rng.choice((1, 2, 3)))
            if not channels:
                channels.append(rng.choice((Channel.APP, Channel.AI_CALL, Channel.CARRIER)))
            days = sorted((rng.randrange(0, 120) for _ in channels), reverse=True)
            for channel, back in zip(channels, days, strict=True):
                seq[channel] += 1
                if channel is Channel.APP:
                    yield SynthRecord(channel, h.index, self._app(h, seq[channel], back))
                elif channel is Channel.AI_CALL:
                    yield SynthRecord(channel, h.index, self._call(h, seq[channel], back))
                else:
                    yield SynthRecord(channel, h.index, self._visit(h, seq[channel], back))

    def bigdata_round(
        self,
        households: list[SynthHousehold],
        *,
        notified: date,
        due: date,
        share: float = 0.15,
    ) -> Iterator[SynthRecord]:
        """One round of the national big-data list (복지사각지대 발굴대상자) about some of
        ``households``: a person the data flags (arrears, cut-off utilities …), named and
        born as the registers know them, with the address as registered. Drawn from its own
        random stream, so the other channels' records stay as they were."""
        rng = random.Random(f"{self.seed}-bigdata-{notified.isoformat()}")
        number = (notified.month + 1) // 2
        round_name = f"{notified.year}-{number}차"
        for h in households:
            if rng.random() >= share:
                continue
            person = rng.choice(h.members)
            info = rng.sample(_CRISIS_INFO, rng.choice((1, 1, 2, 2, 3)))
            address, detail = self.address_text(h, 0)
            yield SynthRecord(
                Channel.BIGDATA,
                h.index,
                {
                    "관리번호": f"BD{notified:%Y%m}-{self.seed:02d}{h.index:06d}",
                    "발굴차수": round_name,
                    "통보일": notified.strftime(rng.choice(("%Y-%m-%d", "%Y.%m.%d", "%Y%m%d"))),
                    "조사기한": due.strftime("%Y-%m-%d"),
                    "대상자명": person.name,
                    "생년월일": person.birth_date.strftime("%Y%m%d"),
                    "성별": person.sex,
                    "연락처": self._phone_text(person.phone) if rng.random() < 0.6 else "",
                    "주소": address,
                    "상세주소": detail,
                    "위기정보": ",".join(info),
                    "가구유형": h.household_type if rng.random() < 0.5 else "",
                },
            )

    def _app(self, h: SynthHousehold, n: int, back: int) -> dict[str, str]:
        rng = self._rng
        anonymous = rng.random() < 0.35
        knows_name = rng.random() < 0.5
        address, detail = self.address_text(h, 0)
        with_address = rng.random() < 0.8
        crisis = rng.sample(_CRISIS, rng.choice((1, 1, 2, 3)))
        urgent = "자살위험" in crisis or rng.random() < 0.05
        age = (self.anchor.year - h.head.birth_date.year) // 10 * 10
        band = "90대 이상" if age >= 90 else f"{max(age, 10)}대"
        return {
            "신고번호": f"R{self.anchor.year}-{self.seed:02d}{n:07d}",
            "신고일시": self._moment_text(self._moment(back)),
            "신고자구분": "익명" if anonymous else rng.choice(("이웃", "가족", "지인", "기관")),
            "신고자명": "" if anonymous else self._name(),
            "신고자연락처": "" if anonymous else self._phone_text(self._phone()),
            "대상자명": self._noisy_name(h.head.name) if knows_name else "",
            "대상자성별": h.head.sex if rng.random() < 0.8 else "미상",
            "대상자연령대": band if rng.random() < 0.8 else "미상",
            "주소": address if with_address else "",
            "상세주소": detail if with_address else "",
            "위도": f"{h.lat:.6f}",
            "경도": f"{h.lon:.6f}",
            "위기유형": ",".join(crisis),
            "가구유형": h.household_type if rng.random() < 0.7 else "",
            "상황설명": rng.choice(gz.CRISIS_DESCRIPTIONS),
            "긴급여부": "Y" if urgent else "N",
        }

    def _call(self, h: SynthHousehold, n: int, back: int) -> dict[str, str]:
        rng = self._rng
        person = h.head
        result = rng.choices(("연결", "미응답", "거절", "결번"), (70, 22, 6, 2))[0]
        connected = result == "연결"

        def yn(p: float) -> str:
            return ("Y" if rng.random() < p else "N") if connected else ""

        address, _ = self.address_text(h, 1)
        birth = person.birth_date
        birth_text = birth.strftime("%y%m%d") if rng.random() < 0.5 else birth.isoformat()
        return {
            "상담ID": f"AI-{self.seed:02d}{n:08d}",
            "통화일시": self._moment_text(self._moment(back)),
            "대상자명": self._noisy_name(person.name),
            "연락처": self._phone_text(person.phone),
            "생년월일": birth_text if rng.random() < 0.7 else "",
            "주소": address if rng.random() < 0.6 else "",
            "통화결과": result,
            "건강상태": rng.choice(("양호", "보통", "나쁨")) if connected else "",
            "식사": rng.choice(("규칙적", "불규칙", "결식")) if connected else "",
            "경제적어려움": yn(0.4),
            "주거문제": yn(0.2),
            "고용문제": yn(0.25),
            "고립감": yn(0.35),
            "도움요청": yn(0.3),
            "추가상담희망": yn(0.3),
            "AI위험도": (
                str(rng.randrange(0, 101)) if rng.random() < 0.7 else rng.choice(("상", "중", "하"))
            )
            if connected
            else "",
            "상담요약": rng.choice(gz.CALL_SUMMARIES) if connected else "",
        }

    def _visit(self, h: SynthHousehold, n: int, back: int) -> dict[str, str]:
        rng = self._rng
        person = h.head
        address, detail = self.address_text(h, 2)
        observations = rng.sample(_OBSERVATIONS, rng.choice((1, 1, 2)))
        if rng.random() < 0.5:
            observations = ["이상없음"]
        suspected = any(o != "이상없음" for o in observations) and rng.random() < 0.6
        day = self.anchor - timedelta(days=back)
        return {
            "방문ID": f"V{self.seed:02d}{n:08d}",
            "방문일자": day.strftime(rng.choice(("%Y-%m-%d", "%Y.%m.%d", "%Y%m%d"))),
            "집배원": self._name(),
            "우체국": f"{h.district.gu[:-1]}우체국",
            "대상자명": self._noisy_name(person.name),
            "연락처": self._phone_text(person.phone) if rng.random() < 0.6 else "",
            "대상구분": h.target_group,
            "주소": address,
            "상세주소": detail,
            "대면여부": rng.choice(("Y", "N")),
            "전달물품": rng.choice(("종량제봉투", "종량제봉투, 생필품", "생필품")),
            "관찰사항": ",".join(observations),
            "위기의심": "Y" if suspected else "N",
            "특이사항": rng.choice(gz.CARRIER_NOTES),
        }


_CRISIS = ["경제", "건강", "주거", "고립", "돌봄", "고용", "체납", "단전단수", "자살위험", "기타"]
# What the national data flags most (arrears far more often than a cut-off).
_CRISIS_INFO = [
    "건강보험료체납", "건강보험료체납", "공동주택관리비체납", "통신비체납", "통신비체납",
    "전기요금체납", "수도요금체납", "가스요금체납", "국민연금체납", "금융연체", "고용위기",
    "휴폐업", "의료위기", "재난적의료비", "단전", "단수", "세대주사망", "공공임대료체납",
]  # fmt: skip
_OBSERVATIONS = ["우편물적체", "인기척없음", "건강악화의심", "위생불량", "단전단수징후", "도움요청"]
