"""Particles chosen by the word they follow (issue 22)."""

from __future__ import annotations

import pytest

from db.enums import Channel
from desktop.korean import joined


@pytest.mark.parametrize(
    "word, which, expected",
    [
        ("내보내기", "을", "내보내기를"),
        ("사례 5번", "를", "사례 5번을"),
        ("계정 'parkw'(담당자)", "을", "계정 'parkw'(담당자)를"),
        ("좌1동(2635051000)", "을", "좌1동(2635051000)을"),
        ("'kim'", "은", "'kim'은"),
        ("'2635051000'", "은", "'2635051000'은"),
        ("'2635051002'", "은", "'2635051002'는"),
        ("대상자명", "이", "대상자명이"),
        ("주소", "이", "주소가"),
        ("서울", "으로", "서울로"),
        ("집", "로", "집으로"),
        ("calls.csv", "을", "calls.csv를"),
        ("…", "을", "…을(를)"),  # an end no one reads aloud: both forms
    ],
)
def test_the_particle_follows_the_last_syllable(word: str, which: str, expected: str) -> None:
    assert joined(word, which) == expected


def test_the_cli_says_what_it_made_with_the_right_particle(
    empty_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io

    from desktop.cli import main

    monkeypatch.setenv("ANBU_NEW_PASSWORD", "office-pass-1")
    out = io.StringIO()  # the first administrator of an empty database
    assert main(["--db", empty_url, "user", "add", "admin", "--role", "admin"], stdout=out) == 0
    assert "계정 'admin'(관리자)을 만들었습니다" in out.getvalue()


def test_a_reason_quoting_what_was_typed_gets_the_right_particle() -> None:
    from desktop.intake.records import RecordInvalidError, parse_record
    from desktop.korean import fix_particles

    assert fix_particles("'kim'을(를) 만들었습니다") == "'kim'을 만들었습니다"
    assert fix_particles("'이순자'은(는) 없습니다") == "'이순자'는 없습니다"
    values = {
        "source_id": "AI-1",
        "called_at": "2026-11-31 10:00",
        "subject_name": "김영수",
        "subject_phone": "010-1234-5678",
        "call_result": "연결",
    }
    with pytest.raises(RecordInvalidError) as refused:
        parse_record(Channel.AI_CALL, values)
    assert not any("(는)" in r or "(를)" in r for r in refused.value.reasons)
