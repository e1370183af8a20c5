"""Load neighbourhood boundaries (GeoJSON) and population figures (CSV) in one transaction.

Everything is validated before anything is written; every problem names the feature or line.
"""

import csv
import io
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select

from outreach.extensions import db
from outreach.models import Area, AreaStatistic, Measure, User
from outreach.request_input import clean_text
from outreach.services import audit, data_versions

REQUIRED_PROPERTIES = ("code", "name_ja")
CSV_KEYS = ("area_code", "year", "source")
MAX_FEATURES = 5000


class ImportProblem(ValueError):
    """The files were refused; `problems` lists each reason. Nothing was written."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ParsedArea:
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str
    geometry: dict[str, Any]


@dataclass
class ParsedFigure:
    area_code: str
    measure: str
    value: int
    year: int
    source: str


@dataclass
class ImportPlan:
    areas: list[ParsedArea] = field(default_factory=list)
    figures: list[ParsedFigure] = field(default_factory=list)


def _check_position(pos: Any) -> bool:
    return (
        isinstance(pos, list)
        and len(pos) in (2, 3)
        and all(isinstance(v, int | float) and math.isfinite(v) for v in pos)
        and -180 <= pos[0] <= 180
        and -90 <= pos[1] <= 90
    )


def _check_ring(ring: Any) -> bool:
    return (
        isinstance(ring, list)
        and len(ring) >= 4
        and all(_check_position(p) for p in ring)
        and ring[0][:2] == ring[-1][:2]
    )


def _check_polygon(rings: Any) -> bool:
    return isinstance(rings, list) and len(rings) >= 1 and all(_check_ring(r) for r in rings)


def geometry_problem(geometry: Any) -> str | None:
    if not isinstance(geometry, dict):
        return "has no geometry"
    kind, coords = geometry.get("type"), geometry.get("coordinates")
    if kind == "Polygon":
        ok = _check_polygon(coords)
    elif kind == "MultiPolygon":
        ok = isinstance(coords, list) and bool(coords) and all(_check_polygon(p) for p in coords)
    else:
        return f"has geometry type {kind!r}; expected Polygon or MultiPolygon"
    return None if ok else "has malformed coordinates (rings need 4+ closed lon/lat positions)"


def _text(value: Any, limit: int) -> str:
    """A name or code from a file, without control characters or bidi overrides (as typed text)."""
    return clean_text(str(value)).strip()[:limit] if value is not None else ""


def parse_geojson(text: str) -> tuple[list[ParsedArea], list[str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        return [], [f"GeoJSON: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"]
    features = data.get("features") if isinstance(data, dict) else None
    if not isinstance(features, list) or data.get("type") != "FeatureCollection":
        return [], ["GeoJSON: expected a FeatureCollection with a list of features"]
    if len(features) > MAX_FEATURES:
        return [], [f"GeoJSON: {len(features)} features; at most {MAX_FEATURES} are accepted"]
    areas: list[ParsedArea] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, feature in enumerate(features, start=1):
        area, problem = _parse_feature(feature, number, seen)
        if problem:
            problems.append(problem)
        elif area:
            areas.append(area)
    if not features:
        problems.append("GeoJSON: the file has no features")
    return areas, problems


def _parse_feature(feature: Any, number: int, seen: set[str]) -> tuple[ParsedArea | None, str]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    where = f"GeoJSON feature {number}"
    if not isinstance(props, dict):
        return None, f"{where}: has no properties"
    code = _text(props.get("code"), 21)
    where = f"{where} (code {code!r})" if code else where
    missing = [key for key in REQUIRED_PROPERTIES if not _text(props.get(key), 100)]
    if missing:
        return None, f"{where}: missing property {', '.join(missing)}"
    if len(code) > 20:
        return None, f"{where}: code is longer than 20 characters"
    if code in seen:
        return None, f"{where}: code {code!r} appears twice"
    seen.add(code)
    problem = geometry_problem(feature.get("geometry"))
    if problem:
        return None, f"{where}: {problem}"
    return ParsedArea(
        code=code,
        name_ja=_text(props["name_ja"], 100),
        name_kana=_text(props.get("name_kana"), 200),
        name_romaji=_text(props.get("name_romaji"), 200),
        geometry=feature["geometry"],
    ), ""


def parse_statistics(text: str, known_codes: set[str]) -> tuple[list[ParsedFigure], list[str]]:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = reader.fieldnames or []
    missing = [key for key in CSV_KEYS if key not in header]
    if missing:
        return [], [f"CSV line 1: missing column {', '.join(missing)}"]
    unknown = [h for h in header if h not in CSV_KEYS and h not in set(Measure)]
    if unknown:
        return [], [f"CSV line 1: unknown column {', '.join(unknown)}"]
    figures, problems = [], []
    for row in reader:
        row_figures, row_problems = _parse_row(row, reader.line_num, known_codes)
        figures += row_figures
        problems += row_problems
    return figures, problems


def _parse_row(
    row: dict[str, Any], line: int, known_codes: set[str]
) -> tuple[list[ParsedFigure], list[str]]:
    where = f"CSV line {line}"
    if None in row or any(value is None for value in row.values()):
        return [], [f"{where}: the number of cells does not match the header"]
    code, source = row["area_code"].strip(), row["source"].strip()
    problems = []
    if code not in known_codes:
        problems.append(f"{where}: area_code {code!r} is not in the GeoJSON or the database")
    year_text = row["year"].strip()
    year = int(year_text) if year_text.isdecimal() and len(year_text) == 4 else 0
    if not 1900 <= year <= 2100:
        problems.append(f"{where}: year {year_text!r} is not a year between 1900 and 2100")
    if not source or len(source) > 300:
        problems.append(f"{where}: source must be given (at most 300 characters)")
    figures = []
    for measure in (m for m in Measure if m.value in row):
        cell = row[measure.value].strip()
        if not cell:
            continue
        # isdecimal, not isdigit: int() refuses digits like '²' that isdigit accepts.
        if not cell.isdecimal() or len(cell) > 9:
            problems.append(f"{where}: {measure.value} {cell!r} is not a whole number ≥ 0")
            continue
        figures.append(ParsedFigure(code, measure.value, int(cell), year, source))
    return ([] if problems else figures), problems


def plan_import(geojson_text: str, csv_text: str) -> ImportPlan:
    """Validate both files; raise ImportProblem listing every problem found."""
    areas, problems = parse_geojson(geojson_text)
    existing = set(db.session.scalars(select(Area.code)))
    figures, csv_problems = parse_statistics(csv_text, existing | {a.code for a in areas})
    problems += csv_problems
    if problems:
        raise ImportProblem(problems)
    return ImportPlan(areas, figures)


def apply_import(plan: ImportPlan, synthetic: bool, actor: User | None = None) -> dict[str, int]:
    """Write a validated plan: areas are upserted by code, figures replace same-year figures."""
    by_code = {a.code: a for a in db.session.scalars(select(Area))}
    for parsed in plan.areas:
        area = by_code.get(parsed.code) or Area(code=parsed.code)
        area.name_ja, area.name_kana = parsed.name_ja, parsed.name_kana
        area.name_romaji, area.geometry = parsed.name_romaji, parsed.geometry
        db.session.add(area)
        by_code[parsed.code] = area
    db.session.flush()
    for figure in plan.figures:
        area_id = by_code[figure.area_code].id
        db.session.execute(
            delete(AreaStatistic).where(
                AreaStatistic.area_id == area_id,
                AreaStatistic.measure == figure.measure,
                AreaStatistic.year == figure.year,
            )
        )
        db.session.add(
            AreaStatistic(
                area_id=area_id,
                measure=figure.measure,
                value=figure.value,
                year=figure.year,
                source=figure.source,
                synthetic=synthetic,
            )
        )
    counts = {"areas": len(plan.areas), "figures": len(plan.figures)}
    data_versions.bump("areas")  # every worker's figures and boundaries follow
    audit.record("areas.imported", actor, None, synthetic=synthetic, **counts)
    return counts


def import_files(geojson: Path, statistics: Path, synthetic: bool = False) -> dict[str, int]:
    """Import both files in one transaction; on any problem nothing is written."""
    try:
        texts = geojson.read_text(encoding="utf-8"), statistics.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ImportProblem([f"Files must be UTF-8: {exc}"]) from exc
    plan = plan_import(*texts)
    try:
        counts = apply_import(plan, synthetic)
        db.session.commit()
    except Exception:
        db.session.rollback()
        raise
    return counts
