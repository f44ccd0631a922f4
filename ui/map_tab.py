"""The 지도 tab: the map, its tools, and beside it the legend, the cases with no place and
what is selected. Choosing an area narrows the case list to the cases inside it (the
list's own filter); a double click on a point opens its case."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from db.enums import RiskLevel
from desktop.mapping.service import MapScene, MapService
from ui.case_table import RISK_MARKS
from ui.errors import show_failure
from ui.i18n import tr
from ui.map_canvas import POINT_SIZES, RINGED, SQUARE, MapCanvas
from ui.tasks import Task, run_task

LAYER_FILTER = "GeoJSON (*.geojson *.json)"


def risk_swatch(risk: RiskLevel) -> QIcon:
    """The point as the map draws it, for the legend."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    size = POINT_SIZES[risk]
    colour = RISK_MARKS[risk]
    painter.setPen(colour.darker(170) if risk in RINGED else Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    offset = (16 - size) / 2
    if risk in SQUARE:
        painter.drawRect(int(offset), int(offset), size, size)
    else:
        painter.drawEllipse(int(offset), int(offset), size, size)
    painter.end()
    return QIcon(pixmap)


class MapTab(QWidget):
    selection_changed = Signal(object)
    """Cases were chosen on the map (a frozenset of case numbers), or the choice was
    cleared (None): the case list follows."""
    show_list = Signal()
    """The person asked to see the chosen cases in the list."""
    open_case = Signal(int)
    """A point was double-clicked: open this case."""
    loaded = Signal()
    """The map was drawn (after a load or a reload)."""

    def __init__(self, service: MapService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._scene: MapScene | None = None
        self._task: Task | None = None
        self.requested = False  # the map has been asked for (it loads when first shown)
        self.selected: frozenset[int] = frozenset()
        self.canvas = MapCanvas()
        self.canvas.area_drawn.connect(self._area_drawn)
        self.canvas.point_activated.connect(self.open_case)

        self.tools = QToolBar(tr("지도 도구"))
        self.tools.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        modes = QActionGroup(self)
        self.mode_actions: dict[str, QAction] = {}
        for mode, label, keys in (
            (MapCanvas.PAN, tr("이동"), "M"),
            (MapCanvas.RECTANGLE, tr("사각형 선택"), "R"),
            (MapCanvas.LASSO, tr("자유 선택"), "L"),
        ):
            action = QAction(label, self)
            action.setCheckable(True)
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{label} ({keys})")
            action.triggered.connect(lambda _checked=False, m=mode: self.canvas.set_mode(m))
            modes.addAction(action)
            self.tools.addAction(action)
            self.mode_actions[mode] = action
        self.mode_actions[MapCanvas.PAN].setChecked(True)
        self.tools.addSeparator()
        self.tools.addAction(tr("전체 보기"), self.canvas.fit_all)
        self.tools.addAction(tr("확대"), lambda: self.canvas.zoom(1.5))
        self.tools.addAction(tr("축소"), lambda: self.canvas.zoom(1 / 1.5))
        self.tools.addSeparator()
        self.clear_action = self.tools.addAction(tr("선택 해제"), self.clear_selection)
        self.list_action = self.tools.addAction(tr("목록에서 보기"), self.show_list.emit)
        self.tools.addSeparator()
        self.tools.addAction(tr("새로 고침"), lambda: self.reload(logged=True))
        self.layer_action: QAction | None = None
        if service.can_load_layers():
            self.layer_action = self.tools.addAction(tr("기본 지도 불러오기…"), self.choose_layer)

        self.total_label = QLabel()
        self.total_label.setObjectName("map_total")
        self.risk_labels: dict[RiskLevel, QLabel] = {}
        legend = QGridLayout()
        for row, risk in enumerate(RiskLevel):
            swatch = QLabel()
            swatch.setPixmap(risk_swatch(risk).pixmap(16, 16))
            legend.addWidget(swatch, row, 0)
            legend.addWidget(QLabel(tr(risk.label)), row, 1)
            legend.setColumnStretch(1, 1)
            count = QLabel()
            count.setAlignment(Qt.AlignmentFlag.AlignRight)
            legend.addWidget(count, row, 2)
            self.risk_labels[risk] = count
        self.unplaced_label = QLabel()
        self.unplaced_label.setObjectName("map_unplaced")
        self.unplaced_label.setWordWrap(True)
        self.unplaced_button = QPushButton(tr("이 사례들 목록에서 보기"))
        self.unplaced_button.clicked.connect(self.show_unplaced)
        self.selection_label = QLabel()
        self.selection_label.setObjectName("map_selection")
        self.selection_label.setWordWrap(True)
        self.source_label = QLabel()
        self.source_label.setWordWrap(True)
        self.source_label.setStyleSheet("color: #52606d")
        help_text = QLabel(
            tr(
                "끌어서 옮기고 휠로 확대·축소합니다. 사각형 선택이나 자유 선택으로 영역을 "
                "그리면 사례 목록이 그 안의 사례로 좁혀집니다. 점을 두 번 누르면 사례가 "
                "열립니다."
            )
        )
        help_text.setWordWrap(True)
        help_text.setStyleSheet("color: #52606d")

        side = QVBoxLayout()
        side.addWidget(self.total_label)
        side.addLayout(legend)
        side.addSpacing(10)
        side.addWidget(self.unplaced_label)
        side.addWidget(self.unplaced_button)
        side.addSpacing(10)
        side.addWidget(self.selection_label)
        side.addStretch(1)
        side.addWidget(self.source_label)
        side.addWidget(help_text)
        panel = QWidget()
        panel.setLayout(side)
        panel.setFixedWidth(250)

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.canvas, 1)
        body.addWidget(panel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tools)
        layout.addLayout(body, 1)
        self._show_selection()

    # -- loading -----------------------------------------------------------------------

    @property
    def scene(self) -> MapScene | None:
        return self._scene

    def ensure_loaded(self) -> None:
        """Load the map the first time it is shown (a person looks at it: logged)."""
        if not self.requested:
            self.reload(logged=True)

    def reload(self, *, logged: bool = False) -> None:
        """Ask for the map again off the UI thread (``logged``: a person asked to see it,
        one access-log row)."""
        self.requested = True
        if self._task is not None:
            self._task.cancel()
        service = self._service
        task = run_task(
            lambda _control: service.scene(logged=logged),
            lambda scene: self._show(task, scene),
            self._failed,
            owner=self,
        )
        self._task = task

    def _show(self, task: Task, scene: object) -> None:
        if task is not self._task or not isinstance(scene, MapScene):
            return
        self._task = None
        self._scene = scene
        self.canvas.show_map(scene)
        masked = scene.cells is not None
        for action in self.mode_actions.values():
            action.setEnabled(not masked)
        if masked:
            self.mode_actions[MapCanvas.PAN].setChecked(True)
            self.canvas.set_mode(MapCanvas.PAN)
        self.total_label.setText(tr("진행 중 사례 {0}건").format(f"{scene.open_cases:,}"))
        for risk, label in self.risk_labels.items():
            label.setText(tr("{0}건").format(f"{scene.by_risk.get(risk, 0):,}"))
        unplaced = len(scene.unplaced)
        self.unplaced_label.setText(
            tr("위치가 없는 사례 {0}건 (지도에 없음)").format(f"{unplaced:,}")
            if unplaced
            else tr("모든 진행 중 사례에 위치가 있습니다.")
        )
        self.unplaced_button.setEnabled(bool(unplaced))
        if masked:
            source = tr("열람 권한: 위치는 100 m 칸 단위로만, 3건 미만인 칸은 숫자 없이 보입니다.")
        elif scene.roads_traced:
            source = tr(
                "도로: 신고 위치에서 그린 선 (점선). 기본 지도를 불러오면 그것으로 그립니다."
            )
        else:
            source = tr("도로: 불러온 기본 지도")
        self.source_label.setText(source)
        # A selection stays what it was, less the cases the map no longer holds.
        if self.selected:
            kept = self.selected & (set(scene.points.ids) | set(scene.unplaced))
            if kept != self.selected:
                self._choose(frozenset(kept))
            else:
                self.canvas.select(self.selected)
        self.loaded.emit()

    def _failed(self, exc: BaseException, details: str) -> None:
        self._task = None
        show_failure(self, tr("지도를 불러오지 못했습니다"), exc, details)

    # -- choosing ------------------------------------------------------------------------

    def _area_drawn(self, corners: list[tuple[float, float]]) -> None:
        if self._scene is None:
            return
        self._choose(frozenset(self._service.selected(self._scene, corners)))

    def show_unplaced(self) -> None:
        """The cases with no place, in the list (they are not on the map to be chosen)."""
        if self._scene is not None and self._scene.unplaced:
            self._choose(frozenset(self._scene.unplaced))
            self.show_list.emit()

    def _choose(self, ids: frozenset[int]) -> None:
        self.selected = ids
        self.canvas.select(ids)
        self._show_selection()
        self.selection_changed.emit(ids if ids else None)

    def clear_selection(self, *, announce: bool = True) -> None:
        """No case chosen (``announce``: and the list is told)."""
        self.selected = frozenset()
        self.canvas.select(self.selected)
        self._show_selection()
        if announce:
            self.selection_changed.emit(None)

    def _show_selection(self) -> None:
        count = len(self.selected)
        self.selection_label.setText(
            tr("고른 사례 {0}건: 사례 목록이 이 사례들로 좁혀져 있습니다.").format(f"{count:,}")
            if count
            else tr("고른 사례 없음")
        )
        self.clear_action.setEnabled(bool(count))
        self.list_action.setEnabled(bool(count))

    # -- the base layer (administrators) --------------------------------------------------------

    def choose_layer(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("기본 지도 불러오기 (도로·건물 GeoJSON, WGS84)"), "", tr(LAYER_FILTER)
        )
        if path:
            self.load_layer(Path(path))

    def load_layer(self, path: Path) -> Task:
        service = self._service

        def loaded(infos: object) -> None:
            described = ", ".join(i.describe() for i in infos) if isinstance(infos, list) else ""
            window = self.window()
            if hasattr(window, "statusBar"):
                window.statusBar().showMessage(
                    tr("기본 지도를 불러왔습니다: {0}").format(described), 10000
                )
            self.reload(logged=False)

        return run_task(
            lambda _control: service.load_layers(path),
            loaded,
            lambda exc, details: show_failure(
                self, tr("기본 지도를 불러오지 못했습니다"), exc, details
            ),
            owner=self,
        )
