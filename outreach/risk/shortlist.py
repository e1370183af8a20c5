"""Where the next help sessions should go: one ranking, with how sure it is.

priority = risk_weight × risk score (0–10) + need_weight × unmet need on 0–10 (10 for the
largest unmet need among the neighbourhoods), where unmet need = residents aged 15+ × the share
in the need measure − people already helped (never below 0). Both weights and the shortlist's
size are declared in forms/lists/shortlist.toml.

Its uncertainty comes from the survey estimates': each draw replaces every survey measure by a
value drawn around its estimate (normal on the arcsine-square-root scale, where the intervals
are symmetric: θ = asin √p, standard error = interval width / (2 × 1.96)), scores every area
again with the same code as the published score (outreach.risk.index.score_matrix), and notes
which areas make the top. The share of draws in which an area is in the top is its probability.
Draws are independent between areas (the model's shared coefficients are ignored, which makes
the probabilities slightly less certain than they are). Seeded: the same data give the same
probabilities. A neighbourhood missing an indicator is never shortlisted.
"""

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from outreach.declared_files import read_toml
from outreach.risk.config import RiskConfig
from outreach.risk.index import score_matrix
from outreach.stats.intervals import Z_95

HALF_PI = np.pi / 2


@dataclass(frozen=True)
class ShortlistConfig:
    size: int
    draws: int
    seed: int
    risk_weight: float
    need_weight: float
    #: probability thresholds, highest first: (label id, at least)
    labels: tuple[tuple[str, float], ...]

    def label(self, probability: float) -> str:
        return next((name for name, least in self.labels if probability >= least), "")


@dataclass(frozen=True)
class Uncertain:
    """A survey measure per area: estimate and 95 % interval (NaN where there is none)."""

    share: np.ndarray
    low: np.ndarray
    high: np.ndarray


@dataclass(frozen=True)
class Need:
    measure: str
    adults: np.ndarray
    helped: np.ndarray


@dataclass(frozen=True)
class Shortlist:
    priority: np.ndarray  # per area, NaN where it cannot be ranked
    probability: np.ndarray  # per area: share of draws in the top `size`
    order: list[int]  # area positions by priority, highest first, unrankable left out


def shortlist(
    config: RiskConfig,
    settings: ShortlistConfig,
    fixed: dict[str, np.ndarray],
    survey: dict[str, Uncertain],
    need: Need | None,
) -> Shortlist:
    """Rank the areas on their estimates and simulate the estimates' errors."""
    rng = np.random.default_rng(settings.seed)
    point = _priority(
        config, settings, fixed, {k: v.share[None, :] for k, v in survey.items()}, need
    )
    drawn = {k: _draw(v, settings.draws, rng) for k, v in survey.items()}
    priorities = _priority(config, settings, fixed, drawn, need)
    probability = _in_top(priorities, settings.size)
    ranked = [int(i) for i in np.argsort(-np.nan_to_num(point[0], nan=-np.inf), kind="stable")]
    order = [i for i in ranked if not np.isnan(point[0, i])]
    return Shortlist(point[0], probability, order)


def _draw(found: Uncertain, draws: int, rng: np.random.Generator) -> np.ndarray:
    theta = np.arcsin(np.sqrt(np.clip(found.share, 0, 1)))
    width = np.arcsin(np.sqrt(np.clip(found.high, 0, 1))) - np.arcsin(
        np.sqrt(np.clip(found.low, 0, 1))
    )
    se = width / (2 * Z_95)
    # Single precision: a share to 7 digits is plenty, and it halves the work of 2,000 draws.
    drawn = rng.standard_normal((draws, theta.size), dtype=np.float32)
    drawn *= se.astype(np.float32)
    drawn += theta.astype(np.float32)
    np.clip(drawn, 0, HALF_PI, out=drawn)
    np.sin(drawn, out=drawn)
    return np.square(drawn, out=drawn)


def _priority(
    config: RiskConfig,
    settings: ShortlistConfig,
    fixed: dict[str, np.ndarray],
    survey: dict[str, np.ndarray],
    need: Need | None,
) -> np.ndarray:
    values = {k: v.reshape(1, -1) for k, v in fixed.items()} | survey
    found = score_matrix(config, values)
    complete = np.ones(found["score"].shape, dtype=bool)
    for indicator in config.indicators:
        complete &= ~np.isnan(found[indicator.id])
    priority = settings.risk_weight * found["score"]
    if need is not None and settings.need_weight > 0:
        unmet = np.maximum(need.adults * values[need.measure] - need.helped, 0.0)
        # `initial`: no neighbourhoods yet (a new city) gives an empty row, not an error.
        largest = np.where(np.isnan(unmet), 0.0, unmet).max(axis=1, keepdims=True, initial=0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            scaled = np.where(largest > 0, 10 * unmet / np.where(largest > 0, largest, 1), 0.0)
        priority = priority + settings.need_weight * scaled
    return np.where(complete, priority, np.nan)


def _in_top(priorities: np.ndarray, size: int) -> np.ndarray:
    """Per area, the share of rows (draws) in which it is among the `size` highest."""
    filled = np.nan_to_num(priorities, nan=-np.inf)
    size = min(size, filled.shape[1])
    if size == 0:
        return np.zeros(filled.shape[1])
    top = np.argpartition(-filled, size - 1, axis=1)[:, :size]
    counts = np.bincount(top.ravel(), minlength=filled.shape[1]).astype(float)
    counts[np.all(np.isinf(filled), axis=0)] = 0.0
    return counts / filled.shape[0]


class ShortlistConfigError(ValueError):
    """A broken forms/lists/shortlist.toml; the message names the file and the problem."""


def load_settings(path: Path) -> ShortlistConfig:
    data = read_toml(path, ShortlistConfigError)
    try:
        labels = tuple(
            (str(name), float(least))
            for name, least in sorted(data["labels"].items(), key=lambda kv: -kv[1])
        )
        settings = ShortlistConfig(
            int(data["size"]),
            int(data["draws"]),
            int(data["seed"]),
            float(data["risk_weight"]),
            float(data["need_weight"]),
            labels,
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ShortlistConfigError(f"{path}: missing or invalid {exc}") from exc
    if (
        settings.size < 1
        or settings.draws < 100
        or min(settings.risk_weight, settings.need_weight) < 0
    ):
        raise ShortlistConfigError(f"{path}: size ≥ 1, draws ≥ 100 and weights ≥ 0 are needed")
    unknown = {name for name, _ in labels} - set(LABELS)
    if unknown:
        raise ShortlistConfigError(f"{path}: unknown label {', '.join(sorted(unknown))}")
    return settings


#: The labels the pages know how to say, most certain first.
LABELS = ("almost_certain", "likely", "possible")
