"""やさしい日本語 measured: every string a resident meets keeps to the rules in
translations/easy-japanese.toml (sentence length, no honorifics, known loanwords). A broken rule
names the message, the rule and the text."""

import re
import tomllib
from fnmatch import fnmatch

import pytest

from outreach.i18n import tooling
from outreach.paths import TRANSLATIONS

RULES = tomllib.loads((TRANSLATIONS / "easy-japanese.toml").read_text(encoding="utf-8"))
_RUBY = re.compile(r"\{([^{}|]+)\|[^{}|]+\}")
_PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
_SENTENCE_END = re.compile(r"[。！？!?\n]+")
_KATAKANA = re.compile(r"[ァ-ヺー]{2,}")
#: A loanword explained beside it: カタカナ（説明） or 説明（カタカナ）.
_EXPLAINED = re.compile(r"[ァ-ヺー]{2,}（[^）]*）|（[ァ-ヺー・、 ]+）")


def resident_messages() -> dict[str, str]:
    """msgid -> its ja@easy translation, for the messages used in resident_sources."""
    template = tooling.extract()
    resident = {
        m.id if isinstance(m.id, str) else m.id[0]
        for m in template
        if m.id
        and any(fnmatch(path, g) for path, _ in m.locations for g in RULES["resident_sources"])
    }
    easy = tooling.read(TRANSLATIONS / "ja@easy" / "LC_MESSAGES" / "messages.po", "ja@easy")
    found = {}
    for message in easy:
        key = message.id if isinstance(message.id, str) else message.id[0] if message.id else ""
        if key in resident and message.string:
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            found[key] = "\n".join(strings)
    return found


def sentences(text: str) -> list[str]:
    """The sentences a reader sees: readings and spaces out, a placeholder as three characters."""
    seen = _PLACEHOLDER.sub("XXX", _RUBY.sub(r"\1", text)).replace(" ", "").replace("　", "")
    return [s for s in _SENTENCE_END.split(seen) if s.strip()]


MESSAGES = resident_messages()


def test_there_are_resident_messages_to_check():
    assert len(MESSAGES) > 200


def test_sentences_are_short():
    lengths = [(len(s), msgid, s) for msgid, text in MESSAGES.items() for s in sentences(text)]
    too_long = [f"{msgid!r}: max_length: {s}" for n, msgid, s in lengths if n > RULES["max_length"]]
    assert not too_long, "\n".join(too_long)
    short = sum(n <= RULES["typical_length"] for n, _, _ in lengths) / len(lengths)
    assert short >= RULES["typical_share"], f"only {short:.0%} of sentences are short"


@pytest.mark.parametrize("rule", ["honorifics", "allowed_katakana"])
def test_plain_forms_and_known_words(rule):
    broken = []
    for msgid, text in MESSAGES.items():
        if rule == "honorifics":
            broken += [f"{msgid!r}: honorifics: {w} in {text}" for w in RULES[rule] if w in text]
        else:
            plain = _EXPLAINED.sub("", _RUBY.sub(r"\1", text))
            unknown = [w for w in _KATAKANA.findall(plain) if not _known(w)]
            broken += [f"{msgid!r}: allowed_katakana: {w} in {text}" for w in unknown]
    assert not broken, "\n".join(broken)


def _known(word: str) -> bool:
    """A listed word, or one made of listed words (マイナンバーカード)."""
    if word in RULES["allowed_katakana"]:
        return True
    return any(
        word.startswith(w) and _known(word[len(w) :])
        for w in RULES["allowed_katakana"]
        if len(w) < len(word)
    )
