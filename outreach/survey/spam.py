"""Keeping scripts off the anonymous survey without a CAPTCHA: a rate limit and a honeypot.

The rate limit counts every POST of the resident's survey together (start, answers, save,
resume, submit, contact) per client address, against SURVEY_RATE_LIMIT. When it is reached the
resident sees a "wait a moment" page (outreach/errors.py); their draft stays in the database.

The honeypot is a text field that people never meet: the template (`honeypot` in
templates/components/forms.html) moves it off-screen, takes it out of the tab order and hides
its wrapper from screen readers, and its label says to leave it empty for anyone who meets it
anyway (a text browser, their own style sheet). Form-filling scripts fill every field. A request
with it filled gets the ordinary answer, so the script learns nothing, and nothing is stored.
"""

from flask import current_app, request
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField

from outreach.extensions import limiter

#: One counter per address across all the survey's POST routes.
survey_limit = limiter.shared_limit(
    lambda: current_app.config["SURVEY_RATE_LIMIT"], scope="survey", methods=["POST"]
)


def honeypot_field() -> StringField:
    # A bland name that scripts fill and browsers' autofill has no value for.
    return StringField(
        # i18n: label of a hidden anti-spam field; only people on text browsers ever see it.
        _l("Leave this empty"),
        render_kw={"tabindex": "-1", "autocomplete": "off"},
    )


def caught(form: FlaskForm) -> bool:
    """True when the honeypot of `form` (a field named `website`) was filled in."""
    if not form.website.data:
        return False
    current_app.logger.info("Honeypot filled on %s: nothing stored", request.path)
    return True
