"""The survey as an XLSForm (https://xlsform.org): the spreadsheet ODK and Kobo build their forms
from, so that survey teams can collect it offline door to door in ODK Collect or KoboCollect.

Pure: the caller supplies, per language, a function that translates an English text (the
catalogs' source language) and the neighbourhoods to choose from. Skip logic becomes `relevant`,
required questions `required`, number limits and "none of these" options `constraint`.
"""

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from openpyxl import Workbook

from outreach.instrument.instrument import PREFER_NOT, Condition, Instrument, Question

#: English texts of the built-in options (outreach.labels says the same for the web pages).
SCALE = {
    "5": "Strongly agree",
    "4": "Agree",
    "3": "Neither agree nor disagree",
    "2": "Disagree",
    "1": "Strongly disagree",
}
YES_NO = {"yes": "Yes", "no": "No"}
PREFER_NOT_TEXT = "Prefer not to say"
TYPES = {"single": "select_one", "yesno": "select_one", "scale": "select_one", "area": "select_one"}
_RUBY = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")


@dataclass(frozen=True)
class Language:
    #: The XLSForm column suffix, "Name (code)", e.g. "日本語 (ja)".
    column: str
    translate: Callable[[str], str]


@dataclass(frozen=True)
class Place:
    """A neighbourhood to choose from: its code and its name per language column."""

    code: str
    names: dict[str, str]


def plain_readings(text: str) -> str:
    """{漢字|かんじ} as 漢字（かんじ）: a form app shows plain text, not ruby."""
    return _RUBY.sub(r"\1（\2）", text)


def workbook(
    survey: Instrument, languages: Sequence[Language], places: Sequence[Place]
) -> Workbook:
    book = Workbook()
    book.remove(book.worksheets[0])  # the default sheet, unnamed
    sheet = book.create_sheet("survey")
    labels = [f"label::{lang.column}" for lang in languages]
    hints = [f"hint::{lang.column}" for lang in languages]
    messages = [f"required_message::{lang.column}" for lang in languages]
    checks = [f"constraint_message::{lang.column}" for lang in languages]
    sheet.append(
        ["type", "name", *labels, *hints, "required", *messages, "relevant", "constraint", *checks]
    )
    for question in survey.questions:
        sheet.append(_survey_row(question, languages))
    choices = book.create_sheet("choices")
    choices.append(["list_name", "name", *labels])
    for question in survey.questions:
        for option_id, text in _options(question):
            choices.append([question.id, option_id, *(_said(lang, text) for lang in languages)])
        if question.type == "area":
            for place in places:
                choices.append(
                    [question.id, place.code, *(place.names[lang.column] for lang in languages)]
                )
    settings = book.create_sheet("settings")
    settings.append(["form_title", "form_id", "version", "default_language"])
    settings.append([survey.title, survey.id, str(survey.version), languages[0].column])
    return book


def _said(language: Language, text: str) -> str:
    return plain_readings(language.translate(text)) if text else ""


def _survey_row(question: Question, languages: Sequence[Language]) -> list[str]:
    kind = (
        TYPES.get(question.type)
        or {
            "multiple": "select_multiple",
            "number": "integer",
            "text": "text",
        }[question.type]
    )
    if kind.startswith("select"):
        kind = f"{kind} {question.id}"
    return [
        kind,
        question.id,
        *(_said(lang, question.text) for lang in languages),
        *(_said(lang, question.hint) for lang in languages),
        "yes" if question.required else "",
        *(_said(lang, question.error) if question.required else "" for lang in languages),
        relevant(question.show_if),
        constraint(question),
        # An optional question's error is what its limits say ("Enter a number from 1 to 20").
        *(_said(lang, question.error) if _checked(question) else "" for lang in languages),
    ]


def _checked(question: Question) -> bool:
    return bool(question.error) and not question.required and bool(constraint(question))


def _options(question: Question) -> list[tuple[str, str]]:
    if question.type == "scale":
        found = list(SCALE.items())
    elif question.type == "yesno":
        found = list(YES_NO.items())
    else:
        found = [(o.id, o.text) for o in question.options]
    if question.prefer_not:
        found.append((PREFER_NOT, PREFER_NOT_TEXT))
    return found


def relevant(condition: Condition | None) -> str:
    """The skip logic in XPath: `selected()` holds for one-answer and multiple-choice alike."""
    if condition is None:
        return ""
    chosen = " or ".join(
        f"selected(${{{condition.question}}}, '{o}')" for o in condition.any_of or condition.none_of
    )
    return chosen if condition.any_of else f"not({chosen})"


def constraint(question: Question) -> str:
    if question.type == "number":
        limits = []
        if question.min is not None:
            limits.append(f". >= {question.min}")
        if question.max is not None:
            limits.append(f". <= {question.max}")
        return " and ".join(limits)
    if question.type == "text":
        return f"string-length(.) <= {question.max_length}"
    if question.type == "multiple":
        alone = sorted(o.id for o in question.options if o.exclusive)
        if question.prefer_not:
            alone.append(PREFER_NOT)
        # "None of these" and "prefer not to say" stand alone, as on the web.
        return " and ".join(f"(not(selected(., '{o}')) or count-selected(.) = 1)" for o in alone)
    return ""
