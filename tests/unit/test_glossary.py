"""One term for each idea in each language (translations/glossary.toml): a translation that uses
a word the glossary avoids names the message, the term and the text."""

import re
import tomllib

import pytest

from outreach.i18n import tooling
from outreach.i18n.locales import TRANSLATED
from outreach.paths import TRANSLATIONS

GLOSSARY = tomllib.loads((TRANSLATIONS / "glossary.toml").read_text(encoding="utf-8"))["terms"]
_RUBY = re.compile(r"\{([^{}|]+)\|[^{}|]+\}")


def entries(locale: str):
    catalog = tooling.read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", locale)
    for message in catalog:
        if not message.id or not message.string:
            continue
        english = message.id if isinstance(message.id, str) else " ".join(message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        yield english, _RUBY.sub(r"\1", " ".join(strings))


def test_every_term_is_well_formed():
    for term in GLOSSARY:
        assert {"id", "en", "note"} <= set(term), term
        re.compile(term["en"])
        for locale in set(term) - {"id", "en", "note", "unless"}:
            assert locale in TRANSLATED, f"{term['id']}: unknown locale {locale}"
            assert term[locale]["use"] and isinstance(term[locale]["avoid"], list)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_one_term_for_each_idea(locale):
    broken = []
    for english, text in entries(locale):
        for term in (t for t in GLOSSARY if locale in t):
            if not re.search(term["en"], english, re.I):
                continue
            if term.get("unless") and re.search(term["unless"], english, re.I):
                continue
            for word in term[locale]["avoid"]:
                if word in text:
                    broken.append(
                        f"{english!r}: {term['id']}: write {term[locale]['use']!r}, "
                        f"not {word!r}: {text}"
                    )
    assert not broken, "\n".join(broken)
