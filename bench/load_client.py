"""One PC of ``bench.load``: signs in as its worker and works a worker's mix for a fixed
time through the client's services, timing each action. Reads its configuration (JSON) and
then ``go`` on stdin; says ``ready`` once signed in and listening; prints its results as one
JSON line at the end."""

from __future__ import annotations

import functools
import json
import random
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import keyring

from db.enums import OPEN_STATUSES, CaseStatus, CounsellingMethod, RiskLevel
from db.queries import CaseFilter
from desktop.caselist.listing import iter_cases
from desktop.caselist.service import CaseListService
from desktop.casework.actions import MET, Counselling
from desktop.casework.detail import CaseDetail, CaseDetailService
from desktop.casework.service import CaseworkService
from desktop.casework.workflow import PATH, CaseConflictError, CaseworkError
from desktop.context import AppContext, open_database
from desktop.intake.service import import_file
from desktop.security import accounts, secrets
from desktop.upkeep.changes import POLL_MS, QUIET_S, ChangeFeed, Changes
from tests.helpers.keyring_memory import MemoryKeyring

# How often a worker does each thing (the list and opening a case most; a file now and then).
MIX = {
    "list": 22,
    "filter": 18,
    "open": 24,
    "status": 13,
    "counselling": 13,
    "import": 6,
    "cases_cli": 4,
}
BLOCK = 200  # rows the list fetches as it is drawn
LISTED = CaseFilter(statuses=OPEN_STATUSES)  # what the window's list shows
SURNAMES = ("김", "이", "박", "최", "정")
GIVEN = ("영숙", "순자", "민준", "서연", "정희", "현우", "지훈", "미경")


def _deadlocked(exc: BaseException) -> bool:
    """PostgreSQL's deadlock (40P01) or SQLite's busy database, anywhere in the chain."""
    seen: BaseException | None = exc
    while seen is not None:
        orig = getattr(seen, "orig", None)
        for candidate in (seen, orig):
            if getattr(candidate, "sqlstate", None) == "40P01":
                return True
            if "database is locked" in str(candidate or ""):
                return True
        seen = seen.__cause__ or seen.__context__
    return False


class Listener(threading.Thread):
    """The change feed, polled as the window's timer polls it (every ``POLL_MS``): when
    each notice of the probe's table was seen, and what changed since the last look."""

    def __init__(self, ctx: AppContext) -> None:
        super().__init__(daemon=True)
        self.feed = ChangeFeed(ctx)
        self.heard: list[float] = []
        self._changes = Changes()
        self._lock = threading.Lock()
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.wait(POLL_MS / 1000):
            seen = self.feed.poll()
            if seen:
                with self._lock:
                    self._changes.add(seen)
            if "support_links" in seen.tables:
                self.heard.append(time.time())

    def pending(self) -> bool:
        with self._lock:
            return bool(self._changes)

    def take(self) -> Changes:
        """What changed since the last time this was asked."""
        with self._lock:
            changes, self._changes = self._changes, Changes()
        return changes

    def stop(self) -> None:
        self._halt.set()
        self.join(5)
        self.feed.close()


@dataclass
class Worker:
    ctx: AppContext
    name: str
    gu: str  # the centre's 구, written in the addresses its files carry
    roads: list[str]
    folder: Path
    rng: random.Random
    times: dict[str, list[float]] = field(default_factory=dict)
    statuses: list[tuple[int, str]] = field(default_factory=list)  # (case, the reason saved)
    counselling: list[tuple[int, str]] = field(default_factory=list)  # (record id, content)
    imported: list[str] = field(default_factory=list)  # source ids
    errors: int = 0
    deadlocks: int = 0
    conflicts: int = 0
    refused: int = 0
    messages: list[str] = field(default_factory=list)
    listed: list[int] = field(default_factory=list)
    shown: CaseDetail | None = None
    done: int = 0

    def __post_init__(self) -> None:
        self.lists = CaseListService(self.ctx)
        self.details = CaseDetailService(self.ctx)
        self.work = CaseworkService(self.ctx)
        self.me = self.lists.me()

    def timed(self, action: str, fn: Callable[[], object]) -> bool:
        """Run and time one action; False when it did not go through (a conflict, a
        refusal in words, or an error, each counted)."""
        began = time.perf_counter()
        try:
            fn()
            return True
        except CaseConflictError:
            self.conflicts += 1
            return False
        except CaseworkError as exc:  # told in words, nothing lost (a move no longer allowed)
            self.refused += 1
            self._note(action, exc)
            return False
        except Exception as exc:
            self.errors += 1
            self.deadlocks += _deadlocked(exc)
            self._note(action, exc)
            return False
        finally:
            self.times.setdefault(action, []).append((time.perf_counter() - began) * 1000)

    def _note(self, action: str, exc: BaseException) -> None:
        if len(self.messages) < 10:
            self.messages.append(f"{action}: {type(exc).__name__}: {exc}")

    # -- the actions ------------------------------------------------------------------------

    def list(self) -> None:
        ids = self.lists.ids(LISTED)
        self.lists.rows(ids[:BLOCK])
        self.listed = ids

    def follow(self, changes: Changes) -> None:
        """A colleague's changes, followed as the window follows them (MainWindow
        ._follow_remote): the list's ids asked again only when a case may have moved in or
        out of it, otherwise the changed rows on screen read again; the case pane's version
        compared when its case changed."""
        held = frozenset(self.listed)
        update = self.lists.follow(changes, LISTED, held)
        on_screen = set(self.listed[:BLOCK])
        drawn = sorted(c for c in update.rows if c in on_screen)
        if drawn and not update.requery:
            self.lists.rows(drawn)
        if update.requery:
            self.list()
        if self.shown is not None and changes.touches(self.shown.id):
            self.details.version(self.shown.id)

    def filter(self) -> None:
        choice = self.rng.randrange(5)
        if choice == 0:
            f = CaseFilter(statuses=OPEN_STATUSES, assigned_to_id=self.me)
        elif choice == 1:
            f = CaseFilter(
                statuses=OPEN_STATUSES, risks=frozenset({RiskLevel.URGENT, RiskLevel.CRISIS})
            )
        elif choice == 2:
            f = CaseFilter(statuses=OPEN_STATUSES, overdue=True)
        elif choice == 3:
            f = CaseFilter(statuses=OPEN_STATUSES, text=self.rng.choice(SURNAMES))
        else:
            f = CaseFilter(text=self.rng.choice(self.roads) if self.roads else "동")
        self.lists.rows(self.lists.ids(f)[:BLOCK])

    def _pick(self) -> int | None:
        if not self.listed:
            self.list()
        if not self.listed:
            return None
        # The top of the list most (Today's order puts one's own cases first).
        top = self.listed[: max(20, len(self.listed) // 3)]
        return self.rng.choice(top if self.rng.random() < 0.7 else self.listed)

    def open(self) -> None:
        case_id = self._pick()
        if case_id is not None:
            self.shown = self.details.detail(case_id)

    def _target(self, detail: CaseDetail) -> CaseStatus | None:
        if detail.status in PATH and detail.status is not PATH[-1]:
            forward = PATH[PATH.index(detail.status) + 1]
            if forward in detail.next_statuses():
                return forward
        if detail.status is CaseStatus.MONITORING:
            return CaseStatus.COUNSELLING  # back for another conversation, with a reason
        return None

    def _save(self, action: str, save: Callable[[int], object], again: Callable[[], bool]) -> None:
        """Save against the version shown; on a conflict, look at what the other person
        changed (and the case as it is now) and apply the change again on top, when it
        still makes sense, as the conflict dialog offers."""
        detail = self.shown
        assert detail is not None
        before = self.conflicts

        def reload() -> None:  # after a save the pane shows the case again
            self.shown = self.details.detail(detail.id)

        if self.timed(action, lambda: save(detail.version)):
            self.timed("reload", reload)
            return
        if self.conflicts == before:
            return
        looked: list[int] = []

        def resolve() -> None:
            looked.append(self.work.changes_since(detail.id, detail.version).version)
            reload()

        applied = (
            self.timed("resolve", resolve)
            and again()
            and self.timed("reapply", lambda: save(looked[0]))
        )
        if applied:
            self.timed("reload", reload)

    def _opened(self) -> None:
        """A case to work on: the one shown, or one opened now (timed as an opening)."""
        if self.shown is None or self.shown.status not in OPEN_STATUSES:
            self.timed("open", self.open)

    def status(self) -> None:
        self._opened()
        detail = self.shown
        if detail is None:
            return
        target = self._target(detail)
        if target is None:
            return
        self.done += 1
        reason = f"load {self.name} {self.done}"

        def save(version: int) -> None:
            self.work.change_status(detail.id, version, target, reason)
            self.statuses.append((detail.id, reason))

        def still() -> bool:
            return self.shown is not None and target in self.shown.next_statuses()

        self._save("status", save, still)

    def record_counselling(self) -> None:
        self._opened()
        detail = self.shown
        if detail is None:
            return
        self.done += 1
        content = f"load {self.name} {self.done}: 전화로 안부 확인, 식사는 하신다고 함"
        now = self.work.now()
        record = Counselling(
            held_at=now,
            method=CounsellingMethod.PHONE,
            content=content,
            needs={"고립": "중간"},
            outcome=MET,
            next_action="다시 연락",
            next_action_at=now + timedelta(days=7),
        )

        def save(version: int) -> None:
            record_id = self.work.record_counselling(detail.id, version, record)
            self.counselling.append((record_id, content))

        def still() -> bool:
            return self.shown is not None and self.shown.status in OPEN_STATUSES

        self._save("counselling", save, still)

    def import_small_file(self) -> None:
        """A few AI-call records of the worker's own streets (one a known phone again)."""
        self.done += 1
        rows = []
        for n in range(3):
            source = f"LOAD-{self.name}-{self.done}-{n}"
            road = self.rng.choice(self.roads) if self.roads else "중앙대로"
            rows.append(
                {
                    "상담ID": source,
                    "통화일시": "2026-11-19 10:00",
                    "대상자명": self.rng.choice(SURNAMES) + self.rng.choice(GIVEN),
                    "연락처": f"010-{self.rng.randrange(2000, 9999)}-{self.rng.randrange(1000, 9999)}",
                    "주소": f"부산광역시 {self.gu} {road} {self.rng.randrange(1, 200)}",
                    "통화결과": "연결",
                    "고립감": "Y",
                }
            )
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"calls-{self.done}.jsonl"
        path.write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8"
        )
        import_file(self.ctx, path)
        self.imported += [r["상담ID"] for r in rows]

    def cases_cli(self) -> None:
        """The whole list as ``anbu cases --json`` writes it."""
        for row in iter_cases(self.ctx, CaseFilter(statuses=OPEN_STATUSES)):
            json.dumps(row, ensure_ascii=False, default=str)

    def act(self, action: str) -> None:
        if action == "status":
            self.status()  # times its own save (and a conflict's resolution)
        elif action == "counselling":
            self.record_counselling()
        else:
            timed: dict[str, Callable[[], object]] = {
                "list": self.list,
                "filter": self.filter,
                "open": self.open,
                "import": self.import_small_file,
                "cases_cli": self.cases_cli,
            }
            self.timed(action, timed[action])


def main() -> int:
    config: dict[str, Any] = json.loads(sys.stdin.readline())
    keyring.set_keyring(MemoryKeyring())  # this PC's keyring, the keys moved to it
    secrets.store_keys(config["identity"], secrets.decode_keys(config["keys"]))
    rng = random.Random(config["seed"])
    with open_database(config["url"]) as ctx:
        accounts.sign_in(ctx, config["username"], config["password"])
        worker = Worker(
            ctx, config["username"], config["gu"], config["roads"], Path(config["folder"]), rng
        )
        # A client that has been open a while: each action done once before the clock
        # starts (its first queries compiled, its modules loaded), and not timed.
        for action in ("list", "filter", "open", "counselling", "status", "cases_cli"):
            worker.act(action)
        worker.times.clear()
        listener = Listener(ctx)
        listener.start()
        listened_from = time.time()
        print("ready", flush=True)
        if sys.stdin.readline().strip() != "go":
            return 1
        worker.act("list")  # the window shows its list
        refreshed = time.monotonic()
        cpu = time.process_time()
        end = time.monotonic() + float(config["seconds"])
        names, weights = list(MIX), list(MIX.values())
        while time.monotonic() < end:
            worker.act(rng.choices(names, weights)[0])
            if listener.pending() and time.monotonic() - refreshed >= QUIET_S:
                changes = listener.take()  # a colleague's writes: the window follows them
                refreshed = time.monotonic()
                worker.timed("refresh", functools.partial(worker.follow, changes))
            pause = min(rng.expovariate(1 / config["think_s"]), 4 * config["think_s"])
            time.sleep(pause)
        listened_until = time.time()
        cpu = time.process_time() - cpu
        listener.stop()
    print(
        json.dumps(
            {
                "username": worker.name,
                "times": worker.times,
                "statuses": worker.statuses,
                "counselling": worker.counselling,
                "imported": worker.imported,
                "errors": worker.errors,
                "deadlocks": worker.deadlocks,
                "conflicts": worker.conflicts,
                "refused": worker.refused,
                "messages": worker.messages,
                "heard": listener.heard,
                "cpu_s": cpu,
                "listened": [listened_from, listened_until],
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
