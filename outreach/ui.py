"""What templates can call: every Jinja global and filter is registered here, in one place."""

from urllib.parse import urlencode

from flask import Flask, request
from flask_babel import format_decimal
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from outreach import labels, static_files
from outreach.i18n import (
    current_locale,
    dates,
    furigana,
    language_page_url,
    template_gettext,
    template_ngettext,
    unruby,
)
from outreach.i18n.locales import LOCALES
from outreach.i18n.markup import plain, ruby


def csrf_field() -> Markup:
    """The CSRF token without an id, so several forms can share a page (ids stay unique)."""
    return Markup('<input type="hidden" name="csrf_token" value="{}">').format(generate_csrf())


def format_km(km: float) -> str:
    """A distance as the reader writes it, to the half kilometre (centroids are not exact)."""
    return format_decimal(max(round(km * 2) / 2, 0.5), format="#,##0.#")


def with_query(url: str) -> str:
    """`url` with this page's query string, e.g. the dashboard's choices carried to a download.

    Copied as values: given to url_for, names like `endpoint` or `_external` would steer it.
    """
    query = urlencode(list(request.args.items(multi=True)))
    return f"{url}?{query}" if query else url


def init_app(app: Flask) -> None:
    """After outreach.i18n.init_app: replaces Flask-Babel's template callables, which would
    trust translations as HTML."""
    app.jinja_env.newstyle_gettext = True  # type: ignore[attr-defined]
    app.jinja_env.globals.update(
        # translation
        _=template_gettext,
        gettext=template_gettext,
        ngettext=template_ngettext,
        site_locales=LOCALES,
        current_locale=current_locale,
        language_page_url=language_page_url,
        # names of stored codes, in the reader's language (outreach.labels)
        area_name=labels.area_name,
        role_name=labels.role_name,
        measure_name=labels.measure_name,
        format_name=labels.format_name,
        outcome_name=labels.outcome_name,
        case_status_name=labels.case_status_name,
        case_outcome_name=labels.case_outcome_name,
        format_day=dates.day,
        format_km=format_km,
        topic_name=labels.topic_name,
        language_name=labels.language_name,
        when_name=labels.when_name,
        # forms, links and files
        csrf_field=csrf_field,
        with_query=with_query,
        static_url=static_files.static_url,
    )
    app.jinja_env.filters["ruby"] = ruby
    # Flask-Babel's date filters, with furigana on the date's kanji in やさしい日本語.
    app.jinja_env.filters["dateformat"] = dates.day
    app.jinja_env.filters["datetimeformat"] = dates.moment
    app.jinja_env.filters["plain"] = plain
    # Names written with readings (column names, venues): furigana only in やさしい日本語.
    app.jinja_env.filters["furigana"] = furigana
    # Where ruby cannot go but readers read (drop-down options): やさしい日本語 shows readings.
    app.jinja_env.filters["readable"] = unruby
