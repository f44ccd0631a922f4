"""What each edit of a case changed, field by field (``case_changes``): who, when, the old
value and the new (read back by ``conflicts`` when a second writer meets a newer version).

Every edit made through ``workflow.editing`` (and an assignment) is recorded by an
``EditRecord``: the case's fields as loaded are compared with the same fields once the
edit is done, and the rows it added (a status change's reason, a counselling record, a
support link) are noted with it. Changes the program makes on its own (a new alert moves
a deadline or raises the risk) are not itemised: a conflict says that they happened.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

from db.enums import (
    CaseStatus,
    ClosureReason,
    RiskLevel,
    Routing,
)
from db.models import (
    Case,
    CaseChange,
    CaseStatusChange,
    CounsellingRecord,
    SupportLink,
)

# The fields of a case a person changes, in the order a conflict lists them, with the
# word a person reads for each.
FIELDS: dict[str, str] = {
    "status": "상태",
    "closure_reason": "종결 사유",
    "risk": "위험도",
    "risk_reason": "위험도 이유",
    "assigned_to_id": "담당자",
    "centre_id": "센터",
    "routing": "관할",
    "due_at": "처리기한",
    "next_action_at": "다음 조치",
    "flagged_for_council": "협의체 안건",
}
COUNSELLING = "counselling"
SUPPORT = "support"
LABELS = {**FIELDS, COUNSELLING: "상담 기록", SUPPORT: "지원 연계"}
ENUMS: dict[str, type[Enum]] = {
    "status": CaseStatus,
    "closure_reason": ClosureReason,
    "risk": RiskLevel,
    "routing": Routing,
}
FREE_TEXT = frozenset({"risk_reason"})  # words a person wrote (anonymised by retention)


def _stored(value: object) -> str | None:
    """A field's value as ``case_changes`` keeps it."""
    if value is None:
        return None
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime):
        return value.isoformat()
    return str(value)


def _fields_of(case: Case) -> dict[str, object]:
    return {name: getattr(case, name) for name in FIELDS}


class EditRecord:
    """The changes one edit makes to one case, recorded when it is done (``finish``).
    Made as the case is loaded for the edit, before anything is changed."""

    def __init__(self, session: Session, case: Case) -> None:
        self._session = session
        self._case = case
        self._before = _fields_of(case)
        self._version_before = case.version
        self._added: list[Any] = []
        event.listen(session, "before_flush", self._collect)

    def _collect(self, session: Session, _context: object, _instances: object) -> None:
        kinds = (CaseStatusChange, CounsellingRecord, SupportLink)
        self._added += [o for o in session.new if isinstance(o, kinds)]

    def finish(self, staff_id: int | None, at: datetime) -> None:
        """Write a row for each field that changed and each record added (the version
        the case has after the edit on each)."""
        session, case = self._session, self._case
        session.flush()  # the edit's UPDATE: the case's version moves on
        event.remove(session, "before_flush", self._collect)
        mine = [o for o in self._added if o.case_id == case.id]
        reasons = [o.reason for o in mine if isinstance(o, CaseStatusChange) and o.reason]
        after = _fields_of(case)
        rows: list[CaseChange] = []

        def row(name: str, old: object, new: object, note: str | None = None) -> None:
            rows.append(
                CaseChange(
                    case_id=case.id,
                    version_before=self._version_before,
                    version=case.version,
                    changed_at=at,
                    changed_by_id=staff_id,
                    field=name,
                    old_value=_stored(old),
                    new_value=_stored(new),
                    note=note,
                )
            )

        for name in FIELDS:
            if self._before[name] != after[name]:
                # A status change's reason goes with the status, a transfer's with the centre.
                note = None
                if reasons and name in ("status", "centre_id"):
                    note = "; ".join(reasons)
                    reasons = []
                row(name, self._before[name], after[name], note)
        for record in mine:
            if isinstance(record, CounsellingRecord):
                kind = f"{record.method.value}|{record.outcome or ''}"
                row(COUNSELLING, None, kind, record.content)
            elif isinstance(record, SupportLink):
                row(SUPPORT, None, record.resource_id, record.note)
        if reasons:  # a reason that changed no field shown here (a move of 관할 only)
            row("status", self._before["status"], after["status"], "; ".join(reasons))
        session.add_all(rows)
