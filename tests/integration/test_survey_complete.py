"""A response is stored only when complete: every required question on the path the answers take
is answered, whatever order the requests came in. Incomplete responses stored before this check
are found, reported and left out of every figure."""

import shutil
from pathlib import Path

import pytest
from sqlalchemy import func, select

from outreach.cli import survey_cli
from outreach.extensions import db
from outreach.models import AuditEvent, Channel, SurveyResponse, SurveyTally
from outreach.paths import FORMS
from outreach.services import response_store, survey, tallies
from tests.support.areas import load_tiny
from tests.support.survey_walk import soup, start, submit, walk

REQUIRED = {"internet_use": ["never"], "devices": ["none"], "wants_help": ["no"]}


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """The real instrument with `home_connection` (asked unless internet_use is "never")
    required, so that skip logic decides whether a required question is on the path."""
    folder = tmp_path / "forms"
    shutil.copytree(FORMS / "lists", folder / "lists")
    text = (FORMS / "digital-access-v2.toml").read_text(encoding="utf-8")
    marker = 'id = "home_connection"\ntype = "single"\n'
    assert marker in text
    text = text.replace(marker, marker + "required = true\n")
    (folder / "digital-access-v2.toml").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def app_config(forms: Path) -> dict:
    return {"FORMS_FOLDER": forms}


def stored() -> int:
    return db.session.scalar(select(func.count(SurveyResponse.id))) or 0


def answer(client, question_id: str, values: list[str], lang: str = "en") -> None:
    url = f"/{lang}/survey/q/{question_id}"
    client.post(url, data={"answer": values, "action": "next"}, expect=302)


def refused_at(client, lang: str = "en") -> str:
    """Submit; nothing may be stored; returns the question the resident is sent to."""
    before = stored()
    location = submit(client, lang).headers["Location"]
    assert stored() == before, "an incomplete response was stored"
    assert "/survey/q/" in location and location.endswith("?from=check")
    return location.split("/q/")[1].split("?")[0]


def test_start_then_submit_stores_nothing_and_sends_to_the_first_question(client):
    start(client)
    assert refused_at(client) == "internet_use"
    page = soup(client.get("/en/survey/q/internet_use?from=check"))
    assert "Answer this question to finish the survey" in page.get_text()


def test_out_of_order_answers_are_checked_on_the_path_they_take(client):
    start(client)
    answer(client, "wants_help", ["no"])
    answer(client, "devices", ["none"])
    assert refused_at(client) == "internet_use"
    answer(client, "internet_use", ["daily"])  # reveals the required home_connection
    assert refused_at(client) == "home_connection"
    answer(client, "internet_use", ["never"])  # hides it again: complete on this path
    assert submit(client).headers["Location"] == "/en/survey/thanks"
    assert stored() == 1


def test_a_required_question_answered_later_completes_the_response(client):
    start(client)
    for question, values in {**REQUIRED, "internet_use": ["weekly"]}.items():
        answer(client, question, values)
    assert refused_at(client, "ja") == "home_connection"
    answer(client, "home_connection", ["broadband"], "ja")
    assert submit(client, "ja").headers["Location"] == "/ja/survey/thanks"
    assert stored() == 1


def test_a_full_walk_still_submits(client):
    load_tiny()
    walk(client, "en", {"wants_help": "no"})
    assert submit(client).headers["Location"] == "/en/survey/thanks"
    assert stored() == 1


def test_the_service_refuses_incomplete_web_answers_but_keeps_paper_blanks(app):
    with pytest.raises(survey.Incomplete) as refused:
        survey.submit({"devices": ["none"]}, Channel.WEB, "en", "a")
    assert refused.value.question_id == "internet_use"
    with pytest.raises(survey.Incomplete):
        survey.submit({}, Channel.PAPER, "en", "b")
    survey.submit({"devices": ["none"]}, Channel.PAPER, "en", "c")  # a blank on the sheet
    assert stored() == 1


def test_volunteer_entry_refuses_an_empty_sheet(client, login):
    login("volunteer")
    page = soup(client.get("/en/entry/?channel=phone"))
    key = page.select_one('input[name="submission_key"]')["value"]
    page = soup(client.post("/en/entry/", data={"channel": "phone", "submission_key": key}))
    assert "this form is empty" in page.select_one(".error-summary").get_text()
    assert stored() == 0


def store_unchecked(answers: dict, key: str, channel: Channel = Channel.WEB) -> int:
    """A response as the app stored them before submissions were checked."""
    row = {
        **survey.prepare(survey.instrument(), answers),
        "channel": channel.value,
        "locale": "en",
        "submission_key": key,
    }
    row["answers"] = row.pop("pairs")
    response_id = response_store.store(row, None)
    tallies.mark_new([response_id])
    db.session.commit()
    return response_id


def everyone() -> int:
    """The figures' count of all responses (every month, area, age band and channel)."""
    rows = select(func.sum(SurveyTally.n)).where(
        SurveyTally.question == "", SurveyTally.month == tallies.ALL
    )
    return db.session.scalar(rows) or 0


def test_find_incomplete_reports_then_excludes_from_every_figure(app):
    complete = store_unchecked({**REQUIRED, "age_band": ["75_plus"]}, "ok")
    empty = store_unchecked({}, "empty")
    partial = store_unchecked({"wants_help": ["yes"]}, "partial")
    store_unchecked({"devices": ["none"]}, "paper", Channel.PAPER)  # a blank on a sheet: kept
    tallies.refresh(survey.instruments())
    assert everyone() == 4
    runner = app.test_cli_runner()
    report = runner.invoke(survey_cli, ["find-incomplete"])
    assert report.exit_code == 0, report.output
    assert "Found 2 incomplete" in report.output
    assert everyone() == 4, "reporting changes nothing"
    done = runner.invoke(survey_cli, ["find-incomplete", "--exclude"])
    assert "Excluded 2" in done.output, done.output
    excluded = db.session.scalars(
        select(SurveyResponse.id).where(SurveyResponse.excluded_on.is_not(None))
    )
    assert set(excluded) == {empty, partial}
    assert complete not in {empty, partial}
    assert everyone() == 2
    wants_help = select(func.sum(SurveyTally.n)).where(
        SurveyTally.question == "wants_help", SurveyTally.value == "yes"
    )
    assert not db.session.scalar(wants_help), "the excluded answer is in no figure"
    audit = db.session.scalar(select(AuditEvent).where(AuditEvent.action.like("survey.%")))
    assert audit is not None and audit.details == {"responses": 2}
    again = runner.invoke(survey_cli, ["find-incomplete"])
    assert "Found 0 incomplete" in again.output
