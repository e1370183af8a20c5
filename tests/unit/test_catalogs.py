"""Every catalog is complete, current and safe: a stale .pot or a broken entry fails here."""

import re

import pytest

from outreach.i18n.locales import TRANSLATED
from outreach.i18n.markup import is_well_formed
from outreach.i18n.tooling import extract, read
from outreach.paths import TRANSLATIONS

PLACEHOLDER = re.compile(r"%\((\w+)\)[sdf]|%[sdf]")


def _ids(catalog) -> set:
    return {m.id if isinstance(m.id, str) else tuple(m.id) for m in catalog if m.id}


def _strings(value) -> tuple[str, ...]:
    return tuple(value) if isinstance(value, list | tuple) else (value,)


def test_pot_is_current():
    committed = read(TRANSLATIONS / "messages.pot")
    fresh = extract()
    assert _ids(committed) == _ids(fresh), "run `outreach i18n update` and translate the changes"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_catalog_matches_pot(locale):
    template = read(TRANSLATIONS / "messages.pot")
    catalog = read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", locale)
    assert _ids(catalog) == _ids(template)


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_entry_translated_with_matching_placeholders(locale):
    catalog = read(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", locale)
    problems = []
    for message in (m for m in catalog if m.id):
        source = _strings(message.id)
        wanted = sorted(PLACEHOLDER.findall(" ".join(source)))
        strings = _strings(message.string)
        if (
            message.fuzzy
            or not all(strings)
            or (len(strings) != catalog.num_plurals and len(source) > 1)
        ):
            problems.append(f"untranslated or fuzzy: {source[0]!r}")
            continue
        for translated in strings:
            found = sorted(PLACEHOLDER.findall(translated))
            # A singular form may drop the number ("one event"), but never add or rename one.
            if found != wanted and not (len(source) > 1 and set(found) <= set(wanted)):
                problems.append(f"placeholders {found} != {wanted}: {source[0]!r}")
            if wanted and "%" in PLACEHOLDER.sub("", translated).replace("%%", ""):
                problems.append(f"a lone % next to placeholders must be written %%: {translated!r}")
            if not is_well_formed(translated):
                problems.append(f"broken furigana markup: {translated!r}")
            if re.search(r"<[a-zA-Z/]", translated):
                problems.append(f"HTML in a translation: {translated!r}")
    assert not problems, "\n".join(problems)
