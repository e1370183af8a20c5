"""Dashboard, public page and exports agree with each other and with the database."""

import csv
import io
import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import AuditEvent, SurveyResponse
from outreach.services import insights, insights_cache, survey, synthetic, tallies
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS
from outreach.services.survey_counts import ResponseFilter
from tests.support.charts import bar_values, map_values
from tests.support.survey_walk import soup


@pytest.fixture
def city(app):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(1500, seed=7)
    tallies.refresh(survey.instruments())  # the timer's job: pages never count
    insights_cache.clear_cache()
    return insights.picture(ResponseFilter(), app.extensions["outreach_risk"])


def rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def test_estimates_match_a_hand_count(city):
    # Unweighted check of the database count behind one area's estimate.
    area = max(city.areas, key=lambda a: a.answers)
    stored = db.session.scalar(
        select(func.count(SurveyResponse.id)).where(SurveyResponse.area_code == area.code)
    )
    assert area.answers == stored
    figure = area.estimates["no_internet"]
    assert figure is not None and figure.low <= figure.proportion <= figure.high
    assert figure.answers <= stored and figure.kind == "model"


def test_every_area_has_a_figure_that_says_what_it_rests_on(city):
    small = [a for a in city.areas if 0 < a.answers < city.minimum]
    assert small, "the synthetic sample leaves some areas under the minimum"
    for area in city.areas:
        figure = area.estimates["no_internet"]
        assert figure is not None and 0 <= figure.low <= figure.proportion <= figure.high <= 1
        assert figure.kind == ("model" if area.answers else "model_only")
    assert all(a.score and not a.score.missing for a in city.areas)


def test_city_estimate_is_weighted_to_the_population(city):
    raw = db.session.scalar(select(func.count(SurveyResponse.id)))
    assert city.answers == raw
    assert 0 < city.city["no_internet"].proportion < 1


def test_dashboard_map_table_and_exports_agree(client, login, city):
    login("staff")
    page = soup(client.get("/en/insights/?layer=score"))
    map_scores = map_values(page)
    assert map_scores, "the map fills the neighbourhoods with a figure"
    exported = {r["area_code"]: r for r in rows(client.get("/en/insights/export.csv").data)}
    by_code = {a.code: a for a in city.areas}
    for code, z in map_scores.items():
        assert float(exported[code]["risk_score"]) == pytest.approx(z, abs=0.01)
        assert by_code[code].score.score == pytest.approx(z, abs=0.01)
    table = page.select_one("#risk-map-caption").find_parent("table")
    assert len(table.select("tbody tr")) == len(city.areas), "the map's numbers are in its table"
    geo = json.loads(client.get("/en/insights/export.geojson").data)
    assert {f["properties"]["area_code"] for f in geo["features"]} == set(exported)
    book = load_workbook(io.BytesIO(client.get("/en/insights/export.xlsx").data))
    sheet = book.active
    assert sheet.max_row == len(city.areas) + 1
    exports = db.session.scalar(
        select(func.count(AuditEvent.id)).where(AuditEvent.action.like("export.%"))
    )
    assert exports == 3


def test_trial_weights_change_scores_not_the_stored_config(app, client, login, city):
    login("staff")
    stored = app.extensions["outreach_risk"]
    page = soup(client.get("/en/insights/?w_survey=0&w_population=0&w_support=1"))
    assert "You are seeing trial weights" in page.get_text()
    assert app.extensions["outreach_risk"] == stored
    client.get("/en/insights/?w_survey=abc&method=bogus&layer=nope")


def test_every_chart_has_a_summary_and_a_table(client, login, city):
    login("coordinator")
    page = soup(client.get("/en/insights/"))
    charts = page.select("figure.chart")
    assert len(charts) >= 5
    for chart in charts:
        summary = chart.select_one("figcaption").get_text(strip=True)
        assert summary
        assert chart.select_one("table tbody tr") is not None
        svg = chart.select_one("svg.chart-svg")
        assert svg["role"] == "img", "the drawing is an image with a name and a description"
        title, desc = svg.select_one("title"), svg.select_one("desc")
        assert title.get_text(strip=True) and desc.get_text(strip=True) == summary
        assert svg["aria-labelledby"] == f"{title['id']} {desc['id']}"
    assert not page.select("script[src*=plotly]"), "no page loads plotly.js"


def test_public_page_and_open_data_are_suppressed(client, city):
    page = soup(client.get("/en/transparency/"))
    assert "Synthetic demo data." in page.get_text()
    data = rows(client.get("/en/transparency/open-data.csv").data)
    small = {a.code for a in city.areas if a.answers < city.minimum}
    for row in data:
        if row["area_code"] in small:
            assert row["answers"] == "x"
        assert row["no_internet_kind"] in ("survey_and_model", "model_only")
        share, low, high = (float(row[f"no_internet{s}"]) for s in ("", "_low95", "_high95"))
        assert all(round(v * 100, 9) == round(v * 100) for v in (share, low, high))
        assert low <= share <= high
        counts = [row[f"answers_{c}"] for c in ("web", "assisted", "paper", "phone")]
        assert all(c == "x" or int(c) % 5 == 0 for c in counts), "published counts are rounded"
        assert sum(c == "x" for c in counts) != 1 or row["answers"] == "x", (
            "a lone hidden cell would be recoverable"
        )


def test_priorities_export_follows_the_shortlist(client, login, city):
    login("coordinator")
    data = rows(client.get("/en/insights/priorities.csv").data)
    ranked = [r for r in data if r["rank"]]
    assert [int(r["rank"]) for r in ranked] == list(range(1, len(ranked) + 1))
    priorities = [float(r["priority"]) for r in ranked]
    assert priorities == sorted(priorities, reverse=True)
    chances = [float(r["probability_on_shortlist"]) for r in ranked]
    assert all(0 <= p <= 1 for p in chances)
    size = client.application.extensions["outreach_shortlist"].size
    # The ranking's own top is more likely on the shortlist than the rest, on average.
    assert sum(chances[:size]) / size > 0.5 > sum(chances[size:]) / len(chances[size:])
    exact = sum(a.standing.probability for a in city.areas)
    assert exact == pytest.approx(size), "each simulated draw shortlists exactly `size` areas"
    assert data[0]["top_barriers"]


def test_cache_refreshes_when_an_answer_is_counted(app, city):
    before = insights.picture(ResponseFilter(), app.extensions["outreach_risk"])
    assert before is insights.picture(ResponseFilter(), app.extensions["outreach_risk"])
    synthetic.generate(1, seed=99)
    assert insights.picture(ResponseFilter(), app.extensions["outreach_risk"]) is before
    tallies.refresh(survey.instruments())
    after = insights.picture(ResponseFilter(), app.extensions["outreach_risk"])
    assert after.answers == before.answers + 1


def test_method_page_lists_every_indicator(client, app):
    page = soup(client.get("/en/transparency/method"))
    text = page.get_text()
    for indicator in app.extensions["outreach_risk"].indicators:
        assert indicator.name in text


def test_neighbourhood_filter_narrows_the_breakdowns(client, login, city):
    login("staff")
    area = max(city.areas, key=lambda a: a.answers)
    page = soup(client.get(f"/en/insights/?area={area.code}"))
    assert sum(bar_values(page, "ages")) == area.answers
    everyone = bar_values(soup(client.get("/en/insights/")), "ages")
    assert sum(everyone) == city.answers


def test_answers_still_save_after_synthetic_data(client, city):
    """Synthetic rows must leave the id sequence right (PostgreSQL), or real answers fail to save."""
    from tests.support.survey_walk import submit, walk

    before = db.session.scalar(select(func.count(SurveyResponse.id)))
    walk(client, "en")
    assert submit(client).headers["Location"] == "/en/survey/thanks"
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == before + 1


def test_dashboard_starts_with_the_answer(client, login, city):
    login("staff")
    page = soup(client.get("/en/insights/"))
    order = [h["id"] for h in page.select("main h2[id]")]
    answer, breakdowns = order.index("shortlist-heading"), order.index("breakdowns-heading")
    assert answer < order.index("city-heading") < order.index("map-heading") < breakdowns
    assert answer <= 2, f"the shortlist comes first, after the contents and the choices: {order}"
    links = [a["href"] for a in page.select("nav.contents a")]
    assert links and all(page.select_one(href) for href in links), "every contents link lands"
    for frame in page.select(".table-scroll"):
        assert frame["role"] == "region" and frame["tabindex"] == "0"
        assert page.find(id=frame["aria-labelledby"]), "each scrolling frame is named"
    for table in page.select("table"):
        if table.caption["id"] == "shortlist-caption":
            continue  # the answer itself stays open
        if len(table.select("tbody tr")) > 6:
            assert table.find_parent("details"), f"long table folded: {table.caption.get_text()}"
    filters = page.select_one("details.filters-fold")
    assert not filters.has_attr("open"), "the choices stay folded until used"
    chosen = soup(client.get("/en/insights/?layer=no_internet"))
    assert chosen.select_one("details.filters-fold").has_attr("open")
