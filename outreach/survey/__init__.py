"""The resident survey: the web flow, volunteer entry and the paper version (the instrument
itself is outreach.instrument)."""

from pathlib import Path

from flask import Flask

from outreach.instrument import InstrumentError, load_all


def init_app(app: Flask) -> None:
    folder = Path(app.config["FORMS_FOLDER"])
    versions = load_all(folder)
    app.extensions["outreach_instrument_versions"] = versions
    app.extensions["outreach_instruments"] = {i.id: i for i in versions}
    if app.config["SURVEY_INSTRUMENT"] not in app.extensions["outreach_instruments"]:
        raise InstrumentError(
            f"{folder}: no instrument with id {app.config['SURVEY_INSTRUMENT']!r}"
        )
