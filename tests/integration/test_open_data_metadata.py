"""Open data that describes itself: the CSV matches its CSV on the Web metadata column by column
and cell by cell, and the DCAT record parses as JSON-LD (rdflib) into the facts a catalogue
needs, in Japanese and English."""

import csv
import io
import json
from datetime import date, datetime, timedelta

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF
from sqlalchemy import func, select

from outreach import create_app
from outreach.config import ConfigError
from outreach.extensions import db
from outreach.models import SurveyResponse
from outreach.services import survey as surveys
from outreach.services import synthetic, tallies
from outreach.services.area_import import import_files
from outreach.services.demo import GEOJSON, STATISTICS

CC_BY = URIRef("https://creativecommons.org/licenses/by/4.0/")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")


def city() -> None:
    import_files(GEOJSON, STATISTICS, synthetic=True)
    synthetic.generate(800, seed=23)
    db.session.commit()
    tallies.refresh(surveys.instruments())


def test_the_csv_matches_its_csvw_description(app, client):
    city()
    described = client.get("/en/transparency/open-data.csv-metadata.json")
    assert described.headers["Content-Type"] == "application/csvm+json"
    metadata = json.loads(described.get_data(as_text=True))
    assert metadata["url"].endswith("/en/transparency/open-data.csv")
    text = client.get("/en/transparency/open-data.csv").get_data(as_text=True).lstrip("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(text)))
    declared = metadata["tableSchema"]["columns"]
    assert header == [c["name"] for c in declared]
    assert len(rows) == 210
    parse = {"integer": int, "decimal": float, "string": str, "date": date.fromisoformat}
    for row in rows:
        for cell, column in zip(row, declared, strict=True):
            if cell not in column["null"]:
                parse[column["datatype"]](cell)  # raises when a cell is not of its type
    assert {d["@language"] for d in declared[0]["dc:description"]} == {"ja", "en"}


def test_the_first_columns_are_those_of_japans_recommended_datasets(app, client):
    city()
    text = client.get("/ja/transparency/open-data.csv").get_data(as_text=True).lstrip("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text)))
    first = rows[0]
    assert list(first)[:8] == [
        "全国地方公共団体コード",
        "地方公共団体名",
        "area_code",
        "名称",
        "名称_カナ",
        "名称_英字",
        "集計期間_開始",
        "集計期間_終了",
    ]
    assert {(r["全国地方公共団体コード"], r["地方公共団体名"]) for r in rows} == {
        ("272108", "枚方市")
    }
    asahi = next(r for r in rows if r["名称"] == "朝日丘町")
    assert (asahi["名称_カナ"], asahi["名称_英字"]) == ("アサヒガオカチョウ", "Asahigaoka-cho")
    start, end = (date.fromisoformat(first[k]) for k in ("集計期間_開始", "集計期間_終了"))
    first_answer, last_answer = db.session.execute(
        select(func.min(SurveyResponse.submitted_on), func.max(SurveyResponse.submitted_on))
    ).one()
    assert start == first_answer.replace(day=1) and (end + timedelta(days=1)).day == 1
    assert (end.year, end.month) == (last_answer.year, last_answer.month)


def test_the_geojson_gives_each_neighbourhood_its_row_of_the_csv(app, client):
    city()
    response = client.get("/en/transparency/open-data.geojson")
    assert response.headers["Content-Type"] == "application/geo+json"
    collection = json.loads(response.get_data(as_text=True))
    text = client.get("/en/transparency/open-data.csv").get_data(as_text=True).lstrip("\ufeff")
    published = {r["area_code"]: r for r in csv.DictReader(io.StringIO(text))}
    assert len(collection["features"]) == len(published) == 210
    for feature in collection["features"]:
        properties = {k: str(v) for k, v in feature["properties"].items()}
        assert properties == published[properties["area_code"]]  # the same, no more
        assert feature["geometry"]["type"] in ("Polygon", "MultiPolygon")


# rdflib 7.6's own JSON-LD parser still builds a ConjunctiveGraph inside.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_dcat_record_is_json_ld_with_what_a_catalogue_needs(app, client):
    city()
    app.config["OPEN_DATA_ISSUED"] = "2027-04-01"
    response = client.get("/ja/transparency/catalog.jsonld")
    assert response.headers["Content-Type"] == "application/ld+json"
    graph = Graph().parse(data=response.get_data(as_text=True), format="json-ld")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    titles = {t.language: str(t) for t in graph.objects(dataset, DCTERMS.title)}
    assert set(titles) == {"ja", "en"} and titles["ja"] != titles["en"]
    described = {d.language: str(d) for d in graph.objects(dataset, DCTERMS.description)}
    assert set(described) == {"ja", "en"} and "95" in described["en"]
    assert graph.value(dataset, DCTERMS.issued).toPython() == date(2027, 4, 1)
    modified = graph.value(dataset, DCTERMS.modified).toPython()
    assert isinstance(modified, datetime) and modified.date() >= start_of(graph, dataset)
    assert (dataset, DCTERMS.license, CC_BY) in graph
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert Literal("枚方市", lang="ja") in set(graph.objects(publisher, FOAF.name))
    assert str(graph.value(publisher, DCTERMS.identifier)) == "272108"
    period = graph.value(dataset, DCTERMS.temporal)
    start, end = graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)
    assert start.toPython() < end.toPython()
    downloads = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert any(u.endswith("/transparency/open-data.csv") for u in downloads)
    assert any(u.endswith("/transparency/open-data.geojson") for u in downloads)
    for url in downloads:
        assert client.get(url.removeprefix("http://localhost")).status_code == 200
    assert client.get("/ja/transparency/data-dictionary").status_code == 200


def start_of(graph: Graph, dataset) -> date:
    return graph.value(graph.value(dataset, DCTERMS.temporal), DCAT.startDate).toPython()


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_an_issue_date_is_never_made_up(app, client):
    city()
    graph = Graph().parse(data=client.get("/en/transparency/catalog.jsonld").text, format="json-ld")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    assert graph.value(dataset, DCTERMS.issued) is None  # OPEN_DATA_ISSUED not set


def test_a_mistyped_issue_date_stops_the_app_at_start(monkeypatch, tmp_path):
    monkeypatch.setenv("OUTREACH_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("OPEN_DATA_ISSUED", "2027/04/01")
    with pytest.raises(ConfigError, match="OPEN_DATA_ISSUED must be a date like 2027-04-01"):
        create_app()
