"""The read API's documents: the public figures, the shortlist and the help sessions as JSON,
built from exactly what the public pages and open data publish (outreach.insights.open_data),
and the OpenAPI description they are tested against."""

from datetime import datetime
from typing import Any

from outreach.i18n.markup import plain
from outreach.insights.open_data import records
from outreach.services.bookings import places_left
from outreach.services.picture import Picture
from outreach.services.sessions import as_utc
from outreach.vocabulary import CHANNELS

VERSION = "1.0.0"


def figures(result: Picture, counted_at: datetime | None) -> dict[str, Any]:
    city = {m: _city(result, m) for m in result.measures}
    return {
        "counted_at": as_utc(counted_at).isoformat() if counted_at else None,
        "minimum_cell": result.minimum,
        "synthetic": result.synthetic,
        "measures": list(result.measures),
        "city": city,
        "neighbourhoods": records(result),
    }


def _city(result: Picture, measure: str) -> dict[str, Any] | None:
    figure = result.city.get(measure)
    if figure is None:
        return None
    shown = figure.published()
    return {"share": shown.proportion, "low95": shown.low, "high95": shown.high}


def shortlist(shortlisted: list, size: int) -> dict[str, Any]:
    return {
        "size": size,
        "neighbourhoods": [
            {
                "area_code": a.code,
                "name_ja": a.name_ja,
                "rank": a.standing.rank,
                "probability_in_shortlist": round(a.standing.probability, 2),
                "certainty": a.standing.label or None,
                "reasons": list(a.reasons),
            }
            for a in shortlisted
        ],
    }


def sessions(found: list) -> dict[str, Any]:
    return {"sessions": [_session(s) for s in found]}


def _session(s: Any) -> dict[str, Any]:
    return {
        "id": s.id,
        "starts_at": as_utc(s.starts_at).isoformat(),
        "ends_at": as_utc(s.ends_at).isoformat(),
        "format": s.format,
        "venue_name": plain(s.venue_name),
        "venue_address": s.venue_address,
        "area_code": s.area_code,
        "topics": list(s.topics),
        "languages": list(s.languages),
        "capacity": s.capacity,
        "places_left": places_left(s),
        "booking_required": s.booking_required,
        "cancelled": s.cancelled,
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"oneOf": [schema, {"type": "null"}]}


_SHARE = {"type": "number", "minimum": 0, "maximum": 1}
_COUNT = _nullable({"type": "integer", "minimum": 0})
_ESTIMATE = {
    "type": "object",
    "required": ["share", "low95", "high95", "kind"],
    "additionalProperties": False,
    "properties": {
        "share": _SHARE,
        "low95": _SHARE,
        "high95": _SHARE,
        "kind": {"type": "string", "enum": ["survey", "survey_and_model", "model_only"]},
    },
}
_CITY_ESTIMATE = {
    "type": "object",
    "required": ["share", "low95", "high95"],
    "additionalProperties": False,
    "properties": {"share": _SHARE, "low95": _SHARE, "high95": _SHARE},
}
_NEIGHBOURHOOD = {
    "type": "object",
    "required": [
        "area_code",
        "name_ja",
        "answers",
        "answers_by_channel",
        "risk_score",
        "estimates",
    ],
    "additionalProperties": False,
    "properties": {
        "area_code": {"type": "string"},
        "name_ja": {"type": "string"},
        "answers": _COUNT,
        "answers_by_channel": {
            "type": "object",
            "required": list(CHANNELS),
            "additionalProperties": False,
            "properties": {c: _COUNT for c in CHANNELS},
        },
        "risk_score": _nullable({"type": "number", "minimum": 0, "maximum": 10}),
        "estimates": {"type": "object", "additionalProperties": _nullable(_ESTIMATE)},
    },
}
_SESSION = {
    "type": "object",
    "additionalProperties": False,
    "required": ["id", "starts_at", "ends_at", "format", "cancelled"],
    "properties": {
        "id": {"type": "integer"},
        "starts_at": {"type": "string", "format": "date-time"},
        "ends_at": {"type": "string", "format": "date-time"},
        "format": {"type": "string"},
        "venue_name": {"type": "string"},
        "venue_address": {"type": "string"},
        "area_code": _nullable({"type": "string"}),
        "topics": {"type": "array", "items": {"type": "string"}},
        "languages": {"type": "array", "items": {"type": "string"}},
        "capacity": _COUNT,
        "places_left": _COUNT,
        "booking_required": {"type": "boolean"},
        "cancelled": {"type": "boolean"},
    },
}
_FIGURES = {
    "type": "object",
    "additionalProperties": False,
    "required": ["counted_at", "minimum_cell", "synthetic", "measures", "city", "neighbourhoods"],
    "properties": {
        "counted_at": _nullable({"type": "string", "format": "date-time"}),
        "minimum_cell": {"type": "integer"},
        "synthetic": {"type": "boolean"},
        "measures": {"type": "array", "items": {"type": "string"}},
        "city": {"type": "object", "additionalProperties": _nullable(_CITY_ESTIMATE)},
        "neighbourhoods": {"type": "array", "items": _NEIGHBOURHOOD},
    },
}
_SHORTLIST = {
    "type": "object",
    "additionalProperties": False,
    "required": ["size", "neighbourhoods"],
    "properties": {
        "size": {"type": "integer"},
        "neighbourhoods": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["area_code", "name_ja", "rank", "probability_in_shortlist"],
                "properties": {
                    "area_code": {"type": "string"},
                    "name_ja": {"type": "string"},
                    "rank": {"type": "integer", "minimum": 1},
                    "probability_in_shortlist": _SHARE,
                    "certainty": _nullable(
                        {"type": "string", "enum": ["almost_certain", "likely", "possible"]}
                    ),
                    "reasons": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
    },
}


def _get(summary: str, schema_name: str) -> dict[str, Any]:
    return {
        "get": {
            "summary": summary,
            "responses": {
                "200": {
                    "description": summary,
                    "headers": {"ETag": {"schema": {"type": "string"}}},
                    "content": {
                        "application/json": {
                            "schema": {"$ref": f"#/components/schemas/{schema_name}"}
                        }
                    },
                },
                "304": {"description": "Not modified since the ETag sent in If-None-Match."},
            },
        }
    }


def openapi(server: str) -> dict[str, Any]:
    """The OpenAPI 3.1 description of the read API."""
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Outreach public figures",
            "version": VERSION,
            "description": (
                "Digital access figures of the city's neighbourhoods, as published: counts "
                "rounded to 5 and small cells suppressed (null), shares in whole percents with "
                "95 % intervals rounded outward. Licence: CC BY 4.0."
            ),
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
        "servers": [{"url": server}],
        "paths": {
            "/figures": _get("City and neighbourhood estimates with intervals", "Figures"),
            "/shortlist": _get("Where the next help sessions should go", "Shortlist"),
            "/sessions": _get("Upcoming help sessions", "Sessions"),
        },
        "components": {
            "schemas": {
                "Figures": _FIGURES,
                "Shortlist": _SHORTLIST,
                "Sessions": {
                    "type": "object",
                    "additionalProperties": False,
                    "required": ["sessions"],
                    "properties": {"sessions": {"type": "array", "items": _SESSION}},
                },
            }
        },
    }
