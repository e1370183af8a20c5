"""Postal codes as residents type them, and Japan Post's Hirakata table against the demo areas."""

import json

import pytest

from outreach import postal_codes
from outreach.services.demo import GEOJSON


@pytest.mark.parametrize(
    ("typed", "code"),
    [
        ("573-1191", "5731191"),
        ("5731191", "5731191"),
        ("〒573-1191", "5731191"),
        ("〒５７３－１１９１", "5731191"),
        ("５７３ー１１９１", "5731191"),
        ("573−1191", "5731191"),
        (" 573 1191 ", "5731191"),
        ("573-119", None),
        ("57311911", None),
        ("573--1191", None),
        ("abc-defg", None),
        ("", None),
    ],
)
def test_normalise_accepts_what_residents_type(typed, code):
    assert postal_codes.normalise(typed) == code


def test_the_table_names_hirakata_towns_only():
    assert postal_codes.towns("5730032") == ("岡東町",)
    assert postal_codes.towns("5730000") == (), "the city-wide code names no town"
    assert postal_codes.towns("1000001") == (), "Tokyo is not in the table"


def test_every_code_finds_a_demo_neighbourhood():
    features = json.loads(GEOJSON.read_text(encoding="utf-8"))["features"]
    names = {f["properties"]["name_ja"] for f in features}
    table = postal_codes.table()
    lost = {
        code: towns
        for code, towns in table.items()
        if not any(t in names or f"大字{t}" in names for t in towns)
    }
    assert len(table) > 200 and not lost
