"""Which pages the sweep opens: read from the app's own URL map, so new routes are covered."""

import csv
import re
from dataclasses import dataclass
from functools import cache

from flask import Flask

from outreach.access import ANONYMOUS, allowed_roles
from outreach.services.demo import STATISTICS
from outreach.services.demo_support import DEMO_BOOKING_CODE

#: The first role a route allows, in this order, is the one that opens it.
ROLE_PREFERENCE = (ANONYMOUS, "admin", "staff", "coordinator", "volunteer")
#: Pages that need a survey in progress (or just sent) in the session: opened cold they redirect
#: to the survey's start. test_survey_accessibility.py (and the HTML checker) reach each of them by
#: answering the survey.
SURVEY_SESSION_PAGES = frozenset(
    {"survey.question", "survey.check", "survey.thanks", "contact.contact"}
)
#: Not pages: signing in with the city's directory redirects to the directory (and is off, 404,
#: unless OIDC_ISSUER is set); tests/integration/test_sso.py covers them against a real provider.
#: auth.kept_form is a page only while a form is kept for the person: the sweeps set one up and
#: check it on their own (test_accessibility_sweep, test_html_checker).
NOT_PAGES = frozenset({"auth.directory_login", "auth.directory_callback", "auth.kept_form"})
#: A URL whose last part has a file suffix (calendar.ics, export.csv) is a download, not a page:
#: the sweep fetches it (status only), since a browser cannot navigate to it.
DOWNLOAD_SUFFIX = re.compile(r"\.[a-z0-9]+$")


@dataclass(frozen=True)
class Target:
    endpoint: str
    role: str
    path: str
    download: bool = False


@cache
def demo_area_code() -> str:
    """A real area code from the demo data (the first row of its statistics)."""
    with STATISTICS.open(encoding="utf-8") as rows:
        return next(csv.DictReader(rows))["area_code"]


def _samples() -> dict[str, object]:
    # The demo loads sessions, logs (the first with a follow-up) and one booking.
    return {
        "code": demo_area_code(),
        "user_id": 1,
        "session_id": 1,
        "log_id": 1,
        "follow_up_id": 1,
        "booking_code": DEMO_BOOKING_CODE,
    }


def _role_for(roles: frozenset[str]) -> str:
    return next(role for role in ROLE_PREFERENCE if role in roles)


def _values(rule_arguments: set[str], lang: str, endpoint: str) -> dict[str, object]:
    samples = _samples()
    missing = rule_arguments - {"lang", *samples}
    assert not missing, (
        f"{endpoint}: add a sample value for {sorted(missing)} in tests/support/browser/pages.py"
    )
    return {arg: lang if arg == "lang" else samples[arg] for arg in rule_arguments}


def targets(app: Flask, lang: str) -> list[Target]:
    """Every GET page with a language in its URL and declared roles, as one allowed role."""
    adapter = app.url_map.bind("127.0.0.1")
    found = []
    for rule in sorted(app.url_map.iter_rules(), key=lambda r: r.rule):
        roles = allowed_roles(app, rule.endpoint)
        if "GET" not in (rule.methods or ()) or "lang" not in rule.arguments or not roles:
            continue
        if rule.endpoint in SURVEY_SESSION_PAGES or rule.endpoint in NOT_PAGES:
            continue
        values = _values(set(rule.arguments), lang, rule.endpoint)
        path = adapter.build(rule.endpoint, values)
        download = bool(DOWNLOAD_SUFFIX.search(rule.rule))
        found.append(Target(rule.endpoint, _role_for(roles), path, download))
    return found
