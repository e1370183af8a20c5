"""The dates of a session that repeats, with dateutil's RFC 5545 rules. Pure: no Flask.

Monthly means the same weekday of the same week each month ("the 2nd Tuesday"), as community
centres announce their smartphone consultations; a fifth-week day has no such date in most
months, so it falls back to the last such weekday.
"""

from datetime import date, datetime

from dateutil.rrule import MONTHLY, WEEKLY, rrule, weekday

#: Repeat choices: once, weekly, every two weeks, monthly.
REPEATS = ("once", "weekly", "fortnightly", "monthly")
#: At most a year ahead: a series longer than that is announced again when it is planned.
MAX_DAYS = 366


def dates(first: date, repeat: str, until: date | None) -> list[date]:
    """Every date from `first` to `until` (inclusive) on which the session happens."""
    if repeat == "once" or until is None:
        return [first]
    start = datetime.combine(first, datetime.min.time())
    end = datetime.combine(until, datetime.min.time())
    if repeat in ("weekly", "fortnightly"):
        rule = rrule(WEEKLY, interval=2 if repeat == "fortnightly" else 1, dtstart=start, until=end)
    else:
        week = (first.day - 1) // 7 + 1
        nth = -1 if week == 5 else week  # the 5th Tuesday is the last Tuesday
        rule = rrule(MONTHLY, byweekday=weekday(first.weekday(), nth), dtstart=start, until=end)
    return [moment.date() for moment in rule]
