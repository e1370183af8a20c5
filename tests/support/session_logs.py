"""A volunteer's session log: valid form data, and saving one through the form."""

from datetime import date

from tests.support.survey_walk import soup


def log_data(page, **changes) -> dict:
    data = {
        "submission_key": page.select_one('input[name="submission_key"]')["value"],
        "held_on": date.today().isoformat(),
        "duration_minutes": "90",
        "format": "help_desk",
        "venue": "Kuzuha community centre",
        "area_code": "T001",
        "people_under_65": "1",
        "people_65_74": "2",
        "people_75_plus": "3",
        "people_age_unknown": "0",
        "languages": ["ja", "vi"],
        "topics": ["e_tax", "my_number_card"],
        "topic_e_tax": "resolved",
        "topic_my_number_card": "referred",
        "note": "Bring printed guides next time",
    }
    return {**data, **changes}


def new_log(client, expect: int = 302, **changes):
    """Fill the new-log form with `log_data` and send it; a saved log redirects."""
    page = soup(client.get("/en/volunteer/logs/new"))
    return client.post("/en/volunteer/logs/new", data=log_data(page, **changes), expect=expect)
