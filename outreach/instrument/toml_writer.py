"""An instrument's data written as TOML laid out like the hand-kept files in forms/: scalars,
then [roles], [[strata]], [[measures]] and [[questions]], each option on a line of its own.

(Python reads TOML but does not write it; the general writers lay out lists of tables as
`[[questions.options]]` blocks, which are harder to edit by hand than the one-line options the
house files use.) Strings are JSON strings, which are valid TOML basic strings.
"""

import json
from collections.abc import Mapping
from typing import Any

TABLES = ("roles",)
TABLE_LISTS = ("strata", "measures", "questions")


def dumps(document: Mapping[str, Any], header: str = "") -> str:
    lines = [f"# {line}".rstrip() for line in header.splitlines()]
    lines += [
        f"{key} = {value(item)}"
        for key, item in document.items()
        if key not in TABLES + TABLE_LISTS
    ]
    for key in TABLES:
        if document.get(key):
            lines += ["", f"[{key}]", *(f"{k} = {value(v)}" for k, v in document[key].items())]
    for key in TABLE_LISTS:
        for table in document.get(key, []):
            lines += ["", f"[[{key}]]", *_table_lines(table)]
    return "\n".join(lines) + "\n"


def _table_lines(table: Mapping[str, Any]) -> list[str]:
    lines = []
    for key, item in table.items():
        if isinstance(item, list) and item and isinstance(item[0], Mapping):
            lines += [f"{key} = [", *(f"  {value(entry)}," for entry in item), "]"]
        else:
            lines.append(f"{key} = {value(item)}")
    return lines


def value(item: Any) -> str:
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, int | float):
        return repr(item)
    if isinstance(item, str):
        return json.dumps(item, ensure_ascii=False)
    if isinstance(item, list | tuple):
        return "[" + ", ".join(value(v) for v in item) + "]"
    if isinstance(item, Mapping):
        return "{ " + ", ".join(f"{k} = {value(v)}" for k, v in item.items()) + " }"
    raise TypeError(f"cannot write {type(item).__name__} as TOML")
