"""Risk scores per area, after the Greater Manchester Digital Exclusion Risk Index (DERI).

1. Each indicator is put on a common scale across the areas compared: min–max to 0–10 (the DERI
   method), or z-scores. Where a lower value means more risk (help delivered per 1,000 older
   residents), the scale is reversed, so that on every scaled indicator higher means riskier.
2. A component is the weighted mean of its indicators' scaled values.
3. The score is the weighted mean of the components.
An area missing an indicator is scored on the indicators it has (weights re-normalised), and the
result says which indicators were missing. Scores compare areas with each other: they are not
percentages and do not compare across runs with different areas.
"""

import statistics
from dataclasses import dataclass, field

from outreach.risk.config import RiskConfig

Values = dict[str, dict[str, float | None]]  # indicator id -> area -> value


@dataclass
class AreaScore:
    area: str
    score: float | None
    components: dict[str, float | None]
    scaled: dict[str, float | None]
    missing: list[str] = field(default_factory=list)


def scale(
    values: dict[str, float | None], higher_is_riskier: bool, method: str
) -> dict[str, float | None]:
    """One indicator across areas, scaled so that higher always means riskier."""
    present = [v for v in values.values() if v is not None]
    if not present:
        return dict.fromkeys(values)
    if method == "zscore":
        mean = statistics.fmean(present)
        sd = statistics.pstdev(present)
        raw = {
            a: (None if v is None else (v - mean) / sd if sd else 0.0) for a, v in values.items()
        }
        return {a: (None if v is None else v if higher_is_riskier else -v) for a, v in raw.items()}
    low, high = min(present), max(present)
    span = high - low
    raw = {
        a: (None if v is None else 10 * (v - low) / span if span else 5.0)
        for a, v in values.items()
    }
    return {a: (None if v is None else v if higher_is_riskier else 10 - v) for a, v in raw.items()}


def _weighted_mean(pairs: list[tuple[float | None, float]]) -> float | None:
    present = [(v, w) for v, w in pairs if v is not None and w > 0]
    total = sum(w for _, w in present)
    return sum(v * w for v, w in present) / total if total else None


def scores(config: RiskConfig, values: Values, areas: list[str]) -> list[AreaScore]:
    """Score every area; returned in the order given."""
    scaled = {
        i.id: scale(
            {a: values.get(i.id, {}).get(a) for a in areas}, i.higher_is_riskier, config.method
        )
        for i in config.indicators
    }
    results = []
    for area in areas:
        components = {
            c.id: _weighted_mean(
                [(scaled[i.id][area], i.weight) for i in config.indicators if i.component == c.id]
            )
            for c in config.components
        }
        score = _weighted_mean([(components[c.id], c.weight) for c in config.components])
        missing = [i.id for i in config.indicators if scaled[i.id][area] is None]
        results.append(
            AreaScore(area, score, components, {i: scaled[i][area] for i in scaled}, missing)
        )
    return results


def ranked(results: list[AreaScore]) -> list[AreaScore]:
    """Highest risk first; areas without a score last."""
    return sorted(results, key=lambda r: (r.score is None, -(r.score or 0), r.area))
