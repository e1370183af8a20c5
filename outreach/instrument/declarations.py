"""What the app needs to know about some of an instrument's questions, declared in its file.

`[roles]` names the question that plays each part the code relies on (the neighbourhood a
response counts under, the age band it is weighted by, the help topics…), so renaming a question
means changing one line of the file, not the code. A role left out is simply not used: the help
page, for one, then suggests sessions without topics. `[[strata]]` groups the age bands into the
population figures' age groups for weighting. Pure: no Flask, no database.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Protocol

#: role -> the question types that can play it
ROLES = {
    "area": ("area",),
    "age_band": ("single",),
    "help_topics": ("multiple",),
    "help_language": ("single",),
    "barriers": ("multiple",),
    "languages": ("multiple",),
}


class _Question(Protocol):
    # Read-only, so that a frozen dataclass (instrument.Question) fits.
    @property
    def id(self) -> str: ...
    @property
    def type(self) -> str: ...

    def option_ids(self) -> tuple[str, ...]: ...


@dataclass(frozen=True)
class Stratum:
    """An age group of the population figures, and the survey's age bands that fall in it."""

    id: str
    #: The population figure (an `areas import` column) counting the residents in it.
    population: str
    age_bands: tuple[str, ...]


def roles(where: str, raw: Any, questions: Mapping[str, _Question]) -> dict[str, str]:
    if not isinstance(raw, dict):
        raise ValueError(f"{where}: [roles] must be a table of role = question id")
    for role, qid in raw.items():
        if role not in ROLES:
            raise ValueError(f"{where}: [roles] {role}: unknown role (known: {', '.join(ROLES)})")
        question = questions.get(str(qid))
        if question is None:
            raise ValueError(f"{where}: [roles] {role}: no question {qid!r}")
        if question.type not in ROLES[role]:
            raise ValueError(
                f"{where}: [roles] {role}: question {qid!r} is a {question.type} question, "
                f"not {' or '.join(ROLES[role])}"
            )
    return {str(k): str(v) for k, v in raw.items()}


def strata(where: str, raw: Any, age_question: _Question | None) -> tuple[Stratum, ...]:
    if not raw:
        return ()
    if age_question is None:
        raise ValueError(f"{where}: [[strata]] need an age_band role in [roles]")
    known = set(age_question.option_ids())
    seen: set[str] = set()
    found = []
    for number, item in enumerate(raw, start=1):
        here = f"{where}: stratum {number} ({item.get('id', 'no id')})"
        bands = tuple(map(str, item.get("age_bands", [])))
        if not item.get("id") or not item.get("population") or not bands:
            raise ValueError(f"{here}: needs id, population and age_bands")
        unknown = sorted(set(bands) - known)
        if unknown:
            raise ValueError(
                f"{here}: age band {', '.join(unknown)} is not an option of {age_question.id!r}"
            )
        if seen & set(bands):
            raise ValueError(f"{here}: an age band is in two strata")
        seen |= set(bands)
        found.append(Stratum(str(item["id"]), str(item["population"]), bands))
    return tuple(found)


def check_suggestions(where: str, questions: Any, topics: _Question | None) -> None:
    """Options that suggest help topics must name options of the help_topics question."""
    known = set(topics.option_ids()) if topics else set()
    for question in questions:
        for option in question.options:
            unknown = sorted(set(option.suggests) - known)
            if unknown:
                raise ValueError(
                    f"{where}: question {question.id}, option {option.id}: suggests "
                    f"{', '.join(unknown)}, which is not an option of the help_topics question"
                )
