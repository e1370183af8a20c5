"""Every page a volunteer or resident opens in やさしい日本語 renders furigana, never raw markup."""

from bs4 import BeautifulSoup

from outreach.i18n import tooling
from outreach.i18n.markup import ruby
from outreach.paths import TRANSLATIONS
from tests.support.areas import load_tiny
from tests.support.easy_japanese import bare_kanji
from tests.support.help_sessions import announce
from tests.support.session_logs import new_log
from tests.support.survey_walk import soup, submit, walk


def test_support_pages_in_easy_japanese(client, login):
    load_tiny()
    login("coordinator")
    announce(client)
    new_log(client, follow_up="y")
    for url in (
        "/ja-easy/help-sessions/",
        "/ja-easy/volunteer/sessions/",
        "/ja-easy/volunteer/logs/new",
        "/ja-easy/volunteer/logs/",
        "/ja-easy/followups/",
        "/ja-easy/volunteer/logs/summary",
        "/ja-easy/volunteer/sessions/new",
        "/ja-easy/entry/",
    ):
        page = soup(client.get(url))  # the page checker fails on raw {漢字|かんじ}
        assert page.html["lang"] == "ja"


def test_survey_pages_in_easy_japanese(client):
    load_tiny()
    walk(client, "ja-easy", {"wants_help": "yes"})
    soup(client.get("/ja-easy/survey/check"))
    submit(client, "ja-easy")
    for url in (
        "/ja-easy/survey/thanks",
        "/ja-easy/survey/help",
        "/ja-easy/survey/contact",
        "/ja-easy/survey/paper",
    ):
        soup(client.get(url))


#: What a figure's interval means, said plainly on the figures and method pages (issue #21 item 2).
PLAIN_INTERVAL = "Each figure is an estimate. The true share is probably between the two numbers of its interval."


def test_figures_and_method_pages_say_plainly_what_an_interval_means(client):
    catalog = tooling.read(TRANSLATIONS / "ja@easy" / "LC_MESSAGES" / "messages.po", "ja@easy")
    plain = catalog.get(PLAIN_INTERVAL).string
    assert "たぶん この あいだ" in plain
    expected = BeautifulSoup(str(ruby(plain)), "html.parser").decode()
    load_tiny()
    for url in ("/ja-easy/transparency/", "/ja-easy/transparency/method"):
        said = [
            p for p in soup(client.get(url)).select("main p") if p.decode_contents() == expected
        ]
        assert len(said) == 1, f"{url}: the plain explanation of an interval is missing"
        assert said[0].select("ruby > rt"), f"{url}: no furigana"
        assert not bare_kanji(said[0], url)
