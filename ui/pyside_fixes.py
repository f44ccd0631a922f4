"""Work-arounds for faults of the PySide6 the program runs on, each with how it is found.

PySide6 6.12's wheels return ``None`` from every void method (``label.setText``,
``painter.drawPoints``…) and pass a null widget to a Python ``paint`` as ``None`` without
taking a reference to it: right on Python 3.12 and later, where ``None`` is immortal, but
on 3.11 each such call takes one reference from ``None``. After some tens of thousands of
calls (a minute of panning the map) its count reaches zero and the interpreter aborts
("deallocating None"). Until the program runs on 3.12 or PySide6 is fixed, ``None`` is
made immortal here as 3.12 makes it: its count set so high that no session uses it up.
"""

from __future__ import annotations

import ctypes
import platform
import sys

# Python 3.12's immortal count is about 2**32; this outlasts any number of calls a day.
_IMMORTAL = 2**60


def none_loses_references() -> bool:
    """Whether a void Qt method called from Python takes a reference from ``None``."""
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(10):
        probe.setObjectName("probe")
    return sys.getrefcount(None) < before - 5


def keep_none_alive() -> bool:
    """Make ``None`` immortal when this Python and PySide6 need it; True when done."""
    if sys.version_info >= (3, 12) or platform.python_implementation() != "CPython":
        return False  # immortal already, or no reference counts to lose
    if not none_loses_references():
        return False
    # ob_refcnt is the first field of every object, at the address id() gives.
    ctypes.c_ssize_t.from_address(id(None)).value = _IMMORTAL
    return True
