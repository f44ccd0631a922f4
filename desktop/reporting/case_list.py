"""The case list as a workbook: the cases the account may see."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from db.enums import AccessAction, CaseStatus, Channel
from desktop.context import AppContext
from desktop.reporting.period import paper_format
from desktop.security import audit
from desktop.security.access import Permission, require
from desktop.timeutil import to_kst


def _centre_name(ctx: AppContext, centre_id: int | None) -> str:
    from db.models import CommunityCentre

    if centre_id is None:
        return "안부데스크 (모든 센터)"
    with ctx.session() as session:
        centre = session.get(CommunityCentre, centre_id)
        return f"{centre.dong} 행정복지센터" if centre is not None else ""


def export_cases(ctx: AppContext, path: Path, *, reason: str | None, reveal: bool = False) -> int:
    """The case list the account may see, as a workbook; logged as 다운로드."""
    from desktop.caselist.listing import iter_cases
    from reports.cases_xlsx import write_cases_xlsx

    paper_format(path, (".xlsx",))
    reason = audit.require_reason(reason)
    labels = {s.value: s.label for s in CaseStatus}
    from db.enums import RiskLevel

    risks = {r.value: r.label for r in RiskLevel}
    channel_labels = {c.value: c.label for c in Channel}

    def korea_time(value: str | None) -> datetime | None:
        # Korea time on the wall clock: a UTC date read as a date is a day off.
        return to_kst(datetime.fromisoformat(value)) if value else None

    def rows() -> Iterator[dict[str, Any]]:
        for item in iter_cases(ctx, reveal=reveal, reason=reason, logged=False):
            item["status_label"] = labels[item["status"]]
            item["risk_label"] = risks[item["risk"]]
            item["channels"] = sorted({channel_labels[a["channel"]] for a in item["alerts"]})
            for key in ("opened_at", "due_at", "next_action_at"):
                item[key] = korea_time(item.get(key))
            item["assigned_name"] = item.get("assigned_name") or "미배정"
            yield item

    actor = require(ctx, Permission.REVEAL if reveal else Permission.VIEW)
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "cases", reason=reason) as (
        staging,
        detail,
    ):
        made = to_kst(ctx.clock()).strftime("%Y-%m-%d %H:%M")
        count = write_cases_xlsx(
            rows(),
            staging,
            title_line=f"작성 {actor.display_name} {made} (시각은 한국 시간)"
            + (" · 개인정보 포함" if reveal else " · 이름은 가려져 있습니다"),
            revealed=reveal,
            page_left=_centre_name(ctx, actor.centre_id),
            page_right=f"사례 목록 · {made}",
        )
        detail.append(
            f"사례 목록 {count:,}건" + (f" ({audit.REVEAL})" if reveal else "") + f": {path.name}"
        )
    return count
