"""What a help-session card shows, in the reader's language: shared by the help-sessions pages
(outreach.support) and the survey's "where to get help" page (outreach.survey)."""

from datetime import datetime
from typing import Any

from babel.dates import format_skeleton, format_time
from flask_babel import get_locale
from markupsafe import Markup

from outreach.i18n import current_locale, dates
from outreach.labels import LANGUAGE_NAMES, area_name, topic_labels
from outreach.services import areas
from outreach.services.sessions import local


def area_names() -> dict[str, Markup]:
    """Neighbourhood code -> name in the reader's language (outreach.labels.area_name)."""
    site_locale = current_locale()
    return {a.code: area_name(a, site_locale) for a in areas.names()}


def day_name(moment: datetime) -> str:
    """A day as the reader writes it, from Babel's data: 2026年12月8日(火), Tue, Dec 8, 2026 …"""
    return format_skeleton("yMMMEd", local(moment), locale=get_locale())


def clock(moment: datetime) -> str:
    """A time of day in Japan, written for the reader: 13:00, 1:00 PM, 오후 1:00 …"""
    return format_time(local(moment), "short", locale=get_locale())


def when(session: Any) -> str | Markup:
    """The session's day and hours in the reader's language (ISO dates are for machines);
    in やさしい日本語 with furigana on the date's kanji."""
    return dates.for_reader(
        f"{day_name(session.starts_at)} {clock(session.starts_at)}–{clock(session.ends_at)}"
    )


def _local_time(moment: datetime) -> str | Markup:
    return dates.for_reader(f"{day_name(moment)} {clock(moment)}")


def machine_time(moment: datetime) -> str:
    """For <time datetime>: Japan time with its offset, the moment the page shows."""
    return local(moment).isoformat(timespec="minutes")


def listing_context() -> dict[str, Any]:
    """Names a session card needs, in the reader's language."""
    return {
        "area_names": area_names(),
        "topics": topic_labels(),
        "languages": LANGUAGE_NAMES,
        "when": when,
        "local_time": _local_time,
        "machine_time": machine_time,
    }
