"""The resident survey: instrument files, the web flow, volunteer entry and the paper version."""

from flask import Flask

from outreach.paths import FORMS
from outreach.survey.instrument import Instrument, load


def load_instruments(folder=FORMS) -> dict[str, Instrument]:
    """Every instrument in forms/; a broken file raises InstrumentError and the app does not start."""
    instruments = [load(path) for path in sorted(folder.glob("*.toml"))]
    return {i.id: i for i in instruments}


def init_app(app: Flask) -> None:
    from outreach.survey.forms import LANGUAGE_CHOICES, WHEN_CHOICES

    app.extensions["outreach_instruments"] = load_instruments()
    if app.config["SURVEY_INSTRUMENT"] not in app.extensions["outreach_instruments"]:
        from outreach.survey.instrument import InstrumentError

        raise InstrumentError(f"{FORMS}: no instrument with id {app.config['SURVEY_INSTRUMENT']!r}")
    languages, times = dict(LANGUAGE_CHOICES), dict(WHEN_CHOICES)
    app.jinja_env.globals.update(
        language_name=lambda code: languages.get(code, code),
        when_name=lambda code: times.get(code, "—"),
    )
