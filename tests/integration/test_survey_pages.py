"""The paper version and the help page are generated from the same instrument."""

import re

import pytest

from outreach.i18n.locales import LOCALES
from outreach.services import survey
from tests.support.areas import load_tiny
from tests.support.survey_walk import soup, submit, walk


@pytest.mark.parametrize("loc", LOCALES, ids=lambda loc: loc.url_code)
def test_paper_version_in_every_language(client, loc):
    page = soup(client.get(f"/{loc.url_code}/survey/paper"))
    instrument = survey.instrument()
    blocks = page.select(".paper-question")
    assert len(blocks) == len(instrument.questions)
    options = sum(len(q.option_ids()) for q in instrument.questions)
    assert len(page.select(".tick")) == options, "a tick box for every option"
    assert page.select_one(".sheet-box") is not None
    assert page.html["lang"] == loc.html_lang


def test_paper_skip_instructions_point_at_question_numbers(client):
    page = soup(client.get("/en/survey/paper"))
    conditions = [c.get_text() for c in page.select(".condition")]
    assert "Skip this question if you chose “Never” in question 1." in conditions
    assert any(c == "Answer only if you chose “Yes” in question 13." for c in conditions)


def test_help_page_starts_from_what_the_resident_said(client):
    load_tiny()
    walk(
        client,
        "en",
        {"wants_help": "yes", "help_topics": ["e_tax", "scams_safety"], "help_language": "vi"},
    )
    submit(client)
    page = soup(client.get("/en/survey/help"))
    mine = page.select_one("section[aria-labelledby=yours-heading]").get_text()
    assert "e-Tax" in mine and "Scams and staying safe online" in mine and "Vietnamese" in mine
    assert page.select_one(".big-number a")["href"] == "tel:0728411221"


def test_help_page_without_a_survey(client):
    page = soup(client.get("/ja/survey/help"))
    assert page.select_one("section[aria-labelledby=yours-heading]") is None
    assert "072-841-1221" in page.get_text()


def test_service_stores_each_key_once(app):
    from outreach.models import Channel

    first = survey.submit({"internet_use": ["daily"]}, Channel.PHONE, "en", "k" * 64)
    again = survey.submit({"internet_use": ["never"]}, Channel.PHONE, "en", "k" * 64)
    assert first == again
    assert survey.answers_of(first) == {"internet_use": ["daily"]}, "the first copy is kept"


def test_unknown_instrument_stops_the_app(database_url, tmp_path, monkeypatch):
    from outreach import create_app
    from outreach.instrument.instrument import InstrumentError

    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    with pytest.raises(InstrumentError, match="no instrument with id 'missing'"):
        create_app({"SQLALCHEMY_DATABASE_URI": database_url, "SURVEY_INSTRUMENT": "missing"})


def test_a_question_page_is_light_for_slow_phones(client):
    from outreach.services.area_import import import_files
    from outreach.services.demo import GEOJSON, STATISTICS
    from outreach.static_files import STATIC_DIR
    from tests.support.survey_walk import start

    import_files(GEOJSON, STATISTICS, synthetic=True)  # the heaviest page lists 210 towns
    url = start(client)
    css = (STATIC_DIR / "css" / "site.css").read_bytes()
    reader = (STATIC_DIR / "js" / "read_aloud.js").read_bytes()
    for page in (url, url.replace("internet_use", "neighbourhood")):
        html = client.get(page).get_data()
        assert len(html) + len(css) + len(reader) < 36 * 1024, page
        # The one script reads the page aloud if the browser has a voice; deferred, optional.
        scripts = re.findall(rb"<script[^>]*>", html)
        assert len(scripts) == 1 and b"read_aloud" in scripts[0] and b" defer" in scripts[0]
