"""Neighbourhood pages show names in the reader's language, figures with source and year."""

from bs4 import BeautifulSoup

from tests.support.areas import load_tiny


def test_list_shows_totals_and_synthetic_label(client, login):
    load_tiny()
    login("staff")
    page = BeautifulSoup(client.get("/en/areas/").get_data(as_text=True), "html.parser")
    assert "Synthetic demo data." in page.select_one(".synthetic-label").get_text()
    rows = [
        [c.get_text(" ", strip=True) for c in r.find_all(["th", "td"])]
        for r in page.select("tbody tr")
    ]
    cells = next(r for r in rows if "試験町" in r[0])
    assert cells == ["Tesuto ( 試験町 )", "100", "40", "40%"]


def test_real_figures_have_no_synthetic_label(client, login):
    load_tiny(synthetic=False)
    login("coordinator")
    assert "synthetic-label" not in client.get("/en/areas/").get_data(as_text=True)


def test_detail_shows_each_figure_with_source_and_year(client, login):
    load_tiny()
    login("staff")
    page = BeautifulSoup(client.get("/ja/areas/T001").get_data(as_text=True), "html.parser")
    assert page.h1.get_text() == "試験町"
    rows = page.select("tbody tr")
    assert len(rows) == 7
    assert [c.get_text(strip=True) for c in rows[3].find_all(["th", "td"])][1:] == [
        "20",
        "2020",
        "Test source",
    ]


def test_easy_japanese_shows_furigana_for_names(client, login):
    load_tiny()
    login("staff")
    page = BeautifulSoup(client.get("/ja-easy/areas/T001").get_data(as_text=True), "html.parser")
    assert page.h1.find("rt").get_text() == "てすと"


def test_unknown_area_is_not_found(client, login):
    login("staff")
    client.get("/en/areas/NOPE", expect=404)


def test_demo_command_loads_once_and_prints_accounts(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "--no-serve"])
    assert first.exit_code == 0, first.output
    assert "Loaded the Hirakata demo data" in first.output
    assert "admin@hirakata.example.jp" in first.output
    second = runner.invoke(args=["demo", "--no-serve"])
    assert "Loaded" not in second.output and "admin@hirakata.example.jp" in second.output
    from outreach.services import areas

    assert areas.count() == 210
    total = sum(a.population for a in areas.summaries())
    assert total == 397_596, "calibrated to the 2020 census count"
    from sqlalchemy import func, select

    from outreach.extensions import db
    from outreach.models import SupportSession, SurveyResponse
    from outreach.services.demo import DEMO_RESPONSES

    assert db.session.scalar(select(func.count(SurveyResponse.id))) == DEMO_RESPONSES
    assert db.session.scalar(select(func.count(SupportSession.id))) > 0
