"""Where a やさしい日本語 page shows kanji a reader cannot read: outside <ruby>, in what is
seen (the page body, drop-down options and drawings included).

Left out, each for a reason: readings themselves (<rt>, <rp>); scripts and styles; text only
screen readers meet (`.visually-hidden`, a drawing's <title> and <desc>), which they pronounce;
links to the other languages (`hreflang`), each in its own script; what staff typed as it is
(`.entered`: a venue's address); and kanji followed by their reading in brackets, 見本町（みほんちょう）,
which is how drop-down options show a neighbourhood's name.
"""

import re

from bs4 import BeautifulSoup, NavigableString, Tag

KANJI = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヶ]+")
_WITH_READING = re.compile(
    r"[\u4e00-\u9fff\u3400-\u4dbf々〆ヶ]+（[\u3041-\u309f\u30a0-\u30ffー]+）"
)
_SKIPPED_TAGS = {"script", "style", "rt", "rp", "template", "noscript", "ruby", "title", "desc"}


def _skipped(element: Tag) -> bool:
    if element.name in _SKIPPED_TAGS or element.has_attr("hreflang"):
        return True
    classes = element.get("class") or []
    return "visually-hidden" in classes or "entered" in classes


def bare_kanji(page: BeautifulSoup, where: str) -> list[str]:
    """One line per text with kanji outside ruby: where, the kanji and the text around them."""
    found = []
    body = page.body or page
    for text in body.find_all(string=True):
        if not isinstance(text, NavigableString):
            continue
        rest = _WITH_READING.sub("", str(text))
        if not KANJI.search(rest) or any(_skipped(p) for p in text.parents if p is not body):
            continue
        found.append(f"{where}: {', '.join(KANJI.findall(rest))} in {text.strip()[:60]!r}")
    return found
