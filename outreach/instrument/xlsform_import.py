"""An XLSForm (https://xlsform.org) read back into an instrument: what survey teams edit in a
spreadsheet, or in Kobo's form builder, becomes the declarative file the site runs on.

Pure: the caller supplies the workbook, the instrument it replaces (its raw TOML data, for what a
spreadsheet cannot say: sources, help-topic suggestions, "prefer not to say" beside a number,
roles, strata and measures) and the
city's neighbourhood codes (a choice list of them is the area question). English is the
catalogs' source language, so the English column becomes the file's text and every other
language column becomes catalog entries.

What the instrument cannot express is either a problem (the import stops: a question type it has
no equivalent for would change what residents are asked) or, for what only affects the form app,
a note in the report (groups, notes, metadata such as `start` or `deviceid`).
"""

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from openpyxl import Workbook

from outreach.instrument import xlsform_cells as cells
from outreach.instrument.instrument import OPTION_ID, PREFER_NOT
from outreach.instrument.xlsform import SCALE, YES_NO

#: XLSForm types that only shape the form app's screens or record device facts: left out.
APP_ONLY = {
    "begin group",
    "end group",
    "begin repeat",
    "end repeat",
    "note",
    "calculate",
    "start",
    "end",
    "today",
    "deviceid",
    "subscriberid",
    "simserial",
    "phonenumber",
    "username",
    "email",
    "audit",
    "start-geopoint",
}
PLAIN_TYPES = {"integer": "number", "text": "text"}
_LANGUAGE = re.compile(
    r"^(?P<kind>label|hint|required_message|constraint_message)(?:::(?P<column>.+))?$"
)
_CODE = re.compile(r"\((?P<code>[A-Za-z-]+)\)\s*$")
_READING = re.compile(r"([\u4e00-\u9fff々〆ヶ]+)（([\u3041-\u309f\u30fc]+)）")


class XLSFormError(ValueError):
    """The spreadsheet cannot become an instrument; `problems` names each row and what is wrong."""

    def __init__(self, problems: list[str]):
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class Imported:
    #: The instrument's data, ready to write as TOML (see outreach.instrument.toml_writer).
    document: dict[str, Any]
    #: language column ("日本語 (ja)") -> English text -> its translation
    translations: dict[str, dict[str, str]] = field(default_factory=dict)
    #: What the form had that the instrument leaves out, one line each.
    notes: list[str] = field(default_factory=list)


def language_code(column: str) -> str:
    """The language code XLSForm puts in brackets at the end of a column's language."""
    found = _CODE.search(column)
    return found["code"].lower() if found else ""


def ruby_from_readings(text: str) -> str:
    """漢字（かんじ） back to the catalogs' {漢字|かんじ} (the export writes readings that way)."""
    return _READING.sub(r"{\1|\2}", text)


def read(book: Workbook, template: Mapping[str, Any] | None, area_codes: Iterable[str]) -> Imported:
    """The instrument an XLSForm describes; raise XLSFormError listing every problem."""
    for name in ("survey", "choices"):
        if name not in book.sheetnames:
            raise XLSFormError([f"the workbook has no '{name}' sheet"])
    settings = cells.first_row(book["settings"]) if "settings" in book.sheetnames else {}
    survey = cells.rows(book["survey"])
    choices = cells.choice_lists(cells.rows(book["choices"]))
    source = _source_column(survey, settings)
    state = _State(source, template or {}, set(area_codes), choices)
    for number, row in survey:
        state.question(number, row)
    if state.problems:
        raise XLSFormError(state.problems)
    document = _document(settings, state, template or {})
    return Imported(document, state.translations, state.notes)


def _source_column(survey: list[tuple[int, dict[str, str]]], settings: Mapping[str, str]) -> str:
    """The label column holding English: `label::… (en)`, else the default language, else
    the plain `label`."""
    columns = {k for _, row in survey for k in row if _LANGUAGE.match(k)}
    labels = sorted(c for c in columns if c.startswith("label::"))
    english = [c for c in labels if language_code(c) == "en"]
    if english:
        return english[0].removeprefix("label::")
    default = settings.get("default_language", "")
    if f"label::{default}" in labels:
        return default
    return ""


class _State:
    """What has been read so far: questions, translations, notes and problems."""

    def __init__(
        self,
        source: str,
        template: Mapping[str, Any],
        areas: set[str],
        choices: dict[str, list[dict[str, str]]],
    ):
        self.source = source
        self.areas = areas
        self.choices = choices
        self.known = {q["id"]: q for q in template.get("questions", [])}
        self.questions: list[dict[str, Any]] = []
        self.options: dict[str, set[str]] = {}
        self.translations: dict[str, dict[str, str]] = {}
        self.notes: list[str] = []
        self.problems: list[str] = []

    def question(self, number: int, row: dict[str, str]) -> None:
        kind, _, list_name = row.get("type", "").partition(" ")
        name = row.get("name", "")
        where = f"survey row {number} ({name or kind})"
        if row.get("type", "") in APP_ONLY or kind in APP_ONLY:
            self.notes.append(f"{where}: {row['type']} is left out (it only shapes the form app)")
            return
        if not name.isidentifier():
            self.problems.append(f"{where}: the name must be a simple name like 'internet_use'")
            return
        made = self._typed(where, kind, list_name.strip(), row)
        if made is None:
            return
        made.update(self._texts(where, row, made))
        self._limits(where, row.get("constraint", ""), made)
        self._skip(where, row.get("relevant", ""), made)
        kept = self.known.get(name, {})
        if kept.get("source"):
            made["source"] = kept["source"]
        if kept.get("prefer_not") and kept.get("type") == made["type"]:
            made["prefer_not"] = True  # a number or text in XLSForm has no "prefer not to say"
        self.questions.append(made)

    def _typed(
        self, where: str, kind: str, list_name: str, row: dict[str, str]
    ) -> dict[str, Any] | None:
        name = row["name"]
        made: dict[str, Any] = {"id": name}
        if kind in PLAIN_TYPES:
            made["type"] = PLAIN_TYPES[kind]
            self.options[name] = set()
        elif kind in ("select_one", "select_multiple") and list_name:
            if not self._choose(where, name, kind, list_name, made):
                return None
        else:
            self.problems.append(
                f"{where}: type {row.get('type')!r} has no equivalent in the survey"
            )
            return None
        if row.get("required", "").lower() in ("yes", "true", "true()"):
            made["required"] = True
        for key in ("choice_filter", "repeat_count", "calculation", "default", "appearance"):
            if row.get(key):
                self.notes.append(f"{where}: {key} {row[key]!r} is left out")
        return made

    def _choose(
        self, where: str, name: str, kind: str, list_name: str, made: dict[str, Any]
    ) -> bool:
        rows = self.choices.get(list_name)
        if not rows:
            self.problems.append(f"{where}: no choices in list {list_name!r}")
            return False
        ids = [r.get("name", "") for r in rows]
        plain = [i for i in ids if i != PREFER_NOT]
        bad = [i for i in plain if not OPTION_ID.fullmatch(i)]
        if bad and not set(plain) <= self.areas:  # neighbourhood codes are the city's own
            self.problems.append(
                f"{where}: choice names must be a-z, 0-9 and _ (not {', '.join(bad[:3])})"
            )
            return False
        if PREFER_NOT in ids:
            made["prefer_not"] = True
        self.options[name] = set(ids)
        made["type"] = self._select_type(kind, name, plain)
        if made["type"] in ("single", "multiple"):
            made["options"] = [self._option(name, r) for r in rows if r["name"] != PREFER_NOT]
        return True

    def _select_type(self, kind: str, name: str, ids: list[str]) -> str:
        if kind == "select_multiple":
            return "multiple"
        if self.known.get(name, {}).get("type") == "area" or (ids and set(ids) <= self.areas):
            return "area"
        if sorted(ids) == sorted(YES_NO):
            return "yesno"
        if sorted(ids) == sorted(SCALE):
            return "scale"
        return "single"

    def _option(self, question: str, row: dict[str, str]) -> dict[str, Any]:
        option: dict[str, Any] = {"id": row["name"], "text": self._translated(row, "label")}
        kept: dict[str, Any] = next(
            (o for o in self.known.get(question, {}).get("options", []) if o["id"] == row["name"]),
            {},
        )
        if kept.get("suggests"):
            option["suggests"] = list(kept["suggests"])
        return option

    def _texts(self, where: str, row: dict[str, str], made: dict[str, Any]) -> dict[str, str]:
        texts = {"text": self._translated(row, "label")}
        if not texts["text"]:
            self.problems.append(f"{where}: no label in the source language ({self.source or '-'})")
        hint = self._translated(row, "hint")
        if hint:
            texts["hint"] = hint
        required = self._translated(row, "required_message")
        checked = self._translated(row, "constraint_message")
        error = required if made.get("required") else checked
        if error or checked:
            texts["error"] = error or checked
        return texts

    def _translated(self, row: dict[str, str], kind: str) -> str:
        """The source-language text of `kind`; every other language's is kept as its
        translation."""
        english = row.get(f"{kind}::{self.source}" if self.source else kind, "")
        if not english:
            return ""
        for key, text in row.items():
            found = _LANGUAGE.match(key)
            column = found["column"] if found else None
            if found and found["kind"] == kind and column and column != self.source and text:
                self.translations.setdefault(column, {})[english] = text
        return english

    def _limits(self, where: str, constraint: str, made: dict[str, Any]) -> None:
        if not constraint:
            if made["type"] == "number":
                self.problems.append(f"{where}: a number question needs '. >= min and . <= max'")
            return
        for part in (p.strip() for p in re.split(r"\s+and\s+(?![^(]*\))", constraint)):
            if not self._limit(made, part):
                self.notes.append(f"{where}: constraint {part!r} is left out")
        if made["type"] == "number" and not {"min", "max"} <= set(made):
            self.problems.append(f"{where}: a number question needs '. >= min and . <= max'")

    def _limit(self, made: dict[str, Any], part: str) -> bool:
        if (found := cells.LIMIT.match(part)) and made["type"] == "number":
            made["min" if found["op"] == ">=" else "max"] = int(found["n"])
        elif (found := cells.LENGTH.match(part)) and made["type"] == "text":
            made["max_length"] = int(found["n"])
        elif (found := cells.ALONE.match(part)) and made["type"] == "multiple":
            for option in made["options"]:
                if option["id"] == found["o"]:
                    option["exclusive"] = True
            return found["o"] in self.options[made["id"]]
        else:
            return False
        return True

    def _skip(self, where: str, relevant: str, made: dict[str, Any]) -> None:
        if not relevant:
            return
        condition = cells.condition(relevant)
        if condition is None or not condition[1] <= self.options.get(condition[0], set()):
            self.problems.append(
                f"{where}: relevant {relevant!r} cannot be expressed: use selected(${{q}}, 'x') "
                "joined by 'or', optionally inside not(...), on one earlier question"
            )
            return
        question, options, negated = condition
        key = "none_of" if negated else "any_of"
        made["show_if"] = {"question": question, key: sorted(options)}


def _document(
    settings: Mapping[str, str], state: _State, template: Mapping[str, Any]
) -> dict[str, Any]:
    version = settings.get("version", "")
    document: dict[str, Any] = {
        "id": settings.get("form_id") or template.get("id", "survey"),
        "version": int(version) if version.isdigit() else int(template.get("version", 0)) + 1,
        "title": settings.get(f"form_title::{state.source}")
        or settings.get("form_title")
        or template.get("title", ""),
        "minutes": int(template.get("minutes", 5)),
    }
    by_id = {q["id"]: q for q in state.questions}
    document["roles"] = {
        role: qid for role, qid in template.get("roles", {}).items() if qid in by_id
    }
    for role, qid in template.get("roles", {}).items():
        if qid not in by_id:
            state.notes.append(f"role {role}: question {qid!r} is not in the form, role left out")
    document["strata"] = list(template.get("strata", [])) if "age_band" in document["roles"] else []
    document["measures"] = _measures(template, state)
    document["questions"] = state.questions
    return document


def _measures(template: Mapping[str, Any], state: _State) -> list[dict[str, Any]]:
    kept = []
    for measure in template.get("measures", []):
        needed = {measure.get("question"), measure.get("base", measure.get("question"))}
        if needed <= set(state.options):
            kept.append(measure)
        else:
            state.notes.append(f"measure {measure.get('id')}: its question is not in the form")
    return kept
