"""Instrument files: the real one loads; broken ones stop the app with a precise message."""

from pathlib import Path

import pytest

from outreach.instrument import flow, load_all, load_instruments
from outreach.instrument.instrument import InstrumentError, load
from outreach.paths import FORMS
from outreach.vocabulary import Format

GOOD = """
id = "t"
version = 2
title = "T"
[[questions]]
id = "uses"
type = "single"
text = "Do you?"
options = [{ id = "yes", text = "Yes" }, { id = "never", text = "Never" }]
[[questions]]
id = "online"
type = "multiple"
text = "Which?"
options = [{ id = "a", text = "A" }, { id = "none", text = "None", exclusive = true }]
show_if = { question = "uses", none_of = ["never"] }
[[questions]]
id = "size"
type = "number"
text = "How many?"
min = 1
max = 9
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_real_instrument_loads_with_sources():
    survey = load_instruments()["digital-access"]
    assert 15 <= len(survey.questions) <= 25
    assert survey.version >= 1
    assert all(q.source for q in survey.questions if q.type in {"single", "multiple"})
    assert {q.type for q in survey.questions} >= {
        "single",
        "multiple",
        "yesno",
        "scale",
        "number",
        "text",
        "area",
    }
    assert (FORMS / "digital-access.toml").exists()


def test_no_internet_skips_the_online_questions():
    survey = load_instruments()["digital-access"]
    asked = {q.id for q in survey.visible({"internet_use": ["never"]})}
    assert {"home_connection", "worries", "online_city_services", "mynaportal"}.isdisjoint(asked)
    assert "barriers" in asked
    daily = {q.id for q in survey.visible({"internet_use": ["daily"]})}
    assert {"home_connection", "worries", "online_city_services"} <= daily


def test_skipped_filter_question_hides_nothing(tmp_path):
    survey = load(write(tmp_path, GOOD))
    assert [q.id for q in survey.visible({})] == ["uses", "online", "size"]
    assert [q.id for q in survey.visible({"uses": ["never"]})] == ["uses", "size"]


def test_flow_positions(tmp_path):
    survey = load(write(tmp_path, GOOD))
    answers = {"uses": ["never"]}
    assert flow.progress(survey, answers, "size") == flow.Progress(2, 0, exact=True)
    assert flow.next_question(survey, answers, "uses").id == "size"
    assert flow.previous_question(survey, answers, "size").id == "uses"
    assert flow.first_unanswered(survey, answers).id == "size"
    assert flow.next_question(survey, answers, "size") is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('type = "number"', 'type = "slider"'),
            "question 3 (size): unknown question type 'slider'",
        ),
        (
            ('question = "uses"', 'question = "usez"'),
            "question 2 (online): show_if refers to 'usez'",
        ),
        (('id = "size"', 'id = "online"'), "question 3 (online): duplicate id 'online'"),
        (
            ('none_of = ["never"]', 'none_of = ["nope"]'),
            "show_if names option nope that question 'uses' does not have",
        ),
        (
            (
                'options = [{ id = "a", text = "A" }, { id = "none", text = "None", exclusive = true }]',
                "",
            ),
            "question 2 (online): a multiple question needs options",
        ),
        (('{ id = "a", text = "A" }', '{ id = "a" }'), "every option needs an id"),
        (("max = 9", ""), "a number question needs whole-number min and max"),
        (('text = "Do you?"', ""), "question 1 (uses): missing text"),
    ],
)
def test_broken_instruments_name_file_question_and_problem(tmp_path, change, message):
    path = write(tmp_path, GOOD.replace(*change, 1))
    with pytest.raises(InstrumentError) as error:
        load(path)
    assert str(path) in str(error.value)
    assert message in str(error.value)


def test_a_broken_file_stops_loading(tmp_path):
    write(tmp_path, GOOD.replace('type = "number"', 'type = "slider"'))
    with pytest.raises(InstrumentError, match="unknown question type"):
        load_instruments(tmp_path)


def test_extractor_yields_every_resident_text():
    from outreach.instrument.extract import extract_instrument

    with (FORMS / "digital-access-v2.toml").open("rb") as fileobj:
        messages = {m[2] for m in extract_instrument(fileobj, None, None, None)}
    survey = load_instruments()["digital-access"]
    for question in survey.questions:
        assert question.text in messages
        assert all(o.text in messages for o in question.options)
        assert not question.hint or question.hint in messages


def test_the_current_survey_offers_help_online_as_sessions_do():
    current = load_instruments()["digital-access"]
    assert current.path.name == "digital-access-v2.toml"
    assert current.version == max(i.version for i in load_all() if i.id == "digital-access")
    help_format = current.find("help_format")
    assert help_format is not None and "online" in help_format.option_ids()
    assert set(help_format.option_ids()) == set(Format)  # every kind of session, no other


def test_the_current_survey_measures_what_version_1_measured():
    """Figures compare across versions when each measure keeps its id and its definition."""
    versions = {i.version: i for i in load_all() if i.id == "digital-access"}
    first, current = versions[1], versions[max(versions)]

    def definitions(instrument):
        return {m.id: (m.question, m.base, m.condition, m.options) for m in instrument.measures}

    assert definitions(current) == definitions(first)
