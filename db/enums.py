"""Closed vocabularies of the domain.

Values stored in the database and printed by the CLI are stable English codes; the
Korean word a person reads is the member's ``label``.
"""

from __future__ import annotations

from enum import StrEnum


class LabelledEnum(StrEnum):
    """A string enum whose members carry a Korean label for display."""

    @property
    def label(self) -> str:
        return _LABELS.get(self, str(self.value))


class Channel(LabelledEnum):
    """The four ways an alert reaches the centre."""

    APP = "app"  # 복지위기 알림 앱 (citizen report with location)
    AI_CALL = "ai_call"  # AI 초기상담 (AI first-contact phone call)
    CARRIER = "carrier"  # 안부 살핌 우편 서비스 (postal carrier visit)
    BIGDATA = "bigdata"  # 복지사각지대 발굴대상자 (the 행복e음 big-data list)


class CaseStatus(LabelledEnum):
    """Where a case stands, close to 행복e음 practice."""

    RECEIVED = "received"  # 접수
    VERIFYING = "verifying"  # 확인중
    COUNSELLING = "counselling"  # 상담중
    SUPPORT = "support"  # 지원연계
    MONITORING = "monitoring"  # 모니터링
    CLOSED = "closed"  # 종결
    NOT_APPLICABLE = "not_applicable"  # 비해당 (no crisis found)


OPEN_STATUSES: frozenset[CaseStatus] = frozenset(
    {
        CaseStatus.RECEIVED,
        CaseStatus.VERIFYING,
        CaseStatus.COUNSELLING,
        CaseStatus.SUPPORT,
        CaseStatus.MONITORING,
    }
)


# A case that reached a result (결과), which a worker types into 행복e음 (the hand-off sheet,
# Today's 행복e음 입력 대기): 지원연계 and the 모니터링 that follows it, 종결, 비해당.
RESULT_STATUSES: tuple[CaseStatus, ...] = (
    CaseStatus.SUPPORT,
    CaseStatus.MONITORING,
    CaseStatus.CLOSED,
    CaseStatus.NOT_APPLICABLE,
)


class RiskLevel(LabelledEnum):
    """How urgent a case is, most urgent first."""

    URGENT = "urgent"  # 긴급
    CRISIS = "crisis"  # 위기
    CAUTION = "caution"  # 주의
    WATCH = "watch"  # 관찰


class ClosureReason(LabelledEnum):
    """Why a case ended, as 종결 or 비해당. 소재 파악 필요 (the person could not be found) is
    a family of three: 연락두절 (the stored ``unreachable`` of earlier versions), 빈집 and
    정보 불일치; ``LOCATING_REASONS`` names them and ``locating`` asks."""

    SUPPORTED = "supported"  # 지원완료
    RESOLVED = "resolved"  # 위기해소
    REFUSED = "refused"  # 거부
    UNREACHABLE = "unreachable"  # 소재 파악 필요: 연락두절
    MOVED_OUT = "moved_out"  # 전출
    DECEASED = "deceased"  # 사망
    DUPLICATE = "duplicate"  # 중복
    RECORDED = "recorded"  # 기록만: an alert that asked for nothing (no sign of crisis)
    NO_NEED = "no_need"  # 지원 불필요: looked into, no support needed
    REGULAR_CARE = "regular_care"  # 정기 관리: no case work, checked on regularly
    VACANT = "vacant"  # 소재 파악 필요: 빈집
    INFO_MISMATCH = "info_mismatch"  # 소재 파악 필요: 정보 불일치 (no such person there)

    @property
    def locating(self) -> bool:
        """One of 소재 파악 필요 (연락두절, 빈집, 정보 불일치)."""
        return self in LOCATING_REASONS


class TerritoryKind(LabelledEnum):
    """What a territory rule (관할 규칙) of a community centre looks at."""

    BOUNDARY = "boundary"  # 경계: the point of a report falls inside the polygon
    ROAD = "road"  # 도로: the road name, optionally a range of building numbers
    LEGAL_DONG = "legal_dong"  # 법정동 named in the address (often split between 행정동)


class Routing(LabelledEnum):
    """How a case (or household) came to belong to its community centre (관할)."""

    BOUNDARY = "boundary"  # the report's coordinates fell inside a centre's boundary
    ROAD = "road"  # the road (and building number) matched a road rule
    LEGAL_DONG = "legal_dong"  # the 법정동 matched
    HOUSEHOLD = "household"  # the household it linked to belongs to the centre
    CONFIRMED = "confirmed"  # a member of staff confirmed it for their centre
    TRANSFER = "transfer"  # transferred (이관) from another centre
    PENDING = "pending"  # 관할 확인 필요: no rule placed it; held by the importer's centre
    AMBIGUOUS = "ambiguous"  # 관할 확인 필요: two centres matched equally well

    @property
    def needs_confirmation(self) -> bool:
        return self in (Routing.PENDING, Routing.AMBIGUOUS)


PENDING_ROUTINGS: frozenset[Routing] = frozenset({Routing.PENDING, Routing.AMBIGUOUS})


# 소재 파악 필요: the person could not be found, for one of three reasons.
LOCATING = "소재 파악 필요"
LOCATING_REASONS: tuple[ClosureReason, ...] = (
    ClosureReason.UNREACHABLE,
    ClosureReason.VACANT,
    ClosureReason.INFO_MISMATCH,
)
# 비해당 in the words staff use: what a case found not to need the centre is marked with.
NOT_APPLICABLE_REASONS: tuple[ClosureReason, ...] = (
    ClosureReason.NO_NEED,
    ClosureReason.REGULAR_CARE,
    *LOCATING_REASONS,
)
# Closures with nothing to enter in 행복e음: the machine's record of alerts that asked for
# nothing (기록만), and a duplicate (중복: its household's other case carries the work).
NO_RESULT_CLOSURES: tuple[ClosureReason, ...] = (ClosureReason.RECORDED, ClosureReason.DUPLICATE)
# What staff choose from when closing a case (종결), in the form's order: every reason but
# RECORDED, which is the machine's, for alerts that asked for nothing.
STAFF_CLOSURE_REASONS: tuple[ClosureReason, ...] = (
    ClosureReason.SUPPORTED,
    ClosureReason.RESOLVED,
    *NOT_APPLICABLE_REASONS,
    ClosureReason.REFUSED,
    ClosureReason.MOVED_OUT,
    ClosureReason.DECEASED,
    ClosureReason.DUPLICATE,
)


class LinkMethod(LabelledEnum):
    """How an alert came to belong to its case."""

    NEW_CASE = "new_case"  # opened a case of its own
    AUTO = "auto"  # linked by the machine on strong evidence
    REVIEW = "review"  # waiting for staff: a possible match
    MANUAL = "manual"  # linked or moved by a staff member


class Role(LabelledEnum):
    WORKER = "worker"  # 담당자
    SUPERVISOR = "supervisor"  # 팀장
    ADMIN = "admin"  # 관리자
    READER = "reader"  # 열람 (masked data only)


class CounsellingMethod(LabelledEnum):
    VISIT = "visit"  # 방문
    PHONE = "phone"  # 전화
    WALK_IN = "walk_in"  # 내방
    AI_CALL = "ai_call"  # AI 초기상담


class ResourceKind(LabelledEnum):
    PUBLIC = "public"  # 공공
    PRIVATE = "private"  # 민간


class SupportStatus(LabelledEnum):
    REFERRED = "referred"  # 의뢰
    DECIDED = "decided"  # 결정
    PROVIDED = "provided"  # 제공
    STOPPED = "stopped"  # 중단


class AccessAction(LabelledEnum):
    VIEW = "view"  # 조회
    CREATE = "create"  # 입력
    UPDATE = "update"  # 변경
    DELETE = "delete"  # 삭제
    PRINT = "print"  # 출력
    DOWNLOAD = "download"  # 다운로드


class QuarantineStatus(LabelledEnum):
    OPEN = "open"  # 보류
    RESUBMITTED = "resubmitted"  # 재등록
    DISCARDED = "discarded"  # 폐기


class SuggestionStatus(LabelledEnum):
    """A possible link waiting for staff (검토대기)."""

    OPEN = "open"  # 검토대기
    ACCEPTED = "accepted"  # 연결함
    REJECTED = "rejected"  # 다른 가구
    SUPERSEDED = "superseded"  # 다른 결정으로 정리됨


class DecisionKind(LabelledEnum):
    """Changes to which case an alert belongs, each recorded and undoable."""

    AUTO_LINK = "auto_link"  # 자동연결
    ACCEPT = "accept"  # 제안 수락
    REJECT = "reject"  # 제안 거절
    MERGE = "merge"  # 사례 병합
    AUTO_MERGE = "auto_merge"  # 자동병합: an alert identified two cases as one household
    SPLIT = "split"  # 알림 분리
    UNDO = "undo"  # 되돌리기


class MapLayerKind(LabelledEnum):
    """A base layer of the offline map, loaded once by an administrator (GeoJSON)."""

    ROADS = "roads"  # 도로: lines
    BUILDINGS = "buildings"  # 건물: outlines


_LABELS: dict[LabelledEnum, str] = {
    Channel.APP: "복지위기 알림 앱",
    Channel.AI_CALL: "AI 초기상담",
    Channel.CARRIER: "안부 살핌 우편",
    Channel.BIGDATA: "복지사각지대 발굴",
    CaseStatus.RECEIVED: "접수",
    CaseStatus.VERIFYING: "확인중",
    CaseStatus.COUNSELLING: "상담중",
    CaseStatus.SUPPORT: "지원연계",
    CaseStatus.MONITORING: "모니터링",
    CaseStatus.CLOSED: "종결",
    CaseStatus.NOT_APPLICABLE: "비해당",
    RiskLevel.URGENT: "긴급",
    RiskLevel.CRISIS: "위기",
    RiskLevel.CAUTION: "주의",
    RiskLevel.WATCH: "관찰",
    ClosureReason.SUPPORTED: "지원완료",
    ClosureReason.RESOLVED: "위기해소",
    ClosureReason.REFUSED: "거부",
    ClosureReason.UNREACHABLE: "소재 파악 필요 (연락두절)",
    ClosureReason.MOVED_OUT: "전출",
    ClosureReason.DECEASED: "사망",
    ClosureReason.DUPLICATE: "중복",
    ClosureReason.RECORDED: "기록만 (위기 징후 없음)",
    ClosureReason.NO_NEED: "지원 불필요",
    ClosureReason.REGULAR_CARE: "정기 관리",
    ClosureReason.VACANT: "소재 파악 필요 (빈집)",
    ClosureReason.INFO_MISMATCH: "소재 파악 필요 (정보 불일치)",
    TerritoryKind.BOUNDARY: "경계",
    TerritoryKind.ROAD: "도로",
    TerritoryKind.LEGAL_DONG: "법정동",
    Routing.BOUNDARY: "경계",
    Routing.ROAD: "도로",
    Routing.LEGAL_DONG: "법정동",
    Routing.HOUSEHOLD: "가구 관할",
    Routing.CONFIRMED: "직원 확인",
    Routing.TRANSFER: "이관",
    Routing.PENDING: "관할 확인 필요",
    Routing.AMBIGUOUS: "관할 확인 필요",
    LinkMethod.NEW_CASE: "신규",
    LinkMethod.AUTO: "자동연결",
    LinkMethod.REVIEW: "검토대기",
    LinkMethod.MANUAL: "수동연결",
    Role.WORKER: "담당자",
    Role.SUPERVISOR: "팀장",
    Role.ADMIN: "관리자",
    Role.READER: "열람",
    CounsellingMethod.VISIT: "방문",
    CounsellingMethod.PHONE: "전화",
    CounsellingMethod.WALK_IN: "내방",
    CounsellingMethod.AI_CALL: "AI 초기상담",
    ResourceKind.PUBLIC: "공공",
    ResourceKind.PRIVATE: "민간",
    SupportStatus.REFERRED: "의뢰",
    SupportStatus.DECIDED: "결정",
    SupportStatus.PROVIDED: "제공",
    SupportStatus.STOPPED: "중단",
    AccessAction.VIEW: "조회",
    AccessAction.CREATE: "입력",
    AccessAction.UPDATE: "변경",
    AccessAction.DELETE: "삭제",
    AccessAction.PRINT: "출력",
    AccessAction.DOWNLOAD: "다운로드",
    QuarantineStatus.OPEN: "보류",
    QuarantineStatus.RESUBMITTED: "재등록",
    QuarantineStatus.DISCARDED: "폐기",
    SuggestionStatus.OPEN: "검토대기",
    SuggestionStatus.ACCEPTED: "연결함",
    SuggestionStatus.REJECTED: "다른 가구",
    SuggestionStatus.SUPERSEDED: "정리됨",
    DecisionKind.AUTO_LINK: "자동연결",
    DecisionKind.ACCEPT: "제안 수락",
    DecisionKind.REJECT: "제안 거절",
    DecisionKind.MERGE: "사례 병합",
    DecisionKind.AUTO_MERGE: "자동병합",
    DecisionKind.SPLIT: "알림 분리",
    DecisionKind.UNDO: "되돌리기",
    MapLayerKind.ROADS: "도로",
    MapLayerKind.BUILDINGS: "건물",
}
