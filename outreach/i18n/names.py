"""Place names in the reader's language: Japanese, with furigana, or romanised with the original."""

from markupsafe import Markup, escape

from outreach.i18n.locales import SiteLocale


def area_label(area: object, site_locale: SiteLocale) -> Markup:
    """A neighbourhood's name for this locale, as safe HTML."""
    name_ja = escape(area.name_ja)
    kana = escape(getattr(area, "name_kana", "") or "")
    romaji = escape(getattr(area, "name_romaji", "") or "")
    if site_locale.babel == "ja":
        return Markup(name_ja)
    if site_locale.babel == "ja@easy":
        return Markup(f"<ruby>{name_ja}<rt>{kana}</rt></ruby>") if kana else Markup(name_ja)
    if not romaji:
        return Markup(f'<span lang="ja">{name_ja}</span>')
    return Markup(f'{romaji} (<span lang="ja">{name_ja}</span>)')
