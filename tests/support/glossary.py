"""One term for each idea, per language: the check behind tests/unit/test_glossary.py.

Each language's glossary is translations/<locale>/glossary.toml, a list of `[[terms]]`. A term
applies to every message whose English (msgid) matches `en` (a regular expression, any case) and
not `unless` (the same English meaning another idea: a sign-in session is not a help session).
There the translation contains none of the words in `avoid`, and one of the words in `use` unless
the English matches `may_omit` (where the language leaves the word out: "Cancel session" →
中止にする).

Words are compared as a reader sees them, without furigana, and also by their readings, so a
やさしい日本語 term written `{手伝|てつだ}い` is found whether the catalog writes it in kanji with
furigana or in kana (てつだい), and spaces between words (分かち書き) are ignored in both.
"""

import re
import tomllib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog

from outreach.i18n.markup import plain, reading
from outreach.paths import TRANSLATIONS

Term = dict[str, Any]
REQUIRED = {"id", "en", "use", "avoid", "note"}
OPTIONAL = {"unless", "may_omit"}


def path(locale: str) -> Path:
    return TRANSLATIONS / locale / "glossary.toml"


def load(locale: str) -> list[Term]:
    return tomllib.loads(path(locale).read_text(encoding="utf-8"))["terms"]


def malformed(terms: list[Term]) -> list[str]:
    """What is wrong with the terms themselves: missing or unknown keys, bad patterns."""
    problems = []
    for term in terms:
        name = term.get("id", "?")
        if missing := REQUIRED - set(term):
            problems.append(f"{name}: missing {sorted(missing)}")
        if unknown := set(term) - REQUIRED - OPTIONAL:
            problems.append(f"{name}: unknown keys {sorted(unknown)}")
        if not term.get("use") or not isinstance(term.get("avoid"), list):
            problems.append(f"{name}: `use` needs at least one word and `avoid` a list")
        for key in ("en", "unless", "may_omit"):
            try:
                re.compile(term.get(key, ""))
            except re.error as error:
                problems.append(f"{name}: {key}: {error}")
    ids = [term.get("id") for term in terms]
    problems += [f"{name}: defined twice" for name in sorted({i for i in ids if ids.count(i) > 1})]
    return problems


def entries(catalog: Catalog) -> Iterator[tuple[str, str]]:
    """(English, translation) for each translated message; plural forms joined."""
    for message in catalog:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else " ".join(message.id)
        strings = message.string if isinstance(message.string, tuple | list) else (message.string,)
        yield english, " ".join(strings)


def _forms(text: str) -> tuple[str, str]:
    """The text as seen (no furigana) and as read (furigana for their kanji), without spaces,
    in lower case."""
    return _squeeze(plain(text)), _squeeze(reading(text))


def _squeeze(text: str) -> str:
    return re.sub(r"[ \u3000]", "", text).lower()


def _has(text: tuple[str, str], word: str) -> bool:
    seen, read = _forms(word)
    return seen in text[0] or read in text[1]


def _matches(term: Term, key: str, english: str) -> bool:
    return bool(term.get(key) and re.search(term[key], english, re.I))


def applies(term: Term, english: str) -> bool:
    return _matches(term, "en", english) and not _matches(term, "unless", english)


def problems(catalog: Catalog | Iterable[tuple[str, str]], terms: list[Term]) -> list[str]:
    """One line per broken term: the msgid, the term's id, what to write and the translation."""
    pairs = entries(catalog) if isinstance(catalog, Catalog) else catalog
    found = []
    for english, translation in pairs:
        text = _forms(translation)
        for term in (t for t in terms if applies(t, english)):
            used = [word for word in term["avoid"] if _has(text, word)]
            if used:
                found += [
                    f"{english!r}: {term['id']}: write {term['use'][0]!r}, not {word!r}: "
                    f"{translation}"
                    for word in used
                ]
            elif not _matches(term, "may_omit", english) and not any(
                _has(text, w) for w in term["use"]
            ):
                found.append(
                    f"{english!r}: {term['id']}: write {' or '.join(map(repr, term['use']))}: "
                    f"{translation}"
                )
    return found
