"""The Qt part of ``anbu --self-test``: the platform plugin loads, a Hangul font is there,
the English translation is bundled, and so is Qt's Korean for its own buttons."""

from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QFontDatabase, QGuiApplication

from ui.app import make_application, qt_translations_folder, translations_folder


def check_qt() -> str:
    make_application()
    platform = QGuiApplication.platformName()
    translator = QTranslator()
    if not translator.load("anbu_en", str(translations_folder())):
        raise RuntimeError(f"번역 파일이 없습니다: {translations_folder()}")
    qt = QTranslator()
    if not qt.load("qtbase_ko", str(qt_translations_folder())):
        raise RuntimeError(f"Qt 한국어 번역이 없습니다: {qt_translations_folder()}")
    if not QFontDatabase.families():
        raise RuntimeError("글꼴을 하나도 찾지 못했습니다")
    return f"{platform}, Qt {QLibraryInfo.version().toString()}, 번역 en, Qt 번역 ko"
