"""The access log (개인정보 접속기록): who handled whose data, when, from where, and why.

Every row is chained to the one before it by a keyed digest (the key is derived from the
database's index key, which lives in the OS keyring, so someone who can only edit the
database cannot forge a chain). The newest digest and the row count are kept in
``app_meta`` as well, so that removing rows from the end is detected too. The database
refuses UPDATE and DELETE on the table (triggers from migration 0005); ``verify`` finds
what was done around them.

Rows are never deleted by the program: the law asks for at least two years.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from collections import Counter, defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from db.engine import WRITE_LOCK
from db.enums import AccessAction, Role
from db.models import META_AUDIT_HEAD, AccessLog, AppMeta, StaffUser
from desktop.casework.deadlines import is_working_day
from desktop.paths import atomic_write, data_dir
from desktop.security.access import Permission, actor_of, require
from desktop.timeutil import KST, to_kst

if TYPE_CHECKING:
    from desktop.context import AppContext

GENESIS = "0:"
REVEAL = "개인정보 표시"

# What the monthly review calls unusual.
WORK_START_HOUR = 8
WORK_END_HOUR = 20
MANY_VIEWS_A_DAY = 150


def _chain_key(ctx: AppContext) -> bytes:
    return ctx.protector.derived_key(b"anbu-desk access log chain")


def _entry_digest(key: bytes, row: AccessLog, prev: str) -> str:
    content = json.dumps(
        [
            row.at.isoformat(),
            row.staff_id,
            row.username,
            row.terminal_host,
            row.terminal_ip,
            row.action.value,
            row.subject,
            row.detail,
            row.reason,
            prev,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )
    return hmac.new(key, content.encode("utf-8"), hashlib.sha256).hexdigest()


def _head(value: str) -> tuple[int, str]:
    count, _, rest = value.partition(":")
    return int(count), rest.partition(":")[0]


# -- the head: the newest link and the count, keyed, and kept on each PC as well ----------
#
# ``app_meta.audit_head`` is "count:digest:mac", the mac a keyed HMAC of the count and the
# digest, so that someone who can only write the database cannot shorten the chain and make
# the head agree. They could still put back an older head together with the rows it
# covered; so each PC also keeps, beside its keys (in its data folder), the last head it
# wrote or verified, and a chain shorter than that, or not passing through it, is found.


def signed_head(ctx: AppContext, count: int, digest: str) -> str:
    mac = hmac.new(_chain_key(ctx), f"audit-head|{count}|{digest}".encode(), hashlib.sha256)
    return f"{count}:{digest}:{mac.hexdigest()}"


def _head_signed(ctx: AppContext, value: str) -> bool:
    count, digest = _head(value)
    return hmac.compare_digest(signed_head(ctx, count, digest), value)


def _local_path(ctx: AppContext) -> Path:
    return data_dir() / "audit" / f"{ctx.identity}.head"


def local_head(ctx: AppContext) -> tuple[int, str] | None:
    """The last head this PC wrote or verified (None when it has none, or an unsigned one)."""
    try:
        value = _local_path(ctx).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    if not value or not _head_signed(ctx, value):
        return None
    return _head(value)


def remember_head(ctx: AppContext, value: str) -> None:
    """Keep ``value`` as this PC's last head, unless it knows a longer one already."""
    known = local_head(ctx)
    if known is not None and known[0] > _head(value)[0]:
        return
    path = _local_path(ctx)
    try:
        with atomic_write(path) as staging:
            fd = os.open(staging, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="ascii") as handle:
                handle.write(value)
    except OSError:
        pass  # a PC that cannot keep its copy still writes the log; verify says so


def _remember_after_commit(session: Session, ctx: AppContext, value: str) -> None:
    pending: dict[str, str] = session.info.setdefault("audit_heads", {})
    if not pending:

        def committed(committed_session: Session) -> None:
            heads = committed_session.info.pop("audit_heads", {})
            if heads:
                remember_head(ctx, heads["value"])

        def rolled_back(rolled: Session) -> None:
            rolled.info.pop("audit_heads", None)

        event.listen(session, "after_commit", committed, once=True)
        event.listen(session, "after_rollback", rolled_back, once=True)
    pending["value"] = value


def sign_legacy_head(ctx: AppContext) -> None:
    """A database from before heads were keyed (just upgraded): its head is signed once,
    as it stands."""
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        head = session.get(AppMeta, META_AUDIT_HEAD, with_for_update=True)
        value = head.value if head is not None else GENESIS
        if not _head_signed(ctx, value):
            count, digest = _head(value)
            session.merge(AppMeta(key=META_AUDIT_HEAD, value=signed_head(ctx, count, digest)))


def record(
    session: Session,
    ctx: AppContext,
    action: AccessAction,
    subject: str | None,
    *,
    detail: str | None = None,
    reason: str | None = None,
) -> AccessLog:
    """Append one row in the caller's transaction (which must hold the write lock), so the
    row exists exactly when the work it records does."""
    actor = actor_of(ctx)
    head = session.get(AppMeta, META_AUDIT_HEAD, with_for_update=True)
    if head is None:
        head = AppMeta(key=META_AUDIT_HEAD, value=GENESIS)
        session.add(head)
    signed = _head_signed(ctx, head.value)
    count, prev = _head(head.value)
    row = AccessLog(
        at=ctx.clock(),
        staff_id=actor.staff_id,
        username=actor.username,
        terminal_host=actor.terminal.host,
        terminal_ip=actor.terminal.ip,
        action=action,
        subject=subject,
        detail=detail,
        reason=reason,
        prev_hash=prev or None,
    )
    row.entry_hash = _entry_digest(_chain_key(ctx), row, prev)
    session.add(row)
    if signed:
        head.value = signed_head(ctx, count + 1, row.entry_hash)
        # This PC's copy moves on only from a head that agrees with it: a head behind it
        # (a cut tail), or at its count with another link, keeps the copy as evidence.
        known = local_head(ctx)
        if known is None or count > known[0] or (count, prev) == known:
            _remember_after_commit(session, ctx, head.value)
    else:
        # A head someone wrote without the key is never signed over: it stays unsigned,
        # and verify reports it, while the work goes on.
        head.value = f"{count + 1}:{row.entry_hash}"
    return row


def log(
    ctx: AppContext,
    action: AccessAction,
    subject: str | None,
    *,
    detail: str | None = None,
    reason: str | None = None,
) -> None:
    """Append one row in a transaction of its own (for views, prints and downloads)."""
    with ctx.sessions.begin() as session:
        session.connection(execution_options=WRITE_LOCK)
        record(session, ctx, action, subject, detail=detail, reason=reason)


@contextmanager
def logged_file(
    ctx: AppContext,
    path: Path,
    action: AccessAction,
    subject: str | None,
    *,
    reason: str | None,
) -> Iterator[tuple[Path, list[str]]]:
    """A printed or exported file and its log row, as one: the caller writes the file to
    the staging path it is given (and may put the row's detail in the list); then, in one
    transaction, the row is written and the file renamed to ``path``, and the transaction
    is committed. When the row cannot be written (another PC holds the write lock, the
    disk is full …) no file is left under either name: never a file without its row."""
    detail: list[str] = []
    renamed = False
    try:
        # The session takes no connection (and no lock) until the row is written.
        with ctx.sessions.begin() as session:
            with atomic_write(path) as staging:
                yield staging, detail
                session.connection(execution_options=WRITE_LOCK)
                record(
                    session, ctx, action, subject, detail=" ".join(detail) or None, reason=reason
                )
                session.flush()
            renamed = True
    except BaseException:
        if renamed:  # the commit failed after the rename
            path.unlink(missing_ok=True)
        raise


def require_reason(reason: str | None) -> str:
    """Prints and downloads need a reason (개인정보 안전성 확보조치 기준)."""
    from desktop.security.access import AccessDeniedError

    text = (reason or "").strip()
    if len(text) < 2:
        raise AccessDeniedError("출력하거나 내려받는 이유를 적어 주십시오 (--reason).")
    return text


# -- verification ----------------------------------------------------------------------


@dataclass
class Verification:
    checked: int
    broken_at: int | None = None  # id of the first row that does not fit the chain
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.problem is None

    def describe(self) -> str:
        if self.ok:
            return f"접속기록 {self.checked:,}건의 연결이 모두 맞습니다."
        where = f" (기록 {self.broken_at}번)" if self.broken_at is not None else ""
        return f"접속기록이 변조되었습니다{where}: {self.problem}"


def verify(ctx: AppContext) -> Verification:
    require(ctx, Permission.ADMINISTER)
    key = _chain_key(ctx)
    prev = ""
    checked = 0
    here = local_head(ctx)
    with ctx.session() as session:
        if session.get_bind().dialect.name == "postgresql":
            # One snapshot for the head and the rows: rows written meanwhile are not missed.
            session.connection(execution_options={"isolation_level": "REPEATABLE READ"})
        head = session.get(AppMeta, META_AUDIT_HEAD)
        value = head.value if head else GENESIS
        if not _head_signed(ctx, value):
            return Verification(
                0, None, "마지막 기록의 정보(기록 수와 연결 값)가 키 없이 바뀌었습니다."
            )
        for row in session.scalars(
            select(AccessLog).order_by(AccessLog.id).execution_options(yield_per=2000)
        ):
            if (row.prev_hash or "") != prev:
                return Verification(
                    checked, row.id, "앞 기록과의 연결이 끊겼습니다 (삭제 또는 삽입)."
                )
            if not hmac.compare_digest(_entry_digest(key, row, prev), row.entry_hash):
                return Verification(checked, row.id, "기록 내용이 바뀌었습니다.")
            prev = row.entry_hash
            checked += 1
            if here is not None and checked == here[0] and prev != here[1]:
                return Verification(
                    checked, row.id, "이 PC가 전에 확인한 기록과 다릅니다 (기록을 바꿔 끼움)."
                )
        count, digest = _head(value)
        if count != checked or digest != prev:
            return Verification(
                checked,
                None,
                f"마지막 기록이 사라졌습니다 (기록된 수 {count:,}, 남은 수 {checked:,}).",
            )
        if here is not None and here[0] > checked:
            return Verification(
                checked,
                None,
                f"끝부분 기록이 지워졌습니다: 이 PC가 전에 본 기록은 {here[0]:,}건인데 "
                f"지금은 {checked:,}건입니다.",
            )
    remember_head(ctx, value)
    return Verification(checked)


# -- the monthly review ----------------------------------------------------------------


@dataclass
class Finding:
    username: str
    kind: str  # Korean heading
    count: int
    detail: str
    examples: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "username": self.username,
            "kind": self.kind,
            "count": self.count,
            "detail": self.detail,
            "examples": self.examples,
        }


def month_range(month: str) -> tuple[datetime, datetime]:
    """``2026-11`` → its first moment and the next month's, in Korea time."""
    try:
        year, number = (int(part) for part in month.split("-"))
        start = datetime(year, number, 1, tzinfo=KST)
    except ValueError:
        raise ValueError(f"달은 2026-11처럼 적어 주십시오: '{month}'") from None
    end = datetime(year + (number == 12), number % 12 + 1, 1, tzinfo=KST)
    return start, end


def _rows(ctx: AppContext, start: datetime, end: datetime) -> Iterator[AccessLog]:
    with ctx.session() as session:
        yield from session.scalars(
            select(AccessLog)
            .where(AccessLog.at >= start, AccessLog.at < end)
            .order_by(AccessLog.id)
            .execution_options(yield_per=2000)
        )


def _example(row: AccessLog) -> str:
    when = to_kst(row.at).strftime("%m-%d %H:%M")
    return f"{when} {row.action.label} {row.subject or ''} {row.terminal_host or ''}".strip()


def review(ctx: AppContext, month: str) -> list[Finding]:
    """Unusual access in one month, for the supervisor's monthly check (and logged). A
    supervisor sees the staff of their own centre; an administrator sees everyone."""
    actor = require(ctx, Permission.AUDIT)
    start, end = month_range(month)
    staff: set[int | None] | None = None  # whose rows may be reviewed; None: everyone's
    if not actor.all_centres:
        with ctx.session() as session:
            staff = set(
                session.scalars(
                    select(StaffUser.id).where(
                        StaffUser.centre_id == actor.centre_id, StaffUser.role != Role.ADMIN
                    )
                )
            )
    off_hours: dict[str, list[AccessLog]] = defaultdict(list)
    per_day: Counter[tuple[str, date]] = Counter()
    reveals: dict[str, list[AccessLog]] = defaultdict(list)
    outputs: dict[str, list[AccessLog]] = defaultdict(list)
    for row in _rows(ctx, start, end):
        if row.username.startswith("system:") or (staff is not None and row.staff_id not in staff):
            continue
        local = to_kst(row.at)
        if not is_working_day(local.date()) or not (WORK_START_HOUR <= local.hour < WORK_END_HOUR):
            off_hours[row.username].append(row)
        if row.action is AccessAction.VIEW:
            per_day[(row.username, local.date())] += 1
        if row.detail == REVEAL:
            reveals[row.username].append(row)
        if row.action in (AccessAction.PRINT, AccessAction.DOWNLOAD):
            outputs[row.username].append(row)
    findings: list[Finding] = []
    for user, rows in sorted(off_hours.items()):
        findings.append(
            Finding(
                user,
                "업무시간 외 접근",
                len(rows),
                f"평일 {WORK_START_HOUR}시~{WORK_END_HOUR}시 밖이나 휴일의 접근",
                [_example(r) for r in rows[:5]],
            )
        )
    for (user, day), count in sorted(per_day.items()):
        if count > MANY_VIEWS_A_DAY:
            findings.append(
                Finding(user, "대량 조회", count, f"{day.isoformat()} 하루 {count:,}건 조회")
            )
    for user, rows in sorted(reveals.items()):
        findings.append(
            Finding(
                user,
                "개인정보 표시",
                len(rows),
                "가려진 개인정보를 펼쳐 본 기록",
                [_example(r) for r in rows[:5]],
            )
        )
    for user, rows in sorted(outputs.items()):
        findings.append(
            Finding(
                user,
                "출력·다운로드",
                len(rows),
                "사유와 함께 남은 출력·내려받기",
                [f"{_example(r)} — {r.reason or '사유 없음'}" for r in rows[:10]],
            )
        )
    log(ctx, AccessAction.VIEW, "access_log", detail=f"접속기록 점검 {month}")
    return findings
