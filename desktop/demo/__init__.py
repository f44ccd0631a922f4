"""The demo: fill an empty database with a realistic Busan district's worth of work.

Everything takes the road a real office takes: centres, their territory and staff are made
through the administrator's services; each centre's channel files are written and imported
by one of its workers through the real import, linking and territory routing. Then cases
are worked into every state (assignment, counselling, support, closure, council) so the
client and reports have real content.
"""

from __future__ import annotations

import csv
import io
import json
import random
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import chain, groupby
from pathlib import Path

from sqlalchemy import bindparam, func, insert, or_, select, update

from db.enums import (
    NOT_APPLICABLE_REASONS,
    RESULT_STATUSES,
    STAFF_CLOSURE_REASONS,
    CaseStatus,
    Channel,
    ClosureReason,
    CounsellingMethod,
    ResourceKind,
    RiskLevel,
    Role,
    SupportStatus,
)
from db.errors import UserError
from db.maintenance import analyze
from db.models import (
    Alert,
    Case,
    CaseStatusChange,
    CounsellingRecord,
    Resource,
    StaffUser,
    SupportLink,
    table,
)
from desktop.casework import actions, warnings
from desktop.casework.workflow import PATH
from desktop.context import AppContext
from desktop.demo import gazetteer as gz
from desktop.demo.synth import Synth, SynthHousehold, SynthRecord
from desktop.intake.ingest import IngestCounts
from desktop.intake.service import import_file
from desktop.office import centres
from desktop.reporting.council import suggest_agenda
from desktop.security import accounts
from desktop.security.access import Actor, Terminal
from desktop.security.accounts import give_demo_passwords
from desktop.timeutil import KST


class DatabaseNotEmptyError(UserError):
    def __init__(self, cases: int) -> None:
        super().__init__(
            f"데이터베이스가 비어 있지 않습니다 (사례 {cases:,}건). 데모 데이터는 빈 데이터베이스에만 "
            "넣을 수 있습니다. 아무것도 변경하지 않았습니다."
        )


@dataclass
class DemoSummary:
    centres: int
    staff: int
    households: int
    records: IngestCounts
    cases: int


PUBLIC_SERVICES = (
    ("기초생활보장", "생계"),
    ("긴급복지지원", "생계"),
    ("차상위계층", "생계"),
    ("의료급여", "의료"),
    ("주거급여", "주거"),
    ("노인맞춤돌봄서비스", "돌봄"),
    ("장애인활동지원", "돌봄"),
    ("국민취업지원제도", "고용"),
)
PRIVATE_RESOURCES = (
    ("푸드뱅크", "생계", "사회복지협의회"),
    ("사랑의 밥차", "생계", "지역 교회 연합"),
    ("집수리 봉사단", "주거", "자원봉사센터"),
    ("무료 진료소", "의료", "지역 의료생협"),
    ("안부 전화 봉사단", "돌봄", "주민자치회"),
    ("긴급 생계비 기탁금", "생계", "지역 상공인회"),
)
STAFF_NAMES = ("김지은", "박성호", "이수진", "최민호", "정다은", "강현우", "윤서영", "한정민")

STATUS_WEIGHTS = (
    (CaseStatus.RECEIVED, 20),
    (CaseStatus.VERIFYING, 14),
    (CaseStatus.COUNSELLING, 20),
    (CaseStatus.SUPPORT, 14),
    (CaseStatus.MONITORING, 10),
    (CaseStatus.CLOSED, 16),
    (CaseStatus.NOT_APPLICABLE, 6),
)


DEMO_ADMIN = "admin"


def populate(
    ctx: AppContext,
    *,
    households: int = 2000,
    seed: int = 1,
    anchor: date | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> DemoSummary:
    """Fill an empty database; ``DatabaseNotEmptyError`` if it already holds cases.

    The work is done, and logged, as the signed-in account, or as ``system:demo``. Every
    demo account signs in with ``accounts.DEMO_PASSWORD``."""
    signed_in = ctx.actor
    ctx.actor = signed_in or Actor.system("demo")
    try:
        return _populate(ctx, households=households, seed=seed, anchor=anchor, progress=progress)
    finally:
        ctx.actor = signed_in


def _populate(
    ctx: AppContext,
    *,
    households: int,
    seed: int,
    anchor: date | None,
    progress: Callable[[str, int, int], None] | None,
) -> DemoSummary:
    with ctx.session() as session:
        existing = session.scalar(select(func.count()).select_from(Case)) or 0
    if existing:
        raise DatabaseNotEmptyError(existing)
    anchor = anchor or ctx.clock().astimezone(KST).date()
    synth = Synth(seed, anchor=anchor, streets=True)
    world = synth.households(households)
    rng = random.Random(seed * 7919)

    centre_ids, staff_by_centre, resources = _organisation(ctx, world)

    # Each centre receives its own channel files and imports them as one of its workers,
    # through the same import, linking and territory routing as any real file.
    def place(h: SynthHousehold) -> tuple[str, str]:
        return (h.district.gu, h.dong)

    total = IngestCounts()
    done = 0
    signed_in = ctx.actor
    with tempfile.TemporaryDirectory(prefix="anbu-demo-") as folder:
        for key, group in groupby(sorted(world, key=place), key=place):
            members = list(group)
            centre_id = centre_ids[key]
            ctx.actor = staff_by_centre[centre_id].importer
            try:
                # This round of the big-data list too, as 행복e음 sends it every two months.
                flagged = synth.bigdata_round(
                    members, notified=anchor - timedelta(days=20), due=anchor + timedelta(days=25)
                )
                received = chain(synth.records(members), flagged)
                for path in _channel_files(Path(folder), key, received):
                    total.add(import_file(ctx, path).counts)
                    path.unlink()
            finally:
                ctx.actor = signed_in
            done += len(members)
            if progress is not None:
                progress("import", done, len(world))

    cases = _work_cases(ctx, rng, staff_by_centre, resources, progress)
    _visit_plans(ctx, rng, staff_by_centre)
    with ctx.sessions.begin() as session:
        warnings.refresh(session)  # the statuses were written in bulk
    _council(ctx, rng, list(centre_ids.values()))
    with ctx.sessions.begin() as session:
        give_demo_passwords(session)
    ctx.mark_demo()
    analyze(ctx.engine)
    staff = sum(len(v.ids) for v in staff_by_centre.values())
    return DemoSummary(len(centre_ids), staff, len(world), total, cases)


def _channel_files(
    folder: Path, place: tuple[str, str], records: Iterable[SynthRecord]
) -> list[Path]:
    """The files a centre's channels send it: one CSV a channel, as their systems write
    them (the citizen app's in UTF-8 with a BOM, the others in CP949 where they can)."""
    by_channel: dict[Channel, list[dict[str, str]]] = {}
    for record in records:
        by_channel.setdefault(record.channel, []).append(record.raw)
    paths = []
    for channel in Channel:
        rows = by_channel.get(channel)
        if not rows:
            continue
        path = folder / f"{place[0]}_{place[1]}_{channel.value}.csv"
        buffer = io.StringIO(newline="")
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        text = buffer.getvalue()
        try:
            data = text.encode("utf-8-sig" if channel is Channel.APP else "cp949")
        except UnicodeEncodeError:
            data = text.encode("utf-8-sig")
        path.write_bytes(data)
        paths.append(path)
    return paths


@dataclass
class _Staff:
    ids: list[int]
    importer: Actor  # the worker who imports the centre's files


def _organisation(
    ctx: AppContext, world: list[SynthHousehold]
) -> tuple[dict[tuple[str, str], int], dict[int, _Staff], dict[str, list[int]]]:
    """The district's centres, their territory and staff, made through the services an
    administrator uses (``anbu centre add|cover``, ``anbu user add``)."""
    places = sorted({(h.district.gu, h.dong) for h in world})
    districts = {d.gu: d for d in gz.DISTRICTS}
    centre_ids: dict[tuple[str, str], int] = {}
    staff_by_centre: dict[int, _Staff] = {}
    resources: dict[str, list[int]] = {"public": [], "private": []}
    hashed = accounts.HASHER.hash(accounts.DEMO_PASSWORD)

    def account(username: str, name: str, role: Role, centre: str | None) -> int:
        return accounts.add_user(
            ctx,
            username,
            accounts.DEMO_PASSWORD,
            role=role,
            display_name=name,
            centre=centre,
            hashed=hashed,
        )

    with ctx.session() as session:
        has_admin = session.scalar(select(StaffUser.id).where(StaffUser.username == DEMO_ADMIN))
    if has_admin is None:
        account(DEMO_ADMIN, "관리자", Role.ADMIN, None)
    with tempfile.TemporaryDirectory(prefix="anbu-demo-") as folder:
        for number, (gu, dong) in enumerate(places, start=1):
            district = districts[gu]
            code = gz.centre_code(district, dong)
            info = centres.add_centre(
                ctx, code, name=dong, gu=gu, phone=f"051-{600 + number:03d}-{1000 + number:04d}"
            )
            boundary = Path(folder) / f"{code}.geojson"
            feature = {
                "type": "Feature",
                "properties": {"adm_cd2": code, "adm_nm": f"부산광역시 {gu} {dong}"},
                "geometry": gz.boundary(district, dong),
            }
            boundary.write_text(json.dumps(feature, ensure_ascii=False), encoding="utf-8")
            first, last = gz.numbers_on(district, dong, True)
            roads = [f"{district.roads[0]} {first}-{last}", *gz.roads_of(district, dong)]
            legal = "".join(c for c in dong if not c.isdigit())
            centres.cover(ctx, code, roads=roads, legal_dongs=[legal], boundaries=[boundary])
            centre_ids[(gu, dong)] = info.id
            ids = []
            for n, role in enumerate((Role.SUPERVISOR, Role.WORKER, Role.WORKER), start=1):
                ids.append(
                    account(
                        f"{district.code}-{number:02d}-{n}",
                        STAFF_NAMES[(number * 3 + n) % len(STAFF_NAMES)],
                        role,
                        code,
                    )
                )
            with ctx.session() as session:
                worker = session.get(StaffUser, ids[1])
                assert worker is not None
                importer = Actor(
                    worker.id,
                    worker.username,
                    worker.display_name,
                    worker.role,
                    info.id,
                    Terminal.this_machine(),
                )
            staff_by_centre[info.id] = _Staff(ids, importer)
    with ctx.sessions.begin() as session:
        for name, category in PUBLIC_SERVICES:
            resource = Resource(
                kind=ResourceKind.PUBLIC, name=name, category=category, organisation="행정복지센터"
            )
            session.add(resource)
            session.flush()
            resources["public"].append(resource.id)
        for gu in sorted({gu for gu, _ in centre_ids}):
            for name, category, org in PRIVATE_RESOURCES:
                resource = Resource(
                    kind=ResourceKind.PRIVATE,
                    name=f"{gu[:-1]} {name}",
                    category=category,
                    organisation=f"{gu} {org}",
                    contact="051-000-0000",
                    capacity=30,
                )
                session.add(resource)
                session.flush()
                resources["private"].append(resource.id)
    return centre_ids, staff_by_centre, resources


def _work_cases(
    ctx: AppContext,
    rng: random.Random,
    staff_by_centre: dict[int, _Staff],
    resources: dict[str, list[int]],
    progress: Callable[[str, int, int], None] | None,
) -> int:
    now = ctx.clock()
    statuses = [s for s, _ in STATUS_WEIGHTS]
    weights = [w for _, w in STATUS_WEIGHTS]
    with ctx.session() as session:
        # A case opened with its first alert (several alerts may have joined it since).
        first_alert = (
            select(Alert.case_id, func.min(Alert.occurred_at).label("first_at"))
            .group_by(Alert.case_id)
            .subquery()
        )
        rows = session.execute(
            select(
                Case.id,
                Case.centre_id,
                first_alert.c.first_at,
                Case.risk,
                Case.counselling_due,
                Case.first_contact_due,
            )
            .join(first_alert, first_alert.c.case_id == Case.id)
            # A household's record of alerts that asked for nothing stays as it is.
            .where(
                or_(Case.closure_reason.is_(None), Case.closure_reason != ClosureReason.RECORDED)
            )
            .order_by(Case.id)
        ).all()
    updates: list[dict[str, object]] = []
    changes: list[dict[str, object]] = []
    counselling: list[dict[str, object]] = []
    links: list[dict[str, object]] = []
    for case_id, centre_id, alert_at, risk, counselling_due, contact_due in rows:
        opened = alert_at or now
        age = (now - opened).days
        target = rng.choices(statuses, weights)[0]
        if age < 3:
            target = CaseStatus.RECEIVED if rng.random() < 0.7 else CaseStatus.VERIFYING
        known = staff_by_centre.get(centre_id or 0)
        staff = known.ids if known else []
        worker = (
            rng.choice(staff)
            if staff and (target is not CaseStatus.RECEIVED or rng.random() < 0.3)
            else None
        )
        steps = _path_to(target)
        moment = opened
        previous: CaseStatus | None = CaseStatus.RECEIVED
        for step in steps[1:]:
            moment = min(
                now,
                moment + timedelta(days=rng.randint(0, max(1, age // 4)), hours=rng.randint(1, 8)),
            )
            changes.append(
                {
                    "case_id": case_id,
                    "from_status": previous,
                    "to_status": step,
                    "changed_at": moment,
                    "changed_by_id": worker,
                    "reason": _reason_for(step),
                }
            )
            previous = step
        counselled = target in (
            CaseStatus.COUNSELLING,
            CaseStatus.SUPPORT,
            CaseStatus.MONITORING,
            CaseStatus.CLOSED,
            CaseStatus.NOT_APPLICABLE,
        )
        next_action = None
        if counselled:
            held = min(now, opened + timedelta(days=rng.randint(1, 12)))
            next_action = held + timedelta(days=rng.choice((7, 14, 30)))
            counselling.append(_counselling(rng, case_id, worker, held, next_action))
        if target in (CaseStatus.SUPPORT, CaseStatus.MONITORING, CaseStatus.CLOSED) and (
            target is not CaseStatus.CLOSED or rng.random() < 0.6
        ):
            for _ in range(rng.choice((1, 1, 2))):
                links.append(_support(rng, case_id, worker, opened, now, resources))
        closed = target in (CaseStatus.CLOSED, CaseStatus.NOT_APPLICABLE)
        open_dues = [] if counselled else [d for d in (counselling_due, contact_due) if d]
        if not closed and not open_dues and next_action is None:
            # Every open case has a date by which someone acts: a check the worker planned.
            next_action = min(now, opened + timedelta(days=rng.randint(1, 5))) + timedelta(
                days=rng.choice((7, 14))
            )
        updates.append(
            {
                "b_id": case_id,
                "status": target,
                "assigned_to_id": worker,
                "opened_at": opened,
                "closed_at": moment if closed else None,
                "closure_reason": _closure(rng, case_id, target),
                "due_at": None if closed else (min(open_dues) if open_dues else next_action),
                # Counselling meets the first-contact and counselling deadlines.
                "first_contact_due": None if counselled else contact_due,
                "counselling_due": None if counselled else counselling_due,
                "next_action_at": None if closed else next_action,
                "flagged_for_council": (not closed)
                and risk in (RiskLevel.URGENT, RiskLevel.CRISIS)
                and rng.random() < 0.08,
                # Entered in 행복e음 but for the results of the last two days, which wait
                # (Today's 행복e음 입력 대기).
                "haengbok_eum_no": f"2026-{case_id:08d}"
                if counselled and not (target in RESULT_STATUSES and now - moment < _WAITING)
                else None,
            }
        )
    cases = table(Case)
    with ctx.sessions.begin() as session:
        for start in range(0, len(updates), 5000):
            session.execute(
                update(cases)
                .where(cases.c.id == bindparam("b_id"))
                .values({k: bindparam(k) for k in updates[0] if k != "b_id"}),
                updates[start : start + 5000],
            )
            if progress is not None:
                progress("cases", min(start + 5000, len(updates)), len(updates))
        # The case was received when its first alert came, not when the demo imported it.
        received = table(CaseStatusChange)
        opened_at = [{"b_case": u["b_id"], "b_at": u["opened_at"]} for u in updates]
        for start in range(0, len(opened_at), 5000):
            session.execute(
                update(received)
                .where(received.c.case_id == bindparam("b_case"), received.c.from_status.is_(None))
                .values(changed_at=bindparam("b_at")),
                opened_at[start : start + 5000],
            )
        for model, values in (
            (CaseStatusChange, changes),
            (CounsellingRecord, counselling),
            (SupportLink, links),
        ):
            for start in range(0, len(values), 5000):
                session.execute(insert(model), values[start : start + 5000])
    return len(rows)


def _path_to(target: CaseStatus) -> list[CaseStatus]:
    if target is CaseStatus.NOT_APPLICABLE:
        return [CaseStatus.RECEIVED, CaseStatus.VERIFYING, CaseStatus.COUNSELLING, target]
    if target is CaseStatus.CLOSED:
        return [*PATH, target]
    return list(PATH[: PATH.index(target) + 1])


def _reason_for(status: CaseStatus) -> str:
    return {
        CaseStatus.VERIFYING: "대상자 확인 시작",
        CaseStatus.COUNSELLING: "초기상담 실시",
        CaseStatus.SUPPORT: "지원 연계 결정",
        CaseStatus.MONITORING: "지원 후 모니터링",
        CaseStatus.CLOSED: "사례 종결",
        CaseStatus.NOT_APPLICABLE: "상담 결과 위기 아님",
    }.get(status, "")


# How often each reason closes a case (종결) in the demo, in STAFF_CLOSURE_REASONS' order;
# and a 비해당's, in NOT_APPLICABLE_REASONS' (staff report 6–12% of targets not found).
_CLOSED_WEIGHTS = (40, 25, 4, 6, 5, 2, 2, 10, 8, 2, 5)
_NOT_APPLICABLE_SHARES = (9, 5, 3, 2, 1)
_WAITING = timedelta(days=2)


def _closure(rng: random.Random, case_id: int, target: CaseStatus) -> ClosureReason | None:
    if target is CaseStatus.CLOSED:
        return rng.choices(STAFF_CLOSURE_REASONS, _CLOSED_WEIGHTS)[0]
    if target is CaseStatus.NOT_APPLICABLE:
        # From the case number, not the generator: the rest of the demo stays as it was.
        slot = case_id % sum(_NOT_APPLICABLE_SHARES)
        for reason, share in zip(NOT_APPLICABLE_REASONS, _NOT_APPLICABLE_SHARES, strict=True):
            if slot < share:
                return reason
            slot -= share
    return None


def _counselling(
    rng: random.Random, case_id: int, staff: int | None, held: datetime, next_at: datetime
) -> dict[str, object]:
    areas = rng.sample(["경제", "건강", "주거", "고용", "돌봄", "고립", "가족관계"], 2)
    return {
        "case_id": case_id,
        "held_at": held,
        "method": rng.choice(list(CounsellingMethod)),
        "staff_id": staff,
        "content": rng.choice(
            (
                "가정 방문하여 생활 실태 확인. 냉장고가 비어 있고 난방을 하지 않음.",
                "전화 상담. 실직 후 3개월째 소득 없음, 월세 체납.",
                "본인 내방. 병원비 부담으로 치료를 미루고 있다고 함.",
                "자녀와 연락 끊김, 우울감 호소. 정기 안부 확인 필요.",
            )
        ),
        "needs": {area: rng.choice(("높음", "중간", "낮음")) for area in areas},
        "outcome": rng.choice(("지원 필요", "추가 확인 필요", "민간 자원 연계 검토")),
        "next_action": rng.choice(("재방문", "전화 확인", "지원 신청 안내")),
        "next_action_at": next_at,
    }


def _support(
    rng: random.Random,
    case_id: int,
    staff: int | None,
    opened: datetime,
    now: datetime,
    resources: dict[str, list[int]],
) -> dict[str, object]:
    kind = "public" if rng.random() < 0.55 else "private"
    requested = min(now, opened + timedelta(days=rng.randint(3, 20)))
    status = rng.choices(list(SupportStatus), (25, 25, 45, 5))[0]
    decided = (
        requested + timedelta(days=rng.randint(1, 10))
        if status is not SupportStatus.REFERRED
        else None
    )
    return {
        "case_id": case_id,
        "resource_id": rng.choice(resources[kind]),
        "status": status,
        "requested_at": requested,
        "decided_at": min(now, decided) if decided else None,
        "provided_at": min(now, decided + timedelta(days=3))
        if decided and status is SupportStatus.PROVIDED
        else None,
        "ended_at": now if status is SupportStatus.STOPPED else None,
        "amount": rng.choice((None, 300_000, 500_000, 1_000_000, 1_830_000)),
        "note": None,
        "staff_id": staff,
    }


def _visit_plans(ctx: AppContext, rng: random.Random, staff_by_centre: dict[int, _Staff]) -> None:
    """Carrier-visited households are put into 안부 살핌 우편 by a worker of their centre,
    through the service the case pane calls (one under public care is refused, as in an
    office), with the 대상구분 and post office their visits named."""
    from desktop.casework.workflow import CaseworkError
    from desktop.outreach import visits

    with ctx.session() as session:
        rows = session.execute(
            select(Case.id, Case.centre_id, Alert.fields)
            .join(Alert, Alert.case_id == Case.id)
            .where(Alert.channel == Channel.CARRIER, Case.merged_into_id.is_(None))
            .order_by(Case.id, Alert.occurred_at.desc())
        ).all()
    chosen: dict[int, tuple[int | None, dict[str, object]]] = {}
    for case_id, centre_id, fields in rows:
        chosen.setdefault(case_id, (centre_id, fields or {}))
    signed_in = ctx.actor
    try:
        for case_id, (centre_id, fields) in chosen.items():
            if centre_id not in staff_by_centre:
                continue
            ctx.actor = staff_by_centre[centre_id].importer
            group = str(fields.get("target_group") or "기타")
            office = str(fields.get("post_office") or "우체국")
            brought = fields.get("delivered_items")
            items = [i for i in brought if isinstance(i, str)] if isinstance(brought, list) else []
            try:
                visits.enrol(
                    ctx,
                    case_id,
                    target_group=group,
                    cycle_days=rng.choice(visits.CYCLES),
                    post_office=office,
                    items=items or ["종량제봉투"],
                )
            except CaseworkError:
                continue  # under public care: not taken, as the form says
    finally:
        ctx.actor = signed_in


def _council(ctx: AppContext, rng: random.Random, centre_ids: list[int]) -> None:
    """Last month's meeting of each centre's council, with agenda items and decisions, made
    through the services the client's council form calls."""
    now = ctx.clock().astimezone(KST).date()
    held = (now.replace(day=1) - timedelta(days=1)).replace(day=15)
    for centre_id in centre_ids:
        with ctx.session() as session:
            candidates = session.scalars(
                select(Case.id)
                .where(
                    Case.centre_id == centre_id, Case.risk.in_((RiskLevel.URGENT, RiskLevel.CRISIS))
                )
                .order_by(Case.id)
                .limit(3)
            ).all()
        if not candidates:
            continue
        meeting = actions.create_meeting(
            ctx, centre_id, held, f"{held.month}월 동 365 안전협의체 정기회의"
        )
        for case_id in candidates:
            # As a worker would: from the suggested sentence and ask, per case.
            situation, question = suggest_agenda(ctx, case_id)
            item = actions.add_agenda_item(
                ctx, meeting, case_id, situation=situation, question=question
            )
            decision = actions.record_decision(
                ctx,
                item,
                "푸드뱅크 월 2회 연계, 통장 주 1회 안부 확인",
                follow_up="통장 안부 확인 결과 다음 회의 보고",
                follow_up_due=held + timedelta(days=28),
            )
            if rng.random() < 0.6:
                actions.complete_follow_up(ctx, decision)
