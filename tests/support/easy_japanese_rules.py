"""The やさしい日本語 rules of translations/easy-japanese.toml, checked on messages: the functions
behind tests/unit/test_easy_japanese_rules.py, callable on any catalog.

Each check takes messages as {msgid: translation} and returns one line per broken rule naming the
message, the rule and the offending text: `'msgid': rule: what broke it in text`.
"""

import re
import tomllib
from collections.abc import Mapping
from fnmatch import fnmatch
from typing import Any

from babel.messages.catalog import Catalog

from outreach.i18n import tooling
from outreach.paths import TRANSLATIONS

Rules = dict[str, Any]
_RUBY = re.compile(r"\{([^{}|]+)\|[^{}|]+\}")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_KATAKANA = re.compile(r"[ァ-ヺー]{2,}")
#: A loanword explained beside it: カタカナ（説明） or 説明（カタカナ）.
_EXPLAINED = re.compile(r"[ァ-ヺー]{2,}（[^）]*）|（[ァ-ヺー・、 ]+）")


def rules() -> Rules:
    return tomllib.loads((TRANSLATIONS / "easy-japanese.toml").read_text(encoding="utf-8"))


def translations(catalog: Catalog, only: set[str] | None = None) -> dict[str, str]:
    """msgid -> its translation (plural forms on separate lines), for the msgids in `only`."""
    found = {}
    for message in catalog:
        key = message.id if isinstance(message.id, str) else message.id[0] if message.id else ""
        if key and message.string and (only is None or key in only):
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            found[key] = "\n".join(strings)
    return found


def resident_messages(rules: Rules) -> dict[str, str]:
    """msgid -> its ja@easy translation, for the messages used in the rules' resident_sources."""
    resident = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in tooling.extract()
        if m.id
        and any(fnmatch(path, g) for path, _ in m.locations for g in rules["resident_sources"])
    }
    easy = tooling.read(TRANSLATIONS / "ja@easy" / "LC_MESSAGES" / "messages.po", "ja@easy")
    return translations(easy, resident)


def sentences(text: str) -> list[str]:
    """The sentences a reader sees: readings and spaces out, a placeholder as three characters."""
    seen = _PLACEHOLDER.sub("XXX", _RUBY.sub(r"\1", text)).replace(" ", "").replace("　", "")
    return [s for s in _SENTENCE_END.split(seen) if s.strip()]


def too_long(messages: Mapping[str, str], rules: Rules) -> list[str]:
    limit = rules["max_length"]
    return [
        f"{msgid!r}: max_length: {len(s)} characters, over {limit}, in {s}"
        for msgid, text in messages.items()
        for s in sentences(text)
        if len(s) > limit
    ]


def short_share(messages: Mapping[str, str], rules: Rules) -> float:
    """The share of sentences at most `typical_length` characters long."""
    lengths = [len(s) for text in messages.values() for s in sentences(text)]
    return sum(n <= rules["typical_length"] for n in lengths) / len(lengths)


def honorifics(messages: Mapping[str, str], rules: Rules) -> list[str]:
    """Honorific forms, found with or without furigana (お{進|すす}み is お進み)."""
    return [
        f"{msgid!r}: honorifics: {word} in {text}"
        for msgid, text in messages.items()
        for word in rules["honorifics"]
        if word in text or word in _RUBY.sub(r"\1", text)
    ]


def unknown_katakana(messages: Mapping[str, str], rules: Rules) -> list[str]:
    """Loanwords neither in allowed_katakana (nor made of its words) nor explained beside them."""
    allowed = rules["allowed_katakana"]
    broken = []
    for msgid, text in messages.items():
        plain = _EXPLAINED.sub("", _RUBY.sub(r"\1", text))
        unknown = [w for w in _KATAKANA.findall(plain) if not _known(w, allowed)]
        broken += [f"{msgid!r}: allowed_katakana: {w} in {text}" for w in unknown]
    return broken


def _known(word: str, allowed: list[str]) -> bool:
    """A listed word, or one made of listed words (マイナンバーカード)."""
    if word in allowed:
        return True
    return any(
        word.startswith(w) and _known(word[len(w) :], allowed)
        for w in allowed
        if len(w) < len(word)
    )
