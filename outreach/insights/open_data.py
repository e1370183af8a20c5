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


def csv_bytes(result: Picture) -> bytes:
    table: dict[Cell, int] = {
        (a.code, c): _channel_count(result, a.code, c) for a in result.areas for c in CHANNELS
    }
    hidden = suppress(table, result.minimum)
    header = [name for name, _, _ in columns(result.measures)]
    rows: list[list[str | int | float]] = []
    for area in result.areas:
        shown = area.answers >= result.minimum and area.code not in hidden.row_totals
        row: list[str | int | float] = [
            area.code,
            area.name_ja,
            round_count(area.answers) if shown else SUPPRESSED,
        ]
        row += [
            SUPPRESSED if (area.code, c) in hidden.cells else round_count(table[(area.code, c)])
            for c in CHANNELS
        ]
        score = area.score.score if area.score and not area.score.missing else None
        row.append(round(score, 1) if score is not None else "")
        for indicator in result.measures:
            figure = area.estimates.get(indicator)
            row += _published(figure.published()) if figure else ["", "", "", ""]
        rows.append(row)
    return write_csv(header, rows)


#: The kinds as open-data codes (outreach.services.area_estimates.KINDS)
KIND_CODES = {"survey": "survey", "model": "survey_and_model", "model_only": "model_only"}


def _published(figure: Figure) -> list:
    return [figure.proportion, figure.low, figure.high, KIND_CODES[figure.kind]]


def _channel_count(result: Picture, area: str, channel: str) -> int:
    return result.channel_by_area.get((area, channel), 0)
