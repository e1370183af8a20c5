"""What the open data is, for catalogues and for programs: the dataset in DCAT (JSON-LD, with
DCAT-AP-style fields in Japanese and English) and the CSV's columns in CSV on the Web (CSVW)
metadata, found beside the file as `open-data.csv-metadata.json` (the CSVW convention)."""

from datetime import datetime
from typing import Any

from flask import current_app, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from outreach.insights.open_data import SUPPRESSED, Source, columns
from outreach.services.picture import Picture

LICENCE = "https://creativecommons.org/licenses/by/4.0/"
TITLE = _l("Digital access by neighbourhood")
DESCRIPTION = _l(
    "Survey estimates of residents' digital access per neighbourhood, with their 95-percent intervals, answers by channel and the risk score; small groups are suppressed."
)
CSV_TITLE = _l("Open data (CSV)")
GEOJSON_TITLE = _l("Open data with boundaries (GeoJSON)")
DICTIONARY_TITLE = _l("Open data: what each column means")
#: Every term the catalogue uses, inline: a reader needs nothing from the network to expand it.
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct:issued": {"@type": "xsd:date"},
    "dct:modified": {"@type": "xsd:dateTime"},
    "dcat:startDate": {"@type": "xsd:date"},
    "dcat:endDate": {"@type": "xsd:date"},
    "dcat:downloadURL": {"@type": "@id"},
    "dcat:accessURL": {"@type": "@id"},
    "dct:license": {"@type": "@id"},
    "dct:conformsTo": {"@type": "@id"},
    "dcat:landingPage": {"@type": "@id"},
}


def _described(meaning: Any) -> list[dict[str, str]]:
    """A translatable text in Japanese and English, language-tagged."""
    found = []
    for language in ("ja", "en"):
        with force_locale(language):
            found.append({"@value": str(meaning), "@language": language})
    return found


def csvw(result: Picture) -> dict[str, Any]:
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "en"}],
        "url": url_for("transparency.open_data_csv", _external=True),
        "dc:title": _described(TITLE),
        "dc:license": {"@id": LICENCE},
        "dialect": {"encoding": "utf-8", "header": True},
        "tableSchema": {
            "columns": [
                {
                    "name": name,
                    "titles": name,
                    "datatype": datatype,
                    "null": [SUPPRESSED, ""],
                    "dc:description": _described(meaning),
                }
                for name, datatype, meaning in columns(result.measures)
            ],
            "primaryKey": "area_code",
        },
    }


def dcat(result: Picture, counted_at: datetime | None, source: Source) -> dict[str, Any]:
    """The dataset's catalogue record. `dct:issued` is the configured first publication
    (OPEN_DATA_ISSUED), left out rather than guessed; `dct:modified` is the last count."""
    config = current_app.config
    csv_url = url_for("transparency.open_data_csv", _external=True)
    dataset: dict[str, Any] = {
        "@type": "dcat:Dataset",
        "@id": url_for("transparency.catalog", _external=True) + "#open-data",
        "dct:title": _described(TITLE),
        "dct:description": _described(DESCRIPTION),
        "dct:publisher": {
            "@type": "foaf:Organization",
            "foaf:name": [
                {"@value": config["CITY_NAME_JA"], "@language": "ja"},
                {"@value": config["CITY_NAME_EN"], "@language": "en"},
            ],
            "dct:identifier": config["CITY_CODE"],
        },
        "dct:spatial": {"dct:identifier": config["CITY_CODE"]},
        "dct:license": LICENCE,
        "dcat:landingPage": url_for("transparency.page", _external=True),
        "dcat:distribution": [
            {
                "@type": "dcat:Distribution",
                "dct:title": _described(CSV_TITLE),
                "dcat:downloadURL": csv_url,
                "dcat:mediaType": "text/csv",
                "dct:conformsTo": url_for("transparency.open_data_metadata", _external=True),
                "dct:license": LICENCE,
            },
            {
                "@type": "dcat:Distribution",
                "dct:title": _described(GEOJSON_TITLE),
                "dcat:downloadURL": url_for("transparency.open_data_geojson", _external=True),
                "dcat:mediaType": "application/geo+json",
                "dct:license": LICENCE,
            },
            {
                "@type": "dcat:Distribution",
                "dct:title": _described(DICTIONARY_TITLE),
                "dcat:accessURL": url_for("transparency.data_dictionary", _external=True),
                "dcat:mediaType": "text/html",
                "dct:license": LICENCE,
            },
        ],
    }
    if config["OPEN_DATA_ISSUED"]:
        dataset["dct:issued"] = config["OPEN_DATA_ISSUED"]
    if counted_at is not None:
        dataset["dct:modified"] = counted_at.isoformat()
    if source.start:
        dataset["dct:temporal"] = {
            "@type": "dct:PeriodOfTime",
            "dcat:startDate": source.start,
            "dcat:endDate": source.end,
        }
    return {"@context": CONTEXT, "@graph": [dataset]}
