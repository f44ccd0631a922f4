"""Screenshots of the main screens from a seeded demo database, for docs/ and the README.

    python -m ui.screenshots [--out docs] [--households 800]

Runs offscreen with a throwaway database and in-memory keys. Korean text needs a Hangul
font on the machine (Windows has one; on Debian: fonts-nanum).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path


def take(out: Path, households: int = 800, language: str = "ko") -> list[Path]:
    """Write first-start.png, login.png, today.png, main-window.png, review-queue.png,
    map.png, settings-centres.png and conflict.png into ``out``."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    import keyring
    from PySide6.QtCore import QTimer

    from desktop.context import open_database
    from desktop.demo import DEMO_ADMIN, populate
    from desktop.security.accounts import DEMO_PASSWORD, sign_in
    from desktop.timeutil import KST
    from tests.helpers.keyring_memory import MemoryKeyring
    from ui.app import install_language, make_application, open_window
    from ui.first_start import FirstStartDialog
    from ui.i18n import tr
    from ui.login import LoginDialog
    from ui.settings_dialog import SettingsDialog

    keyring.set_keyring(MemoryKeyring())
    app = make_application()
    install_language(app, language)
    suffix = "" if language == "ko" else f"-{language}"
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="anbu-shots-") as folder:
        # Window layout from a private, empty settings folder: every run draws the defaults.
        from PySide6.QtCore import QSettings

        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, folder)
        fresh = open_database(f"sqlite:///{Path(folder) / 'new.db'}")
        try:
            first = FirstStartDialog(fresh)
            row = first.rows[0]
            for edit, value in (
                (row.code, "2635051000"),
                (row.name, "좌1동"),
                (row.gu, "해운대구"),
                (row.phone, "051-749-5601"),
                (first.username, "kimadmin"),
                (first.display_name, "김지은"),
            ):
                edit.setText(value)
            first.show()
            app.processEvents()
            first.grab().save(str(out / f"first-start{suffix}.png"))
            written.append(out / f"first-start{suffix}.png")
            first.close()
        finally:
            fresh.close()
        url = f"sqlite:///{Path(folder) / 'demo.db'}"
        ctx = open_database(url)
        # The morning after the demo's last day, whatever today is: the screens show a
        # working day's lists, not months of backlog.
        morning = datetime(2026, 11, 23, 9, 10, tzinfo=KST)  # the Monday after
        ctx.clock = lambda: morning
        try:
            populate(ctx, households=households, seed=3, anchor=date(2026, 11, 20))
            login = LoginDialog(ctx)
            login.resize(520, login.sizeHint().height())
            login.show()
            app.processEvents()
            login.grab().save(str(out / f"login{suffix}.png"))
            written.append(out / f"login{suffix}.png")
            login.close()
            sign_in(ctx, DEMO_ADMIN, DEMO_PASSWORD)
            window = open_window(ctx)
            window.resize(1440, 760)
            window.show()
            today, review, pane = window.today, window.review, window.detail_pane
            assert today is not None and review is not None and pane is not None

            # Event-driven, one screen after another, inside the event loop (busy-waiting
            # with processEvents() while workers deliver results crashes PySide6 6.12).
            def shoot(name: str) -> None:
                path = out / name.replace(".png", f"{suffix}.png")
                window.grab().save(str(path))
                written.append(path)

            def case_list() -> None:
                shoot("today.png")
                window.tabs.setCurrentWidget(window.cases_tab)
                model = window.model
                row = next(
                    (
                        r
                        for r in range(model.rowCount())
                        if "·" in (model.data(model.index(r, 8)) or "")
                    ),
                    0,
                )
                window.table.selectRow(row)

            def case_shown(_case_id: int) -> None:
                pane.loaded.disconnect(case_shown)
                QTimer.singleShot(300, review_queue)

            def review_queue() -> None:
                shoot("main-window.png")
                window.tabs.setCurrentWidget(review)
                QTimer.singleShot(300, map_tab)

            def map_tab() -> None:
                shoot("review-queue.png")
                tab = window.map_tab
                assert tab is not None
                tab.loaded.connect(map_drawn)
                window.tabs.setCurrentWidget(tab)

            def map_drawn() -> None:
                """해운대구's centres in view, and the northern half of 좌2동 chosen."""
                tab = window.map_tab
                assert tab is not None and tab.scene is not None
                tab.loaded.disconnect(map_drawn)
                from PySide6.QtCore import QRectF, Qt
                from PySide6.QtGui import QPolygonF

                from desktop.demo.gazetteer import DISTRICTS
                from ui.map_canvas import scene_point

                areas = [a for a in tab.scene.areas if a.label in DISTRICTS[0].dongs]
                shown = QRectF()
                for area in areas:
                    for ring in area.rings:
                        polygon = QPolygonF([scene_point(x, y) for x, y in ring])
                        shown = shown.united(polygon.boundingRect())
                tab.canvas.fitInView(
                    shown.adjusted(-100, -100, 100, 100), Qt.AspectRatioMode.KeepAspectRatio
                )
                tab.canvas.zoom(1.0)  # names and dots sized for this zoom
                chosen = next(a for a in areas if a.label == DISTRICTS[0].dongs[1])
                xs = [x for x, _ in chosen.rings[0]]
                ys = [y for _, y in chosen.rings[0]]
                middle = (min(ys) + max(ys)) / 2
                tab.canvas.area_drawn.emit(
                    [(min(xs), middle), (max(xs), middle), (max(xs), max(ys)), (min(xs), max(ys))]
                )
                QTimer.singleShot(500, settings)

            def settings() -> None:
                shoot("map.png")
                from desktop.office.service import AdminService
                from desktop.settings import MachineSettings
                from ui.settings_dialog import SettingsDialog

                dialog = SettingsDialog(AdminService(ctx), MachineSettings(), window)
                dialog.resize(900, 640)
                tabs = dialog.tabs
                tabs.setCurrentIndex(
                    next(i for i in range(tabs.count()) if tabs.tabText(i) == tr("행정복지센터"))
                )
                dialog.show()
                window.settings_dialog = dialog
                QTimer.singleShot(800, lambda: chosen(dialog))

            def chosen(dialog: SettingsDialog) -> None:
                dialog.centres_view.selectRow(0)
                QTimer.singleShot(300, lambda: done(dialog))

            def done(dialog: SettingsDialog) -> None:
                path = out / f"settings-centres{suffix}.png"
                dialog.grab().save(str(path))
                written.append(path)
                dialog.close()
                conflict()

            def conflict() -> None:
                """A colleague on another PC changes the case shown; this PC then saves
                the status form it opened before: the conflict dialog."""
                from db.enums import RiskLevel, Role
                from desktop.casework.service import CaseworkService
                from desktop.security.accounts import list_accounts
                from ui.case_edit import StatusForm

                window.tabs.setCurrentWidget(window.cases_tab)
                shown = pane.detail
                assert shown is not None
                # A worker of the case's centre (or, failing that, the administrator).
                team = [
                    a
                    for a in list_accounts(ctx)
                    if a.role is Role.WORKER
                    and (a.centre or "").endswith(f" {shown.dong} 행정복지센터")
                ]
                colleague = team[0].username if team else DEMO_ADMIN
                other = open_database(url)
                other.clock = lambda: morning.replace(minute=25)
                try:
                    signed = sign_in(other, colleague, DEMO_PASSWORD)
                    work = CaseworkService(other)
                    urgent = shown.risk is not RiskLevel.URGENT
                    level = RiskLevel.URGENT if urgent else RiskLevel.CRISIS
                    work.set_risk(shown.id, shown.version, level, "이웃 재신고: 며칠째 인기척 없음")
                    if signed.staff_id is not None:
                        work.assign(shown.id, signed.staff_id)
                finally:
                    other.close()

                def fill() -> None:
                    form = pane.form
                    assert isinstance(form, StatusForm)
                    form.buttons.button(form.buttons.StandardButton.Ok).click()

                QTimer.singleShot(0, fill)
                pane.edit_buttons["status"].click()
                QTimer.singleShot(200, wait_for_dialog)

            def wait_for_dialog() -> None:
                dialog = pane.conflict_dialog
                if dialog is None or not dialog.isVisible():
                    QTimer.singleShot(200, wait_for_dialog)
                    return
                path = out / f"conflict{suffix}.png"
                dialog.grab().save(str(path))
                written.append(path)
                dialog.reject()
                app.quit()

            def today_shown() -> None:
                today.loaded.disconnect(today_shown)  # once: the live lists reload it later
                QTimer.singleShot(300, case_list)

            today.loaded.connect(today_shown)
            pane.loaded.connect(case_shown)
            QTimer.singleShot(150_000, app.quit)  # never hang (a busy machine is slow)
            app.exec()
            window.close()
        finally:
            ctx.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ui.screenshots")
    parser.add_argument("--out", type=Path, default=Path("docs"))
    parser.add_argument("--households", type=int, default=800)
    parser.add_argument("--language", default="ko", choices=("ko", "en"))
    args = parser.parse_args(argv)
    for path in take(args.out, args.households, args.language):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
