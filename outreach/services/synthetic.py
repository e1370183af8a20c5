"""Synthetic survey responses for the demo and the benchmarks: residents drawn in each
neighbourhood by its population, answering as forms/lists/demo-residents.toml declares
(outreach.instrument.residents). Never shown as real: pages label the demo as synthetic."""

import random
from datetime import date, timedelta
from pathlib import Path

from flask import current_app
from sqlalchemy import func, insert, select

from outreach.extensions import db
from outreach.instrument.instrument import Instrument
from outreach.instrument.residents import Residents, answers, load
from outreach.models import Area, AreaStatistic, SurveyResponse
from outreach.services import survey, tallies

CHANNELS = (("web", 0.55), ("paper", 0.25), ("assisted", 0.15), ("phone", 0.05))
#: How the synthetic residents answer, beside the survey it describes.
RESIDENTS_FILE = "demo-residents.toml"


def residents() -> Residents:
    path = Path(current_app.config["FORMS_FOLDER"]) / "lists" / RESIDENTS_FILE
    return load(path, survey.instruments())


def _area_weights() -> list[tuple[str, dict[str, int]]]:
    rows = db.session.execute(
        select(Area.code, AreaStatistic.measure, AreaStatistic.value).join(AreaStatistic)
    ).all()
    areas: dict[str, dict[str, int]] = {}
    for code, measure, value in rows:
        areas.setdefault(code, {})[measure] = value
    return list(areas.items())


def _response_row(
    rng: random.Random, survey: Instrument, area: str, age: str, key: str, days: int
) -> dict:
    return {
        "instrument_id": survey.id,
        "instrument_version": survey.version,
        "channel": rng.choices([c for c, _ in CHANNELS], [w for _, w in CHANNELS])[0],
        "locale": "ja",
        "area_code": area,
        "age_band": age,
        "submission_key": key,
        "submitted_on": date.today() - timedelta(days=rng.randrange(days)),
        "entered_by_id": None,
        "paper_sheet": None,
    }


def generate(
    count: int, seed: int = 27210, days: int = 180, batch: int = 5000, commit: bool = True
) -> int:
    """Insert `count` synthetic responses (Core executemany in batches); returns how many.

    With `commit`, each batch is committed (a million rows for the benchmarks); without, the
    caller's transaction holds them all (the demo loads in one transaction)."""
    rng = random.Random(seed)  # noqa: S311 - reproducible synthetic data
    people = residents()
    areas = _area_weights()
    codes, weights = [a for a, _ in areas], [sum(p.values()) or 1 for _, p in areas]
    # Keys are unique per run: the seed and a serial that continues after earlier runs.
    serial = db.session.scalar(select(func.count(SurveyResponse.id))) or 0
    made = 0
    while made < count:
        size = min(batch, count - made)
        responses = []
        for _ in range(size):
            serial += 1
            area = rng.choices(codes, weights)[0]
            band = rng.choices(people.bands, people.band_weights(areas[codes.index(area)][1]))[0]
            chosen = answers(people, rng, area, band)
            key = f"synthetic-{seed}-{serial}"
            row = _response_row(rng, people.survey, area, band.age_band, key, days)
            row["answers"] = [[q, v] for q, vs in chosen.items() for v in vs]
            responses.append(row)
        stored = db.session.execute(insert(SurveyResponse).returning(SurveyResponse.id), responses)
        tallies.mark_new(stored.scalars().all())
        if commit:
            db.session.commit()
        made += size
    return made
