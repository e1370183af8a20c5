"""Place names in the reader's language: Japanese, with furigana, or romanised with the original."""

from typing import Protocol

from markupsafe import Markup

from outreach.i18n.locales import SiteLocale


class HasJapaneseName(Protocol):
    @property
    def name_ja(self) -> str: ...


def area_label(area: HasJapaneseName, site_locale: SiteLocale) -> Markup:
    """A neighbourhood's name for this locale, as safe HTML (Markup.format escapes each value)."""
    name_ja = area.name_ja
    kana = getattr(area, "name_kana", "") or ""
    romaji = getattr(area, "name_romaji", "") or ""
    if site_locale.babel == "ja" or (site_locale.babel == "ja@easy" and not kana):
        return Markup("{}").format(name_ja)
    if site_locale.babel == "ja@easy":
        return Markup("<ruby>{}<rt>{}</rt></ruby>").format(name_ja, kana)
    if not romaji:
        return Markup('<span lang="ja">{}</span>').format(name_ja)
    return Markup('{} (<span lang="ja">{}</span>)').format(romaji, name_ja)
