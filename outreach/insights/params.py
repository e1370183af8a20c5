"""Dashboard choices from the query string: filters, map layer, and "what if" weights."""

from dataclasses import dataclass, replace
from datetime import date

from flask import current_app, request

from outreach.labels import age_labels
from outreach.risk.config import METHODS, RiskConfig
from outreach.services import areas
from outreach.services import survey as surveys
from outreach.services.survey_counts import ResponseFilter
from outreach.vocabulary import CHANNELS


@dataclass(frozen=True)
class Choices:
    filters: ResponseFilter
    config: RiskConfig
    layer: str
    area: str
    changed_weights: bool

    @property
    def breakdown_filters(self) -> ResponseFilter:
        """The breakdowns can narrow to one neighbourhood; the map always compares them all."""
        return replace(self.filters, area=self.area)


def _date(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


def _weight(key: str, default: float) -> float:
    try:
        value = float(request.args.get(key, default))
    except ValueError:
        return default
    return min(max(value, 0.0), 10.0)


def from_request() -> Choices:
    """Unknown or malformed values fall back to defaults rather than failing the page."""
    stored: RiskConfig = current_app.extensions["outreach_risk"]
    weights = {c.id: _weight(f"w_{c.id}", c.weight) for c in stored.components}
    weights |= {i.id: _weight(f"w_{i.id}", i.weight) for i in stored.indicators}
    config = stored.with_weights(weights)
    method = request.args.get("method", stored.method)
    bounded = all(i.bounds for i in config.indicators)
    if method in METHODS and method != stored.method and (method != "fixed" or bounded):
        config = replace(config, method=method)
    channel, age = request.args.get("channel", ""), request.args.get("age_band", "")
    filters = ResponseFilter(
        _date("from"),
        _date("to"),
        channel if channel in CHANNELS else "",
        age if age in age_labels(surveys.instrument()) else "",
    )
    layers = {"score"} | {i.id for i in stored.indicators}
    layer = request.args.get("layer", "score")
    area = request.args.get("area", "")
    return Choices(
        filters,
        config,
        layer if layer in layers else "score",
        area if area in areas.known_codes() else "",
        config != stored,
    )
