"""What the papers say: the queries behind the council packet, the case card and the city
export, answered as plain objects (``reports.model``) that the writers in ``reports/``
turn into PDF and XLSX without a database or a session.

Each public function checks the signed-in account's permission and centre, asks for a
reason, writes the file through the given writer, and adds one access-log row (출력 for
papers, 다운로드 for exports).

The rooms: ``period`` (the period a paper covers, and the error), ``masked`` (what a paper
may say of a household), one module a paper (``council``, ``card``, ``city``,
``case_list``, ``handoff`` for 행복e음), ``closures`` (why cases ended, counted), and
``service`` for the client's Reports menu.
"""

from __future__ import annotations

from desktop.reporting.card import case_card, write_case_card
from desktop.reporting.case_list import export_cases
from desktop.reporting.city import city_report, export_city
from desktop.reporting.council import council_packet, write_council
from desktop.reporting.handoff import export_handoff, handoff_sheet
from desktop.reporting.masked import masked_label, scrub
from desktop.reporting.period import Period, ReportError
from desktop.reporting.service import CentreChoice, ReportService

__all__ = [
    "CentreChoice",
    "Period",
    "ReportError",
    "ReportService",
    "case_card",
    "city_report",
    "council_packet",
    "export_cases",
    "export_city",
    "export_handoff",
    "handoff_sheet",
    "masked_label",
    "scrub",
    "write_case_card",
    "write_council",
]
