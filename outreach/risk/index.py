"""Risk scores per area, after the Greater Manchester Digital Exclusion Risk Index (DERI).

1. Each indicator is put on a common scale: min–max to 0–10 across the areas compared (the DERI
   method), z-scores, or 0–10 between fixed bounds set in the configuration ("fixed"), which is
   the one that compares one period with another. Where a lower value means more risk (help
   delivered per 1,000 older residents), the scale is reversed, so that on every scaled
   indicator higher means riskier.
2. A component is the weighted mean of its indicators' scaled values.
3. The score is the weighted mean of the components.
An area missing an indicator is scored on the indicators it has (weights re-normalised), and the
result says which indicators were missing: such a score is not comparable with complete ones.

The arithmetic works on arrays of draws × areas, so that the shortlist (outreach.risk.shortlist)
scores thousands of simulated sets of estimates with the same code as the published score.
"""

from dataclasses import dataclass, field

import numpy as np

from outreach.risk.config import Indicator, RiskConfig

Values = dict[str, dict[str, float | None]]  # indicator id -> area -> value


@dataclass
class AreaScore:
    area: str
    score: float | None
    components: dict[str, float | None]
    scaled: dict[str, float | None]
    missing: list[str] = field(default_factory=list)


def scale_matrix(values: np.ndarray, indicator: Indicator, method: str) -> np.ndarray:
    """One indicator, draws × areas (NaN = missing), scaled across areas within each draw."""
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "fixed":
            low, high = indicator.bounds or (0.0, 1.0)
            raw = np.clip(10 * (values - low) / (high - low), 0.0, 10.0)
            return raw if indicator.higher_is_riskier else 10 - raw
        present = ~np.isnan(values)
        count = present.sum(axis=1, keepdims=True)
        if method == "zscore":
            # nanmean/nanstd warn on a row with no value at all (no area has the figure yet).
            mean = np.where(present, values, 0.0).sum(axis=1, keepdims=True) / np.maximum(count, 1)
            spread = np.where(present, (values - mean) ** 2, 0.0).sum(axis=1, keepdims=True)
            sd = np.sqrt(spread / np.maximum(count, 1))
            raw = np.where(sd > 0, (values - mean) / np.where(sd > 0, sd, 1), 0.0)
            raw = np.where(np.isnan(values), np.nan, raw)
            return raw if indicator.higher_is_riskier else -raw
        low = np.where(present, values, np.inf).min(axis=1, keepdims=True)
        span = np.where(present, values, -np.inf).max(axis=1, keepdims=True) - low
        raw = np.where(span > 0, 10 * (values - low) / np.where(span > 0, span, 1), 5.0)
        raw = np.where(np.isnan(values), np.nan, raw)
        return raw if indicator.higher_is_riskier else 10 - raw


def _weighted_mean(parts: list[tuple[np.ndarray, float]], shape: tuple) -> np.ndarray:
    total, weights = np.zeros(shape), np.zeros(shape)
    for part, weight in parts:
        if weight > 0:
            present = ~np.isnan(part)
            total += np.where(present, part * weight, 0.0)
            weights += present * weight
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(weights > 0, total / np.where(weights > 0, weights, 1), np.nan)


def score_matrix(config: RiskConfig, values: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Scaled indicators, components and "score", each draws × areas. An indicator that is the
    same in every draw may be given as 1 × areas: it is scaled once and broadcast."""
    shape = np.broadcast_shapes(*(v.shape for v in values.values()))
    scaled = {i.id: scale_matrix(values[i.id], i, config.method) for i in config.indicators}
    components = {
        c.id: _weighted_mean(
            [(scaled[i.id], i.weight) for i in config.indicators if i.component == c.id], shape
        )
        for c in config.components
    }
    score = _weighted_mean([(components[c.id], c.weight) for c in config.components], shape)
    return {**scaled, **{f"component:{k}": v for k, v in components.items()}, "score": score}


def scores(config: RiskConfig, values: Values, areas: list[str]) -> list[AreaScore]:
    """Score every area on the given values; returned in the order given."""
    matrix = {
        i.id: np.array([[_number(values.get(i.id, {}).get(a)) for a in areas]], dtype=float)
        for i in config.indicators
    }
    found = score_matrix(config, matrix)
    results = []
    for n, area in enumerate(areas):
        scaled = {i.id: _value(found[i.id][0, n]) for i in config.indicators}
        components = {c.id: _value(found[f"component:{c.id}"][0, n]) for c in config.components}
        missing = [i for i, v in scaled.items() if v is None]
        results.append(AreaScore(area, _value(found["score"][0, n]), components, scaled, missing))
    return results


def scale(
    values: dict[str, float | None], higher_is_riskier: bool, method: str
) -> dict[str, float | None]:
    """One indicator across areas, scaled so that higher always means riskier."""
    direction = "higher_is_riskier" if higher_is_riskier else "lower_is_riskier"
    indicator = Indicator("x", "x", "x", 1.0, direction == "higher_is_riskier")
    row = np.array([[_number(v) for v in values.values()]], dtype=float)
    scaled = scale_matrix(row, indicator, method)[0]
    return {a: _value(v) for a, v in zip(values, scaled, strict=True)}


def _number(value: float | None) -> float:
    return np.nan if value is None else float(value)


def _value(value: float) -> float | None:
    return None if np.isnan(value) else float(value)


def ranked(results: list[AreaScore]) -> list[AreaScore]:
    """Highest risk first; areas without a score last."""
    return sorted(results, key=lambda r: (r.score is None, -(r.score or 0), r.area))
