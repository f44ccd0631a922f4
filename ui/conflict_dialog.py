"""A save that met a newer version of the case: what the other person changed (who, when,
which field, from what to what), the case as the worker saw it beside the case now, and the
change the worker meant to make, which they apply again on top or let go."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.casework.conflicts import CaseConflict
from desktop.casework.detail import CaseDetail
from desktop.timeutil import format_kst
from ui.i18n import N_, tr
from ui.rows_model import Index, TupleRowsModel

# The words desktop.casework.history names fields and values with, for translation.
_FIELD_WORDS = (
    N_("상태"),
    N_("종결 사유"),
    N_("위험도"),
    N_("위험도 이유"),
    N_("담당자"),
    N_("센터"),
    N_("관할"),
    N_("처리기한"),
    N_("다음 조치"),
    N_("협의체 안건"),
    N_("상담 기록"),
    N_("지원 연계"),
    N_("미배정"),
    N_("소속 없음"),
    N_("올림"),
    N_("내림"),
)


def _values(detail: CaseDetail) -> list[tuple[str, str]]:
    """The fields a worker reads first, in words (as the case pane shows them)."""
    return [
        (tr("상태"), tr(detail.status.label)),
        (tr("위험도"), tr(detail.risk.label)),
        (tr("담당자"), tr(detail.assigned_to)),
        (tr("처리기한"), format_kst(detail.due_at) or "-"),
        (tr("다음 조치"), format_kst(detail.next_action_at) or "-"),
        (tr("협의체 안건"), tr("올림") if detail.flagged_for_council else tr("내림")),
        (tr("상담 기록"), tr("{0}건").format(len(detail.counselling))),
        (tr("지원 연계"), tr("{0}건").format(len(detail.support))),
        (tr("알림"), tr("{0}건").format(len(detail.timeline))),
    ]


class _Rows(TupleRowsModel):
    """Rows of text; a cell's whole text is its tooltip (long values are cut short)."""

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid():
            return self.cell(self.rows[index.row()], index.column()) or None
        return super().data(index, role)


def _table(model: TupleRowsModel, *, rows: int, widest: int = 240) -> QTableView:
    """A read-only table showing its first ``rows`` rows whole: no column wider than
    ``widest`` (the last takes the rest), long text wrapped, never scrolling sideways."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setWordWrap(True)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    vertical = view.verticalHeader()
    vertical.setVisible(False)
    header = view.horizontalHeader()
    header.setStretchLastSection(True)
    view.resizeColumnsToContents()
    for column in range(model.columnCount() - 1):
        header.resizeSection(column, min(header.sectionSize(column), widest))
    view.resizeRowsToContents()
    line = view.fontMetrics().height() + 8
    tall = sum(vertical.sectionSize(r) for r in range(min(rows, model.rowCount())))
    tall += line * max(0, rows - model.rowCount())
    view.setFixedHeight(header.sizeHint().height() + tall + 4)
    return view


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-weight: bold; margin-top: 6px")
    return label


class ConflictDialog(QDialog):
    """Accepted: apply the worker's change again, on the version shown (``conflict.version``);
    rejected: let it go (the pane shows the case as it is now)."""

    def __init__(
        self,
        conflict: CaseConflict,
        seen: CaseDetail,
        now: CaseDetail,
        mine: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.conflict = conflict
        self.setWindowTitle(
            tr("사례 {0}번: 다른 직원이 먼저 바꾸었습니다").format(conflict.case_id)
        )
        self.setMinimumWidth(620)
        intro = QLabel(
            tr(
                "이 사례를 여신 뒤 다른 직원이 바꾸었습니다. 내 변경은 아직 저장하지 않았습니다. "
                "무엇이 바뀌었는지 보시고, 그 위에 내 변경을 다시 적용하거나 버리십시오."
            )
        )
        intro.setWordWrap(True)
        self.changes = _Rows(
            (tr("일시"), tr("바꾼 사람"), tr("항목"), tr("이전"), tr("이후"), tr("메모"))
        )
        self.changes.set_rows(
            [
                (format_kst(c.changed_at), c.by, tr(c.field), tr(c.old), tr(c.new), c.note)
                for c in conflict.changes
            ]
        )
        self.program = QLabel(tr("새 알림이 들어와 프로그램이 바꾼 내용(기한·위험도)도 있습니다."))
        self.program.setVisible(conflict.by_program)
        self.versions = _Rows((tr("항목"), tr("내가 본 것"), tr("지금")))
        rows = []
        for (label, before), (_label, after) in zip(_values(seen), _values(now), strict=True):
            rows.append((("≠ " if before != after else "") + label, before, after))
        self.versions.set_rows(rows)
        self.mine = QLabel(tr("내 변경: {0}").format(mine))
        self.mine.setWordWrap(True)
        self.mine.setStyleSheet("font-weight: bold")
        self.mine.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.buttons = QDialogButtonBox()
        self.apply_button = self.buttons.addButton(
            tr("내 변경을 그 위에 다시 적용"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.apply_button.setObjectName("apply_again")
        self.discard_button = self.buttons.addButton(
            tr("내 변경 버리기"), QDialogButtonBox.ButtonRole.RejectRole
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(_heading(tr("그사이 바뀐 내용")))
        shown_rows = max(3, min(8, len(conflict.changes)))
        layout.addWidget(_table(self.changes, rows=shown_rows, widest=190))
        layout.addWidget(self.program)
        layout.addWidget(_heading(tr("두 버전 (≠ 표시는 달라진 항목)")))
        layout.addWidget(_table(self.versions, rows=len(rows)))
        layout.addWidget(self.mine)
        layout.addWidget(self.buttons)
        self.apply_button.setDefault(True)
        self.resize(760, self.sizeHint().height())
