"""A small in-process cache for insights, keyed by a data version that changes whenever a new
answer or log arrives, so figures are never stale and never recomputed needlessly."""

from collections import OrderedDict
from typing import Any

from flask import current_app, g, has_request_context
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import Area, SessionLog, SurveyResponse

_CACHE: OrderedDict = OrderedDict()
_CACHE_SIZE = 256


def cached(name: str, args: tuple, compute: Any) -> Any:
    """`compute()` once per arguments until new data arrives (the data version is in the key)."""
    key = (name, args, _data_version(), current_app.config["PUBLISH_MIN_CELL"])
    if key in _CACHE:
        _CACHE.move_to_end(key)
        return _CACHE[key]
    _count_new_responses()
    result = compute()
    _CACHE[key] = result
    if len(_CACHE) > _CACHE_SIZE:
        _CACHE.popitem(last=False)
    return result


def _count_new_responses() -> None:
    """Bring the tallies up to date before figures are read from them (once per request)."""
    from outreach.services import survey, tallies

    if has_request_context() and g.get("outreach_tallies_fresh"):
        return
    if tallies.pending():
        tallies.refresh(survey.instruments())
    if has_request_context():
        g.outreach_tallies_fresh = True


def _data_version() -> tuple:
    """Read once per request (a page asks for several cached figures); fresh outside requests."""
    if not has_request_context():
        return _read_data_version()
    if "outreach_data_version" not in g:
        g.outreach_data_version = _read_data_version()
    return g.outreach_data_version


def _read_data_version() -> tuple:
    return (
        db.session.scalar(select(func.max(SurveyResponse.id))),
        db.session.scalar(select(func.max(SessionLog.id))),
        db.session.scalar(select(func.max(SessionLog.updated_at))),
        db.session.scalar(select(func.count(Area.id))),
    )


def clear_cache() -> None:
    _CACHE.clear()
