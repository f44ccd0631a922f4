from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from ui.app import install_language, open_window, translations_folder
from ui.translations.build import extract


def test_every_text_of_the_client_has_its_english() -> None:
    """A text added to the client without a translation fails here, not in a user's face."""
    root = ET.parse(translations_folder() / "anbu_en.ts").getroot()
    done = {m.findtext("source"): m.find("translation") for m in root.iter("message")}
    missing = [
        text
        for text in extract()
        if text not in done or done[text] is None or done[text].get("type") == "unfinished"  # type: ignore[union-attr]
    ]
    assert missing == [], "run: python -m ui.translations.build --extract, then translate"


def test_the_client_speaks_english_when_asked(ctx: AppContext, qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_language(app, "en")
    try:
        window = open_window(ctx)
        qtbot.addWidget(window)
        titles = [action.text() for action in window.menuBar().actions()]
        assert titles == ["&File", "&Reports", "&View"]
        assert window.tabs.tabText(
            0
        ) == "Today" and window.filters.search.placeholderText().startswith("Search")
        assert (
            window.model.headerData(
                0, __import__("PySide6.QtCore").QtCore.Qt.Orientation.Horizontal
            )
            == "Case no."
        )
    finally:
        install_language(app, "ko")
    korean = open_window(ctx)
    qtbot.addWidget(korean)
    assert korean.menuBar().actions()[0].text() == "파일(&F)"


def test_qts_own_buttons_speak_the_clients_language() -> None:
    """A message box's buttons and a text field's menu are Qt's: in Korean too."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_language(app, "ko")
    try:
        box = QMessageBox(
            QMessageBox.Icon.Warning, "안부데스크", "문장", QMessageBox.StandardButton.Ok
        )
        box.setDetailedText("details")
        texts = {button.text() for button in box.buttons()}
        assert "확인" in texts and any(t.startswith("자세한 정보 표시") for t in texts)
        assert install_language(app, "en")
        assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "Cancel"
    finally:
        install_language(app, "ko")


def test_qts_file_dialog_and_calendar_speak_korean() -> None:
    """ "Look in:" and "Mon Tue" were English on a Korean desk."""
    from PySide6.QtCore import QLocale
    from PySide6.QtWidgets import QCalendarWidget, QFileDialog, QLabel

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    assert install_language(app, "ko")
    dialog = QFileDialog()
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    texts = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"찾는 위치(&L):", "파일 이름(&N):", "파일 형식(&T):"} <= texts, texts
    calendar = QCalendarWidget()
    assert calendar.locale().dayName(1, QLocale.FormatType.ShortFormat) == "월"
