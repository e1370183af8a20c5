"""Months on charts and in tables, in the reader's language, and the month in progress marked:
its counts are still rising, so it must never read as a fall."""

from datetime import date
from typing import Any

from babel.dates import format_skeleton
from flask_babel import get_locale, gettext

from outreach.i18n import current_locale


def chart_locale() -> str:
    """The catalog name charts format their numbers with ("ja@easy" formats as Japanese)."""
    return current_locale().babel


def in_progress(month: str) -> bool:
    """True for the month not over yet: its counts are still rising."""
    return month >= f"{date.today():%Y-%m}"


def first_day(month: str) -> str:
    """ "2026-02" → "2026-02-01" (ISO 8601)."""
    return f"{month}-01"


def last_day(month: str) -> str:
    """ "2026-02" → "2026-02-28" (ISO 8601)."""
    year, number = (int(part) for part in month.split("-"))
    following = date(year + number // 12, number % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1).isoformat()


def month_name(month: str) -> str:
    """A month ("2026-12") as the reader's language writes it: Dec 2026, 2026年12月, dez. de 2026."""
    try:
        year, number = (int(part) for part in month.split("-"))
        return format_skeleton("yMMM", date(year, number, 1), locale=get_locale())
    except ValueError:
        return month


def month_label(month: str) -> str:
    """A month in a table; the month in progress says so (its counts are still rising)."""
    if in_progress(month):
        return gettext("%(month)s (so far)", month=month_name(month))
    return month_name(month)


def over_time(months: list[str], y_title: str) -> dict[str, Any]:
    """What every month-by-month chart is told: the reader's number format, its y axis title,
    and how to mark the month in progress."""
    partial = bool(months) and in_progress(months[-1])
    return {
        "locale": chart_locale(),
        "y_title": y_title,
        # i18n: legend of a chart: a hollow point is the month in progress.
        "partial": gettext("Hollow point: the month so far") if partial else "",
        # i18n: label beside the point of the month in progress (its counts are still rising).
        "so_far": gettext("so far"),
    }
