"""Several PCs on one database: N client processes, each signed in as a worker of its own,
doing a worker's mix for a fixed time, and what each action cost them.

    python -m bench load --db postgresql://… --clients 20 --seconds 60

The office is set up as a 구청 sets one up, through the services: the demo's district
(its centres, territory, staff and imported channel files), then one worker account per
client in the largest centres (five a centre at most: a dong team), each given a share of
their centre's open cases by assignment. Each client (``bench.load_client``, a process of
its own, with its own keyring and data folder as a PC has) signs in with its password and
works (after doing each action once, untimed, as a client open for a while has): the list, a
filter or search, opening a case, changing its status, recording counselling, importing a
small file, now and then the whole list as ``anbu cases`` gives it,
with a pause of about a second between actions (a person reads what they opened); when its
change feed (looked at every half second, as the window looks) says another client wrote, it
asks for its list again, at most every 1.5 s, as the window does. A save that meets a newer version is a conflict: the client looks at what the
other changed and applies its change again on top, as the conflict dialog offers.

Meanwhile this process, as one more worker, links a support resource to a case every
2.5 s: no client writes ``support_links``, so the moment each client's change feed hears
of that table is how long a change takes to reach the others (PostgreSQL only: SQLite's
feed says only that something changed).

At the end every acknowledged write is looked for in the database (status changes and
counselling by the words they were saved with, imported alerts by their source ids, support
links by id), every case's status is the one its last recorded move set, each client's saves
each have an access-log row, and the access log's chain is verified.

Figures (``load.<action>.p50`` / ``.p95`` in ms over every client's actions; ``save`` is
status and counselling together): ``load.errors`` (anything that is not a conflict or a
refusal in words), ``load.deadlocks``, ``load.lost_updates``, ``load.conflicts``,
``load.refused``, ``load.notify_p50`` / ``notify_p95`` / ``notify_max`` (s) and
``load.notify_missed``, ``load.audit_ok``.

Environment: ``ANBU_BENCH_LOAD_CLIENTS`` (default 4), ``ANBU_BENCH_LOAD_SECONDS`` (60),
``ANBU_BENCH_LOAD_HOUSEHOLDS`` (6000), ``ANBU_BENCH_LOAD_THINK_S`` (1.0); ``python -m
bench load --clients N --seconds S`` sets the first two.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bench.registry import Figure
from db.enums import OPEN_STATUSES, AccessAction, ResourceKind, Role, TerritoryKind
from db.models import (
    AccessLog,
    Alert,
    Case,
    CaseStatusChange,
    CommunityCentre,
    CounsellingRecord,
    SupportLink,
    TerritoryRule,
)
from desktop.casework import actions
from desktop.casework.service import CaseworkService
from desktop.context import AppContext, open_database
from desktop.demo import DEMO_ADMIN, populate
from desktop.security import accounts, audit, secrets

CLIENTS = int(os.environ.get("ANBU_BENCH_LOAD_CLIENTS", "4"))
SECONDS = float(os.environ.get("ANBU_BENCH_LOAD_SECONDS", "60"))
HOUSEHOLDS = int(os.environ.get("ANBU_BENCH_LOAD_HOUSEHOLDS", "6000"))
THINK_S = float(os.environ.get("ANBU_BENCH_LOAD_THINK_S", "1.0"))
TEAM = 5  # workers a centre at most
PROBE_EVERY_S = 2.5
PASSWORD = "load-bench-pass-1"
ACTIONS = (
    "list",
    "filter",
    "open",
    "status",
    "counselling",
    "import",
    "cases_cli",
    "refresh",
    "resolve",
    "reapply",
    "reload",
)


@dataclass
class Office:
    """What the clients are told: who they are, their centre's roads, the keys."""

    workers: list[dict[str, Any]] = field(default_factory=list)
    probe_case_ids: list[int] = field(default_factory=list)
    resource_id: int = 0


def _set_up(ctx: AppContext, clients: int) -> Office:
    populate(ctx, households=HOUSEHOLDS, seed=11, anchor=date(2026, 11, 20))
    accounts.sign_in(ctx, DEMO_ADMIN, accounts.DEMO_PASSWORD)
    with ctx.session() as session:
        largest = session.execute(
            select(CommunityCentre.id, CommunityCentre.code, func.count(Case.id))
            .join(Case, Case.centre_id == CommunityCentre.id)
            .where(Case.status.in_(OPEN_STATUSES), Case.merged_into_id.is_(None))
            .group_by(CommunityCentre.id, CommunityCentre.code)
            .order_by(func.count(Case.id).desc(), CommunityCentre.id)
            .limit(max(1, -(-clients // TEAM)))
        ).all()
        gu = dict(session.execute(select(CommunityCentre.id, CommunityCentre.gu)).all())
        roads = {
            centre_id: [
                road
                for (road,) in session.execute(
                    select(TerritoryRule.road).where(
                        TerritoryRule.centre_id == centre_id,
                        TerritoryRule.kind == TerritoryKind.ROAD,
                    )
                )
                if road
            ]
            for centre_id, _code, _n in largest
        }
    office = Office()
    teams: dict[int, list[int]] = {}
    for number in range(clients):
        centre_id, code, _open = largest[number % len(largest)]
        username = f"load{number:02d}"
        staff_id = accounts.add_user(
            ctx,
            username,
            PASSWORD,
            role=Role.WORKER,
            centre=code,
            display_name=f"부하{number:02d}",
        )
        teams.setdefault(centre_id, []).append(staff_id)
        office.workers.append(
            {
                "username": username,
                "password": PASSWORD,
                "gu": gu[centre_id],
                "roads": roads[centre_id],
            }
        )
    # Each worker is given a share of their centre's open cases (a supervisor's
    # assignment); a third stay unassigned, the team's shared pool.
    for centre_id, team in teams.items():
        with ctx.session() as session:
            open_ids = list(
                session.scalars(
                    select(Case.id)
                    .where(
                        Case.centre_id == centre_id,
                        Case.status.in_(OPEN_STATUSES),
                        Case.merged_into_id.is_(None),
                    )
                    .order_by(Case.id)
                )
            )
        shared = len(open_ids) // 3
        for offset, staff_id in enumerate(team):
            mine = open_ids[shared + offset :: len(team)]
            if mine:
                actions.assign(ctx, mine, staff_id)
    first_centre, first_code, _n = largest[0]
    accounts.add_user(
        ctx, "loadprobe", PASSWORD, role=Role.WORKER, centre=first_code, display_name="측정"
    )
    office.resource_id = actions.add_resource(
        ctx, kind=ResourceKind.PRIVATE, name="부하 측정 자원", centre_id=first_centre
    )
    with ctx.session() as session:
        office.probe_case_ids = list(
            session.scalars(
                select(Case.id)
                .where(Case.centre_id == first_centre, Case.merged_into_id.is_(None))
                .order_by(Case.id.desc())
                .limit(50)
            )
        )
    if ctx.engine.dialect.name == "postgresql":  # as autovacuum leaves a loaded database
        with ctx.engine.connect() as connection:
            connection.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql(
                "VACUUM ANALYZE"
            )
    return office


class Probe(threading.Thread):
    """One more worker, linking a support resource to a case every ``PROBE_EVERY_S``:
    the times its writes began, and the links' ids (acknowledged writes too)."""

    def __init__(self, url: str, keys: str, identity: str, office: Office) -> None:
        super().__init__(daemon=True)
        self._url, self._office = url, office
        self.started_at: list[float] = []
        self.link_ids: list[int] = []
        self.errors: list[str] = []
        self.load: list[float] = []  # the machine's load average as the run goes
        self._halt = threading.Event()
        del keys, identity  # this process holds the keys already

    def run(self) -> None:
        with open_database(self._url) as ctx:
            accounts.sign_in(ctx, "loadprobe", PASSWORD)
            work = CaseworkService(ctx)
            cases = self._office.probe_case_ids
            number = 0
            while not self._halt.wait(PROBE_EVERY_S):
                case_id = cases[number % len(cases)]
                number += 1
                self.load.append(os.getloadavg()[0])
                began = time.time()
                try:
                    link = actions.link_support(
                        ctx,
                        case_id,
                        self._office.resource_id,
                        expected_version=None,
                        requested_at=work.now(),
                        note=f"probe {number}",
                    )
                except Exception as exc:  # counted as an error of the bench's own writer
                    self.errors.append(f"{type(exc).__name__}: {exc}")
                    continue
                self.started_at.append(began)
                self.link_ids.append(link)

    def stop(self) -> None:
        self._halt.set()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[round(q) - 1]


def _notify_latencies(
    starts: list[float], clients: list[dict[str, Any]]
) -> tuple[list[float], int]:
    """Each probe's write reaching each client that was listening then: the first notice
    after the write began and before the next one did. Returns the latencies and how many
    never arrived (a write in a client's last two seconds is not waited for)."""
    latencies, missed = [], 0
    bounds = [*starts[1:], float("inf")]
    for client in clients:
        heard = sorted(client["heard"])
        since, until_end = client["listened"]
        for began, until in zip(starts, bounds, strict=True):
            if not since <= began < until_end - 2.0:
                continue
            first = next((t for t in heard if began <= t < until), None)
            if first is None:
                missed += 1
            else:
                latencies.append(first - began)
    return latencies, missed


def _lost_updates(ctx: AppContext, results: list[dict[str, Any]], probe: Probe) -> int:
    """Acknowledged writes not found in the database, cases whose status is not the one
    their last recorded move set, and saves without their access-log row."""
    lost = 0
    with ctx.session() as session:
        for result in results:
            for case_id, reason in result["statuses"]:
                found = session.scalar(
                    select(func.count())
                    .select_from(CaseStatusChange)
                    .where(CaseStatusChange.case_id == case_id, CaseStatusChange.reason == reason)
                )
                lost += found != 1
            for record_id, content in result["counselling"]:
                record = session.get(CounsellingRecord, record_id)
                lost += record is None or record.content != content
            sources = result["imported"]
            if sources:
                found = session.scalar(
                    select(func.count()).select_from(Alert).where(Alert.source_id.in_(sources))
                )
                lost += len(sources) - (found or 0)
            logged = session.scalar(
                select(func.count())
                .select_from(AccessLog)
                .where(
                    AccessLog.username == result["username"],
                    AccessLog.action == AccessAction.UPDATE,
                )
            )
            saves = len(result["statuses"]) + len(result["counselling"])
            lost += max(0, saves - (logged or 0))
        if probe.link_ids:
            found = session.scalar(
                select(func.count())
                .select_from(SupportLink)
                .where(SupportLink.id.in_(probe.link_ids))
            )
            lost += len(probe.link_ids) - (found or 0)
        worked = {case_id for r in results for case_id, _ in r["statuses"]}
        for case_id in worked:
            last = session.scalars(
                select(CaseStatusChange.to_status)
                .where(CaseStatusChange.case_id == case_id)
                .order_by(CaseStatusChange.id.desc())
                .limit(1)
            ).first()
            case = session.get(Case, case_id)
            lost += case is None or case.status is not last
    return lost


def run(url: str) -> list[Figure]:
    clients, seconds = CLIENTS, SECONDS
    with open_database(url) as ctx:
        office = _set_up(ctx, clients)
        keys = secrets.load_keys(ctx.identity)
        assert keys is not None
        encoded, identity = secrets.encode_keys(keys), ctx.identity
    postgres = url.startswith("postgresql")
    with tempfile.TemporaryDirectory(prefix="anbu-load-") as folder:
        processes = []
        for number, worker in enumerate(office.workers):
            home = Path(folder) / f"pc{number:02d}"  # a PC of its own: data, settings
            env = dict(
                os.environ,
                ANBU_DATA_DIR=str(home / "data"),
                ANBU_CONFIG_DIR=str(home / "config"),
            )
            config = {
                "url": url,
                "identity": identity,
                "keys": encoded,
                "seconds": seconds,
                "think_s": THINK_S,
                "seed": number,
                "folder": str(home / "files"),
                **worker,
            }
            process = subprocess.Popen(
                [sys.executable, "-m", "bench.load_client"],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            assert process.stdin is not None and process.stdout is not None
            process.stdin.write(json.dumps(config) + "\n")
            process.stdin.flush()
            processes.append(process)
        for process in processes:  # each has signed in and listens for changes
            assert process.stdout is not None
            line = process.stdout.readline()
            if line.strip() != "ready":
                raise RuntimeError(f"a client did not start: {line!r}")
        probe = Probe(url, encoded, identity, office)
        for process in processes:
            assert process.stdin is not None
            process.stdin.write("go\n")
            process.stdin.flush()
        probe.start()
        results = []
        for process in processes:
            out, _ = process.communicate(timeout=seconds + 600)
            if process.returncode != 0:
                raise RuntimeError(f"a client failed (exit {process.returncode})")
            results.append(json.loads(out.strip().splitlines()[-1]))
        probe.stop()
        probe.join(30)
    with open_database(url) as ctx:
        lost = _lost_updates(ctx, results, probe)
        accounts.sign_in(ctx, DEMO_ADMIN, accounts.DEMO_PASSWORD)
        audit_ok = audit.verify(ctx).ok
    figures: list[Figure] = [
        ("load.clients", float(clients), "clients"),
        ("load.seconds", seconds, "s"),
    ]
    samples: dict[str, list[float]] = {a: [] for a in ACTIONS}
    for result in results:
        for action, times in result["times"].items():
            samples.setdefault(action, []).extend(times)
    samples["save"] = samples["status"] + samples["counselling"]
    for action, times in samples.items():
        if not times:
            continue
        figures += [
            (f"load.{action}.count", float(len(times)), "actions"),
            (f"load.{action}.p50", _percentile(times, 50), "ms"),
            (f"load.{action}.p95", _percentile(times, 95), "ms"),
        ]
    total = {k: sum(r[k] for r in results) for k in ("errors", "deadlocks", "conflicts", "refused")}
    actions = sum(len(t) for r in results for t in r["times"].values())
    client_cpu = sum(r["cpu_s"] for r in results)
    figures += [
        ("load.actions", float(actions), "actions"),
        # What the clients themselves cost (their own PCs' work, here on this machine).
        ("load.client_cpu_per_action", client_cpu / max(actions, 1) * 1000, "ms"),
        ("load.client_cpu_cores", client_cpu / seconds, "cores"),
        ("load.loadavg_1min", max(probe.load, default=float("nan")), "processes"),
        ("load.errors", float(total["errors"] + len(probe.errors)), "errors"),
        ("load.deadlocks", float(total["deadlocks"]), "deadlocks"),
        ("load.lost_updates", float(lost), "writes"),
        ("load.conflicts", float(total["conflicts"]), "conflicts"),
        ("load.refused", float(total["refused"]), "refusals"),
        ("load.audit_ok", 1.0 if audit_ok else 0.0, "bool"),
    ]
    for result in results:
        for message in result["messages"][:3]:
            print(f"# {result['username']}: {message}", file=sys.stderr)
    for message in probe.errors[:3]:
        print(f"# probe: {message}", file=sys.stderr)
    if postgres:
        latencies, missed = _notify_latencies(probe.started_at, results)
        figures += [
            ("load.notify_p50", _percentile(latencies, 50), "s"),
            ("load.notify_p95", _percentile(latencies, 95), "s"),
            ("load.notify_max", max(latencies, default=float("nan")), "s"),
            ("load.notify_missed", float(missed), "notices"),
        ]
    return figures
