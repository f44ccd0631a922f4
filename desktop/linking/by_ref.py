"""An alert that brings back the 대상자번호 of a list Anbu Desk sent (``desktop.outreach.refs``):
the one identifier the channels share with the centre.

It belongs to that household, as the person it names (when a member matches) or as another
member of it (a grandchild answering the grandmother's call), unless what it says about the
person conflicts: another birth date or sex, the number with another name, another flat of
the building. Then staff are asked, with that household first among the candidates; the
machine never puts an alert into a case on a number alone against what the record says."""

from __future__ import annotations

from dataclasses import replace

from desktop.linking.scoring import Decision, Outcome, Scored

REF_REASON = "대상자번호 일치"
REF_CONFLICT = "대상자번호 일치, 그러나 사람 정보가 다름"
REF_MISSING = "대상자번호를 찾지 못함 (다른 근거로 판단)"


def conflicts(candidate: Scored) -> bool:
    """Whether the record says something against the household its number names."""
    return candidate.conflict or "같은 건물 다른 호수" in candidate.reasons


def decide_by_ref(candidate: Scored, others: list[Scored]) -> Decision:
    """The decision for an alert whose number names ``candidate``'s household."""
    if conflicts(candidate):
        asked = replace(candidate, reasons=[REF_CONFLICT, *candidate.reasons])
        rest = [s for s in others if s.household.id != candidate.household.id][:2]
        return Decision(Outcome.REVIEW, [asked, *rest])
    linked = replace(
        candidate,
        reasons=[REF_REASON, *candidate.reasons],
        identifying=True,
    )
    return Decision(Outcome.LINK, [linked])
