"""Help sessions volunteers announce: valid form data, and announcing one through the form."""

from datetime import date, timedelta

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import SupportSession

SOON = date.today() + timedelta(days=7)


def session_data(**changes) -> dict:
    data = {
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
    client.post("/en/volunteer/sessions/new", data=session_data(**changes), expect=302)
    return db.session.scalars(select(SupportSession).order_by(SupportSession.id.desc())).first()
