"""Masked forms of personal values for lists and papers that leave the office."""

from __future__ import annotations

import re

MASK = "○"


def mask_name(name: str | None) -> str:
    """``김민준`` → ``김○○``; a name of one character is fully masked."""
    if not name:
        return ""
    name = name.strip()
    if len(name) <= 1:
        return MASK
    return name[0] + MASK * (len(name) - 1)


def mask_phone(digits: str | None) -> str:
    """``01012345678`` → ``010-****-5678``; ``021234567`` → ``02-****-4567``."""
    if not digits:
        return ""
    head = 2 if digits.startswith("02") else 3
    return f"{digits[:head]}-****-{digits[-4:]}"


def mask_rrn(rrn: str | None) -> str:
    """``9001011234567`` → ``900101-*******``."""
    if not rrn:
        return ""
    digits = rrn.replace("-", "")
    return f"{digits[:6]}-*******"


def format_phone(digits: str | None) -> str:
    """``01012345678`` → ``010-1234-5678``; ``0215551234`` → ``02-1555-1234``."""
    if not digits:
        return ""
    if not digits.isdigit() or len(digits) < 9:
        return digits
    head = 2 if digits.startswith("02") else 3
    return f"{digits[:head]}-{digits[head:-4]}-{digits[-4:]}"


# Free text is searched on a copy in which the ways people type digits and dashes are made
# plain, one character for one (full-width digits and brackets, en and em dashes, the minus
# sign, the ideographic space), so that a match's place is its place in the original too.
_PLAIN = str.maketrans(
    {
        **{chr(0xFF10 + d): str(d) for d in range(10)},  # ０-９
        "－": "-",
        "–": "-",
        "—": "-",
        "−": "-",
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "―": "-",
        "（": "(",
        "）": ")",
        "＋": "+",
        "．": ".",
        "\u3000": " ",
    }
)
_SEP = r"(?:\s*[-.)]\s*|\s+)?"  # 010-1234, 010 - 1234, 010.1234, (010)1234, 010 1234
_PHONE_IN_TEXT = re.compile(
    r"(?<![\d+])(?:\+\s*82[\s-]*\(?0?(\d{1,2})\)?|\(?(0\d{1,2})\)?)"
    + _SEP
    + r"(\d{3,4})"
    + _SEP
    + r"(\d{4})(?!\d)"
)
_RRN_IN_TEXT = re.compile(r"(?<!\d)(\d{6})\s*-?\s*([1-8]\d{6})(?!\d)")


def mask_numbers(text: str) -> str:
    """Phone and resident registration numbers inside free text, masked: what a citizen
    or a staff member typed into a description keeps its words, never those numbers.
    Every form the import accepts as a phone is found: ``+82 10-…``, ``+8210…``, ``(010)…``,
    ``010 - 1234 - 5678``, full-width digits and dashes; resident numbers with or without
    a dash, spaces around it too."""
    if not any(c.isdigit() for c in text):
        return text
    plain = text.translate(_PLAIN)
    spans: list[tuple[int, int, str]] = []
    for match in _RRN_IN_TEXT.finditer(plain):
        spans.append((match.start(), match.end(), mask_rrn(match[1] + match[2])))
    for match in _PHONE_IN_TEXT.finditer(plain):
        if any(start < match.end() and match.start() < end for start, end, _ in spans):
            continue  # part of a resident number already masked
        area = f"0{match[1]}" if match[1] is not None else match[2]
        spans.append((match.start(), match.end(), mask_phone(area + match[3] + match[4])))
    if not spans:
        return text
    out, last = [], 0
    for start, end, masked in sorted(spans):
        out.append(text[last:start])
        out.append(masked)
        last = end
    out.append(text[last:])
    return "".join(out)
