"""Exports of neighbourhood figures: CSV (UTF-8 with BOM for Excel in Japan), Excel, GeoJSON.

These only build the file. The route records the download in the audit log
(outreach.services.audit.record_export) before handing it over."""

import io
import json
from dataclasses import dataclass

from openpyxl import Workbook

from outreach.csv_files import csv_bytes, safe_cell
from outreach.services import plan_answers, rankings
from outreach.services.picture import Picture
from outreach.services.survey_counts import ResponseFilter


def score_rows(result: Picture) -> tuple[list[str], list[list]]:
    header = ["area_code", "name_ja", "answers", "risk_score"]
    for indicator in result.measures:
        header += [
            indicator,
            f"{indicator}_low95",
            f"{indicator}_high95",
            f"{indicator}_kind",
            f"{indicator}_covers",
        ]
    header += ["sessions_logged", "people_helped", "people_at_risk", "unmet_need"]
    rows = []
    for area in result.areas:
        row = [
            area.code,
            area.name_ja,
            area.answers,
            _round(area.score.score if area.score else None),
        ]
        for indicator in result.measures:
            figure = area.estimates.get(indicator)
            row += (
                [
                    _round(figure.proportion),
                    _round(figure.low),
                    _round(figure.high),
                    figure.kind,
                    # "all", or the age bands pooled for want of answers ("pooled:1+2")
                    figure.covers,
                ]
                if figure
                else ["", "", "", "", ""]
            )
        row += [area.sessions, area.people_helped, _round(area.at_risk, 0), _round(area.unmet, 0)]
        rows.append(row)
    return header, rows


def _round(value: float | None, digits: int = 4) -> float | str:
    return "" if value is None else round(value, digits)


@dataclass(frozen=True)
class Download:
    body: bytes
    #: Rows (neighbourhoods) in the file, for the audit log.
    rows: int


def scores_csv(result: Picture) -> Download:
    header, rows = score_rows(result)
    return Download(csv_bytes(header, rows), len(rows))


def scores_xlsx(result: Picture) -> Download:
    header, rows = score_rows(result)
    book = Workbook()
    sheet = book.worksheets[0]  # the one a new workbook has (`active` is typed Optional)
    sheet.title = "neighbourhoods"
    # openpyxl stores text beginning with "=" as a formula: quote it as the CSVs do.
    sheet.append([safe_cell(v) for v in header])
    for row in rows:
        sheet.append([safe_cell(v) for v in row])
    out = io.BytesIO()
    book.save(out)
    return Download(out.getvalue(), len(rows))


def scores_geojson(result: Picture, shapes: dict) -> Download:
    header, rows = score_rows(result)
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    features = [
        {**f, "properties": {**f["properties"], **by_code.get(f["properties"]["code"], {})}}
        for f in shapes["features"]
    ]
    body = json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False)
    return Download(body.encode("utf-8"), len(features))


def priorities_csv(result: Picture, filters: ResponseFilter) -> Download:
    """The shortlist's ranking (outreach.risk.shortlist) with what to plan for in each area."""
    header = [
        "rank",
        "area_code",
        "name_ja",
        "priority",
        "probability_on_shortlist",
        "risk_score",
        "people_at_risk",
        "people_helped",
        "unmet_need",
        "top_barriers",
        "top_topics",
        "top_languages",
    ]
    rows = []
    for area in rankings.priorities(result):
        standing = area.standing
        tops = [
            " ".join(v for v, _ in plan_answers.top_answers(q, filters, area.code)) if q else ""
            for q in plan_answers.plan_questions()
        ]
        rows.append(
            [
                standing.rank if standing and standing.rank else "",
                area.code,
                area.name_ja,
                _round(standing.priority if standing else None, 2),
                _round(standing.probability if standing else None, 3),
                _round(area.score.score if area.score else None, 2),
                _round(area.at_risk, 0),
                area.people_helped,
                _round(area.unmet, 0),
                *tops,
            ]
        )
    return Download(csv_bytes(header, rows), len(rows))
