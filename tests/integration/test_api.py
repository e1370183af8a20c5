"""The read API: every response valid against the OpenAPI description it publishes (checked by
openapi-core), the same suppressed figures as the open data, ETags and CORS for reading."""

import csv
import io
import json

import pytest
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse
from openapi_core.validation.response.exceptions import InvalidData

from outreach.services import synthetic
from tests.support.areas import load_tiny
from tests.support.help_sessions import announce

ENDPOINTS = ("/api/v1/figures", "/api/v1/shortlist", "/api/v1/sessions")


@pytest.fixture
def spec(client) -> OpenAPI:
    document = client.get("/api/v1/openapi.json").get_json()
    return OpenAPI.from_dict(document)  # the description itself is checked here


@pytest.fixture
def world(app, client, login):
    load_tiny()
    synthetic.generate(60, seed=5)
    login("volunteer")
    announce(client, capacity="4", booking_required="y")
    client.post("/en/logout", expect=302)


def validate(spec: OpenAPI, response) -> None:
    spec.validate_response(
        WerkzeugOpenAPIRequest(response.request), WerkzeugOpenAPIResponse(response)
    )


@pytest.mark.parametrize("url", ENDPOINTS)
def test_every_response_matches_the_openapi_description(world, client, spec, url):
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "application/json"
    validate(spec, response)
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "max-age" in response.headers["Cache-Control"]


def test_the_check_can_fail(world, client, spec):
    response = client.get("/api/v1/figures")
    document = response.get_json()
    document["neighbourhoods"][0]["answers"] = "twelve"
    response.set_data(json.dumps(document))
    with pytest.raises(InvalidData):
        validate(spec, response)


def test_an_etag_answers_304_until_the_figures_change(world, client):
    first = client.get("/api/v1/sessions")
    tag = first.headers["ETag"]
    again = client.get("/api/v1/sessions", headers={"If-None-Match": tag}, expect=304)
    assert again.status_code == 304 and not again.data


def test_figures_are_the_open_data_figures(world, client):
    api = client.get("/api/v1/figures").get_json()
    rows = list(
        csv.DictReader(
            io.StringIO(client.get("/en/transparency/open-data.csv").text.lstrip("\ufeff"))
        )
    )
    assert [n["area_code"] for n in api["neighbourhoods"]] == [r["area_code"] for r in rows]
    for area, row in zip(api["neighbourhoods"], rows, strict=True):
        assert ("x" if area["answers"] is None else str(area["answers"])) == row["answers"]
        for measure, figure in area["estimates"].items():
            shown = "" if figure is None else str(figure["share"])
            assert shown == row[measure]


def test_sessions_show_places_left(world, client):
    [session] = client.get("/api/v1/sessions").get_json()["sessions"]
    assert (session["capacity"], session["places_left"]) == (4, 4)
