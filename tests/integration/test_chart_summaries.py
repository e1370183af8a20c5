"""The sentence beside each chart is true for none, one and many: plural forms come from the
catalogs, and "none" is said in words, never as "0 of 210 … have"."""

import pytest
from flask import g

from outreach.i18n.locales import BY_URL_CODE
from outreach.insights import summaries


@pytest.fixture
def english(app):
    with app.test_request_context("/en/"):
        g.site_locale = BY_URL_CODE["en"]  # as the URL's /en/ would on a real request
        yield


@pytest.mark.parametrize(
    ("missing", "expected"),
    [
        (0, "Risk score by neighbourhood: highest in Nagao. Every neighbourhood has a figure."),
        (1, "Risk score by neighbourhood: highest in Nagao. 1 of 210 neighbourhoods has no figure yet."),
        (12, "Risk score by neighbourhood: highest in Nagao. 12 of 210 neighbourhoods have no figure yet."),
    ],
)  # fmt: skip
def test_map_summary(english, missing, expected):
    assert summaries.map_summary("Risk score", "Nagao", missing, 210) == expected


def test_map_summary_with_no_figure_at_all(english):
    found = summaries.map_summary("Risk score", None, 210, 210)
    assert found == "Risk score: no neighbourhood has enough answers yet."


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (0, "No answers yet."),
        (1, "Most often chosen: Cost (1 answer)."),
        (5, "Most often chosen: Cost (5 answers)."),
    ],
)
def test_most_chosen(english, count, expected):
    assert summaries.most_chosen("Cost" if count else None, count) == expected


@pytest.mark.parametrize(
    ("answers", "helped", "expected"),
    [
        (0, 0, "No survey answers. Nobody helped by volunteers yet."),
        (1, 1, "1 survey answer. 1 person helped by volunteers."),
        (300, 2, "300 survey answers. 2 people helped by volunteers."),
    ],
)
def test_answers_and_help(english, answers, helped, expected):
    assert summaries.answers_and_help(answers, helped) == expected


def test_a_period_of_one_month_is_not_from_it_to_itself(english):
    assert summaries.period("Dec 2026", "Dec 2026") == "In Dec 2026."
    assert summaries.period("Jun 2026", "Dec 2026") == "From Jun 2026 to Dec 2026."
