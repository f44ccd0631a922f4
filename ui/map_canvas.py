"""The map itself: a ``QGraphicsView`` of the boundaries, the roads and the cases' points,
drawn by Qt from the database alone (no tiles, no network).

Each layer is cut into tiles of a few hundred metres, each one item that paints all of
its shapes at once and keeps the result in a device-coordinate cache. A pan scrolls the
pixels already drawn and paints only the strip it uncovers, from the tiles' caches; a
zoom paints the tiles in view once. An item as large as the whole map would repaint all
of its 20,000 points for every strip a pan uncovers (``python -m bench map`` measures
both). Scene units are metres, x to the east and y to the south (Qt's y grows
downwards; ``MapScene`` gives north).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QStyleOptionGraphicsItem,
    QToolTip,
    QWidget,
)

from db.enums import RiskLevel
from desktop.mapping.service import CasePoints, MapScene
from ui.case_table import RISK_MARKS
from ui.i18n import tr

# Drawn bottom to top: the most urgent on top of the rest.
DRAW_ORDER = (RiskLevel.WATCH, RiskLevel.CAUTION, RiskLevel.CRISIS, RiskLevel.URGENT)
# Size in pixels and shape (colour alone is not enough for everyone): urgent and crisis
# larger and ringed, crisis square.
POINT_SIZES = {RiskLevel.URGENT: 10, RiskLevel.CRISIS: 9, RiskLevel.CAUTION: 7, RiskLevel.WATCH: 6}
SQUARE = {RiskLevel.CRISIS}
RINGED = {RiskLevel.URGENT, RiskLevel.CRISIS}
SELECTED = QColor("#1565c0")
BOUNDARY = QColor("#1d4e89")
ROAD = QColor("#b8c1cc")
BUILDING = QColor("#e3e7ec")
BACKGROUND = QColor("#f7f8fa")
PICK_PIXELS = 10  # how near a double click must be to a point
MIN_SCALE, MAX_SCALE = 0.005, 20.0  # pixels per metre: all of Busan … a single building
LABEL_SCALE = 0.08  # road names show from this zoom in (pixels per metre)


def scene_point(x: float, y: float) -> QPointF:
    """A place of ``MapScene`` (metres east, north) on the scene (y down)."""
    return QPointF(x, -y)


TILE_M = 200.0  # the side of a tile, in metres (python -m bench map chose it)
DOT_PAD_PIXELS = max(POINT_SIZES.values())  # a dot reaches this far past its point


def _tile_of(x: float, y: float, side: float | None = None) -> tuple[int, int]:
    side = side or TILE_M
    return math.floor(x / side), math.floor(y / side)


class PointsTile(QGraphicsItem):
    """The points of one tile: a few ``drawPoints`` of all its points of a risk, with pens
    made once. Its bounds reach past its points by a dot's size in pixels at the current
    zoom (``set_pad``), so a dot at its edge is drawn whole."""

    def __init__(self, strokes: list[tuple[QPen, QPolygonF]], z: float) -> None:
        super().__init__()
        self._strokes = strokes
        self._core = QRectF()
        for _pen, polygon in strokes:
            self._core = self._core.united(polygon.boundingRect())
        self._pad = 0.0
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.setZValue(z)

    def set_pad(self, pad: float) -> None:
        if pad != self._pad:
            self.prepareGeometryChange()
            self._pad = pad

    def boundingRect(self) -> QRectF:
        return self._core.adjusted(-self._pad, -self._pad, self._pad, self._pad)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionGraphicsItem,
        widget: QWidget | None = None,
    ) -> None:
        for pen, polygon in self._strokes:
            painter.setPen(pen)
            painter.drawPoints(polygon)


def point_tiles(
    points: CasePoints, *, highlight: bool = False, side: float | None = None
) -> list[PointsTile]:
    """The points as tiles of ``side`` metres, most urgent drawn last (on top) in each."""
    tiles: dict[tuple[int, int], dict[RiskLevel, list[QPointF]]] = {}
    for x, y, risk in zip(points.xs, points.ys, points.risks, strict=True):
        tile = tiles.setdefault(_tile_of(x, -y, side), {})
        tile.setdefault(risk, []).append(QPointF(x, -y))
    pens = _dot_pens(highlight)
    items = []
    for by_risk in tiles.values():
        strokes = [
            (pen, QPolygonF(by_risk[risk]))
            for risk in DRAW_ORDER
            if risk in by_risk
            for pen in pens[risk]
        ]
        items.append(PointsTile(strokes, 30 if highlight else 20))
    return items


def _dot_pens(highlight: bool) -> dict[RiskLevel, list[QPen]]:
    """The pens a risk's dots are drawn with, in order: a ring, then the dot."""
    pens: dict[RiskLevel, list[QPen]] = {}
    for risk in DRAW_ORDER:
        size = POINT_SIZES[risk]
        cap = Qt.PenCapStyle.SquareCap if risk in SQUARE else Qt.PenCapStyle.RoundCap
        if highlight:
            pens[risk] = [
                _dot_pen(SELECTED, size + 7, Qt.PenCapStyle.RoundCap),
                _dot_pen(QColor("white"), size + 3, Qt.PenCapStyle.RoundCap),
                _dot_pen(RISK_MARKS[risk], size, cap),
            ]
        elif risk in RINGED:
            pens[risk] = [
                _dot_pen(RISK_MARKS[risk].darker(170), size + 2, cap),
                _dot_pen(RISK_MARKS[risk], size, cap),
            ]
        else:
            pens[risk] = [_dot_pen(RISK_MARKS[risk], size, cap)]
    return pens


def _centred(label: QGraphicsSimpleTextItem) -> None:
    """A name drawn the same size at any zoom, its middle on its place."""
    label.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
    box = label.boundingRect()
    label.setTransform(QTransform.fromTranslate(-box.width() / 2, -box.height() / 2))


def _dot_pen(colour: QColor, size: int, cap: Qt.PenCapStyle) -> QPen:
    pen = QPen(colour, size)
    pen.setCosmetic(True)  # pixels, whatever the zoom
    pen.setCapStyle(cap)
    return pen


def path_tiles(
    lines: Sequence[Sequence[tuple[float, float]]],
    *,
    closed: bool,
    pen: QPen,
    brush: QBrush,
    z: float,
) -> list[QGraphicsPathItem]:
    """Lines (or outlines) as one cached path item per tile they start in."""
    by_tile: dict[tuple[int, int], QPainterPath] = {}
    for line in lines:
        if len(line) < 2:
            continue
        start = scene_point(*line[0])
        path = by_tile.setdefault(_tile_of(start.x(), start.y()), QPainterPath())
        polygon = QPolygonF([QPointF(x, -y) for x, y in line])
        if closed:
            path.addPolygon(polygon)
            path.closeSubpath()
        else:
            path.addPolygon(polygon)
    pen.setCosmetic(True)
    items = []
    for path in by_tile.values():
        item = QGraphicsPathItem(path)
        item.setPen(pen)
        item.setBrush(brush)
        item.setZValue(z)
        item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        items.append(item)
    return items


class MapCanvas(QGraphicsView):
    """The map view. Drag to pan (or, in a selection mode, to draw an area), the wheel to
    zoom, a double click on a point to open its case."""

    area_drawn = Signal(object)
    """An area was drawn: its corners as ``[(x, y), …]`` in ``MapScene``'s metres."""
    point_activated = Signal(int)
    """A case's point was double-clicked: the case's number."""

    PAN, RECTANGLE, LASSO = "pan", "rectangle", "lasso"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("map_canvas")
        self.setScene(QGraphicsScene(self))
        self.setBackgroundBrush(BACKGROUND)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setMouseTracking(True)
        # A map pans by dragging; scrollbars would only take room (and change the view's
        # size after it was fitted).
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._mode = self.PAN
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self._map: MapScene | None = None
        self._points: list[PointsTile] = []
        self._selected: list[PointsTile] = []
        self._labels: list[QGraphicsSimpleTextItem] = []
        # Each centre's name, with its boundary's width in metres: shown when it fits.
        self._area_labels: list[tuple[QGraphicsSimpleTextItem, float]] = []
        self._drawing: list[QPointF] = []  # the area being drawn, in scene coordinates
        self._band: QGraphicsPathItem | None = None

    # -- contents ----------------------------------------------------------------------

    def show_map(self, scene: MapScene) -> None:
        """Draw ``scene``, keeping the view where it was when the map was already shown."""
        first = self._map is None
        self._map = scene
        graphics = self.scene()
        graphics.clear()
        self._selected = []
        self._band = None
        self._labels = []
        self._area_labels = []
        layers: list[QGraphicsItem] = []
        if scene.buildings:
            layers += path_tiles(
                scene.buildings,
                closed=True,
                pen=QPen(BUILDING.darker(115), 1),
                brush=QBrush(BUILDING),
                z=5,
            )
        if scene.roads:
            pen = QPen(ROAD, 2.5 if not scene.roads_traced else 2)
            if scene.roads_traced:
                pen.setStyle(Qt.PenStyle.DashLine)  # traced, not surveyed: said by the line
            layers += path_tiles(
                [r.points for r in scene.roads], closed=False, pen=pen, brush=QBrush(), z=10
            )
        if scene.areas:
            layers += path_tiles(
                [ring for area in scene.areas for ring in area.rings],
                closed=True,
                pen=QPen(BOUNDARY, 2),
                brush=QBrush(),
                z=15,
            )
        self._points = point_tiles(scene.points)
        for item in [*layers, *self._points]:
            graphics.addItem(item)
        if scene.roads:
            self._add_road_labels(scene)
        if scene.areas:
            self._add_area_labels(scene)
        if scene.cells is not None:
            self._add_cells(scene)
        self._sync_pads()
        extent = self._extent()
        margin = max(extent.width(), extent.height(), 500.0)
        graphics.setSceneRect(extent.adjusted(-margin, -margin, margin, margin))
        if first:
            self.fit_all()

    def _add_road_labels(self, scene: MapScene) -> None:
        """One name a road, at the middle of its longest stretch; shown when zoomed in."""
        longest: dict[str, list[tuple[float, float]]] = {}
        for road in scene.roads:
            if road.name and len(road.points) > len(longest.get(road.name, [])):
                longest[road.name] = road.points
        font = QFont()
        font.setPointSizeF(8)
        for name, points in longest.items():
            label = QGraphicsSimpleTextItem(name)
            label.setFont(font)
            label.setBrush(QColor("#52606d"))
            label.setPos(scene_point(*points[len(points) // 2]))
            _centred(label)
            label.setZValue(12)
            self.scene().addItem(label)
            self._labels.append(label)
        self._sync_labels()

    def _add_area_labels(self, scene: MapScene) -> None:
        """Each centre's name in the middle of its boundary (several on a 구청's map)."""
        font = QFont()
        font.setPointSizeF(9)
        font.setBold(True)
        for area in scene.areas:
            if not area.rings:
                continue
            ring = max(area.rings, key=len)
            middle = QPolygonF([scene_point(x, y) for x, y in ring]).boundingRect().center()
            label = QGraphicsSimpleTextItem(area.label)
            label.setFont(font)
            label.setBrush(BOUNDARY)
            label.setPos(middle)
            _centred(label)
            label.setZValue(16)
            self.scene().addItem(label)
            width = QPolygonF([scene_point(x, y) for x, y in ring]).boundingRect().width()
            self._area_labels.append((label, width))
        self._sync_labels()

    def _add_cells(self, scene: MapScene) -> None:
        """The masked map (an account that may not see households' places)."""
        font = QFont()
        font.setPointSizeF(7)
        for cell in scene.cells or []:
            rect = QRectF(
                QPointF(cell.west, -cell.north), QPointF(cell.east, -cell.south)
            ).normalized()
            shade = QColor("#d5dbe3") if cell.shown is None else QColor("#6baed6")
            item = QGraphicsRectItem(rect)
            item.setBrush(shade)
            item.setPen(QPen(Qt.PenStyle.NoPen))
            item.setZValue(18)
            self.scene().addItem(item)
            if cell.shown is not None:
                text = QGraphicsSimpleTextItem(str(cell.shown))
                text.setFont(font)
                text.setPos(rect.center())
                text.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
                text.setZValue(19)
                self.scene().addItem(text)

    def _extent(self) -> QRectF:
        scene = self._map
        rect = QRectF()
        if scene is not None:
            for area in scene.areas:
                for ring in area.rings:
                    rect = rect.united(
                        QPolygonF([scene_point(x, y) for x, y in ring]).boundingRect()
                    )
            if rect.isNull() and len(scene.points):
                xs, ys = scene.points.xs, scene.points.ys
                rect = QRectF(QPointF(min(xs), -max(ys)), QPointF(max(xs), -min(ys)))
            if rect.isNull() and scene.cells:
                for cell in scene.cells:
                    rect = rect.united(QRectF(cell.west, -cell.north, 100, 100))
        return rect if not rect.isNull() else QRectF(-1000, -1000, 2000, 2000)

    def select(self, ids: set[int] | frozenset[int]) -> None:
        """Mark the points of these cases (the list's map selection)."""
        for tile in self._selected:
            self.scene().removeItem(tile)
        self._selected = []
        if not ids or self._map is None:
            return
        points = self._map.points
        chosen = CasePoints()
        for case_id, x, y, risk in zip(points.ids, points.xs, points.ys, points.risks, strict=True):
            if case_id in ids:
                chosen.ids.append(case_id)
                chosen.xs.append(x)
                chosen.ys.append(y)
                chosen.risks.append(risk)
        self._selected = point_tiles(chosen, highlight=True)
        for tile in self._selected:
            self.scene().addItem(tile)
        self._sync_pads()

    # -- view ----------------------------------------------------------------------------

    def fit_all(self) -> None:
        """The whole territory (or every point) in view."""
        extent = self._extent()
        self.fitInView(extent.adjusted(-100, -100, 100, 100), Qt.AspectRatioMode.KeepAspectRatio)
        self._sync_labels()
        self._sync_pads()

    def zoom(self, factor: float) -> None:
        scale = self.transform().m11()
        factor = max(MIN_SCALE / scale, min(MAX_SCALE / scale, factor))
        self.scale(factor, factor)
        self._sync_labels()
        self._sync_pads()

    def _sync_pads(self) -> None:
        pad = DOT_PAD_PIXELS / max(self.transform().m11(), 1e-9)
        for tile in [*self._points, *self._selected]:
            tile.set_pad(pad)

    def _sync_labels(self) -> None:
        scale = self.transform().m11()
        for label in self._labels:
            label.setVisible(scale >= LABEL_SCALE)
        for label, width in self._area_labels:
            label.setVisible(width * scale > label.boundingRect().width() + 6)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom(1.25**steps)
        event.accept()

    def set_mode(self, mode: str) -> None:
        """``PAN`` (drag moves the map), ``RECTANGLE`` or ``LASSO`` (drag draws an area)."""
        self._mode = mode
        self.setDragMode(
            QGraphicsView.DragMode.ScrollHandDrag
            if mode == self.PAN
            else QGraphicsView.DragMode.NoDrag
        )
        self.viewport().setCursor(
            Qt.CursorShape.OpenHandCursor if mode == self.PAN else Qt.CursorShape.CrossCursor
        )

    @property
    def mode(self) -> str:
        return self._mode

    # -- drawing an area -------------------------------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if self._mode != self.PAN and event.button() == Qt.MouseButton.LeftButton:
            self._drawing = [self.mapToScene(event.position().toPoint())]
            self._band = QGraphicsPathItem()
            pen = QPen(SELECTED, 1.5, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._band.setPen(pen)
            self._band.setBrush(QColor(21, 101, 192, 40))
            self._band.setZValue(40)
            self.scene().addItem(self._band)
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drawing and self._band is not None:
            here = self.mapToScene(event.position().toPoint())
            if self._mode == self.RECTANGLE:
                self._drawing = [self._drawing[0], here]
            else:
                self._drawing.append(here)
            self._band.setPath(self._band_path())
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._drawing and event.button() == Qt.MouseButton.LeftButton:
            corners = self._corners()
            if self._band is not None:
                self.scene().removeItem(self._band)
                self._band = None
            self._drawing = []
            if len(corners) >= 3:
                self.area_drawn.emit([(p.x(), -p.y()) for p in corners])
            event.accept()
            return
        super().mouseReleaseEvent(event)

    def _corners(self) -> list[QPointF]:
        if self._mode == self.RECTANGLE and len(self._drawing) == 2:
            rect = QRectF(self._drawing[0], self._drawing[1]).normalized()
            if rect.width() == 0 or rect.height() == 0:
                return []
            return [rect.topLeft(), rect.topRight(), rect.bottomRight(), rect.bottomLeft()]
        return list(self._drawing)

    def _band_path(self) -> QPainterPath:
        path = QPainterPath()
        path.addPolygon(QPolygonF(self._corners()))
        path.closeSubpath()
        return path

    # -- finding a point ---------------------------------------------------------------------

    def case_at(self, position: QPoint) -> int | None:
        """The case whose point is nearest ``position`` (viewport pixels), if within reach."""
        if self._map is None or not len(self._map.points):
            return None
        here = self.mapToScene(position)
        reach = PICK_PIXELS / max(self.transform().m11(), 1e-9)
        best, best_distance = None, reach
        points = self._map.points
        for case_id, x, y in zip(points.ids, points.xs, points.ys, strict=True):
            distance = math.hypot(x - here.x(), -y - here.y())
            if distance <= best_distance:
                best, best_distance = case_id, distance
        return best

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        case_id = self.case_at(event.position().toPoint())
        if case_id is not None:
            self.point_activated.emit(case_id)
            event.accept()
            return
        super().mouseDoubleClickEvent(event)

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and self._map is not None:
            position = event.pos()  # type: ignore[attr-defined]
            case_id = self.case_at(position)
            if case_id is not None:
                risk = self._map.points.risks[self._map.points.ids.index(case_id)]
                QToolTip.showText(
                    event.globalPos(),  # type: ignore[attr-defined]
                    tr("사례 {0}번 · {1} (두 번 누르면 엽니다)").format(case_id, tr(risk.label)),
                    self,
                )
            else:
                QToolTip.hideText()
            return True
        return super().viewportEvent(event)
