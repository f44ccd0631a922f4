"""The import reference (docs/import.md), generated from the validation code itself.

Each field's accepted form is read off the reader function its pydantic model attaches,
so the document cannot drift from what the import really accepts (a test compares the
committed file with this output). ``python -m desktop.intake.docs > docs/import.md``
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from pydantic import BeforeValidator

from desktop.intake import fields as fx
from desktop.intake.channels import CHANNELS, ChannelSpec
from desktop.intake.readers import MAX_FIELD_CHARS
from desktop.intake.records import MODELS, free_text
from desktop.outreach.refs import household_ref

# reader function -> (Korean, English) description of what it accepts
FORMS: dict[Callable[..., Any], tuple[str, str]] = {
    fx.identifier: ("글자 (앞뒤 공백 제거)", "text, trimmed"),
    fx.clean_text: ("글자 (앞뒤 공백 제거)", "text, trimmed"),
    free_text: ("자유 글자, 입력된 그대로 보존", "free text, kept exactly as typed"),
    fx.parse_datetime: (
        "날짜·시간: 날짜(`2026-11-03`, `2026.11.03`, `2026/11/03`, `20261103`, 엑셀의 "
        "`2026. 11. 3.`, `2026년 11월 3일`, 엑셀 날짜 칸과 일련번호, 숫자 칸의 `20261103`) + "
        "`HH:MM[:SS]` 또는 `HHMM`, 앞에 `오전`/`오후` 가능, `+09:00` 등 시간대 선택. 시간대가 "
        "없으면 한국 시간, 날짜만 있으면 그날 0시. 없는 날짜(`2026-11-31`)는 그렇다고 알림",
        "date-time: a date (`2026-11-03`, `2026.11.03`, `2026/11/03`, `20261103`, Excel's "
        "`2026. 11. 3.`, `2026년 11월 3일`, Excel date cells and serials, `20261103` in a "
        "number cell) plus `HH:MM[:SS]` or `HHMM`, optionally after `오전`/`오후`, optional "
        "zone such as `+09:00`; no zone means Korea time, a date alone means midnight. A date "
        "that does not exist (`2026-11-31`) is said to be so",
    ),
    fx.parse_birth_date: (
        "날짜 (위와 같음), `YYMMDD` 또는 `YY.MM.DD` (미래가 아닌 세기로 해석)",
        "a date (as above), `YYMMDD` or `YY.MM.DD` (the century that is not in the future)",
    ),
    fx.parse_phone: (
        "전화번호: `010-1234-5678`, `01012345678`, `010 1234 5678`, `+82 10-1234-5678`, "
        "`051-123-4567`, `051)123-4567`, 다른 줄표(`–`)나 뒤의 메모(`(본인)`)도 가능, 엑셀이 "
        "숫자로 바꿔 앞의 0이 빠진 번호(`1012345678`, `512241408`)",
        "phone number: `010-1234-5678`, `01012345678`, `010 1234 5678`, `+82 10-1234-5678`, "
        "`051-123-4567`, `051)123-4567`, with other dashes (`–`) or a note after it "
        "(`(본인)`), or the number Excel made of it, leading 0 lost (`1012345678`, `512241408`)",
    ),
    fx.parse_yes_no: (
        "예/아니오: `Y`/`N`, `예`/`아니오`, `true`/`false`, `1`/`0`",
        "yes/no: `Y`/`N`, `예`/`아니오`, `true`/`false`, `1`/`0`",
    ),
    fx.parse_risk_score: (
        "0–100, 또는 `상`/`중`/`하` (80/50/20)",
        "0–100, or `상`/`중`/`하` (80/50/20)",
    ),
    fx.parse_coordinate: ("WGS84 십진수 도", "WGS84 decimal degrees"),
    fx.parse_date: ("날짜 (위와 같음, 시간 없음)", "a date (as above, no time)"),
    household_ref: (
        "안부데스크가 보낸 명단의 대상자번호 (`AD-7K3Q-M9XC`; 대소문자·공백·줄표 무관). "
        "그 가구에 바로 연결하되, 사람 정보가 어긋나면 직원에게 물음",
        "the 대상자번호 of a list Anbu Desk sent (`AD-7K3Q-M9XC`; case, spaces and dashes "
        "do not matter): links to that household, unless the person conflicts (then staff "
        "are asked)",
    ),
    fx.parse_choice: ("다음 중 하나", "one of"),
    fx.parse_choices: (
        "다음 중 하나 이상 (`,` `/` `;` `·` `ㆍ`로 구분)",
        "one or more of (separated by `,` `/` `;` `·` `ㆍ`)",
    ),
}


def _reader(channel_spec: ChannelSpec, key: str) -> tuple[Callable[..., Any], dict[str, Any]]:
    info = MODELS[channel_spec.channel].model_fields[key]
    for meta in info.metadata:
        if isinstance(meta, BeforeValidator):
            func = meta.func
            if isinstance(func, functools.partial):
                return func.func, dict(func.keywords)
            return func, {}
    raise LookupError(key)


def field_form(channel_spec: ChannelSpec, key: str) -> tuple[str, str]:
    function, keywords = _reader(channel_spec, key)
    korean, english = FORMS[function]
    if "allowed" in keywords:
        values = ", ".join(f"`{v}`" for v in keywords["allowed"])
        korean, english = f"{korean}: {values}", f"{english}: {values}"
    if keywords.get("axis") == "lat":
        korean, english = f"위도 ±90, {korean}", f"latitude ±90, {english}"
    elif keywords.get("axis") == "lon":
        korean, english = f"경도 ±180, {korean}", f"longitude ±180, {english}"
    return korean, english


INTRO = """\
# 가져오기 형식 / What the import accepts

> 이 문서는 `python -m desktop.intake.docs`가 검증 코드에서 만듭니다. 직접 고치지 마십시오.
> Generated from the validation code by `python -m desktop.intake.docs`; do not edit by hand.

## 공통 / Common

| | 한국어 | English |
|---|---|---|
| 파일 / files | `.csv`·`.txt`·`.tsv` (쉼표 또는 탭 구분; UTF-8, BOM 있는 UTF-8, CP949, 엑셀의 '유니코드 텍스트'(UTF-16)), `.xlsx`와 예전 `.xls` (머리글 행이 처음 10행 안에 있는 첫 시트), `.json` (기록 배열 또는 `records` 배열을 가진 객체), `.jsonl` (한 줄에 한 기록). 빈 파일, 머리글만 있는 파일은 '비어 있음'(기록 0건) | `.csv`, `.txt`, `.tsv` (comma- or tab-separated; UTF-8, UTF-8 with BOM, CP949, Excel's Unicode text (UTF-16)), `.xlsx` and legacy `.xls` (the first sheet whose header row is within the first 10 rows), `.json` (an array of records, or an object whose `records` is one), `.jsonl` (one record a line). An empty or header-only file reads as empty (0 records) |
| 머리글 / headers | 한글 머리글 또는 영문 키. 공백, 대소문자, `()·_-`는 무시. 이름 뒤 괄호 안의 설명은 무시 (`위기의심(Y/N)`은 위기의심). 다만 누구의·언제의 값인지 말하는 괄호(`연락처(보호자)`, `주소(이전)`)가 붙은 열은 그 항목이 아님. 어느 항목에도 맞지 않는 열은 결과에 '알 수 없는 열'로 알림 (원본 기록에는 남음) | Korean header or English key; spaces, case and `()·_-` are ignored, and so is a hint in parentheses after the name (`위기의심(Y/N)` is 위기의심), but not one that says whose or which value it is (`연락처(보호자)`, `주소(이전)` are no field). A column that matches no field is named in the summary as unknown (and stays in the raw record) |
| 채널 / channel | 머리글로 자동 인식 (`--channel`로 지정 가능) | recognised from the headers (or named with `--channel`) |
| 중복 / duplicates | (채널, 원본번호)가 같은 기록은 한 번만 등록. 전에 받은 내용(현재 내용이든 이전 내용이든)이면 '기존', 처음 보는 내용이면 '변경'(이전 내용 보존). 한 파일 안에서는 뒤의 행이 앞의 행을 고침. 같은 파일이나 예전 파일을 다시 가져와도 바뀌는 것 없음 | one alert per (channel, source id): content seen before (the current one or an earlier revision) counts as known, content never seen becomes a revision (history kept); within a file the later row wins. Importing a file again, or an older export, changes nothing |
| 잘못된 기록 / bad records | 파일의 나머지는 계속 가져오고, 해당 기록은 이유와 함께 통째로 '보류'. 고쳐서 다시 등록 가능. 한 칸이 {limit:,}자를 넘는 기록, 파일의 인코딩으로 읽을 수 없는 행도 그 기록만 보류 (원본 바이트 보존) | the rest of the file goes on; the record is kept whole in quarantine with its reasons, to be corrected and re-submitted. A field past {limit:,} characters, or a row the file's encoding cannot read, holds only that record (its bytes kept) |
| 원본 / raw record | 받은 그대로 암호화해 보관 | kept exactly as received, encrypted |
| 전각 문자 / full-width | 전각 숫자·기호는 반각으로 읽음 | full-width digits and signs read as ASCII |
"""

TITLES = {
    "app": "복지위기 알림 앱 / Citizen report app (`app`)",
    "ai_call": "AI 초기상담 / AI first-contact call (`ai_call`)",
    "carrier": "안부 살핌 우편 / Postal carrier visit (`carrier`)",
    "bigdata": "복지사각지대 발굴대상자 / The big-data list (`bigdata`)",
}


def render() -> str:
    parts = [INTRO.replace("{limit:,}", f"{MAX_FIELD_CHARS:,}")]
    for channel, spec in CHANNELS.items():
        parts.append(f"\n## {TITLES[channel.value]}\n")
        parts.append("| 머리글 / header | key | 필수 / required | 형식 | form |")
        parts.append("|---|---|---|---|---|")
        # A field in a one-of group (the app's address or coordinates; longitude goes with
        # latitude) is required only as one of the group.
        either = {k for group in spec.one_of for k in group}
        if "latitude" in either:
            either.add("longitude")
        for field in spec.fields:
            korean, english = field_form(spec, field.key)
            if field.required:
                required = "예 / yes"
            elif field.key in either or (field.key == "longitude" and "latitude" in either):
                required = "주소 또는 좌표 / address or coordinates"
            else:
                required = ""
            parts.append(f"| {field.header} | `{field.key}` | {required} | {korean} | {english} |")
        if spec.fields and any(f.sensitive for f in spec.fields):
            hidden = ", ".join(f.header for f in spec.fields if f.sensitive)
            parts.append(
                f"\n개인 식별 항목({hidden})은 암호화해서만 저장합니다. / "
                "Identifying fields are stored only encrypted."
            )
    return "\n".join(parts) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(render(), end="")
