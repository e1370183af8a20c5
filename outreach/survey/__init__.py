"""The resident survey: instrument files, the web flow, volunteer entry and the paper version."""

from pathlib import Path

from flask import Flask

from outreach.paths import FORMS
from outreach.survey.instrument import Instrument, InstrumentError, load


def load_all(folder: Path = FORMS) -> list[Instrument]:
    """Every instrument version in `folder`; a broken file raises InstrumentError and the app
    does not start."""
    found: dict[tuple[str, int], Instrument] = {}
    for path in sorted(folder.glob("*.toml")):
        instrument = load(path)
        key = (instrument.id, instrument.version)
        if key in found:
            raise InstrumentError(
                f"{path}: {instrument.id} version {instrument.version} is also in {found[key].path}"
            )
        found[key] = instrument
    return sorted(found.values(), key=lambda i: (i.id, i.version))


def load_instruments(folder: Path = FORMS) -> dict[str, Instrument]:
    """The newest version of each instrument in `folder`, by id."""
    return {i.id: i for i in load_all(folder)}


def init_app(app: Flask) -> None:
    from outreach.survey.forms import LANGUAGE_CHOICES, WHEN_CHOICES

    folder = Path(app.config["FORMS_FOLDER"])
    versions = load_all(folder)
    app.extensions["outreach_instrument_versions"] = versions
    app.extensions["outreach_instruments"] = {i.id: i for i in versions}
    if app.config["SURVEY_INSTRUMENT"] not in app.extensions["outreach_instruments"]:
        raise InstrumentError(
            f"{folder}: no instrument with id {app.config['SURVEY_INSTRUMENT']!r}"
        )
    languages, times = dict(LANGUAGE_CHOICES), dict(WHEN_CHOICES)
    app.jinja_env.globals.update(
        language_name=lambda code: languages.get(code, code),
        when_name=lambda code: times.get(code, "—"),
    )
