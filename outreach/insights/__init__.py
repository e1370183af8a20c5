"""Insights for policy staff and the public: risk map, estimates, unmet need, open data."""

from flask import Flask

from outreach.paths import FORMS
from outreach.risk.config import load

RISK_FILE = FORMS / "lists" / "risk-index.toml"


def init_app(app: Flask) -> None:
    """Load the risk index and check that it names only figures that exist: a typo in an id
    stops the app here instead of showing empty figures."""
    from outreach.services.insights import AREA_FIGURES

    config = load(RISK_FILE)
    survey = app.extensions["outreach_instruments"][app.config["SURVEY_INSTRUMENT"]]
    config.check({m.id for m in survey.measures} | set(AREA_FIGURES), str(RISK_FILE))
    app.extensions["outreach_risk"] = config
