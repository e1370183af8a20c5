"""Survey instruments: declarative TOML files in forms/, validated when loaded. Pure: no Flask."""

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from outreach.instrument import declarations, measures
from outreach.instrument.declarations import Stratum
from outreach.instrument.measures import Measure

TYPES = {"single", "multiple", "yesno", "scale", "number", "text", "area"}
#: Types whose options come from code, not from the file.
BUILT_IN_OPTIONS = {"yesno": ("yes", "no"), "scale": ("1", "2", "3", "4", "5")}
PREFER_NOT = "prefer_not"
OPTION_ID = re.compile(r"[a-z0-9_]{1,40}")
QUESTION_KEYS = {
    "id",
    "type",
    "text",
    "hint",
    "error",
    "source",
    "required",
    "prefer_not",
    "options",
    "show_if",
    "min",
    "max",
    "max_length",
}
TOP_LEVEL_KEYS = {"id", "version", "title", "minutes", "questions", "measures", "roles", "strata"}


class InstrumentError(ValueError):
    """A broken instrument file: the message names the file, the question and the problem."""


@dataclass(frozen=True)
class Option:
    id: str
    text: str
    exclusive: bool = False
    #: Help topics (options of the `help_topics` question) that suit a resident who chose this.
    suggests: tuple[str, ...] = ()


@dataclass(frozen=True)
class Condition:
    question: str
    any_of: tuple[str, ...] = ()
    none_of: tuple[str, ...] = ()

    def holds(self, answers: dict[str, list[str]]) -> bool:
        given = set(answers.get(self.question, []))
        if self.any_of:
            return bool(given & set(self.any_of))
        return not given & set(self.none_of)


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    text: str
    hint: str = ""
    error: str = ""
    source: str = ""
    required: bool = False
    prefer_not: bool = False
    options: tuple[Option, ...] = ()
    show_if: Condition | None = None
    min: int | None = None
    max: int | None = None
    max_length: int = 500

    def option_ids(self) -> tuple[str, ...]:
        ids = tuple(o.id for o in self.options) or BUILT_IN_OPTIONS.get(self.type, ())
        return (*ids, PREFER_NOT) if self.prefer_not else ids

    def exclusive_ids(self) -> set[str]:
        return {o.id for o in self.options if o.exclusive} | {PREFER_NOT}


@dataclass(frozen=True)
class Instrument:
    id: str
    version: int
    title: str
    minutes: int
    questions: tuple[Question, ...]
    path: Path = field(compare=False, default=Path())
    measures: tuple[Measure, ...] = ()
    #: What the app needs to know about some questions: role -> question id (see ROLES).
    roles: dict[str, str] = field(default_factory=dict, compare=False)
    strata: tuple[Stratum, ...] = ()

    def question(self, question_id: str) -> Question:
        found = self.find(question_id)
        if found is None:
            raise KeyError(f"{self.path}: no question {question_id!r}")
        return found

    def find(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    def role(self, name: str) -> Question | None:
        """The question playing `name` (e.g. "help_topics"), or None when this version has none."""
        qid = self.roles.get(name)
        return self.find(qid) if qid else None

    def measure(self, measure_id: str) -> Measure | None:
        return next((m for m in self.measures if m.id == measure_id), None)

    def visible(self, answers: dict[str, list[str]]) -> list[Question]:
        """The questions to ask, given the answers so far (skip logic)."""
        return [q for q in self.questions if q.show_if is None or q.show_if.holds(answers)]


def load(path: Path) -> Instrument:
    """Read and validate an instrument file; raise InstrumentError naming what is wrong."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InstrumentError(f"{path}: cannot be read: {exc}") from exc
    for key in ("id", "version", "title", "questions"):
        if key not in data:
            raise InstrumentError(f"{path}: missing top-level key {key!r}")
    unknown = set(data) - TOP_LEVEL_KEYS
    if unknown:
        raise InstrumentError(f"{path}: unknown top-level key {', '.join(sorted(unknown))}")
    questions = _questions(path, data["questions"])
    by_id = {q.id: q for q in questions}
    try:
        roles = declarations.roles(str(path), data.get("roles", {}), by_id)
        strata = declarations.strata(
            str(path), data.get("strata", []), by_id.get(roles.get("age_band", ""))
        )
        declarations.check_suggestions(
            str(path), questions, by_id.get(roles.get("help_topics", ""))
        )
        found = measures.parse(
            str(path), data.get("measures", []), {q.id: q.option_ids() for q in questions}
        )
    except ValueError as exc:
        raise InstrumentError(str(exc)) from exc
    return Instrument(
        id=str(data["id"]),
        version=int(data["version"]),
        title=str(data["title"]),
        minutes=int(data.get("minutes", 5)),
        questions=questions,
        path=path,
        measures=found,
        roles=roles,
        strata=strata,
    )


def _questions(path: Path, raw: list[dict[str, Any]]) -> tuple[Question, ...]:
    seen: dict[str, Question] = {}
    for number, item in enumerate(raw, start=1):
        question = _question(path, number, item, seen)
        seen[question.id] = question
    if not seen:
        raise InstrumentError(f"{path}: the instrument has no questions")
    return tuple(seen.values())


def _question(path: Path, number: int, item: dict[str, Any], seen: dict[str, Question]) -> Question:
    qid = str(item.get("id", ""))
    where = f"{path}: question {number} ({qid or 'no id'})"
    if not qid.isidentifier():
        raise InstrumentError(f"{where}: id must be a simple name like 'internet_use'")
    if qid in seen:
        raise InstrumentError(f"{where}: duplicate id {qid!r}")
    unknown = set(item) - QUESTION_KEYS
    if unknown:
        raise InstrumentError(f"{where}: unknown key {', '.join(sorted(unknown))}")
    if item.get("type") not in TYPES:
        raise InstrumentError(f"{where}: unknown question type {item.get('type')!r}")
    if not str(item.get("text", "")).strip():
        raise InstrumentError(f"{where}: missing text")
    options = _options(where, item)
    return Question(
        id=qid,
        type=item["type"],
        text=item["text"],
        hint=item.get("hint", ""),
        error=item.get("error", ""),
        source=item.get("source", ""),
        required=bool(item.get("required", False)),
        prefer_not=bool(item.get("prefer_not", False)),
        options=options,
        show_if=_condition(where, item.get("show_if"), seen),
        min=item.get("min"),
        max=item.get("max"),
        max_length=int(item.get("max_length", 500)),
    )


def _options(where: str, item: dict[str, Any]) -> tuple[Option, ...]:
    raw = item.get("options", [])
    needs = item["type"] in {"single", "multiple"}
    if needs and not raw:
        raise InstrumentError(f"{where}: a {item['type']} question needs options")
    if not needs and raw:
        raise InstrumentError(f"{where}: a {item['type']} question takes no options")
    if item["type"] == "number" and not (
        isinstance(item.get("min"), int) and isinstance(item.get("max"), int)
    ):
        raise InstrumentError(f"{where}: a number question needs whole-number min and max")
    options, ids = [], set()
    for option in raw:
        oid, text = str(option.get("id", "")), str(option.get("text", "")).strip()
        if not OPTION_ID.fullmatch(oid) or not text:
            raise InstrumentError(
                f"{where}: every option needs an id (a-z, 0-9, _) and a text (option {option!r})"
            )
        if oid in ids or oid == PREFER_NOT:
            raise InstrumentError(f"{where}: duplicate or reserved option id {oid!r}")
        ids.add(oid)
        suggests = option.get("suggests", [])
        if not isinstance(suggests, list):
            raise InstrumentError(f"{where}: option {oid!r}: suggests must be a list of topic ids")
        options.append(
            Option(oid, text, bool(option.get("exclusive", False)), tuple(map(str, suggests)))
        )
    return tuple(options)


def _condition(where: str, raw: Any, seen: dict[str, Question]) -> Condition | None:
    if raw is None:
        return None
    target = seen.get(str(raw.get("question", ""))) if isinstance(raw, dict) else None
    if target is None:
        raise InstrumentError(
            f"{where}: show_if refers to {raw.get('question') if isinstance(raw, dict) else raw!r}, "
            "which is not an earlier question"
        )
    values = tuple(raw.get("any_of", ())) or tuple(raw.get("none_of", ()))
    if not values or ("any_of" in raw) == ("none_of" in raw):
        raise InstrumentError(f"{where}: show_if needs exactly one of any_of or none_of")
    unknown = set(values) - set(target.option_ids())
    if unknown:
        raise InstrumentError(
            f"{where}: show_if names option {', '.join(sorted(unknown))} that question "
            f"{target.id!r} does not have"
        )
    return Condition(target.id, tuple(raw.get("any_of", ())), tuple(raw.get("none_of", ())))
