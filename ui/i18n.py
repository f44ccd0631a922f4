"""Translation: the client's texts are written in Korean and looked up through Qt's
translation system (``ui/translations/anbu_<lang>.ts``, compiled to .qm)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

CONTEXT = "anbu"


def tr(text: str) -> str:
    """``text`` in the language the client runs in (Korean when no translation is loaded)."""
    return QCoreApplication.translate(CONTEXT, text)


def N_(text: str) -> str:
    """Marks a text for translation where it is defined (a module constant); translate it
    with ``tr`` where it is shown."""
    return text
