"""Change over time: quarters, the difference's interval, the month in progress marked."""

from datetime import date, timedelta

import pytest
from sqlalchemy import update

from outreach.extensions import db
from outreach.models import SurveyResponse
from outreach.services import insights_cache, survey, synthetic, tallies, trends
from outreach.services.area_estimates import Figure
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS
from outreach.services.survey_counts import ResponseFilter
from tests.support.survey_walk import soup


@pytest.mark.parametrize(
    ("day", "first", "last"),
    [
        (date(2026, 12, 4), date(2026, 10, 1), date(2026, 12, 31)),
        (date(2026, 1, 1), date(2026, 1, 1), date(2026, 3, 31)),
        (date(2026, 6, 30), date(2026, 4, 1), date(2026, 6, 30)),
        (date(2026, 9, 15), date(2026, 7, 1), date(2026, 9, 30)),
    ],
)
def test_quarters(day, first, last):
    assert trends.quarter_of(day) == (first, last)


def test_a_change_carries_the_interval_of_a_difference_of_independent_samples():
    # ±1.96·0.02 and ±1.96·0.015: the difference's half-width is 1.96·√(0.02² + 0.015²) = 0.049
    before = Figure(0.30, 0.30 - 1.96 * 0.02, 0.30 + 1.96 * 0.02, 100)
    after = Figure(0.25, 0.25 - 1.96 * 0.015, 0.25 + 1.96 * 0.015, 200)
    found = trends.change(before, after)
    assert found.difference == pytest.approx(-0.05)
    assert found.low == pytest.approx(-0.05 - 0.049, abs=1e-4)
    assert found.high == pytest.approx(-0.05 + 0.049, abs=1e-4)
    assert trends.change(None, after).difference is None


@pytest.fixture
def two_quarters(app):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(1200, seed=17, days=1)  # this month
    previous = trends.quarter_of(date.today())[0] - timedelta(days=20)
    synthetic.generate(1200, seed=18, days=1)
    newest = db.session.scalar(db.select(db.func.max(SurveyResponse.id)))
    db.session.execute(
        update(SurveyResponse)
        .where(SurveyResponse.id > newest - 1200)
        .values(submitted_on=previous)
    )
    db.session.commit()
    tallies.refresh(survey.instruments())
    insights_cache.clear_cache()
    return app


def test_each_quarter_is_estimated_on_its_own_answers(two_quarters):
    found = trends.quarters(two_quarters.extensions["outreach_risk"])
    assert found.partial, "the current quarter is not over"
    for change in found.city.values():
        assert change.before and change.after
        assert change.before.answers == change.after.answers == 1200
        assert change.low <= change.difference <= change.high
    assert all(before is not None for before, _ in found.scores.values())


def test_the_month_in_progress_is_marked_partial(two_quarters):
    points = trends.monthly("no_internet", ResponseFilter())
    this_month = f"{date.today():%Y-%m}"
    assert [p.partial for p in points] == [p.month >= this_month for p in points]
    assert points[-1].month == this_month and points[-1].answers == 1200


def test_pages_show_the_change_and_the_partial_month(two_quarters, client, login):
    public = soup(client.get("/en/transparency/"))
    assert public.select_one("#public-change")
    assert "(this quarter is not over yet)" in public.select_one("#public-change").get_text()
    login("staff")
    page = soup(client.get("/en/insights/"))
    assert page.select_one("#change-caption")
    this_month = f"{date.today():%b %Y}"  # as English writes a month: Dec 2026
    for chart_id in ("measures-trend", "trend"):
        svg = page.select_one(f"svg#{chart_id}")
        assert svg.select(".partial"), f"{chart_id}: the month in progress has hollow points"
        assert svg.select_one("text.annotation").get_text() == "so far"
        rows = page.select_one(f"#{chart_id}-caption").find_parent("table").select("tbody th")
        assert rows[-1].get_text() == f"{this_month} (so far)", "its table row says so too"
    summary = page.select_one("#measures-trend-summary").get_text()
    assert "The last month is not over yet" in summary


def _dated(count: int, seed: int, day: date) -> None:
    """`count` new answers given on `day` (a paper form keyed in late, say), counted."""
    synthetic.generate(count, seed=seed, days=1)
    newest = db.session.scalar(db.select(db.func.max(SurveyResponse.id)))
    db.session.execute(
        update(SurveyResponse).where(SurveyResponse.id > newest - count).values(submitted_on=day)
    )
    db.session.commit()
    tallies.refresh(survey.instruments())


def test_last_quarter_is_kept_until_an_answer_is_counted_into_it(two_quarters):
    from outreach.services import insights

    config = two_quarters.extensions["outreach_risk"]
    last_quarter = ResponseFilter(
        *trends.quarter_of(trends.quarter_of(date.today())[0] - timedelta(days=1))
    )
    kept = insights.past_picture(last_quarter, config)
    _dated(30, 19, date.today())  # today's answers: last quarter's figures stand as they were
    assert insights.past_picture(last_quarter, config) is kept
    found = trends.quarters(config)
    assert {c.after.answers for c in found.city.values()} == {1230}
    assert {c.before.answers for c in found.city.values()} == {1200}
    _dated(40, 20, last_quarter.end - timedelta(days=3))  # a late answer for last quarter
    found = trends.quarters(config)
    assert {c.before.answers for c in found.city.values()} == {1240}
    months = trends.monthly("no_internet", ResponseFilter())
    assert sum(p.answers for p in months) == 1230 + 1240


def test_a_recount_renews_the_figures_of_past_months(two_quarters):
    from outreach.services import insights

    config = two_quarters.extensions["outreach_risk"]
    last_quarter = ResponseFilter(
        *trends.quarter_of(trends.quarter_of(date.today())[0] - timedelta(days=1))
    )
    kept = insights.past_picture(last_quarter, config)
    tallies.rebuild(survey.instruments())
    assert insights.past_picture(last_quarter, config) is not kept
