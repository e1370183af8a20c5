"""The survey written as an XLSForm for ODK and Kobo (outreach.instrument.xlsform), in every
language of the catalogs, with this city's neighbourhoods as the area question's choices."""

from pathlib import Path

from babel.messages.pofile import read_po
from sqlalchemy import select

from outreach.extensions import db
from outreach.i18n.locales import LOCALES, SiteLocale
from outreach.instrument.instrument import Instrument
from outreach.instrument.xlsform import Language, Place, workbook
from outreach.models import Area
from outreach.paths import TRANSLATIONS


def export(survey: Instrument, path: Path) -> int:
    """Write the XLSForm; returns how many questions it holds."""
    languages = [_language(loc) for loc in _english_first()]
    places = [
        _place(area, languages) for area in db.session.scalars(select(Area).order_by(Area.code))
    ]
    workbook(survey, languages, places).save(path)
    return len(survey.questions)


def _english_first() -> list[SiteLocale]:
    # The catalogs' source language: every text exists in it, so it is the form's default.
    return sorted(LOCALES, key=lambda loc: loc.babel != "en")


def column(loc: SiteLocale) -> str:
    # ODK reads the primary language subtag only (zh-Hans and pt-BR are not in its list), from
    # the last brackets: a name keeps none of its own.
    name = loc.native_name.replace("(", "").replace(")", "")
    return f"{name} ({loc.html_lang.split('-')[0]})"


def _language(loc: SiteLocale) -> Language:
    if loc.babel == "en":
        return Language(column(loc), lambda text: text)
    path = TRANSLATIONS / loc.babel / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as po:
        found = {
            m.id: m.string
            for m in read_po(po)
            if isinstance(m.id, str) and isinstance(m.string, str) and m.string
        }
    return Language(column(loc), lambda text: found.get(text) or text)


def _place(area: Area, languages: list[Language]) -> Place:
    names = {}
    for loc, lang in zip(_english_first(), languages, strict=True):
        if loc.babel == "ja@easy":
            names[lang.column] = f"{area.name_ja}（{area.name_kana}）"
        elif loc.babel == "ja":
            names[lang.column] = area.name_ja
        else:
            names[lang.column] = area.name_romaji
    return Place(area.code, names)
