"""Demo help sessions and session logs (synthetic, seeded), so every page has something to show."""

import random
import secrets
from datetime import date, time, timedelta

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import Format, Outcome, SupportSession, User
from outreach.services import bookings, session_logs, sessions
from outreach.services.session_logs import LogData

TOPICS = (
    "smartphone_basics",
    "calls_messaging",
    "my_number_card",
    "mynaportal",
    "city_online",
    "e_tax",
    "scams_safety",
    "video_calls",
    "wifi_data",
)
LANGUAGES = (
    ["ja"],
    ["ja", "ja_easy"],
    ["ja", "en"],
    ["ja", "vi"],
    ["ja", "zh", "ko"],
    ["ja", "ne", "pt"],
)
#: Labelled as demo data wherever they are shown.
#: Written with readings ({漢字|よみ}), as a coordinator may: furigana in やさしい日本語 only.
VENUES = (
    "{見本|みほん}・{生涯|しょうがい}{学習|がくしゅう}{市民|しみん}センター",
    "{見本|みほん}・{支所|ししょ}の{会議室|かいぎしつ}",
    "{見本|みほん}・{図書館|としょかん}",
)


def load(volunteer: User, coordinator: User, area_codes: list[str]) -> None:
    rng = random.Random(27210)  # noqa: S311 - reproducible demo data, not security
    for day in range(1, 22, 3):
        _session(
            rng,
            coordinator if day % 2 else volunteer,
            area_codes,
            date.today() + timedelta(days=day),
        )
    for back in range(2, 92, 3):
        _log(rng, volunteer, area_codes, date.today() - timedelta(days=back))
    _booking()


#: The demo's one booking, under a known code so the booking pages can be opened in the demo.
DEMO_BOOKING_CODE = "DEMA2345"


def _booking() -> None:
    session = db.session.scalar(
        select(SupportSession)
        .where(SupportSession.capacity.is_not(None))
        .order_by(SupportSession.starts_at)
        .limit(1)
    )
    if session is None:
        return
    made, _ = bookings.book(session, bookings.Person("Demo resident", "072-000-0000"), "demo")
    made.code = DEMO_BOOKING_CODE
    db.session.commit()


def _session(rng: random.Random, organiser: User, area_codes: list[str], day: date) -> None:
    kind = rng.choice([Format.HELP_DESK, Format.CLASS, Format.CLASS, Format.PHONE])
    start = time(rng.choice([10, 13, 14]))
    values = {
        "format": kind.value,
        "venue_name": "" if kind == Format.PHONE else rng.choice(VENUES),
        "venue_address": "",
        "step_free": rng.random() < 0.8,
        "hearing_loop": rng.random() < 0.3,
        "parking": rng.random() < 0.5,
        "area_code": None if kind == Format.PHONE else rng.choice(area_codes),
        "topics": sorted(rng.sample(TOPICS, 3)),
        "languages": rng.choice(LANGUAGES),
        "capacity": 8 if kind == Format.CLASS else None,
        "booking_required": kind == Format.CLASS,
        "contact": "072-841-1221",
        "public_note": "",
    }
    sessions.create(
        values, sessions.at(day, start), sessions.at(day, time(start.hour + 2)), organiser
    )


def _log(rng: random.Random, volunteer: User, area_codes: list[str], day: date) -> None:
    values = {
        "session_id": None,
        "held_on": day,
        "duration_minutes": rng.choice([60, 90, 120]),
        "venue": rng.choice(VENUES),
        "area_code": rng.choice(area_codes[:40]),
        "format": rng.choice([Format.HELP_DESK, Format.CLASS, Format.HOME_VISIT]).value,
        "people_under_65": rng.randint(0, 1),
        "people_65_74": rng.randint(0, 3),
        "people_75_plus": rng.randint(1, 4),
        "people_age_unknown": 0,
        "languages": rng.choice(LANGUAGES[:4]),
        "note": "",
    }
    outcomes = [(t, rng.choice(list(Outcome)).value) for t in rng.sample(TOPICS, 2)]
    # The latest log always has one, so the demo's follow-up pages have a case to show.
    latest = day == date.today() - timedelta(days=2)
    follow_up = "Finish the My Number card application" if day.day == 5 or latest else ""
    session_logs.create(LogData(values, outcomes, follow_up), volunteer, secrets.token_urlsafe(16))
