"""One case in full, for the case file: printed with a permission and a reason, and
marked on every page as carrying personal data."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from reports.model import CaseCard
from reports.pdf import Styles, para, table, write_pdf

WIDTH = 174 * mm


def build_story(card: CaseCard) -> list[Flowable]:
    styles = Styles()
    story: list[Flowable] = [
        para(f"사례 카드 — 사례 {card.case_id}번", styles.h1),
        table(
            ["항목", "내용"],
            [
                ["행정복지센터", card.centre],
                ["상태", card.status],
                ["위험도", card.risk],
                ["담당자", card.assigned_to],
                ["접수", card.opened_at.strftime("%Y-%m-%d %H:%M")],
                ["종결", card.closed_at.strftime("%Y-%m-%d %H:%M") if card.closed_at else "-"],
                ["주소", card.address],
                ["가구형태", card.household_type or "-"],
                ["가구원", "\n".join(card.persons) or "-"],
            ],
            [30 * mm, WIDTH - 30 * mm],
            styles,
            zebra=False,
        ),
        Spacer(1, 4 * mm),
        para("알림 타임라인", styles.h2),
        table(
            ["일시", "채널", "원본번호", "위기유형", "내용"],
            [
                [when.strftime("%Y-%m-%d %H:%M"), channel, source, kinds, body]
                for when, channel, source, kinds, body in card.timeline
            ],
            [30 * mm, 24 * mm, 28 * mm, 26 * mm, WIDTH - 108 * mm],
            styles,
        ),
        para("상담 기록", styles.h2),
        table(
            ["일시", "방법", "내용", "다음 조치"],
            [
                [when.strftime("%Y-%m-%d %H:%M"), method, content, nxt]
                for when, method, content, nxt in card.counselling
            ]
            or [["-", "-", "기록 없음", "-"]],
            [30 * mm, 16 * mm, WIDTH - 84 * mm, 38 * mm],
            styles,
        ),
        para("지원 연계", styles.h2),
        table(["자원 (구분, 상태)"], [[s] for s in card.support] or [["없음"]], [WIDTH], styles),
        para("상태 이력", styles.h2),
        table(
            ["일시", "이전", "변경", "사유"],
            [
                [when.strftime("%Y-%m-%d %H:%M"), old, new, why]
                for when, old, new, why in card.history
            ]
            or [["-", "-", "-", "-"]],
            [30 * mm, 22 * mm, 22 * mm, WIDTH - 74 * mm],
            styles,
        ),
    ]
    return story


def write_case_card(card: CaseCard, path: Path | BinaryIO) -> None:
    write_pdf(
        path,
        build_story(card),
        title=f"사례 카드 {card.case_id}",
        header=f"{card.centre} · 사례 카드 {card.case_id}번",
        note="개인정보 포함 · 사례 파일 보관용",
        footer=f"출력 {card.printed_by} {card.printed_at.strftime('%Y-%m-%d %H:%M')} · 접속기록에 남음",
    )
