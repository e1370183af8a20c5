"""Open data: aggregates per neighbourhood, small cells suppressed (with secondary suppression)
and counts rounded, so nobody can be singled out — not even by subtracting totals.

The first columns follow Japan's recommended municipal open-data datasets (推奨データセット):
the municipality's code and name, the place's 名称 with its reading (名称_カナ, katakana) and
Latin spelling (名称_英字), and the period as ISO 8601 dates. The CSV and the GeoJSON carry the
same columns."""

import json
from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l

from outreach.csv_files import csv_bytes as write_csv
from outreach.services.area_estimates import Figure
from outreach.services.picture import Picture
from outreach.stats.suppression import Cell, round_count, suppress
from outreach.vocabulary import CHANNELS

SUPPRESSED = "x"
#: The columns of Japan's recommended datasets that apply, in their own (Japanese) names.
CITY_CODE, CITY_NAME = "全国地方公共団体コード", "地方公共団体名"
NAME, NAME_KANA, NAME_LATIN = "名称", "名称_カナ", "名称_英字"
PERIOD_START, PERIOD_END = "集計期間_開始", "集計期間_終了"
#: The Japanese column names with their readings, for the data dictionary in やさしい日本語.
READINGS = {
    CITY_CODE: "{全国|ぜんこく}{地方|ちほう}{公共|こうきょう}{団体|だんたい}コード",
    CITY_NAME: "{地方|ちほう}{公共|こうきょう}{団体|だんたい}{名|めい}",
    NAME: "{名称|めいしょう}",
    NAME_KANA: "{名称|めいしょう}_カナ",
    NAME_LATIN: "{名称|めいしょう}_{英字|えいじ}",
    f"{PERIOD_START}, {PERIOD_END}": (
        "{集計|しゅうけい}{期間|きかん}_{開始|かいし}, {集計|しゅうけい}{期間|きかん}_{終了|しゅうりょう}"
    ),
}
DICTIONARY = [
    (CITY_CODE, _l("The city's nationwide local government code, with its check digit.")),
    (CITY_NAME, _l("The city's name.")),
    ("area_code", _l("Neighbourhood code (e-Stat KEY_CODE, or D… for the derived demo areas).")),
    (NAME, _l("Neighbourhood name in Japanese.")),
    (NAME_KANA, _l("Its reading, in katakana.")),
    (NAME_LATIN, _l("Its name in Latin letters.")),
    (
        f"{PERIOD_START}, {PERIOD_END}",
        _l("First and last day of the months the answers come from (ISO 8601 dates)."),
    ),
    (
        "answers",
        _l("Survey answers from the neighbourhood, rounded to a multiple of 5; x = suppressed."),
    ),
    (
        ", ".join(f"answers_{c}" for c in CHANNELS),
        _l(
            "Answers by channel, rounded; x = suppressed (fewer than the minimum, or hidden so that others cannot be worked out from the totals)."
        ),
    ),
    (
        "<indicator>",
        _l(
            "Estimated share (0–1, whole percents) of residents with the characteristic; empty when there is no figure yet."
        ),
    ),
    (
        "<indicator>_low95, <indicator>_high95",
        _l("95 % interval of that share, rounded outward to whole percents."),
    ),
    (
        "<indicator>_kind",
        _l(
            "What the figure rests on: survey (the neighbourhood's answers), survey_and_model (its answers combined with the small-area model), model_only (no answers yet: the model's prediction)."
        ),
    ),
    (
        "risk_score",
        _l(
            "Digital exclusion risk score, 0–10 across the neighbourhoods (see the method page); empty when an indicator is missing."
        ),
    ),
]


@dataclass(frozen=True)
class Source:
    """What every row repeats: the municipality, and the period the answers cover ("" when
    there are no answers yet)."""

    city_code: str
    city_name: str
    start: str = ""
    end: str = ""


def columns(measures: tuple[str, ...]) -> list[tuple[str, str, Any]]:
    """(name, CSVW datatype, meaning) of every column, in the file's order."""
    meaning = dict(DICTIONARY)
    period = meaning[f"{PERIOD_START}, {PERIOD_END}"]
    found = [(name, "string", meaning[name]) for name in (CITY_CODE, CITY_NAME, "area_code")]
    found += [(name, "string", meaning[name]) for name in (NAME, NAME_KANA, NAME_LATIN)]
    found += [(PERIOD_START, "date", period), (PERIOD_END, "date", period)]
    found += [("answers", "integer", meaning["answers"])]
    by_channel = meaning[", ".join(f"answers_{c}" for c in CHANNELS)]
    found += [(f"answers_{c}", "integer", by_channel) for c in CHANNELS]
    found += [("risk_score", "decimal", meaning["risk_score"])]
    share, interval = meaning["<indicator>"], meaning["<indicator>_low95, <indicator>_high95"]
    for m in measures:
        found += [(m, "decimal", share), (f"{m}_low95", "decimal", interval)]
        found += [(f"{m}_high95", "decimal", interval)]
        found += [(f"{m}_kind", "string", meaning["<indicator>_kind"])]
    return found


def records(result: Picture) -> list[dict[str, Any]]:
    """Each neighbourhood as published: counts rounded, small or revealing cells None
    (suppressed), shares in whole percents with intervals rounded outward. The CSV and the read
    API both come from here, so neither shows more than the other."""
    table: dict[Cell, int] = {
        (a.code, c): _channel_count(result, a.code, c) for a in result.areas for c in CHANNELS
    }
    hidden = suppress(table, result.minimum)
    found = []
    for area in result.areas:
        shown = area.answers >= result.minimum and area.code not in hidden.row_totals
        score = area.score.score if area.score and not area.score.missing else None
        found.append(
            {
                "area_code": area.code,
                "name_ja": area.name_ja,
                "answers": round_count(area.answers) if shown else None,
                "answers_by_channel": {
                    c: None
                    if (area.code, c) in hidden.cells
                    else round_count(table[(area.code, c)])
                    for c in CHANNELS
                },
                "risk_score": round(score, 1) if score is not None else None,
                "estimates": {m: _estimate(area.estimates.get(m)) for m in result.measures},
            }
        )
    return found


def _estimate(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    shown = figure.published()
    return {
        "share": shown.proportion,
        "low95": shown.low,
        "high95": shown.high,
        "kind": KIND_CODES[shown.kind],
    }


def rows(result: Picture, source: Source) -> list[dict[str, str | int | float]]:
    """Each neighbourhood as a row of the published columns (suppressed cells "x", no figure "")."""
    names = {a.code: a for a in result.areas}
    found = []
    for record in records(result):
        area = names[record["area_code"]]
        row: dict[str, str | int | float] = {
            CITY_CODE: source.city_code,
            CITY_NAME: source.city_name,
            "area_code": record["area_code"],
            NAME: area.name_ja,
            NAME_KANA: katakana(area.name_kana),
            NAME_LATIN: area.name_romaji,
            PERIOD_START: source.start,
            PERIOD_END: source.end,
            "answers": _count(record["answers"]),
        }
        row |= {f"answers_{c}": _count(record["answers_by_channel"][c]) for c in CHANNELS}
        row["risk_score"] = "" if record["risk_score"] is None else record["risk_score"]
        for indicator in result.measures:
            figure = record["estimates"][indicator] or dict.fromkeys(FIGURE_KEYS, "")
            row |= {f"{indicator}{suffix}": figure[key] for key, suffix in FIGURE_KEYS.items()}
        found.append(row)
    return found


#: A figure's keys in records() and the suffix of its column.
FIGURE_KEYS = {"share": "", "low95": "_low95", "high95": "_high95", "kind": "_kind"}


def csv_bytes(result: Picture, source: Source) -> bytes:
    header = [name for name, _, _ in columns(result.measures)]
    return write_csv(header, [list(row.values()) for row in rows(result, source)])


def geojson_bytes(result: Picture, source: Source, shapes: dict) -> bytes:
    """The neighbourhoods' boundaries, each with its row of the CSV as properties."""
    by_code = {row["area_code"]: row for row in rows(result, source)}
    features = [
        {"type": "Feature", "geometry": f["geometry"], "properties": by_code[code]}
        for f in shapes["features"]
        if (code := f["properties"]["code"]) in by_code
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, ensure_ascii=False).encode("utf-8")


def katakana(reading: str) -> str:
    """ひらがな → カタカナ, as 名称_カナ is written (the two blocks are 0x60 apart)."""
    return "".join(chr(ord(c) + 0x60) if "ぁ" <= c <= "ゖ" else c for c in reading)


def _count(value: int | None) -> str | int:
    return SUPPRESSED if value is None else value


#: The kinds as open-data codes (outreach.services.area_estimates.KINDS)
KIND_CODES = {"survey": "survey", "model": "survey_and_model", "model_only": "model_only"}


def _channel_count(result: Picture, area: str, channel: str) -> int:
    return result.channel_by_area.get((area, channel), 0)
