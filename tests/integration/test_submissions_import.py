"""Answers collected door to door in ODK Collect, loaded from ODK Central's CSV export: each
submission once, all or nothing with the lines named, complete as the web requires."""

import csv
import io
from datetime import date

import pytest
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import SurveyResponse
from outreach.services import submissions_import
from tests.support.areas import load_tiny

#: The columns ODK Central's "Download all (CSV)" writes around the form's own fields.
HEADER = [
    "SubmissionDate",
    "start",
    "end",
    "internet_use",
    "devices",
    "skills",
    "wants_help",
    "help_topics",
    "neighbourhood",
    "age_band",
    "household_size",
    "meta-instanceID",
    "KEY",
    "SubmitterID",
    "SubmitterName",
    "Status",
    "ReviewState",
    "FormVersion",
]


def central_csv(*rows: dict) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER, lineterminator="\r\n")
    writer.writeheader()
    for n, row in enumerate(rows, start=1):
        writer.writerow(
            {
                "SubmissionDate": "2026-12-03T09:15:02.116Z",
                "end": "2026-11-30T14:02:11.000+09:00",
                "meta-instanceID": f"uuid:0f1e2d3c-{n:04d}",
                "KEY": f"uuid:0f1e2d3c-{n:04d}",
                "SubmitterName": "Test volunteer",
                "FormVersion": "1",
                **row,
            }
        )
    return "\ufeff" + out.getvalue()


GOOD = {
    "internet_use": "never",
    "devices": "feature_phone",
    "wants_help": "yes",
    "help_topics": "smartphone_basics my_number_card",
    "neighbourhood": "T001",
    "age_band": "75_plus",
    "household_size": "2",
}


@pytest.fixture
def volunteer(app, make_user):
    load_tiny()
    return make_user("volunteer", email="vol@example.jp")


def stored() -> list[SurveyResponse]:
    return list(db.session.scalars(select(SurveyResponse).order_by(SurveyResponse.id)))


def test_each_submission_is_loaded_once(volunteer, app, tmp_path):
    path = tmp_path / "digital-access.csv"
    path.write_text(central_csv(GOOD, {**GOOD, "devices": "smartphone", "skills": "wifi browse"}))
    runner = app.test_cli_runner()
    first = runner.invoke(args=["survey", "import-submissions", str(path)])
    assert first.exit_code == 0, first.output
    assert "Added 2 response(s); 0 were already loaded." in first.output
    again = runner.invoke(args=["survey", "import-submissions", str(path)])
    assert "Added 0 response(s); 2 were already loaded." in again.output
    responses = stored()
    assert len(responses) == 2
    assert {r.channel for r in responses} == {"offline"}
    assert {r.entered_by_id for r in responses} == {volunteer.id}
    assert responses[0].submitted_on == date(2026, 11, 30), "the day the resident answered"
    assert responses[0].area_code == "T001" and responses[0].age_band == "75_plus"
    assert ["help_topics", "my_number_card"] in responses[0].answers


def test_a_bad_file_loads_nothing_and_names_every_line(volunteer):
    text = central_csv(
        GOOD,
        {**GOOD, "devices": "smartphone pager"},
        {**GOOD, "internet_use": ""},
        {**GOOD, "SubmitterName": "Someone Else"},
        {**GOOD, "household_size": "99", "meta-instanceID": "", "KEY": ""},
    )
    report = submissions_import.load(text)
    assert report.added == 0
    assert report.errors == [
        "line 3: devices: pager is not an option",
        "line 4: internet_use: needs an answer",
        "line 5: collector 'Someone Else' is no volunteer's name or email here",
        "line 6: no instanceID (meta-instanceID)",
    ]
    assert db.session.scalar(select(func.count(SurveyResponse.id))) == 0


def test_kobo_semicolon_export_with_group_paths(volunteer):
    rows = [
        ";".join(
            [
                "group_a/internet_use",
                "devices",
                "wants_help",
                "neighbourhood",
                "_uuid",
                "_submitted_by",
                "_submission_time",
            ]
        ),
        ";".join(
            [
                "daily",
                "smartphone computer",
                "no",
                "T001",
                "7b1c",
                "vol@example.jp",
                "2026-12-01T10:00:00",
            ]
        ),
    ]
    report = submissions_import.load("\n".join(rows) + "\n")
    assert (report.added, report.errors) == (1, [])
    assert stored()[0].submission_key == "odk:7b1c"


def test_an_instance_id_with_other_answers_is_refused(volunteer):
    assert submissions_import.load(central_csv(GOOD)).added == 1
    changed = {**GOOD, "age_band": "65_74"}
    report = submissions_import.load(central_csv(changed))
    assert report.errors == [
        "line 2: instanceID uuid:0f1e2d3c-0001 was loaded before with other answers"
    ]
    twice = central_csv(GOOD, GOOD).splitlines()
    twice[2] = twice[2].replace("0002", "0001")  # one submission sent twice: loaded once
    assert submissions_import.load("\n".join(twice)).errors == []
    conflict = central_csv(GOOD, changed).splitlines()
    conflict[2] = conflict[2].replace("0002", "0009")
    conflict[1] = conflict[1].replace("0001", "0009")
    report = submissions_import.load("\n".join(conflict))
    assert report.errors == [
        "line 3: instanceID uuid:0f1e2d3c-0009 is on line 2 with other answers"
    ]
    assert len(stored()) == 1


def test_a_file_of_another_form_version_is_refused(volunteer):
    report = submissions_import.load(central_csv({**GOOD, "FormVersion": "7"}))
    assert report.errors == [
        "line 2: form version 7 is not a version of this survey (1, 2): export the form again "
        "and collect with it"
    ]
