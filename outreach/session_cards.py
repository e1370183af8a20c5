"""What a help-session card shows, in the reader's language: shared by the help-sessions pages
(outreach.support) and the survey's "where to get help" page (outreach.survey)."""

from typing import Any

from markupsafe import Markup

from outreach.i18n import current_locale
from outreach.labels import LANGUAGE_NAMES, area_name, topic_labels
from outreach.services import areas
from outreach.services.sessions import local


def area_names() -> dict[str, Markup]:
    """Neighbourhood code -> name in the reader's language (outreach.labels.area_name)."""
    site_locale = current_locale()
    return {a.code: area_name(a, site_locale) for a in areas.names()}


def when(session: Any) -> str:
    start, end = local(session.starts_at), local(session.ends_at)
    return f"{start:%Y-%m-%d} {start:%H:%M}–{end:%H:%M}"


def listing_context() -> dict[str, Any]:
    """Names a session card needs, in the reader's language."""
    return {
        "area_names": area_names(),
        "topics": topic_labels(),
        "languages": LANGUAGE_NAMES,
        "when": when,
        "local_time": lambda m: f"{local(m):%Y-%m-%d %H:%M}",
    }
