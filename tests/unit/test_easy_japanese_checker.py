"""The kanji checker itself: it finds what a reader could not read, and only that."""

from bs4 import BeautifulSoup

from tests.support.easy_japanese import bare_kanji


def page(body: str) -> BeautifulSoup:
    return BeautifulSoup(f"<html><body>{body}</body></html>", "html.parser")


def test_kanji_outside_ruby_are_found_with_where():
    found = bare_kanji(page("<p><ruby>地区<rt>ちく</rt></ruby>を 選んで</p>"), "/x")
    assert found == ["/x: 選 in 'を 選んで'"]


def test_options_drawings_and_switchers_are_judged_as_described():
    body = (
        "<select><option>見本町（みほんちょう）</option><option>基本</option></select>"
        '<span class="visually-hidden">変更</span><svg><title>地図</title><text>地図</text></svg>'
        '<a hreflang="zh-Hans">简体中文</a><dd class="entered">大垣内町2-1-20</dd>'
    )
    found = bare_kanji(page(body), "/y")
    assert found == ["/y: 基本 in '基本'", "/y: 地図 in '地図'"]
