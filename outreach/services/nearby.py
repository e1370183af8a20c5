"""How far sessions are from a resident's neighbourhood: centroid to centroid, which is enough to
rank sessions a few kilometres apart and to say "about 2 km" (outreach.geo)."""

from sqlalchemy import select

from outreach.extensions import db
from outreach.geo import Point, centroid, distance_km
from outreach.models import Area


def centroids(codes: set[str] | None = None) -> dict[str, Point]:
    query = select(Area.code, Area.geometry)
    if codes is not None:
        query = query.where(Area.code.in_(codes))
    found = {}
    for code, geometry in db.session.execute(query):
        point = centroid(geometry or {})
        if point is not None:
            found[code] = point
    return found


def distances(origin: str | None, session_areas: dict[int, str | None]) -> dict[int, float]:
    """session id -> km from the `origin` neighbourhood, for sessions held in a neighbourhood;
    sessions by phone or online (no neighbourhood) and an unknown origin give none."""
    if not origin:
        return {}
    wanted = {origin, *(a for a in session_areas.values() if a)}
    points = centroids(wanted)
    if origin not in points:
        return {}
    return {
        session_id: distance_km(points[origin], points[area])
        for session_id, area in session_areas.items()
        if area in points
    }
