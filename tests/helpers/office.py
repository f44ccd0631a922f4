"""A dong team as a real office sets it up: centres with their roads, workers signed in
with their own passwords, and a case imported by one of them."""

from __future__ import annotations

from pathlib import Path

from db.enums import Role
from desktop.context import AppContext
from desktop.office import centres
from desktop.security import accounts
from tests.helpers.linking import alert, call, import_records

A, B = "2635051000", "2635052000"  # 좌1동, 좌2동
WORKERS = (("kim", "김지은", A), ("lee", "이영희", A), ("park", "박민수", B))


def password(username: str) -> str:
    return f"{username}-pass-1"


def sign_in(ctx: AppContext, username: str) -> None:
    accounts.sign_in(ctx, username, password(username))


def dong_team(ctx: AppContext, folder: Path) -> int:
    """좌1동 with two workers (kim 김지은, lee 이영희), 좌2동 with one (park 박민수), made
    by the administrator; one case of 좌1동's that kim imported (kim is signed in after).
    Returns the case's id."""
    centres.add_centre(ctx, A, name="좌1동", gu="해운대구")
    centres.add_centre(ctx, B, name="좌2동", gu="해운대구")
    centres.cover(ctx, A, roads=["좌동순환로"])
    centres.cover(ctx, B, roads=["양운로"])
    for username, name, centre in WORKERS:
        accounts.add_user(
            ctx, username, password(username), role=Role.WORKER, centre=centre, display_name=name
        )
    sign_in(ctx, "kim")
    import_records(
        ctx, folder, [call("A-1", "김민준", "010-5555-0101", 주소="해운대구 좌동순환로 5")]
    )
    case_id = alert(ctx, "A-1").case_id
    assert case_id is not None
    return case_id
