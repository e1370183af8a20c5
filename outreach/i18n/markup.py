"""Furigana from a safe markup in catalogs: {漢字|かんじ} becomes <ruby>.

Translations are never trusted as HTML: the text is escaped first, and only this one
pattern is turned into markup afterwards.
"""

import re

from markupsafe import Markup, escape

_RUBY = re.compile(r"\{([^{}|]+)\|([^{}|]+)\}")
_RT = re.compile(r"<rt>.*?</rt>", re.S)
_TAG = re.compile(r"<[^>]+>")


def ruby(text: str) -> Markup:
    """Escape `text`, then render each {base|reading} as ruby."""
    if isinstance(text, Markup):
        return text
    escaped = str(escape(str(text)))
    return Markup(_RUBY.sub(r"<ruby>\1<rt>\2</rt></ruby>", escaped))  # noqa: S704 - escaped above


def plain(text: str) -> str:
    """The text a reader sees without furigana, for <title>, attributes and plain-text output."""
    if isinstance(text, Markup):
        return Markup(_TAG.sub("", _RT.sub("", str(text)))).unescape()  # noqa: S704 - unescaped to plain text, never rendered as HTML
    return _RUBY.sub(r"\1", str(text))


_RUBY_HTML = re.compile(r"<ruby>(?:(?!<rt>).)*<rt>(.*?)</rt></ruby>", re.S)


def reading(text: str) -> str:
    """The text with each furigana'd word as its reading alone (やさしい日本語 where ruby cannot
    go: drop-down options, drawings, titles): {地区|ちく} and <ruby>地区<rt>ちく</rt></ruby>
    become ちく."""
    if isinstance(text, Markup):
        return Markup(_TAG.sub("", _RUBY_HTML.sub(r"\1", str(text)))).unescape()  # noqa: S704 - plain text out
    return _RUBY.sub(r"\2", str(text))


def is_well_formed(text: str) -> bool:
    """True when every brace in a catalog entry belongs to a {base|reading} pair."""
    rest = _RUBY.sub("", text)
    return "{" not in rest and "}" not in rest
