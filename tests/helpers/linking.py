"""Feeding hand-written channel records through the real import."""

from __future__ import annotations

import json
from itertools import count
from pathlib import Path
from typing import Any

from sqlalchemy import select

from db.models import Alert
from desktop.context import AppContext
from desktop.intake.service import import_file

_files = count()


def import_records(ctx: AppContext, folder: Path, records: list[dict[str, Any]]) -> None:
    """Import records (Korean header -> value) of one channel as a JSONL file."""
    path = folder / f"batch-{next(_files)}.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    import_file(ctx, path)


# The records below carry a sign of crisis unless told otherwise: an alert that asks for
# nothing is kept as the household's record with its case closed (기록만), and these
# helpers are for alerts that open work. ``quiet_call``/``quiet_visit`` ask for nothing.
def call(source: str, name: str, phone: str, **extra: str) -> dict[str, Any]:
    return {
        "상담ID": source,
        "통화일시": "2026-11-03 10:00",
        "대상자명": name,
        "연락처": phone,
        "통화결과": "연결",
        "고립감": "Y",
        **extra,
    }


def visit(source: str, name: str, address: str, **extra: str) -> dict[str, Any]:
    return {
        "방문ID": source,
        "방문일자": "2026-11-05",
        "대상자명": name,
        "주소": address,
        "관찰사항": "우편물적체",
        "위기의심": "Y",
        **extra,
    }


def quiet_call(source: str, name: str, phone: str, **extra: str) -> dict[str, Any]:
    return {k: v for k, v in call(source, name, phone).items() if k != "고립감"} | extra


def quiet_visit(source: str, name: str, address: str, **extra: str) -> dict[str, Any]:
    return visit(source, name, address) | {"관찰사항": "이상없음", "위기의심": "N"} | extra


def report(source: str, **extra: str) -> dict[str, Any]:
    return {"신고번호": source, "신고일시": "2026-11-04 09:00", "위기유형": "고립", **extra}


def alert(ctx: AppContext, source_id: str) -> Alert:
    with ctx.session() as session:
        return session.scalars(select(Alert).where(Alert.source_id == source_id)).one()
