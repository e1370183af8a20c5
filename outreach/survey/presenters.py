"""What survey pages show: answers in words, neighbourhood choices, help suggestions, paper layout."""

from dataclasses import dataclass
from typing import Any

from flask import current_app
from flask_babel import gettext
from flask_babel import lazy_gettext as _l
from wtforms.fields.choices import SelectChoice

from outreach import postal_codes
from outreach.forms_common import grouped
from outreach.i18n import current_locale, unruby
from outreach.instrument.instrument import PREFER_NOT, Instrument, Question
from outreach.labels import area_name, option_labels
from outreach.services import areas, sessions
from outreach.session_cards import listing_context
from outreach.survey.forms import POSTAL_PREFIX

DONT_KNOW_AREA = _l("I don't know, or prefer not to say")


def area_choices(only: list[areas.AreaName] | None = None) -> list[SelectChoice]:
    """Neighbourhoods grouped for a <select> (`only` these, when a postal code narrowed them
    down); the first choices let residents decline."""
    return [
        SelectChoice("", gettext("Choose your neighbourhood")),
        SelectChoice(PREFER_NOT, DONT_KNOW_AREA),
        *grouped(areas.names() if only is None else only, current_locale()),
    ]


def postal_answer(values: list[str]) -> tuple[list[str], list[areas.AreaName] | None]:
    """A postal-code answer turned into the neighbourhood it covers.

    Returns the values to store and, when the resident must be asked again, the neighbourhoods
    to offer: none for a code Japan Post does not give this city, several when the code covers
    more than one. Without a postal-code table the code is stored as typed (`postal:…`).
    """
    postal = values[0].removeprefix(POSTAL_PREFIX) if len(values) == 1 else ""
    if not values[0:1] or not values[0].startswith(POSTAL_PREFIX) or not postal_codes.known():
        return values, None
    covered = areas.for_postal_code(postal)
    return ([covered[0].code], None) if len(covered) == 1 else (values, covered)


def shown_postal_code(digits: str) -> str:
    return digits[:3] + "-" + digits[3:]


@dataclass
class AnswerRow:
    question: Question
    shown: list[Any]


def _area_label(value: str) -> str:
    if value == PREFER_NOT:
        return str(DONT_KNOW_AREA)
    if value.startswith(POSTAL_PREFIX):
        shown = shown_postal_code(value.removeprefix(POSTAL_PREFIX))
        return gettext("Postal code %(code)s", code=shown)
    named = {a.code: a for a in areas.names()}
    area = named.get(value)
    return value if area is None else unruby(area_name(area))


def shown_values(question: Question, values: list[str]) -> list[Any]:
    if question.type == "area":
        return [_area_label(v) for v in values]
    if question.type in {"number", "text"}:
        return [option_labels(question).get(v, v) if v == PREFER_NOT else v for v in values]
    labels = option_labels(question)
    return [labels.get(v, v) for v in values]


def answer_rows(survey: Instrument, answers: dict[str, list[str]]) -> list[AnswerRow]:
    """Each question asked, with the answer in words (empty when skipped)."""
    return [AnswerRow(q, shown_values(q, answers.get(q.id, []))) for q in survey.visible(answers)]


def _answered(survey: Instrument, role: str, answers: dict[str, list[str]]) -> list[str]:
    """The answers to the question playing `role` (none if this survey version has no such)."""
    question = survey.role(role)
    return list(answers.get(question.id, [])) if question else []


def wanted_topics(survey: Instrument, answers: dict[str, list[str]]) -> list[str]:
    """The help topics chosen, then those suggested by other answers (the instrument's
    `suggests`: "I don't know how to use it" suggests smartphone basics)."""
    topics = _answered(survey, "help_topics", answers)
    for question in survey.questions:
        for option in question.options:
            if option.id in answers.get(question.id, []):
                topics += [t for t in option.suggests if t not in topics]
    return topics


def help_context(survey: Instrument, answers: dict[str, list[str]]) -> dict[str, Any]:
    """The help page: the resident's own topics and language first, then general contacts."""
    topics = wanted_topics(survey, answers)
    topic_labels = option_labels(survey.role("help_topics"))
    language_labels = option_labels(survey.role("help_language"))
    languages = _answered(survey, "help_language", answers)
    area = next(iter(_answered(survey, "area", answers)), None)
    nearby, distances = sessions.for_resident(topics, languages, area)
    return {
        "sessions": nearby,
        "distances": distances,
        **listing_context(),
        "wanted_topics": [topic_labels[t] for t in topics if t in topic_labels],
        "wanted_languages": [language_labels[v] for v in languages if v in language_labels],
        "help_line": current_app.config["HELP_LINE"],
    }


@dataclass
class PaperQuestion:
    number: int
    question: Question
    options: list[tuple[str, Any]]
    #: "Answer only if …" in words, pointing at the question number.
    condition: str


def paper_questions(survey: Instrument) -> list[PaperQuestion]:
    """Questions numbered as printed, with skip instructions instead of skip logic."""
    numbers = {q.id: n for n, q in enumerate(survey.questions, start=1)}
    result = []
    for question in survey.questions:
        labels = option_labels(question)
        condition = ""
        if question.show_if:
            target = survey.question(question.show_if.question)
            chosen = question.show_if.any_of or question.show_if.none_of
            names = ", ".join(f"“{option_labels(target)[v]}”" for v in chosen)
            template = (
                _l("Answer only if you chose %(answers)s in question %(number)d.")
                if question.show_if.any_of
                else _l("Skip this question if you chose %(answers)s in question %(number)d.")
            )
            condition = str(template) % {"answers": names, "number": numbers[target.id]}
        result.append(
            PaperQuestion(numbers[question.id], question, list(labels.items()), condition)
        )
    return result
