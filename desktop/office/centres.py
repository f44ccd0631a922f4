"""Community centres (행정복지센터) and their territory (관할), managed by an administrator.

What ``anbu centre …`` and the client's 설정 → 행정복지센터 call. A centre is known by its
10-digit 행정기관코드; it is disabled, never deleted, so its cases and papers keep their
owner. Before a database has any account (the first set-up of an office) centres may be
created without signing in, as the first administrator account may.
"""

from __future__ import annotations

import csv
import io
import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from shapely.geometry import mapping
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import AccessAction, Role, TerritoryKind
from db.errors import UserError
from db.models import CommunityCentre, StaffUser, TerritoryRule
from db.queries import the_centre
from desktop.context import AppContext
from desktop.korean import joined, quoted
from desktop.office.territory import TerritoryError, parse_road_rule, read_boundary
from desktop.security import audit
from desktop.security.access import Actor, Permission, actor_of, require

CODE = re.compile(r"^\d{10}$")

# The first two digits of a 행정기관코드: the 시·도.
SIDO_BY_CODE = {
    "11": "서울특별시",
    "26": "부산광역시",
    "27": "대구광역시",
    "28": "인천광역시",
    "29": "광주광역시",
    "30": "대전광역시",
    "31": "울산광역시",
    "36": "세종특별자치시",
    "41": "경기도",
    "43": "충청북도",
    "44": "충청남도",
    "46": "전라남도",
    "47": "경상북도",
    "48": "경상남도",
    "50": "제주특별자치도",
    "51": "강원특별자치도",
    "52": "전북특별자치도",
}


class CentreError(UserError):
    """A centre or a territory rule that cannot be made as asked; the message says why."""


@dataclass(frozen=True)
class CentreInfo:
    id: int
    code: str
    name: str  # the 행정동: 좌1동
    gu: str
    sido: str
    phone: str | None
    active: bool
    rules: list[str] = field(default_factory=list)  # each rule in words: "도로 좌동순환로 1-99"
    rule_ids: list[int] = field(default_factory=list)  # the rules' numbers, in that order

    @property
    def title(self) -> str:
        return f"{self.gu} {self.name} 행정복지센터"

    def as_json(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "gu": self.gu,
            "sido": self.sido,
            "phone": self.phone,
            "active": self.active,
            "rules": self.rules,
        }


def _clean(text: str | None) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


def _check_code(code: str) -> str:
    code = _clean(code).replace("-", "")
    if not CODE.match(code):
        raise CentreError(
            f"행정기관코드 {joined(quoted(code), '은')} 쓸 수 없습니다: 숫자 10자리여야 합니다 (예: 2635051000)."
        )
    if code[:2] not in SIDO_BY_CODE:
        raise CentreError(
            f"행정기관코드 '{code}'의 앞 두 자리({code[:2]})는 시·도 코드가 아닙니다."
        )
    return code


def _check_name(name: str, what: str, limit: int) -> str:
    name = _clean(name)
    if not name or len(name) > limit:
        raise CentreError(f"{joined(what, '을')} 1~{limit}자로 적어 주십시오.")
    return name


def _administrator(ctx: AppContext, session: Session) -> None:
    """An administrator, or nobody at all before the database's first account exists."""
    if ctx.actor is None and not session.scalar(select(func.count()).select_from(StaffUser)):
        return
    require(ctx, Permission.ADMINISTER)


def _log(session: Session, ctx: AppContext, centre: CommunityCentre, detail: str) -> None:
    if ctx.actor is not None:
        audit.record(session, ctx, AccessAction.UPDATE, f"centre:{centre.code}", detail=detail)


def _centre(session: Session, code: str) -> CommunityCentre:
    centre = the_centre(session, _clean(code))
    if centre is None:
        raise CentreError(
            f"행정복지센터 {joined(quoted(code), '을')} 찾지 못했습니다 (행정기관코드나 동 이름)."
        )
    return centre


def add_centre(
    ctx: AppContext, code: str, *, name: str, gu: str, phone: str | None = None
) -> CentreInfo:
    """A new centre; refuses a code that is not a 10-digit 행정기관코드 or already used."""
    code = _check_code(code)
    name = _check_name(name, "행정동 이름", 30)
    gu = _check_name(gu, "구·군 이름", 20)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        _administrator(ctx, session)
        if session.scalar(select(CommunityCentre.id).where(CommunityCentre.code == code)):
            raise CentreError(f"행정기관코드 {code}인 행정복지센터가 이미 있습니다.")
        if session.scalar(
            select(CommunityCentre.id).where(CommunityCentre.gu == gu, CommunityCentre.dong == name)
        ):
            raise CentreError(f"{gu} {name} 행정복지센터가 이미 있습니다.")
        centre = CommunityCentre(
            code=code,
            sido=SIDO_BY_CODE[code[:2]],
            gu=gu,
            dong=name,
            phone=_clean(phone)[:20] or None,
            active=True,
        )
        session.add(centre)
        session.flush()
        if ctx.actor is not None:
            audit.record(
                session, ctx, AccessAction.CREATE, f"centre:{code}", detail=f"{gu} {name} 등록"
            )
        return _info(session, centre)


def edit_centre(
    ctx: AppContext,
    code: str,
    *,
    name: str | None = None,
    gu: str | None = None,
    phone: str | None = None,
) -> CentreInfo:
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        require(ctx, Permission.ADMINISTER)
        centre = _centre(session, code)
        changed = []
        if name is not None:
            centre.dong = _check_name(name, "행정동 이름", 30)
            changed.append("이름")
        if gu is not None:
            centre.gu = _check_name(gu, "구·군 이름", 20)
            changed.append("구·군")
        if phone is not None:
            centre.phone = _clean(phone)[:20] or None
            changed.append("전화")
        _log(session, ctx, centre, "수정: " + ", ".join(changed or ["없음"]))
        return _info(session, centre)


def set_active(ctx: AppContext, code: str, active: bool) -> CentreInfo:
    """Disable (or enable again) a centre: a disabled one places no new alerts by its rules;
    its cases and staff stay as they are."""
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        require(ctx, Permission.ADMINISTER)
        centre = _centre(session, code)
        centre.active = active
        _log(session, ctx, centre, "사용" if active else "사용 중지")
        return _info(session, centre)


def list_centres(ctx: AppContext, *, active_only: bool = False) -> list[CentreInfo]:
    """Every centre with its rules (any signed-in account: a transfer names its target)."""
    actor_of(ctx)
    with ctx.session() as session:
        query = select(CommunityCentre).order_by(
            CommunityCentre.gu, CommunityCentre.dong, CommunityCentre.code
        )
        if active_only:
            query = query.where(CommunityCentre.active)
        return [_info(session, c) for c in session.scalars(query)]


def count_centres(ctx: AppContext) -> int:
    with ctx.session() as session:
        return session.scalar(select(func.count()).select_from(CommunityCentre)) or 0


def _info(session: Session, centre: CommunityCentre) -> CentreInfo:
    rows = list(
        session.scalars(
            select(TerritoryRule)
            .where(TerritoryRule.centre_id == centre.id)
            .order_by(TerritoryRule.id)
        )
    )
    return CentreInfo(
        centre.id,
        centre.code,
        centre.dong,
        centre.gu,
        centre.sido,
        centre.phone,
        centre.active,
        [f"{r.kind.label} {r.label}" for r in rows],
        [r.id for r in rows],
    )


# -- territory -----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Rule:
    kind: TerritoryKind
    label: str
    legal_dong: str | None = None
    road: str | None = None
    number_from: int | None = None
    number_to: int | None = None
    parity: str | None = None
    boundary: str | None = None

    def same_as(self, row: TerritoryRule) -> bool:
        if self.kind is not row.kind:
            return False
        if self.kind is TerritoryKind.BOUNDARY:
            return self.boundary == row.boundary or self.label == row.label
        return (self.legal_dong, self.road, self.number_from, self.number_to, self.parity) == (
            row.legal_dong,
            row.road,
            row.number_from,
            row.number_to,
            row.parity,
        )


def _rules(
    centre: CommunityCentre,
    legal_dongs: Iterable[str],
    roads: Iterable[str],
    boundaries: Iterable[Path],
) -> list[_Rule]:
    rules: list[_Rule] = []
    for text in legal_dongs:
        dong = _clean(text).replace(" ", "")
        if not re.fullmatch(r"[가-힣]+\d*(?:동|가|리|읍|면)", dong):
            raise CentreError(
                f"법정동 {joined(quoted(text), '을')} 알아볼 수 없습니다 (예: 좌동, 중동, 우동)."
            )
        rules.append(_Rule(TerritoryKind.LEGAL_DONG, dong, legal_dong=dong))
    for text in roads:
        try:
            road = parse_road_rule(text)
        except TerritoryError as exc:
            raise CentreError(str(exc)) from None
        rules.append(
            _Rule(
                TerritoryKind.ROAD,
                road.label,
                road=road.road,
                number_from=road.number_from,
                number_to=road.number_to,
                parity=road.parity,
            )
        )
    for path in boundaries:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "읽을 수 없음"
            raise CentreError(
                f"경계 파일 {joined(path.name, '을')} 읽지 못했습니다 ({reason})."
            ) from None
        try:
            geometry = read_boundary(text, code=centre.code, name=centre.dong, gu=centre.gu)
        except TerritoryError as exc:
            raise CentreError(f"{path.name}: {exc}") from None
        rules.append(
            _Rule(
                TerritoryKind.BOUNDARY,
                path.name,
                boundary=json.dumps(mapping(geometry), separators=(",", ":")),
            )
        )
    if not rules:
        raise CentreError("규칙을 하나 이상 주십시오 (--legal-dong, --road, --boundary).")
    return rules


def cover(
    ctx: AppContext,
    code: str,
    *,
    legal_dongs: Iterable[str] = (),
    roads: Iterable[str] = (),
    boundaries: Iterable[Path] = (),
) -> CentreInfo:
    """Add territory rules to a centre (a rule it already has is not added twice)."""
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        _administrator(ctx, session)
        centre = _centre(session, code)
        existing = list(
            session.scalars(select(TerritoryRule).where(TerritoryRule.centre_id == centre.id))
        )
        added = []
        for rule in _rules(centre, legal_dongs, roads, boundaries):
            if any(rule.same_as(row) for row in existing):
                continue
            row = TerritoryRule(
                centre_id=centre.id,
                kind=rule.kind,
                legal_dong=rule.legal_dong,
                road=rule.road,
                number_from=rule.number_from,
                number_to=rule.number_to,
                parity=rule.parity,
                boundary=rule.boundary,
                label=rule.label,
                created_at=ctx.clock(),
            )
            session.add(row)
            existing.append(row)
            added.append(f"{rule.kind.label} {rule.label}")
        session.flush()
        _log(session, ctx, centre, "관할 추가: " + ", ".join(added or ["없음 (이미 있음)"]))
        return _info(session, centre)


def uncover(
    ctx: AppContext,
    code: str,
    *,
    legal_dongs: Iterable[str] = (),
    roads: Iterable[str] = (),
    boundaries: Iterable[str] = (),
) -> CentreInfo:
    """Remove territory rules (a boundary by the file name it was loaded from, or ``*``).
    Cases already placed keep their centre: only new alerts are routed by the new rules."""
    boundary_names = list(boundaries)
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        require(ctx, Permission.ADMINISTER)
        centre = _centre(session, code)
        wanted = _rules(centre, legal_dongs, roads, []) if (legal_dongs or roads) else []
        removed = []
        for row in session.scalars(
            select(TerritoryRule).where(TerritoryRule.centre_id == centre.id)
        ):
            boundary_hit = row.kind is TerritoryKind.BOUNDARY and any(
                name in ("*", row.label, Path(name).name) for name in boundary_names
            )
            if boundary_hit or any(rule.same_as(row) for rule in wanted):
                removed.append(f"{row.kind.label} {row.label}")
                session.delete(row)
        if not removed:
            raise CentreError(
                f"{centre.dong}에 그런 관할 규칙이 없습니다. 아무것도 바꾸지 않았습니다."
            )
        session.flush()
        _log(session, ctx, centre, "관할 삭제: " + ", ".join(removed))
        return _info(session, centre)


def remove_rule(ctx: AppContext, rule_id: int) -> CentreInfo:
    """Remove one territory rule by its number (the client's list of a centre's rules)."""
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        require(ctx, Permission.ADMINISTER)
        rule = session.get(TerritoryRule, rule_id)
        if rule is None:
            raise CentreError(f"관할 규칙 {rule_id}번을 찾지 못했습니다.")
        centre = session.get(CommunityCentre, rule.centre_id)
        assert centre is not None
        text = f"{rule.kind.label} {rule.label}"
        session.delete(rule)
        session.flush()
        _log(session, ctx, centre, "관할 삭제: " + text)
        return _info(session, centre)


# -- the first start of an office --------------------------------------------------------------


@dataclass(frozen=True)
class NewCentre:
    code: str
    name: str
    gu: str
    phone: str = ""


def set_up_office(
    ctx: AppContext,
    centres: list[NewCentre],
    *,
    username: str,
    display_name: str,
    password: str,
) -> Actor:
    """The first start on an empty database: this PC's centre (or a 구청's several) and the
    first administrator, who is signed in at the end. Everything is checked before
    anything is written."""
    from desktop.security import accounts

    if accounts.count_accounts(ctx):
        raise CentreError("이 데이터베이스는 이미 설정되어 있습니다. 관리자로 로그인하십시오.")
    if not centres:
        raise CentreError("행정복지센터를 하나 이상 적어 주십시오.")
    seen: set[str] = set()
    for centre in centres:
        code = _check_code(centre.code)
        _check_name(centre.name, "행정동 이름", 30)
        _check_name(centre.gu, "구·군 이름", 20)
        if code in seen:
            raise CentreError(f"행정기관코드 {joined(code, '을')} 두 번 적었습니다.")
        seen.add(code)
    accounts.check_password_rules(password)
    accounts.add_user(
        ctx, username, password, role=Role.ADMIN, display_name=display_name or username
    )
    actor = accounts.sign_in(ctx, username, password)
    for centre in centres:
        add_centre(ctx, centre.code, name=centre.name, gu=centre.gu, phone=centre.phone or None)
    return actor


# -- a 구청's list ---------------------------------------------------------------------------

CSV_HEADERS = {
    "code": ("행정기관코드", "code"),
    "name": ("행정동", "name", "행정동명"),
    "gu": ("구군", "구·군", "gu", "시군구"),
    "phone": ("전화", "전화번호", "phone"),
    "legal_dong": ("법정동", "legal_dong"),
    "road": ("도로", "도로명", "road"),
}


@dataclass
class LoadSummary:
    centres_added: int = 0
    rules_added: int = 0
    rows: int = 0


def load_csv(ctx: AppContext, path: Path) -> LoadSummary:
    """Centres and their territory from a CSV a 구청 prepares: one row a rule, with the
    columns 행정기관코드, 행정동, 구군, and 법정동 or 도로 (전화 optional). A centre not yet
    known is created from its first row. Every row is checked before anything is written."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CentreError(f"{joined(path.name, '을')} 읽지 못했습니다 ({exc.strerror}).") from None
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise CentreError(f"{path.name}의 글자 인코딩을 알 수 없습니다 (UTF-8 또는 CP949).")
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header:
        raise CentreError(f"{joined(path.name, '이')} 비어 있습니다.")
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        norm = re.sub(r"[\s()·_-]", "", title).lower()
        for key, names in CSV_HEADERS.items():
            if norm in {re.sub(r"[\s()·_-]", "", n).lower() for n in names}:
                columns[key] = index
    missing = [CSV_HEADERS[k][0] for k in ("code", "name", "gu") if k not in columns]
    if missing:
        raise CentreError(f"{path.name}에 {', '.join(missing)} 열이 없습니다.")
    rows = []
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue

        def cell(key: str, row: list[str] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        try:
            code = _check_code(cell("code"))
            _check_name(cell("name"), "행정동 이름", 30)
            _check_name(cell("gu"), "구·군 이름", 20)
            if cell("road"):
                parse_road_rule(cell("road"))
        except (CentreError, TerritoryError) as exc:
            raise CentreError(
                f"{path.name} {number}행: {exc} 아무것도 바꾸지 않았습니다."
            ) from None
        rows.append(
            (code, cell("name"), cell("gu"), cell("phone"), cell("legal_dong"), cell("road"))
        )
    summary = LoadSummary(rows=len(rows))
    known = {c.code for c in list_centres(ctx)} if ctx.actor is not None else _codes(ctx)
    for code, name, gu, phone, legal_dong, road in rows:
        if code not in known:
            add_centre(ctx, code, name=name, gu=gu, phone=phone or None)
            known.add(code)
            summary.centres_added += 1
        if legal_dong or road:
            before = len(_rule_rows(ctx, code))
            cover(
                ctx,
                code,
                legal_dongs=[legal_dong] if legal_dong else [],
                roads=[road] if road else [],
            )
            summary.rules_added += len(_rule_rows(ctx, code)) - before
    return summary


def _codes(ctx: AppContext) -> set[str]:
    with ctx.session() as session:
        return set(session.scalars(select(CommunityCentre.code)))


def _rule_rows(ctx: AppContext, code: str) -> list[int]:
    with ctx.session() as session:
        return list(
            session.scalars(
                select(TerritoryRule.id)
                .join(CommunityCentre, CommunityCentre.id == TerritoryRule.centre_id)
                .where(CommunityCentre.code == code)
            )
        )
