"""Longitude and latitude (WGS84) to metres on a flat page, and back."""

from __future__ import annotations

import math
from dataclasses import dataclass

# Where the map centres when there is nothing to draw: Busan City Hall.
BUSAN = (35.1798, 129.0750)


@dataclass(frozen=True)
class Projection:
    """Metres east (x) and north (y) of an origin: an equirectangular projection at the
    origin's latitude, which for a dong or a district (a few kilometres) is off by less
    than a metre in a thousand."""

    latitude: float
    longitude: float

    @classmethod
    def around(cls, bounds: tuple[float, float, float, float] | None) -> Projection:
        """Centred on ``bounds`` (west, south, east, north), or on Busan without them."""
        if bounds is None:
            return cls(*BUSAN)
        west, south, east, north = bounds
        return cls((south + north) / 2, (west + east) / 2)

    @property
    def _metres_per_degree(self) -> tuple[float, float]:
        phi = math.radians(self.latitude)
        per_lat = 111_132.92 - 559.82 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
        per_lon = 111_412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi)
        return per_lat, per_lon

    def xy(self, latitude: float, longitude: float) -> tuple[float, float]:
        per_lat, per_lon = self._metres_per_degree
        return (longitude - self.longitude) * per_lon, (latitude - self.latitude) * per_lat

    def lat_lon(self, x: float, y: float) -> tuple[float, float]:
        per_lat, per_lon = self._metres_per_degree
        return self.latitude + y / per_lat, self.longitude + x / per_lon

    def ring(self, coordinates: list[list[float]]) -> list[tuple[float, float]]:
        """A GeoJSON ring or line (``[[lon, lat], …]``) in metres."""
        return [self.xy(point[1], point[0]) for point in coordinates]
