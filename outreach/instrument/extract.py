"""Babel extractor for forms/: survey question, hint, error and option texts, and list items."""

import tomllib
from collections.abc import Iterator
from typing import Any, BinaryIO

TRANSLATED_KEYS = ("text", "hint", "error")


def extract_instrument(
    fileobj: BinaryIO, keywords: Any, comment_tags: Any, options: Any
) -> Iterator[tuple[int, str, str, list[str]]]:
    """Yield (line, function, message, comments) for every resident-facing text."""
    source = fileobj.read().decode("utf-8")
    data = tomllib.loads(source)
    lines = source.splitlines()

    def line_of(text: str) -> int:
        needle = text.replace('"', '\\"')
        return next((n for n, line in enumerate(lines, 1) if needle in line), 0)

    if data.get("title"):
        yield line_of(data["title"]), "gettext", data["title"], ["title"]
    for question in data.get("questions", []):
        for key in TRANSLATED_KEYS:
            if question.get(key):
                note = f"survey question {question['id']}: {key}"
                yield line_of(question[key]), "gettext", question[key], [note]
        for option in question.get("options", []):
            note = f"survey question {question['id']}: option {option['id']}"
            yield line_of(option["text"]), "gettext", option["text"], [note]
    for topic in data.get("topics", []):
        yield line_of(topic["text"]), "gettext", topic["text"], [f"support topic {topic['id']}"]
    measures = data.get("measures", [])  # forms/lists/small-area.toml has a table of that name
    for measure in measures if isinstance(measures, list) else []:
        yield line_of(measure["name"]), "gettext", measure["name"], [f"measure {measure['id']}"]
    for key in ("components", "indicators"):
        for item in data.get(key, []):
            yield (
                line_of(item["name"]),
                "gettext",
                item["name"],
                [f"risk index {key[:-1]} {item['id']}"],
            )
