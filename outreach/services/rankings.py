"""Orderings of the neighbourhoods of a Picture: by risk score, by the shortlist, and the
indicators that set each apart."""

from outreach.risk.config import RiskConfig
from outreach.services.picture import AreaFigures, Picture


def mark_reasons(areas: list[AreaFigures], config: RiskConfig, count: int = 2) -> None:
    """What sets each area apart: its scaled indicators furthest above the median of all areas
    (weighted), so that a figure every area shares (no help anywhere yet) is not a reason."""
    weight = {i.id: i.weight for i in config.indicators}
    medians: dict[str, float] = {}
    for indicator in config.indicators:
        found = sorted(
            v for a in areas if a.score and (v := a.score.scaled.get(indicator.id)) is not None
        )
        if found:
            medians[indicator.id] = found[len(found) // 2]
    for area in areas:
        if not area.score:
            continue
        above = [
            (weight[k] * (v - medians[k]), k)
            for k, v in area.score.scaled.items()
            if v is not None and k in medians and weight[k] > 0
        ]
        area.reasons = [k for lead, k in sorted(above, reverse=True)[:count] if lead > 0]


def highest_risk(result: Picture) -> list[AreaFigures]:
    """Neighbourhoods scored on every indicator, highest score first. A score missing an
    indicator is not comparable with the others, so those come after, and unscored last."""
    return sorted(result.areas, key=_risk_order)


def _risk_order(area: AreaFigures) -> tuple:
    score = area.score.score if area.score else None
    complete = score is not None and area.score is not None and not area.score.missing
    return (not complete, score is None, -(score or 0), area.code)


def priorities(result: Picture) -> list[AreaFigures]:
    """The shortlist's ranking: highest priority first; those that cannot be ranked last."""

    def order(area: AreaFigures) -> tuple:
        rank = area.standing.rank if area.standing else None
        return (rank is None, rank or 0, area.code)

    return sorted(result.areas, key=order)
