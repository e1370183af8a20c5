"""The languages Outreach speaks, and how a request picks one."""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class SiteLocale:
    #: The URL segment: /<url_code>/… (shareable links carry the language).
    url_code: str
    #: The Babel/gettext catalog name.
    babel: str
    #: The BCP 47 tag for <html lang>. Easy Japanese has no tag, so it is "ja" for screen readers.
    html_lang: str
    #: The language's name in itself, for the switcher.
    native_name: str


LOCALES: tuple[SiteLocale, ...] = (
    SiteLocale("ja", "ja", "ja", "日本語"),
    SiteLocale("ja-easy", "ja@easy", "ja", "やさしい にほんご"),
    SiteLocale("en", "en", "en", "English"),
    SiteLocale("zh-hans", "zh_Hans", "zh-Hans", "简体中文"),
    SiteLocale("ko", "ko", "ko", "한국어"),
    SiteLocale("vi", "vi", "vi", "Tiếng Việt"),
    SiteLocale("ne", "ne", "ne", "नेपाली"),
    SiteLocale("pt-br", "pt_BR", "pt-BR", "Português (Brasil)"),
)
DEFAULT = LOCALES[0]
BY_URL_CODE = {loc.url_code: loc for loc in LOCALES}
#: Catalogs we translate; English is the source language of every message.
TRANSLATED = tuple(loc.babel for loc in LOCALES if loc.babel != "en")

# Browser language tags reduced to their first subtag; Chinese readers get Simplified.
_PRIMARY = {
    "ja": "ja",
    "en": "en",
    "zh": "zh-hans",
    "ko": "ko",
    "vi": "vi",
    "ne": "ne",
    "pt": "pt-br",
}


def from_accept_language(values: Iterable[str]) -> SiteLocale | None:
    """The first supported locale among browser tags, best quality first."""
    for tag in values:
        tag = tag.lower().replace("_", "-")
        if tag in BY_URL_CODE:
            return BY_URL_CODE[tag]
        primary = _PRIMARY.get(tag.split("-")[0])
        if primary:
            return BY_URL_CODE[primary]
    return None
