"""The case list model: ids from SQL, rows fetched lazily for what is on screen.

Filtering and sorting happen in the database (``CaseListService.ids``); the model keeps
the ordered ids and a bounded cache of rows, fetched in blocks around the row asked for.
"""

from __future__ import annotations

from collections import OrderedDict
from datetime import datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QStyle

from db.enums import RiskLevel
from db.queries import CaseRow, SortKey
from desktop.caselist.service import CaseListService
from desktop.casework.today import street_of
from desktop.security.masking import mask_name
from desktop.timeutil import format_kst
from ui.i18n import N_, tr

(
    COL_ID,
    COL_RISK,
    COL_STATUS,
    COL_NAME,
    COL_DONG,
    COL_ASSIGNED,
    COL_OPENED,
    COL_DUE,
    COL_CHANNELS,
    COL_STREET,
    COL_NEXT,
) = range(11)
HEADERS = (
    N_("사례번호"),
    N_("위험도"),
    N_("상태"),
    N_("대상자"),
    N_("행정동"),
    N_("담당자"),
    N_("접수일"),
    N_("처리기한"),
    N_("채널"),
    N_("주소"),
    N_("다음 조치"),
)
SORT_KEYS = {
    COL_ID: SortKey.ID,
    COL_RISK: SortKey.RISK,
    COL_STATUS: SortKey.STATUS,
    COL_NAME: SortKey.NAME,
    COL_DONG: SortKey.DONG,
    COL_ASSIGNED: SortKey.ASSIGNED,
    COL_OPENED: SortKey.OPENED,
    COL_DUE: SortKey.DUE,
}
CASE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RISK_COLOURS = {
    RiskLevel.URGENT: QColor("#f8d0d0"),
    RiskLevel.CRISIS: QColor("#fbe3c4"),
    RiskLevel.CAUTION: QColor("#fdf6c8"),
    RiskLevel.WATCH: QColor("#e6eef7"),
}
OVERDUE_COLOUR = QColor("#b00020")
# The risk's mark beside its word: a filled dot, darker for more urgent (colour alone is
# not enough for everyone, and a printed screenshot loses the background).
RISK_MARKS = {
    RiskLevel.URGENT: QColor("#c62828"),
    RiskLevel.CRISIS: QColor("#ef6c00"),
    RiskLevel.CAUTION: QColor("#f9a825"),
    RiskLevel.WATCH: QColor("#5c85b5"),
}
_icons: dict[object, QIcon] = {}


def risk_icon(risk: RiskLevel) -> QIcon:
    icon = _icons.get(risk)
    if icon is None:
        pixmap = QPixmap(12, 12)
        pixmap.fill(QColor(0, 0, 0, 0))
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setBrush(RISK_MARKS[risk])
        painter.setPen(RISK_MARKS[risk].darker(130))
        painter.drawEllipse(1, 1, 10, 10)
        painter.end()
        icon = _icons[risk] = QIcon(pixmap)
    return icon


def overdue_icon() -> QIcon:
    icon = _icons.get("overdue")
    if icon is None:
        style = QApplication.style()
        icon = _icons["overdue"] = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
    return icon


CHANNEL_SHORT = {"app": N_("앱"), "ai_call": "AI", "carrier": N_("우편"), "bigdata": N_("빅데이터")}

Index = QModelIndex | QPersistentModelIndex


class CaseTableModel(QAbstractTableModel):
    BLOCK = 200
    CACHE_LIMIT = 5000

    def __init__(self, service: CaseListService) -> None:
        super().__init__()
        self._service = service
        self._ids: list[int] = []
        self._positions: dict[int, int] | None = None  # case id → row, made when asked
        self._cache: OrderedDict[int, CaseRow] = OrderedDict()
        self._now: datetime = service.now()

    # -- contents ----------------------------------------------------------------------

    def set_ids(self, ids: list[int]) -> None:
        """Show these cases, in this order (the result of a filter or sort)."""
        self.beginResetModel()
        self._ids = ids
        self._positions = None
        self._cache.clear()
        self._now = self._service.now()
        self.endResetModel()

    def case_id(self, row: int) -> int:
        return self._ids[row]

    def row_of(self, case_id: int) -> int | None:
        """The row showing ``case_id``, if the list holds it."""
        if self._positions is None:
            self._positions = {case_id: row for row, case_id in enumerate(self._ids)}
        return self._positions.get(case_id)

    def holds(self, case_id: int) -> bool:
        """Whether the list shows ``case_id``."""
        return self.row_of(case_id) is not None

    def refresh_cases(self, ids: set[int] | frozenset[int]) -> None:
        """Re-read the given cases (after a change) and repaint only their rows: those on
        screen are fetched again as they are drawn, the rest when scrolled to."""
        for case_id in ids:
            self._cache.pop(case_id, None)
        for position in sorted(p for p in map(self.row_of, ids) if p is not None):
            left = self.index(position, 0)
            right = self.index(position, self.columnCount() - 1)
            self.dataChanged.emit(left, right)

    def _row(self, position: int) -> CaseRow | None:
        case_id = self._ids[position]
        row = self._cache.get(case_id)
        if row is not None:
            return row
        start = max(0, position - self.BLOCK // 4)
        block = [i for i in self._ids[start : start + self.BLOCK] if i not in self._cache]
        for fetched in self._service.rows(block):
            self._cache[fetched.id] = fetched
        while len(self._cache) > self.CACHE_LIMIT:
            self._cache.popitem(last=False)
        return self._cache.get(case_id)

    # -- Qt model interface -------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(HEADERS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._ids):
            return None
        if role == CASE_ID_ROLE:
            return self._ids[index.row()]
        row = self._row(index.row())
        if row is None:
            return None
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_RISK:
            return QBrush(RISK_COLOURS[row.risk])
        if role == Qt.ItemDataRole.DecorationRole:
            if column == COL_RISK:
                return risk_icon(row.risk)
            if column == COL_DUE and row.overdue(self._now):
                return overdue_icon()
            return None
        if role == Qt.ItemDataRole.ForegroundRole and column == COL_DUE and row.overdue(self._now):
            return QBrush(OVERDUE_COLOUR)
        if role == Qt.ItemDataRole.ToolTipRole and column == COL_RISK:
            return row.risk_reason
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_ID:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, row: CaseRow, column: int) -> str:
        match column:
            case 0:
                return str(row.id)
            case 1:
                return tr(row.risk.label)
            case 2:
                return tr(row.status.label)
            case 3:
                return mask_name(row.name) or tr("(미상)")
            case 4:
                return row.dong or ""
            case 5:
                return row.assigned_name or tr("미배정")
            case 6:
                return format_kst(row.opened_at, with_time=False)
            case 7:
                due = format_kst(row.due_at, with_time=False)
                return tr("{0} (초과)").format(due) if row.overdue(self._now) else due
            case 8:
                return "·".join(tr(CHANNEL_SHORT[c.value]) for c in row.channels)
            case 9:
                return street_of(row.address)  # road and number: no flat in a list
            case 10:
                return format_kst(row.next_action_at, with_time=False)
        return ""
