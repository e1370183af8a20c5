"""The locale comes from the URL, is remembered, starts from the browser and falls back to Japanese."""

import pytest
from bs4 import BeautifulSoup

from outreach.i18n.locales import LOCALES

PUBLIC_PAGES = ["/{}/", "/{}/login", "/{}/accessibility"]


def soup(response) -> BeautifulSoup:
    return BeautifulSoup(response.get_data(as_text=True), "html.parser")


@pytest.mark.parametrize("loc", LOCALES, ids=lambda loc: loc.url_code)
def test_pages_render_in_every_language(client, loc):
    for pattern in PUBLIC_PAGES:
        page = soup(client.get(pattern.format(loc.url_code)))
        assert page.html["lang"] == loc.html_lang
        link = page.select_one("header a.language-link")
        assert link["href"].startswith(f"/{loc.url_code}/language?next=")
        languages = soup(client.get(link["href"]))
        current = languages.select_one(".lang-switcher a[aria-current]")
        assert current.get_text() == loc.native_name


def test_pages_are_translated(client):
    assert soup(client.get("/ja/login")).h1.get_text() == "ログイン"
    assert soup(client.get("/en/login")).h1.get_text() == "Sign in"
    easy = soup(client.get("/ja-easy/"))
    assert easy.h1.find("ruby") is not None, "easy Japanese shows furigana"


def test_root_uses_browser_language_then_cookie(client):
    response = client.get("/", headers={"Accept-Language": "vi-VN,vi;q=0.9,en;q=0.5"}, expect=302)
    assert response.headers["Location"] == "/vi/"
    client.get("/ko/")
    response = client.get("/", headers={"Accept-Language": "vi"}, expect=302)
    assert response.headers["Location"] == "/ko/", "the remembered choice wins"


def test_falls_back_to_japanese(client):
    assert (
        client.get("/", headers={"Accept-Language": "fr"}, expect=302).headers["Location"] == "/ja/"
    )


def test_unknown_language_is_not_found(client):
    client.get("/xx/login", expect=404)


def test_switcher_links_keep_the_page_and_query(client, login):
    login("admin")
    page = soup(client.get("/en/admin/audit?page=1"))
    languages = soup(client.get(page.select_one("header a.language-link")["href"]))
    links = {a["hreflang"]: a["href"] for a in languages.select(".lang-switcher a")}
    assert links["ja"] in {"/ja/admin/audit?page=1", "/ja-easy/admin/audit?page=1"}
    assert links["pt-BR"] == "/pt-br/admin/audit?page=1"
    assert all(a.get("lang") for a in languages.select(".lang-switcher a"))


def test_the_language_link_is_one_line_in_the_reader_s_language_and_english(client):
    link = soup(client.get("/ja/survey/")).select_one("header a.language-link")
    assert link.get_text() == "言語 / Language"
    assert link.select_one("span")["lang"] == "en"
    english = soup(client.get("/en/survey/")).select_one("header a.language-link")
    assert english.get_text() == "Language / 言語" and english.select_one("span")["lang"] == "ja"
    assert soup(client.get("/en/survey/")).select(".lang-switcher") == [], "no list in the header"


def test_the_language_page_names_each_language_in_itself_and_returns_to_the_page(client):
    page = soup(client.get("/ko/language?next=/ko/survey/resume"))
    links = page.select(".lang-switcher a")
    assert [a.get_text() for a in links] == [loc.native_name for loc in LOCALES]
    assert [(a["lang"], a["hreflang"]) for a in links] == [(loc.html_lang,) * 2 for loc in LOCALES]
    assert [a["href"] for a in links] == [f"/{loc.url_code}/survey/resume" for loc in LOCALES]
    assert page.select_one("a[aria-current]")["hreflang"] == "ko"


@pytest.mark.parametrize(
    "target",
    [
        "",
        "https://evil.example/",
        "//evil.example/ja/",
        "/\\evil.example",
        "/ja/no-such-page",
        "/healthz",
        "/ja/survey/start",
        "javascript:alert(1)",
    ],
)
def test_the_language_page_links_only_to_pages_of_this_site(client, target):
    page = soup(client.get("/en/language", query_string={"next": target}))
    hrefs = [a["href"] for a in page.select(".lang-switcher a")]
    assert hrefs == [f"/{loc.url_code}/" for loc in LOCALES]


def test_error_pages_are_translated(client):
    page = soup(client.get("/ja/no-such-page", expect=404))
    assert page.h1.get_text() == "ページが見つかりません"


def test_translations_need_no_writable_instance_folder(tmp_path, monkeypatch):
    """A read-only deployment: the compiled catalogs go to a private folder of the process."""
    from outreach import create_app

    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "translations").write_text("not a folder")  # nothing can be compiled there
    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(instance))
    app = create_app({"SQLALCHEMY_DATABASE_URI": "sqlite://", "SECRET_KEY": "x", "TESTING": True})
    assert not app.config["BABEL_TRANSLATION_DIRECTORIES"].startswith(str(instance))
    with app.test_request_context("/ja/login"):
        from flask_babel import gettext

        app.preprocess_request()
        assert gettext("Sign in") == "ログイン"
