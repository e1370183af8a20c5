"""Two tiny neighbourhoods (T001 試験町, T002 見本町) with figures, as import files or loaded."""

import json

from outreach.extensions import db
from outreach.services.area_import import apply_import, plan_import

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[135.6, 34.8], [135.61, 34.8], [135.61, 34.81], [135.6, 34.8]]],
}
HEADER = "area_code,year,source,pop_0_14,pop_15_64,pop_65_74,pop_75_plus,households,one_person_households_65_plus,foreign_residents"


def feature(code: str, name: str, geometry: dict | None = None) -> dict:
    return {
        "type": "Feature",
        "properties": {
            "code": code,
            "name_ja": name,
            "name_kana": "てすと",
            "name_romaji": "Tesuto",
        },
        "geometry": geometry or SQUARE,
    }


def tiny_files(
    features: list[dict] | None = None, rows: list[str] | None = None
) -> tuple[str, str]:
    features = features or [feature("T001", "試験町"), feature("T002", "見本町")]
    rows = rows or [
        "T001,2020,Test source,10,50,20,20,40,5,1",
        "T002,2020,Test source,5,30,10,15,25,4,0",
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False), "\n".join([HEADER, *rows]) + "\n"


def load_tiny(synthetic: bool = True) -> None:
    apply_import(plan_import(*tiny_files()), synthetic=synthetic)
    db.session.commit()
