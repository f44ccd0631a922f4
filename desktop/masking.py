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
    """``01012345678`` → ``010-****-5678``."""
    if not digits:
        return ""
    return f"{digits[:3]}-****-{digits[-4:]}"


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


_PHONE_IN_TEXT = re.compile(r"(?<!\d)(0\d{1,2})[-. ]?(\d{3,4})[-. ]?(\d{4})(?!\d)")
_RRN_IN_TEXT = re.compile(r"(?<!\d)(\d{6})[- ]?([1-8]\d{6})(?!\d)")


def mask_numbers(text: str) -> str:
    """Phone and resident registration numbers inside free text, masked: what a citizen
    or a staff member typed into a description keeps its words, never those numbers."""
    if not any(c.isdigit() for c in text):
        return text
    text = _RRN_IN_TEXT.sub(lambda m: mask_rrn(m[1] + m[2]), text)
    return _PHONE_IN_TEXT.sub(lambda m: mask_phone(m[1] + m[2] + m[3]), text)
