"""Shared by the fuzz tests: a small city to test in, the forms a page offers, and values to
throw at them. What a kind answer looks like is in `tests/support/answer_checks.py`."""

import tempfile
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup
from flask import url_for
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.configuration import set_hypothesis_home_dir
from sqlalchemy import select

from outreach.extensions import db
from outreach.models import FollowUp, Format, Role
from outreach.services import bookings, session_logs, sessions, synthetic
from outreach.services.session_logs import LogData
from tests.support import two_step
from tests.support.areas import load_tiny
from tests.support.html import RAW_FURIGANA

# Hypothesis keeps caches beside the examples database: in the temporary folder, not the checkout.
set_hypothesis_home_dir(Path(tempfile.gettempdir()) / "outreach-hypothesis")
#: Practical for CI: a few dozen examples per form, no example database written into the repo.
FUZZ = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

ROLES = ("anonymous", "volunteer", "coordinator", "staff", "admin")
#: Each role reads the site in another language, so every catalog meets the fuzzer.
LANGUAGE_OF = {
    "anonymous": "vi",
    "volunteer": "ja",
    "coordinator": "ne",
    "staff": "zh-hans",
    "admin": "pt-br",
}

# ---------------------------------------------------------------------------------------------
# A small city: two neighbourhoods, a user per role, sessions, logs, a follow-up, answers.


@dataclass
class World:
    users: dict[str, object]
    #: Values for URL arguments (`user_id`, `session_id` …), as the route table names them.
    samples: dict[str, object]


def build_world(make_user) -> World:
    load_tiny()
    users = {role.value: make_user(role.value) for role in Role}
    soon = date.today() + timedelta(days=3)
    values = {
        "format": Format.HELP_DESK.value,
        "venue_name": "Hall <b>3</b>",
        "venue_address": "",
        "step_free": True,
        "hearing_loop": False,
        "parking": False,
        "area_code": "T001",
        "topics": ["e_tax"],
        "languages": ["ja", "vi"],
        "capacity": 8,
        "booking_required": False,
        "contact": "072-841-1221",
        "public_note": "",
    }
    session = sessions.create(
        values, sessions.at(soon, time(10)), sessions.at(soon, time(12)), users["volunteer"]
    )
    log = {
        "session_id": session.id,
        "held_on": date.today(),
        "duration_minutes": 60,
        "venue": "Hall",
        "area_code": "T001",
        "format": Format.HELP_DESK.value,
        "people_under_65": 0,
        "people_65_74": 1,
        "people_75_plus": 1,
        "people_age_unknown": 0,
        "languages": ["ja"],
        "note": "",
    }
    log_id, _ = session_logs.create(
        LogData(log, [("e_tax", "resolved")], "Card application"), users["volunteer"], "fuzz-key"
    )
    synthetic.generate(40, seed=3)
    follow_up = db.session.scalars(select(FollowUp)).one()
    samples = {
        "user_id": users["volunteer"].id,
        "code": "T001",
        "filename": "css/site.css",
        "question_id": "internet_use",
        "follow_up_id": follow_up.id,
        "session_id": session.id,
        "log_id": log_id,
        "booking_code": bookings.book(session, bookings.Person("K. T.", "072-841-0000"), "fz")[
            0
        ].code,
    }
    return World(users, samples)


def sign_in(client, user) -> None:
    two_step.sign_in(client, user)


def url(app, endpoint: str, lang: str, samples: dict) -> str:
    rule = next(r for r in app.url_map.iter_rules() if r.endpoint == endpoint)
    values = {arg: samples[arg] for arg in rule.arguments if arg != "lang"}
    if "lang" in rule.arguments:
        values["lang"] = lang
    with app.test_request_context():
        return url_for(endpoint, **values)


# ---------------------------------------------------------------------------------------------
# Forms as a browser sees them.


@dataclass
class Control:
    name: str
    kind: str
    options: list[str] = field(default_factory=list)
    #: Inside `aria-hidden` (a honeypot): people never meet it, so it is never filled in again.
    unseen: bool = False


@dataclass
class FormSpec:
    page: str
    action: str
    controls: dict[str, Control]

    def __str__(self) -> str:
        return f"form posting to {self.action} on {self.page}"


def _kind(element) -> str:
    if element.name == "textarea":
        return "textarea"
    if element.name == "select":
        return "select"
    if element.name == "button":
        return "button"
    return (element.get("type") or "text").lower()


def post_forms(page_url: str, html: str) -> list[FormSpec]:
    """Every `method=post` form of a page, with its named controls (the CSRF token left out)."""
    found = []
    for form in BeautifulSoup(html, "html.parser").find_all("form"):
        if (form.get("method") or "get").lower() != "post":
            continue
        action = urlsplit(urljoin(page_url, form.get("action") or page_url))
        target = action.path + (f"?{action.query}" if action.query else "")
        found.append(FormSpec(page_url, target, controls_of(form)))
    return found


def controls_of(form) -> dict[str, Control]:
    controls: dict[str, Control] = {}
    for element in form.select("input[name], select[name], textarea[name], button[name]"):
        name, kind = element["name"], _kind(element)
        if name == "csrf_token":
            continue
        unseen = element.find_parent(attrs={"aria-hidden": "true"}) is not None
        control = controls.setdefault(name, Control(name, kind, unseen=unseen))
        if kind == "select":
            control.options += [o.get("value", o.get_text()) for o in element.find_all("option")]
        elif kind in {"radio", "checkbox", "button", "submit"}:
            control.options.append(element.get("value", "on"))
    for control in controls.values():
        if control.kind == "checkbox" and len(control.options) > 1:
            control.kind = "checkboxes"
    return controls


# ---------------------------------------------------------------------------------------------
# Values to throw: text in any script, control characters, bidi overrides, markup, numbers far
# out of range, very long strings, unknown options, missing and repeated fields.

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x1b[31mred",
    "\x7f\x85\x9f",
    "\u202egnp.exe",
    "\u2066isolate\u2069",
    "\u202a\u202b\u202c\u202d",
    "\ufeffBOM",
    "line\r\nbreak\rcr",
    "\ttab",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "%(name)s %s {0} {{ 7*7 }}",
    "'; DROP TABLE users; --",
    "-1",
    "0",
    "1e309",
    "NaN",
    "-99999999999999999999999999",
    "99999999999999999999999999",
    "²³",
    "٣",
    "２０２４-１３-４０",
    "2024-02-30",
    "25:61",
    "0000-00-00",
    "../../etc/passwd",
    "ｱｲｳｴｵ",
    "💥🇯🇵👨‍👩‍👧",
    "é" * 3,
]
#: Values that broke parsers somewhere once: every field gets each of them in explicit examples.
PROBES = [
    "\x00",
    "²³",
    "٣",
    "99999999999999999999999999",
    "9" * 5000,
    "-1",
    "\u202egnp.exe",
    "<script>alert(1)</script>",
    "長い" * 600,
]
_numbers = st.one_of(
    st.integers(-(10**30), 10**30).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)
_long = st.integers(min_value=101, max_value=25_000).map(lambda n: ("長い" * n)[:n])
TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(NASTY),
    _numbers,
    _long,
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=300),
).filter(lambda value: not RAW_FURIGANA.search(value))  # user text may look like furigana


def values_for(control: Control, never: frozenset[str] = frozenset()) -> st.SearchStrategy:
    """None (field left out), one value, or the field repeated."""
    one = st.one_of(st.sampled_from(control.options), TEXT) if control.options else TEXT
    one = one.filter(lambda value: value not in never)
    return st.one_of(
        st.none(),
        one.map(lambda value: [value]),
        st.lists(one, min_size=2, max_size=4),
    )


def probes(names: list[str], never: dict[str, frozenset[str]]) -> list[dict[str, list[str]]]:
    """Each probe in every field at once (a field that must not take it is left out)."""
    return [
        {name: [value] for name in names if value not in never.get(name, ())} for value in PROBES
    ]


def form_data(spec: FormSpec, never: dict[str, frozenset[str]]) -> st.SearchStrategy:
    fields = {
        name: values_for(control, never.get(name, frozenset()))
        for name, control in spec.controls.items()
    }
    return st.fixed_dictionaries(fields).map(
        lambda data: {name: values for name, values in data.items() if values is not None}
    )
