"""Measures: the survey's indicators, declared in the instrument file beside its questions.

A measure is a share of respondents. Its *base* is everyone who answered the `base` question
(by default the measure's own `question`) with something other than "prefer not to say"; its
*positives* are those in the base whose answer to `question` meets one condition:

- `any_of = [...]`: chose at least one of these options ("never used the internet");
- `none_of = [...]`: chose none of them ("has no smartphone": answered, but not `smartphone`);
- `lacks_one_of = [...]`: did not choose every one of them ("lacks a foundation skill").

Any of the three lists may be `"all"`, with `except = [...]` taking options out, so that
"all options of `skills` except `none`" stays right when next year's survey adds a skill.
Figures are counted per measure, in the tallies, with each response judged by the declarations
of the instrument version it was answered in: a measure two versions both define stays
comparable even when its question was renamed. Pure: no Flask, no database.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

PREFER_NOT = "prefer_not"
CONDITIONS = ("any_of", "none_of", "lacks_one_of")
MEASURE_KEYS = {"id", "name", "question", "base", "except", *CONDITIONS}


class MeasureError(ValueError):
    """A broken measure declaration; the message names the file, the measure and the problem."""


@dataclass(frozen=True)
class Measure:
    id: str
    #: Shown to staff and the public (translated through the catalogs).
    name: str
    question: str
    base: str
    #: One of CONDITIONS.
    condition: str
    options: tuple[str, ...]

    def judge(self, answers: Mapping[str, Sequence[str]]) -> tuple[bool, bool]:
        """(in the base, positive) for one response's answers."""
        in_base = any(v != PREFER_NOT for v in answers.get(self.base, ()))
        if not in_base:
            return False, False
        chosen = set(answers.get(self.question, ())) & set(self.options)
        if self.condition == "any_of":
            return True, bool(chosen)
        if self.condition == "none_of":
            return True, not chosen
        return True, len(chosen) < len(self.options)


def parse(where: str, raw: Any, questions: Mapping[str, tuple[str, ...]]) -> tuple[Measure, ...]:
    """Validate `[[measures]]` against the instrument's questions (id -> option ids)."""
    if not isinstance(raw, list):
        raise MeasureError(f"{where}: measures must be a list of [[measures]] tables")
    found: dict[str, Measure] = {}
    for number, item in enumerate(raw, start=1):
        measure = _measure(where, number, item, questions)
        if measure.id in found:
            raise MeasureError(f"{where}: measure {number} ({measure.id}): duplicate id")
        found[measure.id] = measure
    return tuple(found.values())


def _measure(
    where: str, number: int, item: Any, questions: Mapping[str, tuple[str, ...]]
) -> Measure:
    item = item if isinstance(item, dict) else {}
    mid = str(item.get("id", ""))
    here = f"{where}: measure {number} ({mid or 'no id'})"
    if not mid.isidentifier():
        raise MeasureError(f"{here}: id must be a simple name like 'no_internet'")
    unknown = set(item) - MEASURE_KEYS
    if unknown:
        raise MeasureError(f"{here}: unknown key {', '.join(sorted(unknown))}")
    if not str(item.get("name", "")).strip():
        raise MeasureError(f"{here}: missing name")
    question = str(item.get("question", ""))
    base = str(item.get("base", question))
    for role, qid in (("question", question), ("base", base)):
        if qid not in questions:
            raise MeasureError(f"{here}: {role} {qid!r} is not a question of this instrument")
    given = [c for c in CONDITIONS if c in item]
    if len(given) != 1:
        raise MeasureError(f"{here}: needs exactly one of {', '.join(CONDITIONS)}")
    options = _options(here, item, given[0], questions[question])
    return Measure(mid, str(item["name"]), question, base, given[0], options)


def _options(here: str, item: dict, condition: str, known: tuple[str, ...]) -> tuple[str, ...]:
    listed = item[condition]
    excluded = item.get("except", [])
    if listed == "all":
        listed = [o for o in known if o != PREFER_NOT]
    elif excluded:
        raise MeasureError(f"{here}: 'except' goes with {condition} = \"all\"")
    if not isinstance(listed, list) or not isinstance(excluded, list):
        raise MeasureError(f"{here}: {condition} and except must be lists of option ids")
    unknown = sorted((set(map(str, listed)) | set(map(str, excluded))) - set(known))
    if unknown:
        raise MeasureError(
            f"{here}: option {', '.join(unknown)} is not an option of question {item['question']!r}"
        )
    options = tuple(str(o) for o in listed if o not in excluded)
    if not options:
        raise MeasureError(f"{here}: {condition} names no option")
    return options
