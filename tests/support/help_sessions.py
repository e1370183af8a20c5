"""Help sessions volunteers announce: valid form data, and announcing one through the form."""

from datetime import date, timedelta

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import SupportSession
from tests.support.survey_walk import soup

NEW = "/en/volunteer/sessions/new"
SOON = date.today() + timedelta(days=7)


def session_data(submission_key: str = "", **changes) -> dict:
    data = {
        "submission_key": submission_key,
        "day": SOON.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "format": "help_desk",
        "venue_name": "Hirakata City Hall",
        "venue_address": "大垣内町2-1-20",
        "area_code": "T001",
        "topics": ["e_tax", "my_number_card"],
        "languages": ["ja", "vi"],
        "step_free": "y",
        "booking_required": "",
        "capacity": "6",
        "contact": "072-841-1221",
        "public_note": "Bring your card",
    }
    return {**data, **changes}


def announce(client, **changes) -> SupportSession:
    """Open the form (for its one-time key), fill it and publish; returns the newest session."""
    client.post(NEW, data=session_data(form_key(client), **changes), expect=302)
    return db.session.scalars(select(SupportSession).order_by(SupportSession.id.desc())).first()


def form_key(client) -> str:
    """The one-time key of a fresh "Announce a session" form."""
    return soup(client.get(NEW)).select_one("input[name=submission_key]")["value"]


def cancel(client, session: SupportSession, change: str = "cancel", expect: int = 302):
    """Press "Cancel session" (or "Reinstate", change="reinstate") on the sessions page."""
    url = f"/en/volunteer/sessions/{session.id}/cancel"
    return client.post(url, data={"change": change}, expect=expect)
