"""Real Busan districts, 행정동 and road names for synthetic data.

Coordinates are each 구's approximate centre; generated points are scattered around it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass


@dataclass(frozen=True)
class District:
    gu: str
    code: str  # first digits of the 행정기관코드
    lat: float
    lon: float
    dongs: tuple[str, ...]
    roads: tuple[str, ...]


DISTRICTS: tuple[District, ...] = (
    District(
        "해운대구",
        "26350",
        35.1631,
        129.1636,
        ("좌1동", "좌2동", "중1동", "우1동", "반여1동", "송정동"),
        (
            "좌동로",
            "좌동순환로",
            "해운대로",
            "달맞이길",
            "반송로",
            "재반로",
            "송정중앙로",
            "센텀중앙로",
        ),
    ),
    District(
        "부산진구",
        "26230",
        35.1630,
        129.0532,
        ("부전1동", "전포1동", "양정1동", "개금1동", "당감1동", "범천1동"),
        ("중앙대로", "전포대로", "가야대로", "새싹로", "동평로", "당감로", "범일로", "서면로"),
    ),
    District(
        "북구",
        "26320",
        35.1972,
        128.9903,
        ("구포1동", "덕천1동", "만덕1동", "화명1동", "금곡동"),
        ("구포만세길", "덕천로", "만덕대로", "화명대로", "금곡대로", "낙동대로"),
    ),
    District(
        "사상구",
        "26530",
        35.1527,
        128.9911,
        ("괘법동", "주례1동", "학장동", "엄궁동", "모라1동", "덕포1동"),
        ("사상로", "주례로", "학장로", "엄궁로", "모라로", "새벽로"),
    ),
    District(
        "수영구",
        "26500",
        35.1456,
        129.1131,
        ("광안1동", "남천1동", "망미1동", "민락동", "수영동"),
        ("광안해변로", "수영로", "망미번영로", "민락본동로", "광남로"),
    ),
    District(
        "서구",
        "26140",
        35.0979,
        129.0242,
        ("동대신1동", "서대신1동", "남부민1동", "암남동", "아미동"),
        ("대영로", "구덕로", "충무대로", "암남공원로", "감천로"),
    ),
    District(
        "동래구",
        "26260",
        35.2049,
        129.0837,
        ("온천1동", "사직1동", "명륜동", "안락1동", "명장1동"),
        ("충렬대로", "명륜로", "사직로", "온천장로", "안락로"),
    ),
    District(
        "기장군",
        "26710",
        35.2445,
        129.2222,
        ("기장읍", "정관읍", "일광읍"),
        ("기장대로", "정관로", "차성로"),
    ),
)

# -- where each 행정동 is, so that the demo's territory rules place its records -------------
# A district's bounding box (its centre ± these) is cut into one strip of longitude per
# 행정동; its first road runs through every dong, each dong holding a stretch of building
# numbers; the other roads belong to one dong each.
HALF_LAT = 0.02
HALF_LON = 0.025
MAIN_ROAD_NUMBERS = 299  # building numbers 1..299 on the main road, split between dongs


def road_in(district: District, dong: str, drawn: str) -> tuple[str, bool]:
    """The road a household of ``dong`` lives on, from a road drawn from the district's:
    (road, whether it is the district's main road)."""
    if drawn == district.roads[0]:
        return drawn, True
    own = roads_of(district, dong)
    if not own:
        return district.roads[0], True
    return own[district.roads.index(drawn) % len(own)], False


def roads_of(district: District, dong: str) -> list[str]:
    """The roads (other than the main one) that lie wholly in ``dong``."""
    index = district.dongs.index(dong)
    return [r for i, r in enumerate(district.roads[1:]) if i % len(district.dongs) == index]


def numbers_on(district: District, dong: str, main: bool) -> tuple[int, int]:
    """The building numbers of ``dong``: its stretch of the main road, or all of its own."""
    if not main:
        return 1, MAIN_ROAD_NUMBERS
    share = MAIN_ROAD_NUMBERS // len(district.dongs)
    index = district.dongs.index(dong)
    last = MAIN_ROAD_NUMBERS if index == len(district.dongs) - 1 else (index + 1) * share
    return index * share + 1, last


def strip(district: District, dong: str) -> tuple[float, float]:
    """The dong's strip of longitude."""
    width = 2 * HALF_LON / len(district.dongs)
    west = district.lon - HALF_LON + district.dongs.index(dong) * width
    return west, west + width


def lon_in(district: District, dong: str, fraction: float) -> float:
    west, east = strip(district, dong)
    return west + fraction * (east - west)


_BRANCH = re.compile(r"^(.+?(?:로|길))(\d+)번길$")
SIDE = 0.00008  # the two sides of a road, about 8 m from its middle


def on_road(district: District, dong: str, road: str, number: str) -> tuple[float, float]:
    """Where building ``number`` of ``road`` stands in ``dong`` (latitude, longitude), as a
    road address numbers buildings: by their distance along the road, odd on one side and
    even on the other. The district's main road runs west to east through every dong
    (each holding its stretch of numbers), a dong's own roads south to north within its
    strip, and a 번길 leaves its road at the building its number names."""
    main_number = int(number.split("-", 1)[0])
    side = SIDE if main_number % 2 else -SIDE
    west, east = strip(district, dong)
    south, north = district.lat - HALF_LAT * 0.95, district.lat + HALF_LAT * 0.95
    branch = _BRANCH.match(road)
    base = branch[1] if branch else road
    at = int(branch[2]) if branch else main_number
    if base == district.roads[0]:
        first, last = numbers_on(district, dong, True)
        at = min(max(at, first), last)
        lon = west + (at - first + 0.5) / (last - first + 1) * (east - west)
        overall = (lon - (district.lon - HALF_LON)) / (2 * HALF_LON)
        lat = district.lat + 0.005 * math.sin(2 * math.pi * overall)
        if not branch:
            return lat + side, lon
        # A 번길 of the main road runs north or south (by its side), 4 m a number.
        reach = min(main_number * 0.000036, HALF_LAT * 0.9)
        lat = lat + reach if (at // 2) % 2 == 0 else lat - reach
        return min(max(lat, south), north), lon + side
    own = roads_of(district, dong)
    lane = own.index(base) if base in own else 0
    lon = west + (lane + 1) / (len(own) + 1) * (east - west)
    lat = south + (min(max(at, 1), MAIN_ROAD_NUMBERS) - 0.5) / MAIN_ROAD_NUMBERS * (north - south)
    if not branch:
        return lat, lon + side
    # A 번길 of a dong's own road runs east or west (by its side), within the dong.
    reach = min(main_number * 0.000015, (east - west) * 0.45)
    lon = lon + reach if (at // 2) % 2 == 0 else lon - reach
    margin = (east - west) * 0.03
    return lat + side, min(max(lon, west + margin), east - margin)


def boundary(district: District, dong: str) -> dict[str, object]:
    """The dong's boundary as a GeoJSON polygon (WGS84; a little margin at the district's
    outer edges, where the generator scatters households a few metres)."""
    west, east = strip(district, dong)
    margin = 0.0005
    if dong == district.dongs[0]:
        west -= margin
    if dong == district.dongs[-1]:
        east += margin
    south, north = district.lat - HALF_LAT - margin, district.lat + HALF_LAT + margin
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def centre_code(district: District, dong: str) -> str:
    """A 행정기관코드 of the real form: the 구·군's five digits, then the dong's."""
    return f"{district.code}{510 + 10 * district.dongs.index(dong):03d}00"


SURNAMES: tuple[tuple[str, int], ...] = (
    ("김", 215),
    ("이", 147),
    ("박", 84),
    ("최", 47),
    ("정", 44),
    ("강", 24),
    ("조", 21),
    ("윤", 21),
    ("장", 20),
    ("임", 17),
    ("한", 15),
    ("오", 15),
    ("서", 15),
    ("신", 14),
    ("권", 14),
    ("황", 14),
    ("안", 14),
    ("송", 13),
    ("류", 12),
    ("전", 11),
    ("홍", 11),
    ("고", 9),
    ("문", 9),
    ("양", 8),
    ("손", 8),
    ("배", 8),
    ("백", 8),
    ("허", 7),
    ("유", 7),
    ("남", 6),
    ("심", 5),
    ("노", 5),
    ("하", 5),
    ("곽", 4),
    ("성", 4),
    ("차", 4),
    ("주", 4),
)

GIVEN_FIRST = tuple("민서지현수영은준성하도예윤승주재정경상동태혜미순옥영정말숙자")
GIVEN_SECOND = tuple("준우호민서연아진희수영현윤빈원석철훈자순숙옥희남례")

APARTMENT_WORDS = ("그린", "푸른", "삼익", "현대", "대우", "롯데", "주공", "한신", "벽산", "동원")

CRISIS_DESCRIPTIONS = (
    "현관 앞에 신문과 우편물이 일주일째 쌓여 있습니다.",
    "관리비와 가스비 체납 독촉장이 문에 붙어 있어요.",
    "할머니 혼자 사시는데 요즘 통 나오지 않으십니다.",
    "밤마다 술병이 쌓이고 고함 소리가 들립니다.",
    "아이들만 있는 것 같은데 어른을 본 지 오래입니다.",
    "전기가 끊긴 것 같아요. 밤에 불이 안 켜집니다.",
    "며칠째 못 먹어서 기운이 없다고 하셨습니다.",
    "쓰러져 계신 걸 이웃이 발견한 적이 있습니다.",
    "반지하 집에 비가 새고 곰팡이가 심합니다.",
    "실직 후 집세가 밀려 쫓겨날 처지라고 합니다.",
)

CALL_SUMMARIES = (
    "최근 실직으로 생활비가 부족하다고 함. 추가 상담 희망.",
    "혼자 지내며 외롭다고 함. 식사는 하루 한 끼.",
    "건강 악화로 병원 진료가 필요하나 비용 부담.",
    "특별한 어려움 없다고 응답.",
    "월세 체납 3개월, 퇴거 우려.",
)

CARRIER_NOTES = (
    "문 앞 우편물 다수 적체",
    "대면, 거동 불편해 보임",
    "생필품 전달, 안부 확인",
    "인기척 없어 이웃에 문의",
    "",
)
