"""iCalendar feed of upcoming sessions (RFC 5545), so residents and offices can subscribe."""

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from icalendar import Calendar, Event

from outreach.services.sessions import as_utc


class Announced(Protocol):
    """What the feed reads of a support session."""

    id: int
    starts_at: datetime
    ends_at: datetime
    updated_at: datetime
    cancelled: bool


def feed(sessions: Sequence[Announced], describe: Any, host: str) -> bytes:
    """`describe(session)` returns (summary, description, location) in the reader's language."""
    calendar = Calendar()
    calendar.add("prodid", "-//Outreach//Hirakata support sessions//")
    calendar.add("version", "2.0")
    calendar.add("x-wr-timezone", "Asia/Tokyo")
    for session in sessions:
        summary, description, location = describe(session)
        event = Event()
        event.add("uid", f"support-session-{session.id}@{host}")
        event.add("dtstamp", as_utc(session.updated_at))
        event.add("dtstart", as_utc(session.starts_at))
        event.add("dtend", as_utc(session.ends_at))
        event.add("summary", summary)
        event.add("description", description)
        event.add("location", location)
        event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()
