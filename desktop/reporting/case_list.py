"""The case list as a workbook: the cases the account may see."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from db.enums import AccessAction, CaseStatus, Channel
from desktop.context import AppContext
from desktop.reporting.period import paper_format
from desktop.security import audit
from desktop.security.access import Permission, require
from desktop.timeutil import to_kst


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

    def rows() -> Iterator[dict[str, Any]]:
        for item in iter_cases(ctx, reveal=reveal, reason=reason, logged=False):
            item["status_label"] = labels[item["status"]]
            item["risk_label"] = risks[item["risk"]]
            item["channels"] = sorted({channel_labels[a["channel"]] for a in item["alerts"]})
            yield item

    actor = require(ctx, Permission.REVEAL if reveal else Permission.VIEW)
    with audit.logged_file(ctx, path, AccessAction.DOWNLOAD, "cases", reason=reason) as (
        staging,
        detail,
    ):
        count = write_cases_xlsx(
            rows(),
            staging,
            title_line=f"작성 {actor.display_name} {to_kst(ctx.clock()).strftime('%Y-%m-%d %H:%M')}"
            + (" · 개인정보 포함" if reveal else " · 이름은 가려져 있습니다"),
            revealed=reveal,
        )
        detail.append(
            f"사례 목록 {count:,}건" + (f" ({audit.REVEAL})" if reveal else "") + f": {path.name}"
        )
    return count
