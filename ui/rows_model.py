"""Small read-only tables (a few hundred rows at most): one object per row."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex

# How many rows a table's columns are sized from (Qt measures 1,000 by default, each cell
# a call into Python's data(): a team's to-do list of 1,400 rows took 0.1–0.6 s on the
# GUI thread as Today opened). A worker's list fits in it whole; in a longer one the first
# rows show every width a column's values take (case numbers of one length, fixed labels).
SIZED_ROWS = 200


class RowsModel(QAbstractTableModel):
    """A small read-only table of objects, one row each."""

    headers: tuple[str, ...] = ()

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return tr(self.headers[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.cell(self.rows[index.row()], index.column())

    def cell(self, row: Any, column: int) -> str:
        raise NotImplementedError


class TupleRowsModel(RowsModel):
    """Rows that are already tuples of display text."""

    def __init__(self, headers: tuple[str, ...]) -> None:
        super().__init__()
        self.headers = headers

    def cell(self, row: Any, column: int) -> str:
        return str(row[column])
