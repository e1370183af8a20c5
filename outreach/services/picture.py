"""What the figures pages show of the neighbourhoods: one Picture of every area's figures,
worked out by outreach.services.insights."""

from dataclasses import dataclass, field

from outreach.risk.index import AreaScore
from outreach.services.area_estimates import Figure
from outreach.services.priorities import Standing

#: Figures computed from the population figures and the session logs, beside the survey's
#: measures: what forms/lists/risk-index.toml may name.
AREA_FIGURES = (
    "share_65_plus",
    "share_75_plus",
    "one_person_65_plus",
    "foreign_residents",
    "sessions_per_1000_older",
    "helped_per_1000_older",
)
#: The figures from the population import alone: what the small-area model may use.
POPULATION_FIGURES = AREA_FIGURES[:4]


@dataclass
class AreaFigures:
    code: str
    name_ja: str
    name_kana: str
    name_romaji: str
    population: dict[str, int]
    answers: int = 0
    estimates: dict[str, Figure | None] = field(default_factory=dict)
    indicators: dict[str, float | None] = field(default_factory=dict)
    sessions: int = 0
    people_helped: int = 0
    score: AreaScore | None = None
    #: Residents aged 15 and over (the weighting strata).
    adults: int = 0
    at_risk: float | None = None
    unmet: float | None = None
    #: On the shortlist of where the next sessions should go (outreach.services.priorities).
    standing: Standing | None = None
    #: The indicators that set it apart: highest above the neighbourhoods' median, weighted.
    reasons: list[str] = field(default_factory=list)


@dataclass
class Picture:
    #: The survey's measures shown, in the instrument's order (outreach.instrument.measures).
    measures: tuple[str, ...]
    areas: list[AreaFigures]
    city: dict[str, Figure | None]
    answers: int
    channels: dict[str, int]
    minimum: int
    #: True while the figures rest on demo data (synthetic population figures).
    synthetic: bool = False
    #: (area, channel) -> answers
    channel_by_area: dict[tuple, int] = field(default_factory=dict)
    #: measure -> why the model was not used for it ("" when it was)
    model_reasons: dict[str, str] = field(default_factory=dict)
    #: measure -> area -> why it has no figure
    unavailable: dict[str, dict[str, str]] = field(default_factory=dict)
