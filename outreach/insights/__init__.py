"""Insights for policy staff and the public: risk map, estimates, unmet need, open data."""

from pathlib import Path

from flask import Flask

from outreach.paths import FORMS
from outreach.risk import model_config, shortlist
from outreach.risk.config import load

RISK_FILE = FORMS / "lists" / "risk-index.toml"
MODEL_FILE = FORMS / "lists" / "small-area.toml"
SHORTLIST_FILE = FORMS / "lists" / "shortlist.toml"


def init_app(app: Flask) -> None:
    """Load the risk index and check that it names only figures that exist: a typo in an id
    stops the app here instead of showing empty figures."""
    from outreach.services.picture import AREA_FIGURES, POPULATION_FIGURES

    lists = Path(app.config["FORMS_FOLDER"]) / "lists"
    risk_file, model_file = lists / RISK_FILE.name, lists / MODEL_FILE.name
    config = load(risk_file)
    survey = app.extensions["outreach_instruments"][app.config["SURVEY_INSTRUMENT"]]
    measures = {m.id for m in survey.measures}
    config.check(measures | set(AREA_FIGURES), str(risk_file))
    app.extensions["outreach_risk"] = config
    model = model_config.load(model_file)
    model.check(measures, set(POPULATION_FIGURES), str(model_file))
    app.extensions["outreach_small_area"] = model
    app.extensions["outreach_shortlist"] = shortlist.load_settings(lists / SHORTLIST_FILE.name)
