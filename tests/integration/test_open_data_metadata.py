"""Open data that describes itself: the CSV matches its CSV on the Web metadata column by column
and cell by cell, and the DCAT record parses as JSON-LD (rdflib) into the facts a catalogue
needs, in Japanese and English."""

import csv
import io
import json

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF

from outreach.extensions import db
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
    parse = {"integer": int, "decimal": float, "string": str}
    for row in rows:
        for cell, column in zip(row, declared, strict=True):
            if cell not in column["null"]:
                parse[column["datatype"]](cell)  # raises when a cell is not of its type
    assert {d["@language"] for d in declared[0]["dc:description"]} == {"ja", "en"}


# rdflib 7.6's own JSON-LD parser still builds a ConjunctiveGraph inside.
@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
def test_the_dcat_record_is_json_ld_with_what_a_catalogue_needs(app, client):
    city()
    response = client.get("/ja/transparency/catalog.jsonld")
    assert response.headers["Content-Type"] == "application/ld+json"
    graph = Graph().parse(data=response.get_data(as_text=True), format="json-ld")
    dataset = next(graph.subjects(RDF.type, DCAT.Dataset))
    titles = {t.language: str(t) for t in graph.objects(dataset, DCTERMS.title)}
    assert set(titles) == {"ja", "en"} and titles["ja"] != titles["en"]
    assert (dataset, DCTERMS.license, CC_BY) in graph
    publisher = graph.value(dataset, DCTERMS.publisher)
    assert Literal("枚方市", lang="ja") in set(graph.objects(publisher, FOAF.name))
    assert str(graph.value(publisher, DCTERMS.identifier)) == "272108"
    period = graph.value(dataset, DCTERMS.temporal)
    start, end = graph.value(period, DCAT.startDate), graph.value(period, DCAT.endDate)
    assert start.toPython() < end.toPython()
    downloads = {str(u) for u in graph.objects(None, DCAT.downloadURL)}
    assert any(u.endswith("/transparency/open-data.csv") for u in downloads)
    assert client.get("/ja/transparency/data-dictionary").status_code == 200
