"""Why cases ended, counted for the papers: 비해당 in the words staff use (지원 불필요,
정기 관리, 소재 파악 필요 with its parts 연락두절, 빈집, 정보 불일치), then every other
reason a case was closed (종결) for.

The machine's 기록만 (an alert that asked for nothing) is not an outcome of anyone's work
and is left out; a case closed before a reason was asked (비해당 before this version) is
counted as 사유 미기재."""

from __future__ import annotations

from collections.abc import Mapping

from db.enums import (
    LOCATING,
    LOCATING_REASONS,
    NOT_APPLICABLE_REASONS,
    STAFF_CLOSURE_REASONS,
    CaseStatus,
    ClosureReason,
)
from reports.model import ClosureColumns, ClosureLine

UNSTATED = "사유 미기재"
TOTAL = "합계"

# The city sheet's columns: 비해당 in the words staff use, 소재 파악 필요 then its parts.
CITY_CLOSURE_COLUMNS: ClosureColumns = [
    (ClosureReason.NO_NEED.label, (ClosureReason.NO_NEED.value,)),
    (ClosureReason.REGULAR_CARE.label, (ClosureReason.REGULAR_CARE.value,)),
    (LOCATING, tuple(r.value for r in LOCATING_REASONS)),
    *((r.label, (r.value,)) for r in LOCATING_REASONS),
]


def part_words(reason: ClosureReason) -> str:
    """A part of 소재 파악 필요 in its own word, under its family's line: 연락두절."""
    return reason.label.removeprefix(f"{LOCATING} (").removesuffix(")")


Counts = Mapping[tuple[CaseStatus, ClosureReason | None], int]


def closure_lines(counts: Counts) -> list[ClosureLine]:
    """The lines of a closure table from ``(status, reason) -> cases`` of closed cases:
    지원 불필요, 정기 관리, 소재 파악 필요 (its subtotal, then its three parts) always, even at
    zero; the other reasons, and 사유 미기재, when some case has them; the 합계 last."""

    def line(reason: ClosureReason | None, label: str, **kind: bool) -> ClosureLine:
        return ClosureLine(
            label,
            int(counts.get((CaseStatus.NOT_APPLICABLE, reason), 0)),
            int(counts.get((CaseStatus.CLOSED, reason), 0)),
            **kind,
        )

    parts = [line(r, part_words(r), part=True) for r in LOCATING_REASONS]
    lines = [line(r, r.label) for r in NOT_APPLICABLE_REASONS if not r.locating]
    lines.append(
        ClosureLine(
            LOCATING,
            sum(p.not_applicable for p in parts),
            sum(p.closed for p in parts),
            group=True,
        )
    )
    lines += parts
    others = [r for r in STAFF_CLOSURE_REASONS if r not in NOT_APPLICABLE_REASONS]
    lines += [x for x in (line(r, r.label) for r in others) if x.total]
    unstated = line(None, UNSTATED)
    if unstated.total:
        lines.append(unstated)
    counted = [x for x in lines if not x.part]
    lines.append(
        ClosureLine(
            TOTAL,
            sum(x.not_applicable for x in counted),
            sum(x.closed for x in counted),
            group=True,
        )
    )
    return lines
