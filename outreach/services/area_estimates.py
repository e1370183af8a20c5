"""Every survey measure for every neighbourhood: the counts from the tallies and the population
figures, handed to the small-area model (outreach.stats.small_area), back as figures that say
what kind they are.

- "survey": the neighbourhood's own answers, weighted to its residents by age (the city figure,
  and neighbourhoods the model could not be fitted for);
- "model": the neighbourhood's answers combined with what its population figures predict
  (Fay–Herriot EBLUP): the fewer its answers, the more it leans on the prediction;
- "model_only": no answers yet, the prediction alone, with a wider interval.
Where none is possible the figure is missing (None) and `unavailable` says why.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from outreach.instrument.declarations import Stratum as AgeGroup
from outreach.services.survey_counts import Cell
from outreach.stats.small_area import AreaInput, estimate_areas
from outreach.stats.weighting import Stratum

KINDS = ("survey", "model", "model_only")


@dataclass(frozen=True)
class Figure:
    """A share with its 95 % interval (inside 0–1), the answers behind it and its kind."""

    proportion: float
    low: float
    high: float
    answers: int
    #: One of KINDS.
    kind: str = "survey"
    #: "all", or which age bands were pooled for lack of answers ("pooled:1+2").
    covers: str = "all"

    def published(self) -> "Figure":
        """What the public sees: whole percents, the interval rounded outward (so it still
        holds the figure), nothing finer that would help work out counts."""
        share, low, high = published_shares(self.proportion, self.low, self.high)
        return replace(self, proportion=share, low=low, high=high)


def published_shares(proportion: float, low: float, high: float) -> tuple[float, float, float]:
    """Figure.published's rounding on plain numbers (the disclosure test runs it millions of
    times): the share to whole percents, the interval outward to whole percents."""
    return (
        round(proportion, 2),
        math.floor(low * 100 + 1e-9) / 100,
        math.ceil(high * 100 - 1e-9) / 100,
    )


@dataclass
class MeasureFigures:
    areas: dict[str, Figure | None]
    city: Figure | None
    #: area code -> why it has no figure ("no_population", "model_failed", "too_few_areas")
    unavailable: dict[str, str] = field(default_factory=dict)
    #: Why the model was not used, if it was not ("" when it was).
    model_reason: str = ""


@dataclass(frozen=True)
class AreaFacts:
    code: str
    population: dict[str, int]
    #: The neighbourhood figures the model uses for this measure; None when one is missing.
    auxiliaries: tuple[float, ...] | None


def measure_figures(
    cells: Sequence[Cell],
    groups: Sequence[AgeGroup],
    areas: Sequence[AreaFacts],
    minimum: int,
    protect: bool = False,
) -> MeasureFigures:
    """One measure's figure for every area and for the city. With `protect` (for the public),
    no figure leans on an age band with fewer than `minimum` answers: such an area gets the
    model's prediction alone, and the city figure waits until every band has enough."""
    by_area: dict[str | None, dict[str, Cell]] = {}
    for cell in cells:
        by_area.setdefault(cell.area, {})[cell.stratum] = cell
    inputs = [_input(area, by_area.get(area.code, {}), groups) for area in areas]
    result = estimate_areas(inputs, minimum, protect)
    figures: dict[str, Figure | None] = {}
    unavailable: dict[str, str] = {}
    for code, found in result.areas.items():
        if (
            found.kind == "unavailable"
            or found.proportion is None
            or found.low is None
            or found.high is None
        ):
            figures[code], unavailable[code] = None, found.reason or "not_enough_answers"
        else:
            figures[code] = Figure(
                found.proportion, found.low, found.high, found.answers, found.kind, found.covers
            )
    thin_city = protect and any(
        0 < sum(i.strata[h].respondents for i in inputs) < minimum for h in range(len(groups))
    )
    city = None if thin_city else _city(result.city, minimum)
    return MeasureFigures(figures, city, unavailable, result.model_reason)


def _input(area: AreaFacts, cells: dict[str, Cell], groups: Sequence[AgeGroup]) -> AreaInput:
    strata = tuple(
        Stratum(
            area.population.get(group.population, 0),
            cells[group.id].base if group.id in cells else 0,
            cells[group.id].positives if group.id in cells else 0,
        )
        for group in groups
    )
    return AreaInput(area.code, strata, area.auxiliaries)


def _city(found, minimum: int) -> Figure | None:
    if found is None or found.proportion is None or found.answers < minimum:
        return None
    return Figure(found.proportion, found.low, found.high, found.answers, "survey", found.covers)
