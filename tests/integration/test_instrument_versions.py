"""Next year's survey beside this year's: a question renamed, two removed. Figures of the
measures both versions define stay comparable (each answer judged by its own version's
declarations) and no page breaks."""

import shutil
from pathlib import Path

import pytest

from outreach import create_app
from outreach.instrument.instrument import InstrumentError
from outreach.instrument.measures import Measure
from outreach.models import Channel
from outreach.paths import FORMS
from outreach.risk.config import RiskConfigError
from outreach.services import insights, survey, synthetic, tallies
from outreach.services.survey_counts import ResponseFilter, share
from tests.support.areas import load_tiny

V1 = (FORMS / "digital-access.toml").read_text(encoding="utf-8")


def next_year(text: str) -> str:
    """Version 2: `devices` renamed, `barriers` and `help_topics` (and their roles) removed."""
    text = text.replace("version = 1", "version = 2", 1)
    text = text.replace('"devices"', '"devices_owned"')
    text = text.replace('id = "devices"', 'id = "devices_owned"')
    text = text.replace('base = "devices"', 'base = "devices_owned"')
    for question in ("barriers", "help_topics"):
        start = text.index(f'[[questions]]\nid = "{question}"')
        end = text.index("[[questions]]", start + 1)
        text = text[:start] + text[end:]
        text = text.replace(f'{question} = "{question}"', "")
    return text


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    folder = tmp_path / "forms"
    shutil.copytree(FORMS / "lists", folder / "lists")
    residents = folder / "lists" / "demo-residents.toml"  # the demo answers version 1 here
    text = residents.read_text(encoding="utf-8")
    residents.write_text(text.replace("\nversion = 2\n", "\nversion = 1\n", 1), encoding="utf-8")
    (folder / "digital-access.toml").write_text(V1, encoding="utf-8")
    (folder / "digital-access-2027.toml").write_text(next_year(V1), encoding="utf-8")
    return folder


@pytest.fixture
def app_config(forms: Path) -> dict:
    return {"FORMS_FOLDER": forms}


def test_residents_answer_the_newest_version(app):
    current = survey.instrument()
    assert current.version == 2
    assert current.find("devices") is None and current.find("devices_owned")
    assert current.role("help_topics") is None
    assert [i.version for i in survey.instruments()] == [1, 2]


def test_a_measure_counts_answers_of_both_versions_each_by_its_own_question(app):
    load_tiny()
    synthetic.generate(40, seed=3)  # version 1: `devices`
    v1 = survey.instruments()[0]
    with_phone = [
        survey.submit(
            {"devices_owned": [d], "age_band": ["18_39"], "neighbourhood": ["T001"]},
            Channel.PHONE,  # keyed in as given: a web response would have to be complete
            "en",
            f"k{n}",
        )
        for n, d in enumerate(["smartphone", "computer", "computer"])
    ]
    assert len(with_phone) == 3
    tallies.refresh(survey.instruments())
    cells = share("no_smartphone", survey.instrument().strata, ResponseFilter())
    base = sum(c.base for c in cells)
    positives = sum(c.positives for c in cells)
    expected = _judged_by_hand(v1.measure("no_smartphone"))
    assert (base, positives) == (expected[0] + 3, expected[1] + 2)


def _judged_by_hand(measure: Measure) -> tuple[int, int]:
    from outreach.extensions import db
    from outreach.models import SurveyResponse

    base = positives = 0
    for pairs in db.session.scalars(
        db.select(SurveyResponse.answers).where(SurveyResponse.instrument_version == 1)
    ):
        answers: dict[str, list[str]] = {}
        for question, value in pairs:
            answers.setdefault(question, []).append(value)
        in_base, positive = measure.judge(answers)
        base, positives = base + in_base, positives + positive
    return base, positives


def test_no_page_breaks_when_questions_are_renamed_or_removed(app, client, login):
    load_tiny()
    synthetic.generate(60, seed=5)
    survey.submit({"devices_owned": ["tablet"], "wants_help": ["yes"]}, Channel.PHONE, "en", "x")
    tallies.refresh(survey.instruments())
    for path in ("/en/survey/help", "/en/survey/paper", "/ja/transparency/", "/en/survey/"):
        assert client.get(path).status_code == 200, path
    login("staff")
    for path in ("/en/insights/", "/en/insights/priorities.csv", "/en/insights/export.csv"):
        assert client.get(path).status_code == 200, path
    figures = insights.picture(ResponseFilter(), app.extensions["outreach_risk"])
    assert set(figures.measures) == {m.id for m in survey.instrument().measures}


def test_a_risk_index_naming_a_measure_the_survey_dropped_stops_the_app(forms, tmp_path):
    text = (forms / "digital-access-2027.toml").read_text(encoding="utf-8")
    start = text.index('[[measures]]\nid = "wants_help"')
    end = text.index("[[questions]]", start)
    (forms / "digital-access-2027.toml").write_text(text[:start] + text[end:], encoding="utf-8")
    with pytest.raises(RiskConfigError, match="wants_help"):
        create_app({"FORMS_FOLDER": forms, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_a_measure_naming_a_question_the_survey_lacks_stops_the_app(forms):
    path = forms / "digital-access-2027.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('question = "internet_use"', 'question = "internet_usage"', 1))
    with pytest.raises(InstrumentError) as caught:
        create_app({"FORMS_FOLDER": forms, "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    message = str(caught.value)
    assert str(path) in message and "no_internet" in message and "internet_usage" in message
