"""What an XLSForm's cells say: its sheets as numbered rows, and the few XPath expressions
(`relevant` and `constraint`) that the survey's own skip logic and limits can express.

Pure, like outreach.instrument.xlsform_import, which reads a whole form with these."""

import re
from typing import Any

SELECTED = re.compile(r"^selected\(\s*\$\{(?P<q>\w+)\}\s*,\s*'(?P<o>[^']+)'\s*\)$")
EQUALS = re.compile(r"^\$\{(?P<q>\w+)\}\s*=\s*'(?P<o>[^']+)'$")
#: "this option only on its own" (the export's form of an exclusive option such as "none")
ALONE = re.compile(r"^\(not\(selected\(\.\s*,\s*'(?P<o>[^']+)'\)\) or count-selected\(\.\) = 1\)$")
LIMIT = re.compile(r"^\.\s*(?P<op><=|>=)\s*(?P<n>-?\d+)$")
LENGTH = re.compile(r"^string-length\(\.\)\s*<=\s*(?P<n>\d+)$")

Row = tuple[int, dict[str, str]]


def rows(sheet: Any) -> list[Row]:
    lines = [[_cell(c) for c in row] for row in sheet.iter_rows(values_only=True)]
    if not lines:
        return []
    header = [h.strip() for h in lines[0]]
    return [
        (number, dict(zip(header, line, strict=False)))
        for number, line in enumerate(lines[1:], start=2)
        if any(line)
    ]


def _cell(value: Any) -> str:
    return "" if value is None else str(value).strip()


def first_row(sheet: Any) -> dict[str, str]:
    found = rows(sheet)
    return found[0][1] if found else {}


def choice_lists(lines: list[Row]) -> dict[str, list[dict[str, str]]]:
    lists: dict[str, list[dict[str, str]]] = {}
    for _, row in lines:
        lists.setdefault(row.get("list_name", ""), []).append(row)
    return lists


def condition(relevant: str) -> tuple[str, set[str], bool] | None:
    """(question, options, negated) for `selected(${q}, 'a') or ${q} = 'b'`, or `not(…)` of
    that: one question shown when any of its options is chosen (or none is). None otherwise."""
    text = relevant.strip()
    negated = text.startswith("not(") and text.endswith(")")
    if negated:
        text = text[4:-1].strip()
    found = [SELECTED.match(p.strip()) or EQUALS.match(p.strip()) for p in text.split(" or ")]
    if not all(found):
        return None
    questions = {f["q"] for f in found if f}
    if len(questions) != 1:
        return None
    return questions.pop(), {f["o"] for f in found if f}, negated
