"""The survey as variables for analysts: one row per response, one variable per question (one per
option for multiple choice), coded and labelled from the instrument. Pure: no Flask, no database.

Free text never leaves: text questions have no variable. The neighbourhood and the month are
added by the export (outreach.services.analyst_export), which also blanks small neighbourhoods.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from outreach.instrument.instrument import BUILT_IN_OPTIONS, PREFER_NOT, Instrument, Question

#: The code of "prefer not to say" in every coded variable (a common missing-value code).
PREFER_NOT_CODE = 99
#: Stata allows 32 characters in a name, but a variable with value labels names its label set
#: after itself with a number added, which must fit too (readstat refused 31 at the 40th
#: variable); SPSS allows 64.
MAX_NAME = 28
_BUILT_IN_TEXT = {
    "yes": "Yes",
    "no": "No",
    "1": "Strongly disagree",
    "2": "Disagree",
    "3": "Neither agree nor disagree",
    "4": "Agree",
    "5": "Strongly agree",
}
Value = int | float | str | None


@dataclass(frozen=True)
class Variable:
    name: str
    #: The question (and option) in the catalogs' source language, English.
    label: str
    #: "code" (one answer, coded), "flag" (an option chosen: 1, else 0), "number", "text"
    kind: str
    question: str = ""
    option: str = ""
    #: code -> label, for "code" variables
    values: tuple[tuple[int, str], ...] = ()


def variables(survey: Instrument, skip: Sequence[str] = ()) -> list[Variable]:
    """Every variable of `survey`, in question order; text questions and `skip` left out."""
    found: list[Variable] = []
    for question in survey.questions:
        if question.type in ("text", "area") or question.id in skip:
            continue
        found += _of(question)
    names = [v.name for v in found]
    duplicated = {n for n in names if names.count(n) > 1}
    if duplicated:
        raise ValueError(f"variable names clash after shortening: {sorted(duplicated)}")
    return found


def _of(question: Question) -> list[Variable]:
    if question.type == "number":
        return [Variable(_name(question.id), question.text, "number", question.id)]
    options = _options(question)
    if question.type == "multiple":
        return [
            Variable(
                _name(f"{question.id}_{oid}"), f"{question.text} {text}", "flag", question.id, oid
            )
            for oid, text in options
        ]
    values = tuple(_codes(options))
    return [Variable(_name(question.id), question.text, "code", question.id, values=values)]


def _options(question: Question) -> list[tuple[str, str]]:
    found = [(o.id, o.text) for o in question.options] or [
        (oid, _BUILT_IN_TEXT[oid]) for oid in BUILT_IN_OPTIONS.get(question.type, ())
    ]
    if question.prefer_not:
        found.append((PREFER_NOT, "Prefer not to say"))
    return found


def _codes(options: list[tuple[str, str]]) -> list[tuple[int, str]]:
    """Options numbered 1, 2, … in their order; "prefer not to say" is 99."""
    numbered = [(oid, text) for oid, text in options if oid != PREFER_NOT]
    codes = [(n, text) for n, (_, text) in enumerate(numbered, start=1)]
    if len(numbered) < len(options):
        codes.append((PREFER_NOT_CODE, "Prefer not to say"))
    return codes


def code_of(question_options: list[tuple[str, str]], option_id: str) -> int | None:
    numbered = [oid for oid, _ in question_options if oid != PREFER_NOT]
    if option_id == PREFER_NOT:
        return PREFER_NOT_CODE
    return numbered.index(option_id) + 1 if option_id in numbered else None


def _name(text: str) -> str:
    return re.sub(r"[^a-z0-9_]", "_", text.lower())[:MAX_NAME]


def row(
    survey: Instrument, found: Sequence[Variable], answers: Mapping[str, Sequence[str]]
) -> dict[str, Value]:
    """One response's values: None where the question was not answered (or not asked)."""
    values: dict[str, Value] = {}
    for variable in found:
        given = list(answers.get(variable.question, ()))
        if variable.kind == "flag":
            values[variable.name] = (1 if variable.option in given else 0) if given else None
        elif variable.kind == "number":
            values[variable.name] = _number(given)
        else:
            question = survey.question(variable.question)
            values[variable.name] = code_of(_options(question), given[0]) if given else None
    return values


def _number(given: list[str]) -> float | None:
    try:
        return float(given[0]) if given else None
    except ValueError:
        return None
