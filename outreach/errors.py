"""Error pages in the visitor's language."""

from flask import Flask, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

MESSAGES = {
    400: (_l("The request could not be understood"), _l("Go back, reload the page and try again.")),
    403: (
        _l("You do not have access to this page"),
        _l("Your account cannot open this page. Ask an administrator if you need it."),
    ),
    404: (_l("Page not found"), _l("Check the address, or start again from the home page.")),
    405: (_l("This action is not available here"), _l("Go back and use the buttons on the page.")),
    413: (_l("What you sent is too large"), _l("Send less at once and try again.")),
    429: (_l("Too many attempts"), _l("Wait a minute and try again.")),
    500: (
        _l("Sorry, something went wrong on our side"),
        _l("Nothing you did caused this. Try again in a few minutes."),
    ),
}
CSRF_MESSAGE = (
    _l("This form has expired"),
    _l(
        "For your safety, forms stop working after a while or after you sign in or out. Go back, reload the page and send it again."
    ),
)

#: The survey's rate limit (outreach/survey/spam.py) was reached: often a room of residents behind
#: one address, so reassure them that nothing is lost and show the way back.
SURVEY_WAIT = (
    _l("Please wait a moment"),
    _l(
        "Many answers were sent from this place in a short time. Wait a minute, then continue. The answers you have already given are kept."
    ),
)
RESIDENT_BLUEPRINTS = frozenset({"survey", "contact"})


def _render(code: int, title: str, advice: str, **context):
    page = render_template("errors/error.html", title=title, advice=advice, code=code, **context)
    return page, code


def _http_error(error: HTTPException):
    """Other codes (415, 416 …) keep their status and get the general words for their kind."""
    code = error.code or 500
    general = 400 if code < 500 else 500
    return _render(code, *MESSAGES.get(code, MESSAGES[general]))


def _too_many_requests(_error: HTTPException):
    if request.blueprint not in RESIDENT_BLUEPRINTS:
        return _render(429, *MESSAGES[429])
    return _render(429, *SURVEY_WAIT, continue_url=_way_back())


def _way_back() -> str:
    """The page the resident was on when it can be opened again, else the survey's start page."""
    rule = request.url_rule
    if rule is not None and "GET" in (rule.methods or ()):
        return request.full_path.rstrip("?")
    return url_for("survey.start")


def _csrf_error(_error: CSRFError):
    return _render(400, *CSRF_MESSAGE)


def _server_error(_error: Exception):
    return _render(500, *MESSAGES[500])


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(429, _too_many_requests)
    app.register_error_handler(InternalServerError, _server_error)
