"""SVG pieces shared by every chart: escaped text, wrapped labels, the accessible frame.

Everything is drawn with presentation attributes (fill, stroke, font-size), never `style=`:
pages keep `style-src 'self'` in their Content Security Policy.
"""

import unicodedata

from markupsafe import Markup, escape

from outreach.i18n.markup import plain

#: Fonts with glyphs for all eight languages (site.css sets the same on .chart-svg).
FONT = "Noto Sans JP, Noto Sans, sans-serif"
INK = "#1a1a1a"
GRID = "#d6d6d6"
MUTED = "#4a4a4a"


def text(value: object) -> str:
    """Text for SVG: furigana written {漢字|かんじ} becomes the plain kanji (SVG has no ruby),
    then escaped, so names from the data can never become markup."""
    return str(escape(plain(str(value))))


def width_em(value: str) -> float:
    """Rough width of `value` in ems: CJK and other wide characters about 1, Latin about 0.55.
    Good enough to wrap labels before they reach the edge; the browser measures nothing here."""
    wide = sum(1 for ch in value if unicodedata.east_asian_width(ch) in "WF")
    return wide + 0.56 * (len(value) - wide)


def wrap(value: str, size: float, max_width: float, max_lines: int = 3) -> list[str]:
    """`value` broken into lines no wider than `max_width` px at font size `size`.

    Breaks at spaces where there are any, else between characters (Japanese and Chinese have no
    spaces). A label is never cut: past `max_lines` the last line simply runs long.
    """
    limit = max_width / size
    words = value.split(" ") if " " in value else list(value)
    joiner = " " if " " in value else ""
    lines: list[str] = []
    line = ""
    for word in words:
        candidate = f"{line}{joiner}{word}" if line else word
        if line and width_em(candidate) > limit and len(lines) < max_lines - 1:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def text_lines(
    lines: list[str], x: float, y: float, size: float, line_height: float, **attrs: object
) -> str:
    """A <text> of several lines (one <tspan> each), first baseline at `y`."""
    extra = "".join(f' {k.replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    spans = "".join(
        f'<tspan x="{x:g}" y="{y + i * line_height:g}">{text(line)}</tspan>'
        for i, line in enumerate(lines)
    )
    return f'<text font-size="{size:g}" fill="{INK}"{extra}>{spans}</text>'


def frame(
    chart_id: str, title: str, summary: str, width: float, height: float, body: str
) -> Markup:
    """The whole drawing: an image with a name (<title>) and a description (<desc>) of its own,
    scaled to its container by CSS (site.css .chart-svg)."""
    return Markup(  # noqa: S704 - every piece of text inside went through text()
        f'<svg class="chart-svg" id="{escape(chart_id)}" viewBox="0 0 {width:g} {height:g}" '
        f'role="img" aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" '
        f'font-family="{FONT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{escape(chart_id)}-title">{text(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{text(summary)}</desc>{body}</svg>'
    )
