"""Insights for policy staff and the public: risk map, estimates, unmet need, open data."""

from flask import Flask

from outreach.paths import FORMS
from outreach.risk.config import load

RISK_FILE = FORMS / "lists" / "risk-index.toml"


def init_app(app: Flask) -> None:
    app.extensions["outreach_risk"] = load(RISK_FILE)
