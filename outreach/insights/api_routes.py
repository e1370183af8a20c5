"""The read API: /api/v1/… JSON for other systems (the city's open-data portal, dashboards,
researchers), with the OpenAPI description at /api/v1/openapi.json. Read-only and public: the
same suppressed figures as the pages; cached by ETag; readable from any origin (CORS)."""

import hashlib
import json
from typing import Any

from flask import Blueprint, Response, current_app, request, url_for

from outreach.access import public
from outreach.insights import api, presenters
from outreach.services import insights, sessions
from outreach.services.survey_counts import ResponseFilter

bp = Blueprint("api", __name__)
#: Figures change when answers are counted: a few minutes' caching spares the database.
MAX_AGE = 300


def _json(document: dict[str, Any]) -> Response:
    body = json.dumps(document, ensure_ascii=False, sort_keys=True).encode()
    tag = hashlib.sha256(body).hexdigest()[:32]
    response = Response(body, mimetype="application/json")
    response.set_etag(tag)
    response.headers["Cache-Control"] = f"public, max-age={MAX_AGE}"
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag"
    response.make_conditional(request)  # 304 without a body when If-None-Match holds the tag
    return response


def _public_picture():
    config = current_app.extensions["outreach_risk"]
    return insights.picture(ResponseFilter(), config, public=True)


@bp.route("/figures")
@public
def figures():
    return _json(api.figures(_public_picture(), insights.counted_at()))


@bp.route("/shortlist")
@public
def shortlist():
    size = current_app.extensions["outreach_shortlist"].size
    return _json(api.shortlist(presenters.shortlisted(_public_picture(), extra=0), size))


@bp.route("/sessions")
@public
def upcoming_sessions():
    return _json(api.sessions(sessions.upcoming(sessions.Filters())))


@bp.route("/openapi.json")
@public
def openapi():
    server = url_for("api.openapi", _external=True).rsplit("/", 1)[0]
    return _json(api.openapi(server))
