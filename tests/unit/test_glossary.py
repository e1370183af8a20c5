"""One term for each idea in each language (translations/<locale>/glossary.toml): a translation
that uses a word the glossary avoids, or leaves out the word it uses, names the message, the term
and the text. The check itself is tests/support/glossary.py."""

import pytest
from babel.messages.catalog import Catalog

from outreach.i18n import tooling
from outreach.i18n.locales import TRANSLATED
from outreach.paths import TRANSLATIONS
from tests.support import glossary

#: The ideas that recur across survey, sessions and figures: every language names its word for each.
SHARED_IDEAS = {
    "help",
    "help_session",
    "booking",
    "neighbourhood",
    "survey",
    "answer",
    "follow_up",
    "online",
    "estimate",
    "interval",
}


def catalog(locale: str) -> Catalog:
    return tooling.read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", locale)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_language_has_a_term_for_each_shared_idea(locale):
    terms = glossary.load(locale)
    assert not glossary.malformed(terms)
    assert {term["id"] for term in terms} >= SHARED_IDEAS


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_term_applies_somewhere(locale):
    english = [english for english, _ in glossary.entries(catalog(locale))]
    unused = [
        t["id"] for t in glossary.load(locale) if not any(glossary.applies(t, e) for e in english)
    ]
    assert not unused, f"terms that match no message (check `en`): {unused}"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_one_term_for_each_idea(locale):
    problems = glossary.problems(catalog(locale), glossary.load(locale))
    assert not problems, "\n".join(problems)


# The check on catalogs made here, so that it is seen to fail.

TERMS = [
    {
        "id": "help_session",
        "en": r"\bsessions?\b",
        "unless": "every session of this person",
        "may_omit": "Cancel session",
        "use": ["{相談会|そうだんかい}"],
        "avoid": ["{支援|しえん}"],
        "note": "",
    }
]


def tiny(*pairs: tuple[str, str]) -> Catalog:
    made = Catalog(locale="ja")
    for english, translation in pairs:
        made.add(english, translation)
    return made


def test_a_word_to_avoid_names_the_message_the_term_and_the_text():
    problems = glossary.problems(tiny(("Find a session", "{支援|しえん}を さがす")), TERMS)
    assert problems == [
        "'Find a session': help_session: write '{相談会|そうだんかい}', not '{支援|しえん}': "
        "{支援|しえん}を さがす"
    ]


def test_a_missing_word_names_the_message_the_term_and_the_text():
    problems = glossary.problems(tiny(("All sessions", "すべての 活動")), TERMS)
    assert problems == [
        "'All sessions': help_session: write '{相談会|そうだんかい}': すべての 活動"
    ]


def test_a_word_is_found_in_kanji_or_kana_and_exceptions_hold():
    made = tiny(
        ("All sessions", "すべての {相談会|そうだんかい}"),
        ("Find a session", "そうだんかいを さがす"),  # in kana: the reading
        ("Cancel session", "中止に する"),  # may leave the word out…
        ("Ends every session of this person", "ログインを 終わる"),  # …another idea
    )
    assert glossary.problems(made, TERMS) == []
    assert glossary.problems(tiny(("Cancel session", "{支援|しえん}を 中止")), TERMS)


def test_a_malformed_term_is_named():
    assert glossary.malformed([{"id": "x", "en": "(", "use": [], "note": ""}]) == [
        "x: missing ['avoid']",
        "x: `use` needs at least one word and `avoid` a list",
        "x: en: missing ), unterminated subpattern at position 0",
    ]
