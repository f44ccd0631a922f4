"""Proposing a case's risk level from its alerts, with the reasons shown.

긴급 (urgent): a report marked urgent, 자살위험, words of danger in free text, an AI risk of
85 or more. 위기 (crisis): an AI risk of 70 or more, the person asking for help, a carrier
suspecting crisis with no sign of life or failing health, cut-off utilities, repeated
reports, three unanswered AI calls in a row. 주의 (caution): any crisis type, and every
big-data target (its reason names the crisis information: 단전, 건강보험료체납 …). 관찰 (watch):
otherwise. Two signals no single channel sees: alerts from two or more channels within 30
days raise the level one step; danger words are found across Korean inflections with a
morphological analyser (kiwipiepy), so 죽고 싶어요 matches and 죽을 먹었어요 does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from db.enums import Channel, RiskLevel

LEVELS = list(RiskLevel)  # most urgent first
WINDOW = timedelta(days=30)
UNANSWERED = frozenset({"미응답", "거절", "결번"})
TEXT_FIELDS = ("description", "summary", "notes")

# Danger patterns as morphemes (lemma, tag): each a sequence that must appear in order
# within a few tokens, with the words shown to staff.
DANGER_PATTERNS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("자살", (("자살", "NNG"),)),
    ("유서", (("유서", "NNG"),)),
    ("죽고 싶다", (("죽", "VV"), ("싶", "VX"))),
    ("목숨을 끊다", (("목숨", "NNG"), ("끊", "VV"))),
    ("극단적 선택", (("극단", "NNG"), ("선택", "NNG"))),
    ("며칠째 못 먹음", (("며칠", "NNG"), ("못", "MAG"), ("먹", "VV"))),
    ("굶음", (("굶", "VV"),)),
    ("쓰러짐", (("쓰러지", "VV"),)),
)
_GAP = 4  # tokens allowed between the parts of a pattern
# Every pattern starts from one of these; text without any needs no analysis (most text).
_STEMS = ("자살", "유서", "죽", "목숨", "극단", "며칠", "굶", "쓰러")


@lru_cache(maxsize=1)
def _kiwi() -> Any:
    from kiwipiepy import Kiwi  # loads its model once (~0.6 s), only when text needs it

    # Without the typo and multi-word dictionaries: ~310 MiB instead of ~500, and the
    # danger patterns are found the same (tests/desktop/casework).
    return Kiwi(load_typo_dict=False, load_multi_dict=False)


@lru_cache(maxsize=4096)
def danger_words(text: str) -> tuple[str, ...]:
    """The danger patterns that ``text`` contains, in Korean, as staff should read them."""
    if not text or not any(stem in text for stem in _STEMS):
        return ()
    tokens = [(t.form, t.tag) for t in _kiwi().tokenize(text)]
    found = []
    for label, pattern in DANGER_PATTERNS:
        if _contains(tokens, pattern):
            found.append(label)
    return tuple(found)


def _contains(tokens: Sequence[tuple[str, str]], pattern: Sequence[tuple[str, str]]) -> bool:
    for start, token in enumerate(tokens):
        if token != pattern[0]:
            continue
        position = start
        for part in pattern[1:]:
            window = tokens[position + 1 : position + 1 + _GAP]
            hit = next((i for i, t in enumerate(window) if t == part), None)
            if hit is None:
                break
            position += 1 + hit
        else:
            return True
    return False


@dataclass(frozen=True)
class AlertFacts:
    """What risk is judged from, for one alert."""

    channel: Channel
    occurred_at: datetime
    urgent: bool
    crisis_types: tuple[str, ...]
    fields: dict[str, Any] = field(default_factory=dict)

    @property
    def concerning(self) -> bool:
        """A sign of trouble (a routine visit with 이상없음 is not)."""
        f = self.fields
        return bool(
            self.urgent
            or self.crisis_types
            or f.get("wants_help")
            or f.get("crisis_suspected")
            or (isinstance(f.get("risk_score"), int) and f["risk_score"] >= 70)
        )


@dataclass(frozen=True)
class Proposal:
    level: RiskLevel
    reasons: tuple[str, ...]

    @property
    def text(self) -> str:
        return "; ".join(self.reasons)


def _raise(level: RiskLevel, to: RiskLevel) -> RiskLevel:
    return to if LEVELS.index(to) < LEVELS.index(level) else level


def _one(alert: AlertFacts) -> tuple[RiskLevel, list[str]]:
    f = alert.fields
    level = RiskLevel.WATCH
    reasons: list[str] = []

    def at(to: RiskLevel, reason: str) -> None:
        nonlocal level
        level = _raise(level, to)
        reasons.append(reason)

    if alert.urgent:
        at(RiskLevel.URGENT, "신고 시 긴급 표시")
    if "자살위험" in alert.crisis_types:
        at(RiskLevel.URGENT, "위기유형 자살위험")
    for key in TEXT_FIELDS:
        words = danger_words(str(f.get(key) or ""))
        if words:
            at(RiskLevel.URGENT, "위험 표현: " + ", ".join(words))
    score = f.get("risk_score")
    if isinstance(score, int) and score >= 85:
        at(RiskLevel.URGENT, f"AI 위험도 {score}")
    elif isinstance(score, int) and score >= 70:
        at(RiskLevel.CRISIS, f"AI 위험도 {score}")
    if f.get("wants_help"):
        at(RiskLevel.CRISIS, "본인 도움 요청")
    observations = set(f.get("observations") or [])
    if f.get("crisis_suspected") and observations & {"인기척없음", "건강악화의심"}:
        at(RiskLevel.CRISIS, "집배원 위기 의심 (" + ", ".join(sorted(observations)) + ")")
    elif f.get("crisis_suspected"):
        at(RiskLevel.CAUTION, "집배원 위기 의심")
    if "단전단수" in alert.crisis_types or "단전단수징후" in observations:
        at(RiskLevel.CRISIS, "단전·단수")
    info = f.get("crisis_info") or []
    if alert.channel is Channel.BIGDATA and info:
        # The crisis information itself, as the national list names it (단전, 건강보험료체납).
        at(
            RiskLevel.CAUTION,
            f"빅데이터 {f.get('round') or ''} 위기정보: ".replace("  ", " ") + ", ".join(info),
        )
    elif alert.crisis_types and level is RiskLevel.WATCH:
        at(RiskLevel.CAUTION, "위기유형 " + ", ".join(alert.crisis_types))
    return level, reasons


def propose(alerts: Iterable[AlertFacts]) -> Proposal:
    """The risk level the alerts of one case call for, with every reason."""
    ordered = sorted(alerts, key=lambda a: a.occurred_at)
    level = RiskLevel.WATCH
    reasons: list[str] = []
    for alert in ordered:
        one, why = _one(alert)
        level = _raise(level, one)
        reasons += [r for r in why if r not in reasons]
    concerning = [a for a in ordered if a.concerning]
    if ordered:
        latest = ordered[-1].occurred_at
        recent = [a for a in concerning if latest - a.occurred_at <= WINDOW]
        channels = {a.channel for a in recent}
        if len(channels) >= 2:
            stepped = LEVELS[max(0, LEVELS.index(level) - 1)]
            names = "·".join(c.label for c in Channel if c in channels)
            reasons.append(f"여러 경로에서 확인 ({names}, 30일 이내)")
            level = stepped
        reports = [a for a in recent if a.channel is Channel.APP]
        if len(reports) >= 2:
            level = _raise(level, RiskLevel.CRISIS)
            reasons.append(f"반복 신고 {len(reports)}회 (30일 이내)")
    calls = [a for a in ordered if a.channel is Channel.AI_CALL]
    if len(calls) >= 3 and all(a.fields.get("call_result") in UNANSWERED for a in calls[-3:]):
        level = _raise(level, RiskLevel.CRISIS)
        reasons.append("AI 전화 3회 연속 미응답")
    if not reasons:
        reasons.append("위기 징후 없음 (기록 보존)")
    return Proposal(level, tuple(reasons))


def facts_of(record: Any) -> AlertFacts:
    """The facts of a validated record (``desktop.intake.records.ParsedRecord``)."""
    return AlertFacts(
        record.channel,
        record.occurred_at,
        bool(record.urgent),
        tuple(record.crisis_types),
        dict(record.fields),
    )


def refresh_cases(session: Any, case_ids: Iterable[int], now: datetime) -> int:
    """Propose again the risk of cases whose alerts changed; returns how many changed.

    A level set by staff stands (they knew the alerts when they set it) unless the alerts
    now call for 위기 or 긴급 above it: a serious signal is never held back."""
    from sqlalchemy import bindparam, select, update

    from db.models import Alert, Case, table
    from db.queries import one_of

    ids = sorted(set(case_ids))
    by_case: dict[int, list[AlertFacts]] = {}
    current: dict[int, tuple[RiskLevel, str | None, bool]] = {}
    for start in range(0, len(ids), 500):
        part = ids[start : start + 500]
        for case_id, channel, occurred, urgent, crisis, fields_ in session.execute(
            select(
                Alert.case_id,
                Alert.channel,
                Alert.occurred_at,
                Alert.urgent,
                Alert.crisis_types,
                Alert.fields,
            ).where(one_of(session, Alert.case_id, part))
        ):
            by_case.setdefault(case_id, []).append(
                AlertFacts(channel, occurred, urgent, tuple(crisis), dict(fields_))
            )
        for case_id, risk, reason, manual in session.execute(
            select(Case.id, Case.risk, Case.risk_reason, Case.risk_manual).where(
                one_of(session, Case.id, part)
            )
        ):
            current[case_id] = (risk, reason, manual)
    updates = []
    for case_id, alerts in by_case.items():
        risk, reason, manual = current[case_id]
        proposal = propose(alerts)
        more_urgent = LEVELS.index(proposal.level) < LEVELS.index(risk)
        serious = proposal.level in (RiskLevel.URGENT, RiskLevel.CRISIS)
        if manual and not (more_urgent and serious):
            continue  # staff judged this case; only a serious signal overrides them
        if proposal.level is risk and proposal.text == reason:
            continue
        text = proposal.text if not manual else f"{proposal.text} (담당자 지정보다 높아 상향)"
        updates.append({"b_id": case_id, "b_risk": proposal.level, "b_reason": text, "b_now": now})
    if updates:
        cases = table(Case)
        session.execute(
            update(cases)
            .where(cases.c.id == bindparam("b_id"))
            .values(
                risk=bindparam("b_risk"),
                risk_reason=bindparam("b_reason"),
                updated_at=bindparam("b_now"),
                version=cases.c.version + 1,
            ),
            updates,
        )
    return len(updates)
