"""Korean in the papers wraps between words, as it is read (issue 24: 가구형/태, 발굴 경/로)."""

from __future__ import annotations

from reports.pdf import Styles, para, table


def _lines(paragraph: object, width: float) -> list[str]:
    paragraph.wrap(width, 10_000)  # type: ignore[attr-defined]
    lines = paragraph.blPara.lines  # type: ignore[attr-defined]
    return [" ".join(getattr(line, "words", None) or line[1]) for line in lines]


def test_a_long_korean_agenda_item_breaks_only_between_words() -> None:
    styles = Styles()
    sentence = (
        "독거 어르신 가구형태 변화 이후 발굴 경로가 두 번 확인되었고 단전 위기와 건강보험료 "
        "체납이 함께 있어 긴급지원과 민간 자원 연계를 협의체에 요청합니다"
    )
    words = sentence.split()
    lines = _lines(para(sentence, styles.body), 160)
    assert len(lines) > 2  # it did wrap
    for line in lines:
        assert all(word in words for word in line.split()), line  # no word cut in two
    assert " ".join(lines).split() == words


def test_a_word_longer_than_its_column_is_still_split_rather_than_overflowing() -> None:
    styles = Styles()
    lines = _lines(para("가" * 60, styles.cell), 60)
    assert len(lines) > 1


def test_numbers_sit_under_right_aligned_headers() -> None:
    styles = Styles()
    built = table(["행정동", "알림"], [["좌1동", 1234]], [80, 40], styles, numeric=[1])
    head = built._cellvalues[0][1]  # type: ignore[attr-defined]
    assert head.style.alignment == 2
