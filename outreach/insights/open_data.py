"""Open data: aggregates per neighbourhood, small cells suppressed (with secondary suppression)
and counts rounded, so nobody can be singled out — not even by subtracting totals."""

from typing import Any

from flask_babel import lazy_gettext as _l

from outreach.csv_files import csv_bytes as write_csv
from outreach.services.area_estimates import Figure
from outreach.services.picture import Picture
from outreach.stats.suppression import Cell, round_count, suppress
from outreach.vocabulary import CHANNELS

SUPPRESSED = "x"
DICTIONARY = [
    ("area_code", _l("Neighbourhood code (e-Stat KEY_CODE, or D… for the derived demo areas).")),
    ("name_ja", _l("Neighbourhood name in Japanese.")),
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


def columns(measures: tuple[str, ...]) -> list[tuple[str, str, Any]]:
    """(name, CSVW datatype, meaning) of every column, in the file's order."""
    meaning = dict(enumerate(text for _, text in DICTIONARY))
    found = [("area_code", "string", meaning[0]), ("name_ja", "string", meaning[1])]
    found += [("answers", "integer", meaning[2])]
    found += [(f"answers_{c}", "integer", meaning[3]) for c in CHANNELS]
    found += [("risk_score", "decimal", meaning[7])]
    for m in measures:
        found += [(m, "decimal", meaning[4]), (f"{m}_low95", "decimal", meaning[5])]
        found += [(f"{m}_high95", "decimal", meaning[5]), (f"{m}_kind", "string", meaning[6])]
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


def csv_bytes(result: Picture) -> bytes:
    header = [name for name, _, _ in columns(result.measures)]
    rows: list[list[str | int | float]] = []
    for record in records(result):
        row: list[str | int | float] = [
            record["area_code"],
            record["name_ja"],
            _count(record["answers"]),
        ]
        row += [_count(record["answers_by_channel"][c]) for c in CHANNELS]
        row.append("" if record["risk_score"] is None else record["risk_score"])
        for indicator in result.measures:
            figure = record["estimates"][indicator]
            row += (
                [figure["share"], figure["low95"], figure["high95"], figure["kind"]]
                if figure
                else ["", "", "", ""]
            )
        rows.append(row)
    return write_csv(header, rows)


def _count(value: int | None) -> str | int:
    return SUPPRESSED if value is None else value


#: The kinds as open-data codes (outreach.services.area_estimates.KINDS)
KIND_CODES = {"survey": "survey", "model": "survey_and_model", "model_only": "model_only"}


def _channel_count(result: Picture, area: str, channel: str) -> int:
    return result.channel_by_area.get((area, channel), 0)
