from __future__ import annotations

from datetime import date

from pytestqt.qtbot import QtBot

from bench.client import every_status_index
from db.enums import OPEN_STATUSES
from db.queries import CaseFilter
from desktop.caselist.service import CaseListService
from desktop.context import AppContext
from desktop.demo import populate
from ui.filter_bar import STATUS_CHOICES
from ui.main_window import MainWindow


def test_the_bench_asks_for_every_status(ctx: AppContext, qtbot: QtBot) -> None:
    """The client bench's "every status" is 전체 상태 (it once picked 관할 확인 필요, the
    choice put second since: a few thousand cases of a district's hundred thousand)."""
    assert STATUS_CHOICES[every_status_index()][1] is None
    populate(ctx, households=120, seed=5, anchor=date(2026, 11, 20))
    service = CaseListService(ctx)
    window = MainWindow(service)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.reload()
    with qtbot.waitSignal(window.cases_loaded, timeout=10_000):
        window.filters.status_filter.setCurrentIndex(every_status_index())
    filtered = window.current_filter()
    assert filtered.statuses is None and not filtered.territory_pending
    every = service.ids(CaseFilter())
    assert window.model.rowCount() == len(every)
    assert len(every) > len(service.ids(CaseFilter(statuses=frozenset(OPEN_STATUSES))))
