"""Row-level survey data for analysts, anonymised: one row per response in an order that says
nothing (shuffled), no free text, the month instead of the day, and the neighbourhood left blank
where it has fewer than PUBLISH_MIN_CELL answers. As CSV with a codebook, SPSS and Stata.

Staff only, every download audited (by the route); the files are made on request, never stored.
"""

import random
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyreadstat
from flask import current_app
from sqlalchemy import select

from outreach.csv_files import csv_bytes
from outreach.extensions import db
from outreach.instrument.codebook import Value, Variable, row, variables
from outreach.instrument.instrument import Instrument
from outreach.models import SurveyResponse

#: Variables every row starts with, beside the questions.
LEADING = (
    Variable("month", "Month the answers were given (YYYY-MM)", "text"),
    Variable(
        "channel", "How the answers were given (web, assisted, paper, phone, offline)", "text"
    ),
    Variable("neighbourhood", "Neighbourhood code; blank where it has too few answers", "text"),
)


@dataclass
class Table:
    variables: list[Variable]
    rows: list[dict[str, Value]]


def table(survey: Instrument) -> Table:
    """Every counted response to `survey` (any version), anonymised as described above."""
    area_role = survey.roles.get("area", "")
    found = [*LEADING, *variables(survey, skip=(area_role,))]
    responses = db.session.execute(
        select(
            SurveyResponse.submitted_on,
            SurveyResponse.channel,
            SurveyResponse.area_code,
            SurveyResponse.answers,
        ).where(SurveyResponse.instrument_id == survey.id, SurveyResponse.excluded_on.is_(None))
    ).all()
    minimum = current_app.config["PUBLISH_MIN_CELL"]
    sizes = Counter(area for _, _, area, _ in responses)
    rows = []
    for day, channel, area, pairs in responses:
        answers: dict[str, list[str]] = {}
        for question, value in pairs or []:
            answers.setdefault(question, []).append(value)
        shown = area if area and sizes[area] >= minimum else ""
        values: dict[str, Value] = {"month": f"{day:%Y-%m}", "channel": channel}
        values["neighbourhood"] = shown
        values.update(row(survey, found[len(LEADING) :], answers))
        rows.append(values)
    random.SystemRandom().shuffle(rows)  # the order of the rows carries no order of submission
    return Table(found, rows)


def as_csv(made: Table) -> bytes:
    header = [v.name for v in made.variables]
    return csv_bytes(header, [[_cell(r[name]) for name in header] for r in made.rows])


def _cell(value: Value) -> str | int | float:
    return "" if value is None else value


def codebook_csv(made: Table) -> bytes:
    """variable, label, type, codes ("1=Every day; 2=…; 99=Prefer not to say")."""
    lines = [
        [v.name, v.label, v.kind, "; ".join(f"{code}={text}" for code, text in v.values)]
        for v in made.variables
    ]
    return csv_bytes(["variable", "label", "type", "codes"], lines)


def _frame(made: Table) -> pd.DataFrame:
    columns = {}
    for v in made.variables:
        values = [r[v.name] for r in made.rows]
        if v.kind == "text":
            columns[v.name] = pd.Series([x or "" for x in values], dtype="object")
        else:
            columns[v.name] = pd.Series(values, dtype="float64")
    return pd.DataFrame(columns, columns=[v.name for v in made.variables])


def _labels(made: Table) -> tuple[list[str | None], dict[str, dict[float, str]]]:
    column_labels: list[str | None] = [v.label[:80] for v in made.variables]  # Stata: 80
    value_labels = {
        v.name: {float(code): text[:80] for code, text in v.values}
        for v in made.variables
        if v.values
    }
    value_labels |= {
        v.name: {0.0: "Not chosen", 1.0: "Chosen"} for v in made.variables if v.kind == "flag"
    }
    return column_labels, value_labels


def as_spss(made: Table) -> bytes:
    column_labels, value_labels = _labels(made)
    return _written(
        lambda path: pyreadstat.write_sav(
            _frame(made), path, column_labels=column_labels, variable_value_labels=value_labels
        ),
        ".sav",
    )


def as_stata(made: Table) -> bytes:
    column_labels, value_labels = _labels(made)
    # Stata value labels need whole numbers: the coded and flag columns hold nothing else.
    return _written(
        lambda path: pyreadstat.write_dta(
            _frame(made),
            path,
            column_labels=column_labels,
            variable_value_labels=value_labels,
            version=15,
        ),
        ".dta",
    )


def _written(write, suffix: str) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"data{suffix}"
        write(str(path))
        return path.read_bytes()
