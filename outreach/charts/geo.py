"""Neighbourhood boundaries as SVG paths: projected to the drawing, simplified, rounded.

The GeoJSON holds far more points than a phone-sized map can show (186 KB for the city).
Douglas–Peucker at a tolerance under one drawing unit drops the points nobody could see; the
shapes are computed once per set of boundaries (the caller caches them).
"""

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

Point = tuple[float, float]

#: Drawing units a dropped point may lie off the simplified line: about a third of a pixel on a
#: phone, invisible at city scale.
TOLERANCE = 0.6


@dataclass(frozen=True)
class Outlines:
    """SVG path data for each area code, inside a box `width` × `height`."""

    width: float
    height: float
    paths: dict[str, str]


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas–Peucker: keep the ends, and recursively the point farthest off the line between
    them while it is farther than `tolerance`."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        far, index = 0.0, 0
        for i in range(first + 1, last):
            d = _distance(points[i], points[first], points[last])
            if d > far:
                far, index = d, i
        if far > tolerance:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, kept in zip(points, keep, strict=True) if kept]


def _distance(p: Point, a: Point, b: Point) -> float:
    """Distance from `p` to the segment a–b."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = dx * dx + dy * dy
    if length == 0:
        return math.dist(p, a)
    t = max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length))
    return math.dist(p, (a[0] + t * dx, a[1] + t * dy))


def _rings(geometry: dict) -> Iterable[list[Point]]:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    for polygon in polygons:
        for ring in polygon:
            yield [(float(x), float(y)) for x, y, *_ in ring]


def outlines(geojson: dict, width: float = 400, code_key: str = "code") -> Outlines:
    """Every feature's outline, projected so the city fits `width` units across.

    Equirectangular with the longitude shrunk by cos(latitude): at a city's scale that is as
    true as any map projection, and it keeps north up.
    """
    features = [f for f in geojson.get("features", []) if f.get("geometry")]
    rings = {f["properties"][code_key]: list(_rings(f["geometry"])) for f in features}
    every = [p for shapes in rings.values() for ring in shapes for p in ring]
    if not every:
        return Outlines(width, 0, {})
    west, east = min(p[0] for p in every), max(p[0] for p in every)
    south, north = min(p[1] for p in every), max(p[1] for p in every)
    squeeze = math.cos(math.radians((south + north) / 2))
    scale = width / max((east - west) * squeeze, 1e-9)
    height = (north - south) * scale

    def project(p: Point) -> Point:
        return ((p[0] - west) * squeeze * scale, (north - p[1]) * scale)

    paths = {
        code: "".join(_path(simplify([project(p) for p in ring], TOLERANCE)) for ring in shapes)
        for code, shapes in rings.items()
    }
    return Outlines(width, round(height, 1), paths)


def _path(ring: list[Point]) -> str:
    """Absolute move, then relative steps in tenths: about half the characters of absolute
    coordinates. Rounding is carried forward so the outline does not drift."""
    if len(ring) < 3:
        return ""
    x0, y0 = round(ring[0][0], 1), round(ring[0][1], 1)
    steps, (cx, cy) = [], (x0, y0)
    for x, y in ring[1:]:
        nx, ny = round(x, 1), round(y, 1)
        if (nx, ny) != (cx, cy):
            steps.append(f"{_n(nx - cx)} {_n(ny - cy)}")
            cx, cy = nx, ny
    return f"M{x0:g} {y0:g}l{' '.join(steps)}z"


def _n(value: float) -> str:
    return f"{round(value, 1):g}"
