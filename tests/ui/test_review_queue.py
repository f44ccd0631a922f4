from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from desktop.context import AppContext
from tests.helpers.linking import alert, import_records, report
from ui.app import open_window
from ui.main_window import MainWindow
from ui.review_queue import ReviewQueueWidget

ADDRESS = "부산광역시 해운대구 좌동로 10, 101동 1203호"


def _queued(ctx: AppContext, tmp_path: Path) -> None:
    import_records(
        ctx,
        tmp_path,
        [report("R-1", 대상자명="최말순", 주소=ADDRESS, 위도="35.1631", 경도="129.1636")],
    )
    import_records(ctx, tmp_path, [report("R-2", 주소=ADDRESS, 위도="35.16311", 경도="129.16361")])


def _review(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> tuple[MainWindow, ReviewQueueWidget]:
    """A client window whose review queue holds one alert (an anonymous report at a
    known flat), loaded."""
    _queued(ctx, tmp_path)
    window = open_window(ctx)
    qtbot.addWidget(window)
    review = window.review
    assert review is not None
    qtbot.waitUntil(lambda: review.items.rowCount() == 1, timeout=10_000)
    return window, review


def test_review_link_and_undo_by_clicks(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    window, review = _review(ctx, qtbot, tmp_path)
    assert window.tabs.tabText(window.tabs.indexOf(review)) == "연결 검토 (1)"
    candidate = review.candidates.rows[0]
    assert review.candidates.data(review.candidates.index(0, 2)) == "최○○"
    assert "위치" in review.candidates.data(review.candidates.index(0, 4))
    with qtbot.waitSignal(review.queue_loaded, timeout=10_000):
        qtbot.mouseClick(review.accept_button, Qt.MouseButton.LeftButton)
    assert (
        review.items.rowCount() == 0
        and window.tabs.tabText(window.tabs.indexOf(review)) == "연결 검토"
    )
    assert alert(ctx, "R-2").case_id == candidate.case_id
    assert review.undo_button.isEnabled()
    with qtbot.waitSignal(review.queue_loaded, timeout=10_000):
        qtbot.mouseClick(review.undo_button, Qt.MouseButton.LeftButton)
    assert review.items.rowCount() == 1
    assert alert(ctx, "R-2").case_id != candidate.case_id


def test_reject_by_click(ctx: AppContext, qtbot: QtBot, tmp_path: Path) -> None:
    _window, review = _review(ctx, qtbot, tmp_path)
    with qtbot.waitSignal(review.queue_loaded, timeout=10_000):
        qtbot.mouseClick(review.reject_button, Qt.MouseButton.LeftButton)
    assert review.items.rowCount() == 0
    assert "다른 가구로 기록했습니다" in review.status.text()


def test_the_chosen_candidate_is_shown_beside_the_alert_field_by_field(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    """동일 가구 확인: masked name, birth, phone's last four digits, the place, each marked."""
    from desktop.linking.compare import Verdict
    from tests.helpers.linking import call, visit

    import_records(
        ctx, tmp_path, [call("C-1", "강영수", "010-1234-5678", 주소=ADDRESS, 생년월일="450101")]
    )
    # The complex, flat not written, no phone, an uncommon name: staff are asked.
    import_records(ctx, tmp_path, [visit("V-1", "강영수", "해운대구 좌동로 10")])
    window = open_window(ctx)
    qtbot.addWidget(window)
    review = window.review
    assert review is not None
    with qtbot.waitSignal(review.compared, timeout=10_000):
        qtbot.waitUntil(lambda: review.items.rowCount() == 1, timeout=10_000)
    rows = {r.label: r for r in review.comparison.rows}
    assert rows["이름"].alert == rows["이름"].candidate == "강○○"
    assert rows["이름"].verdict is Verdict.AGREE
    assert rows["출생"].candidate == "1945년생" and rows["출생"].verdict is Verdict.UNKNOWN
    assert rows["전화 (끝 4자리)"].candidate == "…5678"
    assert rows["주소"].verdict is Verdict.UNKNOWN and "호수는 한쪽만" in rows["주소"].note
    assert "101동 1203호" in rows["주소"].candidate
    cell = review.comparison.index(0, 3).data()
    assert cell.startswith("✔ 일치")
    assert "5678" not in " ".join(str(r.alert) for r in rows.values())  # the visit had none


def test_today_and_the_review_size_their_columns_from_a_few_hundred_rows(
    ctx: AppContext, qtbot: QtBot, tmp_path: Path
) -> None:
    """Qt sizes a column from 1,000 rows by default, each cell a call into Python: as the
    window opens that held the GUI thread. A worker's list fits whole in what is
    measured."""
    from PySide6.QtWidgets import QTableView

    from ui.rows_model import SIZED_ROWS

    window, review = _review(ctx, qtbot, tmp_path)
    assert window.today is not None and 100 <= SIZED_ROWS < 1000
    for widget in (window.today, review):
        tables = widget.findChildren(QTableView)
        assert tables
        for view in tables:
            assert view.horizontalHeader().resizeContentsPrecision() == SIZED_ROWS
