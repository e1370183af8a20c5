"""Where neighbourhoods are, for "help near me": a polygon's centroid and the distance between two
points on the earth. Pure: no Flask, no database. Neighbourhood centroids are close enough for
ranking sessions a few kilometres apart; no routing, no addresses."""

import itertools
import math
from typing import Any

EARTH_RADIUS_KM = 6371.0088
Point = tuple[float, float]  # (longitude, latitude), as in GeoJSON


def centroid(geometry: dict[str, Any]) -> Point | None:
    """The area-weighted centroid of a GeoJSON Polygon or MultiPolygon's outer rings."""
    polygons = (
        [geometry.get("coordinates", [])]
        if geometry.get("type") == "Polygon"
        else geometry.get("coordinates", [])
        if geometry.get("type") == "MultiPolygon"
        else []
    )
    total = cx = cy = 0.0
    for polygon in polygons:
        if not polygon:
            continue
        area, x, y = _ring(polygon[0])
        total, cx, cy = total + area, cx + x * area, cy + y * area
    if total == 0:
        return None
    return cx / total, cy / total


def _ring(ring: list) -> tuple[float, float, float]:
    """(signed area, centroid x, centroid y) of one closed ring (shoelace formula)."""
    area = x = y = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        area += cross
        x += (x0 + x1) * cross
        y += (y0 + y1) * cross
    if area == 0:
        return 0.0, 0.0, 0.0
    return abs(area / 2), x / (3 * area), y / (3 * area)


def distance_km(a: Point, b: Point) -> float:
    """Great-circle distance (haversine) between two (lon, lat) points."""
    lon1, lat1, lon2, lat2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2
    h += math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))
