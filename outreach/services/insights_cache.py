"""A small in-process cache for insights, keyed on everything a figure depends on: the tallies
(responses counted), the session logs, the neighbourhoods with their boundaries and population
figures (outreach.services.data_versions), the publishing minimum, and the arguments (filters and
risk configuration). A change in any worker is seen by every worker at its next request. Reading
never writes: counting new responses is outreach.services.tallies' job."""

from collections import OrderedDict
from typing import Any

from flask import current_app, g, has_request_context
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import Area, SessionLog
from outreach.services import data_versions

_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 256


def cached(name: str, args: tuple, compute: Any) -> Any:
    """`compute()` once per arguments until new data arrives (the data version is in the key)."""
    return _cached_key((name, args, _data_version()), compute)


def cached_past(name: str, args: tuple, months: dict[str, int], compute: Any) -> Any:
    """`cached` for figures of months that are over: keyed on those months' counted responses
    instead of the tallies' version, so a new answer today does not recompute last quarter.
    Counting only adds, so an unchanged count means nothing new in those months; a recount
    (after excluding responses, say) bumps its own version, and everything else a figure
    depends on (session logs, areas, population figures) is in the key as for `cached`."""
    others = tuple(v for v in _data_version()[0] if v[0] != "tallies")
    key = (name, args, tuple(sorted(months.items())), others, _data_version()[1:])
    return _cached_key(key, compute)


def _cached_key(key: tuple, compute: Any) -> Any:
    key = (*key, current_app.config["PUBLISH_MIN_CELL"])
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    result = compute()
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def _data_version() -> tuple:
    """Read once per request (a page asks for several cached figures); fresh outside requests."""
    if not has_request_context():
        return _read_data_version()
    if "outreach_data_version" not in g:
        g.outreach_data_version = _read_data_version()
    return g.outreach_data_version


def _read_data_version() -> tuple:
    return (
        tuple(sorted(data_versions.current().items())),
        db.session.scalar(select(func.max(SessionLog.id))),
        db.session.scalar(select(func.max(SessionLog.updated_at))),
        db.session.scalar(select(func.count(Area.id))),
    )


def clear_cache() -> None:
    _CACHE.clear()
