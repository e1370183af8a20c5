"""Names for stored codes (roles, measures), translated for templates."""

from urllib.parse import urlencode

from flask import Flask, request
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from outreach.models import Measure, Role

# Keyed by the stored string: Role and Measure are StrEnums, so Role.ADMIN and "admin" find
# the same entry.
ROLE_NAMES: dict[str, LazyString] = {
    Role.ADMIN: _l("Administrator"),
    Role.STAFF: _l("Policy staff"),
    Role.COORDINATOR: _l("Coordinator"),
    Role.VOLUNTEER: _l("Volunteer"),
}

MEASURE_NAMES: dict[str, LazyString] = {
    Measure.POP_0_14: _l("Residents aged 0–14"),
    Measure.POP_15_64: _l("Residents aged 15–64"),
    Measure.POP_65_74: _l("Residents aged 65–74"),
    Measure.POP_75_PLUS: _l("Residents aged 75 and over"),
    Measure.HOUSEHOLDS: _l("Households"),
    Measure.ONE_PERSON_65_PLUS: _l("One-person households aged 65 and over"),
    Measure.FOREIGN_RESIDENTS: _l("Foreign residents"),
}


def role_name(role: str) -> str | LazyString:
    return ROLE_NAMES.get(role, role)


def measure_name(measure: str) -> str | LazyString:
    return MEASURE_NAMES.get(measure, measure)


def csrf_field() -> Markup:
    """The CSRF token without an id, so several forms can share a page (ids stay unique)."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def with_query(url: str) -> str:
    """`url` with this page's query string, e.g. the dashboard's choices carried to a download.

    Copied as values: given to url_for, names like `endpoint` or `_external` would steer it.
    """
    query = urlencode(list(request.args.items(multi=True)))
    return f"{url}?{query}" if query else url


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        role_name=role_name, measure_name=measure_name, csrf_field=csrf_field, with_query=with_query
    )
