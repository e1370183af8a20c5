"""Row-level data for analysts: one row per response, no free text, the month instead of the day,
small neighbourhoods left blank; the SPSS and Stata files read back (pyreadstat) with the same
values and their labels; staff only, every download audited."""

import csv
import io
from collections import Counter

import pyreadstat
import pytest
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.models import AuditEvent, SurveyResponse
from outreach.services import survey, synthetic
from outreach.vocabulary import Channel
from tests.support.accounts import signed_in
from tests.support.areas import load_tiny

SECRET = "call me on 090-1111-2222"


@pytest.fixture
def staff(app, login, client):
    load_tiny()
    synthetic.generate(60, seed=4)
    survey.submit(
        {"internet_use": ["never"], "devices": ["none"], "comments": [SECRET],
         "neighbourhood": ["T001"], "age_band": ["75_plus"]},
        Channel.PHONE, "ja", "analyst-1",
    )  # fmt: skip
    login("staff")
    return client


def rows(client) -> list[dict]:
    text = client.get("/en/insights/responses.csv").get_data(as_text=True).lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(text)))


def test_one_row_per_response_without_free_text_or_days(app, staff):
    found = rows(staff)
    assert len(found) == db.session.scalar(select(func.count(SurveyResponse.id)))
    assert "comments" not in found[0] and all(SECRET not in str(r) for r in found)
    assert all(len(r["month"]) == 7 and r["month"][4] == "-" for r in found)
    mine = {"channel": "phone", "internet_use": "6", "devices_none": "1", "devices_smartphone": "0"}
    assert any(mine.items() <= r.items() for r in found)


def test_small_neighbourhoods_are_left_blank(app, staff):
    sizes = Counter(db.session.scalars(select(SurveyResponse.area_code)))
    small, large = sorted(sizes, key=sizes.get)[0], sorted(sizes, key=sizes.get)[-1]
    app.config["PUBLISH_MIN_CELL"] = sizes[large]  # the larger one just makes it
    assert sizes[small] < sizes[large], "the fixture must give neighbourhoods of different sizes"
    below = {area for area, n in sizes.items() if n < sizes[large]}
    shown = Counter(r["neighbourhood"] for r in rows(staff))
    assert shown[""] == sum(sizes[a] for a in below) and not below & set(shown)
    assert shown[large] == sizes[large]


@pytest.mark.parametrize(
    ("kind", "read"), [("sav", pyreadstat.read_sav), ("dta", pyreadstat.read_dta)]
)
def test_spss_and_stata_files_read_back_with_labels(app, staff, tmp_path, kind, read):
    path = tmp_path / f"data.{kind}"
    path.write_bytes(staff.get(f"/en/insights/responses.{kind}").data)
    frame, meta = read(str(path))
    expected = rows(staff)
    assert len(frame) == len(expected)
    assert meta.column_names_to_labels["internet_use"].startswith("In the last 12 months")
    assert meta.variable_value_labels["internet_use"][6.0] == "Never"
    assert meta.variable_value_labels["devices_none"] == {0.0: "Not chosen", 1.0: "Chosen"}
    counts = Counter(frame["internet_use"].dropna().astype(int))
    assert counts == Counter(int(r["internet_use"]) for r in expected if r["internet_use"])


def test_the_codebook_lists_every_variable_and_code(app, staff):
    text = staff.get("/en/insights/responses-codebook.csv").get_data(as_text=True).lstrip("\ufeff")
    book = {r["variable"]: r for r in csv.DictReader(io.StringIO(text))}
    assert set(book) == set(rows(staff)[0])
    assert "6=Never" in book["internet_use"]["codes"]
    assert book["devices_none"]["type"] == "flag"


def test_every_download_is_audited_and_volunteers_are_refused(app, staff):
    for path in ("responses.csv", "responses-codebook.csv", "responses.sav", "responses.dta"):
        staff.get(f"/en/insights/{path}")
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert {f"export.responses_{k}" for k in ("csv", "codebook", "sav", "dta")} <= set(actions)
    volunteer, _ = signed_in(app, "volunteer", "vol@example.jp")
    volunteer.get("/en/insights/responses.csv", expect=403)
