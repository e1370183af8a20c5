"""A finished web survey that asks for help, and the consent form's valid answers."""

from tests.support.areas import load_tiny
from tests.support.survey_walk import submit, walk

DETAILS = {
    "consent": "y",
    "name": "枚方 花子",
    "phone": "072-841-0000",
    "address": "",
    "language": "vi",
    "when_to_call": "weekday_morning",
}


def answer_survey(client) -> None:
    load_tiny()
    walk(client, "en", {"wants_help": "yes"})
    submit(client)
