"""Error pages in the visitor's language."""

from flask import Flask, render_template
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


def _render(code: int, title: str, advice: str):
    return render_template("errors/error.html", title=title, advice=advice, code=code), code


def _http_error(error: HTTPException):
    code = error.code if error.code in MESSAGES else 500
    return _render(code, *MESSAGES[code])


def _csrf_error(_error: CSRFError):
    return _render(400, *CSRF_MESSAGE)


def _server_error(_error: Exception):
    return _render(500, *MESSAGES[500])


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
