"""The shortlist of where the next help sessions should go (outreach.risk.shortlist), worked out
on the figures of a Picture: each neighbourhood's priority, rank and probability of being on it."""

from dataclasses import dataclass

import numpy as np
from flask import current_app

from outreach.risk.config import RiskConfig
from outreach.risk.shortlist import Need, ShortlistConfig, Uncertain, shortlist


@dataclass(frozen=True)
class Standing:
    rank: int | None  # 1 = highest priority; None when it cannot be ranked
    priority: float | None
    #: Share of simulated sets of estimates in which it is on the shortlist.
    probability: float
    #: "almost_certain", "likely", "possible" or "" (outreach.risk.shortlist.LABELS)
    label: str


def settings() -> ShortlistConfig:
    return current_app.extensions["outreach_shortlist"]


def standings(areas: list, measures: tuple[str, ...], config: RiskConfig) -> dict[str, Standing]:
    """area code -> Standing, for the areas of a Picture (their indicators and estimates)."""
    chosen = settings()
    survey = {
        m: _uncertain(areas, m) for m in measures if any(i.id == m for i in config.indicators)
    }
    if config.need and config.need not in survey:
        survey[config.need] = _uncertain(areas, config.need)
    fixed = {
        i.id: np.array([_number(a.indicators.get(i.id)) for a in areas])
        for i in config.indicators
        if i.id not in survey
    }
    need = None
    if config.need:
        adults = np.array([float(a.adults) for a in areas])
        helped = np.array([float(a.people_helped) for a in areas])
        need = Need(config.need, adults, helped)
    found = shortlist(config, chosen, fixed, survey, need)
    ranks = {i: n for n, i in enumerate(found.order, start=1)}
    return {
        area.code: Standing(
            ranks.get(i),
            None if np.isnan(found.priority[i]) else float(found.priority[i]),
            float(found.probability[i]),
            chosen.label(float(found.probability[i])),
        )
        for i, area in enumerate(areas)
    }


def _uncertain(areas: list, measure: str) -> Uncertain:
    figures = [a.estimates.get(measure) for a in areas]
    return Uncertain(
        np.array([f.proportion if f else np.nan for f in figures]),
        np.array([f.low if f else np.nan for f in figures]),
        np.array([f.high if f else np.nan for f in figures]),
    )


def _number(value: float | None) -> float:
    return np.nan if value is None else float(value)
