"""The neighbourhood question: a postal code finds the neighbourhood (Japan Post's towns matched
to the imported areas); a code covering several offers just those; a code not of this city
gets a clear message with what was typed kept."""

import pytest
from sqlalchemy import func, select

from outreach.cli import survey_cli
from outreach.extensions import db
from outreach.models import AuditEvent, Channel, SurveyResponse, SurveyTally
from outreach.services import survey, tallies
from outreach.services.area_import import apply_import, import_files, plan_import
from outreach.services.demo import GEOJSON, STATISTICS
from tests.support.areas import feature, tiny_files
from tests.support.survey_walk import soup, start

QUESTION = "/{lang}/survey/q/neighbourhood"
# 5730032 is 岡東町; 5730117 is 杉, which covers 杉 and 大字杉.
TOWNS = [("P001", "岡東町"), ("P002", "杉"), ("P003", "大字杉"), ("P004", "見本町")]


@pytest.fixture
def towns(app):
    rows = [f"{code},2020,Test source,1,1,1,1,1,1,0" for code, _ in TOWNS]
    files = tiny_files([feature(code, name) for code, name in TOWNS], rows)
    apply_import(plan_import(*files), synthetic=True)
    db.session.commit()


def _send_postal_code(client, typed: str, lang: str = "en"):
    start(client, lang)
    url = QUESTION.format(lang=lang)
    return client.post(
        url, data={"answer": "", "postal_code": typed, "action": "next"}, expect={200, 302}
    )


def _checked_area(client) -> str:
    page = soup(client.get("/en/survey/check"))
    row = next(r for r in page.select(".summary-row") if "neighbourhood" in r.dt.get_text())
    return row.dd.get_text(" ", strip=True)


@pytest.mark.parametrize(
    "typed", ["573-0032", "5730032", "〒５７３－００３２", "〒573ー0032", " 573 0032 "]
)
def test_a_postal_code_of_one_neighbourhood_answers_the_question(client, towns, typed):
    response = _send_postal_code(client, typed)
    assert response.status_code == 302 and "/q/age_band" in response.headers["Location"]
    assert "岡東町" in _checked_area(client)


def test_a_code_covering_several_neighbourhoods_offers_just_those(client, towns):
    response = _send_postal_code(client, "573-0117", "ja")
    page = soup(response)
    assert response.status_code == 200
    assert "573-0117" in page.select_one(".notice").get_text()
    offered = [
        o.get_text()
        for o in page.select("select[name=answer] option")
        if o["value"] not in ("", "prefer_not")
    ]
    assert sorted(offered) == ["大字杉（てすと）", "杉（てすと）"], "with their reading"
    assert page.select_one("input[name=postal_code]")["value"] == "5730117"
    client.post(
        QUESTION.format(lang="ja"),
        data={"answer": "P003", "postal_code": "5730117", "action": "next"},
        expect=302,
    )
    assert "大字杉" in _checked_area(client)


@pytest.mark.parametrize(
    ("typed", "shown"), [("100-0001", "100-0001"), ("５７３００００", "573-0000")]
)
def test_a_code_of_no_neighbourhood_here_says_so_and_keeps_it(client, towns, typed, shown):
    response = _send_postal_code(client, typed)
    page = soup(response)
    assert response.status_code == 200
    message = page.select_one(".error-message").get_text()
    assert f"{shown} is not a postal code of Hirakata City" in message
    assert page.select_one("input[name=postal_code]")["value"] == typed  # kept as typed
    assert page.title.get_text().startswith("Error:")


def test_a_malformed_code_asks_for_seven_digits_and_keeps_what_was_typed(client, towns):
    page = soup(_send_postal_code(client, "573-01"))
    assert "Enter a postal code like 573-1191." in page.select_one(".error-message").get_text()
    assert page.select_one("input[name=postal_code]")["value"] == "573-01"


def _stored(neighbourhood: str, key: str) -> int:
    answers = {"internet_use": ["never"], "neighbourhood": [neighbourhood]}
    return survey.submit(answers, Channel.PHONE, "en", key * 64)


def _counted_in(area_code: str) -> int:
    everyone = select(func.sum(SurveyTally.n)).where(
        SurveyTally.question == "",
        SurveyTally.month == tallies.ALL,
        SurveyTally.area_code == area_code,
    )
    return db.session.scalar(everyone) or 0


def test_existing_postal_code_answers_are_mapped_by_a_command(app, towns):
    one = _stored("postal:5730032", "a")
    several = _stored("postal:5730117", "b")
    elsewhere = _stored("postal:1000001", "c")
    tallies.refresh(survey.instruments())
    assert _counted_in("P001") == 0
    result = app.test_cli_runner().invoke(survey_cli, ["map-postal-codes"])
    assert result.exit_code == 0, result.output
    assert "Mapped 1 response(s)" in result.output and "2 left" in result.output
    stored = {r.id: r for r in db.session.scalars(select(SurveyResponse))}
    assert stored[one].area_code == "P001"
    assert ["neighbourhood", "P001"] in stored[one].answers
    assert stored[several].area_code is None, "several neighbourhoods: not guessed"
    assert ["neighbourhood", "postal:5730117"] in stored[several].answers
    assert ["neighbourhood", "postal:1000001"] in stored[elsewhere].answers
    assert _counted_in("P001") == 1, "counted again under its neighbourhood"
    event = db.session.scalar(
        select(AuditEvent).where(AuditEvent.action == "survey.postal_codes_mapped")
    )
    assert event is not None and event.details == {"responses": 1, "left": 2}
    again = app.test_cli_runner().invoke(survey_cli, ["map-postal-codes"])
    assert "Mapped 0 response(s)" in again.output


def test_a_volunteer_s_entry_with_a_postal_code_counts_under_its_neighbourhood(
    client, login, towns
):
    login("volunteer")
    page = soup(client.get("/en/entry/"))
    data = {
        "submission_key": page.select_one('input[name="submission_key"]')["value"],
        "channel": "phone",
        "q_internet_use": "never",
        "q_devices": ["none"],
        "q_wants_help": "no",
        "q_neighbourhood": "",
        "q_neighbourhood_postal": "〒573-0032",
    }
    client.post("/en/entry/", data=data, expect=302)
    [stored] = db.session.scalars(select(SurveyResponse)).all()
    assert stored.area_code == "P001"


def test_the_list_is_grouped_by_reading_in_japanese_and_by_letter_otherwise(client):
    import_files(GEOJSON, STATISTICS, synthetic=True)
    rows = "あかさたなはまやらわ"
    for lang in ("ja", "en"):
        start(client, lang)
        select_ = soup(client.get(QUESTION.format(lang=lang))).find("select", {"name": "answer"})
        groups = select_.find_all("optgroup")
        labels = [g["label"] for g in groups]
        assert len(groups) >= 8 and len(labels) == len(set(labels)), labels
        assert sum(len(g.find_all("option")) for g in groups) == 210
        for group in groups:
            names = [o.get_text() for o in group.find_all("option")]
            if lang == "ja":  # 岡東町（おかひがしまち） is in お's row, お in あ行
                readings = [n[n.index("（") + 1 : -1] for n in names]
                row = rows.index(group["label"][0])
                end = rows[row + 1] if row + 1 < len(rows) else "ゟ"
                assert all(rows[row] <= r[0] < end for r in readings), group["label"]
                assert readings == sorted(readings), group["label"]
            else:
                assert {n[0].upper() for n in names} == {group["label"]}
                assert names == sorted(names, key=str.casefold), group["label"]
        assert labels == sorted(labels, key=rows.find if lang == "ja" else str)
