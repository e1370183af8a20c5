"""An attacker who knows each neighbourhood's residents per age band (the census tables are public)
and solves for its answers per age band from what the public pages and open data show.

The attacker enumerates candidate answer counts per band n = (n_15_64, n_65_74, n_75+) within the
bounds the published (rounded) counts allow, and for each measure every positive count
0 ≤ y_h ≤ n_h, simulates with the app's own pure functions what would then be published, and
keeps the candidates that reproduce every published value exactly. A cell is *determined* when all
candidates left agree on it.

Figures of kind "model" also depend on every other neighbourhood (β̂, σ̂²_u, the benchmark shift).
No visitor knows those exactly; this attacker is *granted* them, fitted to the true data (a
`ModelKnowledge` per measure), which makes it stronger than any real one. What it still cannot
do: see how a different candidate would have moved the fit itself (it holds the rest of the city
fixed, a change far below the rounding for a neighbourhood of a few answers).
"""

import itertools
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from outreach.services.area_estimates import published_shares
from outreach.stats.direct import direct_arrays, wilson
from outreach.stats.intervals import Z_95

#: The finest step published shares and bounds are rounded to (whole percents). Only the
#: prefilter relies on it; the self-check (the true counts always survive) guards it.
GRID = 0.01
HALF_PI = np.pi / 2
#: Published triple (share, low, high) for each candidate row.
Simulate = Callable[[np.ndarray, np.ndarray], np.ndarray]


def band_counts(low: int, high: int, bands: int = 3) -> np.ndarray:
    """Every n (one count per band) with a total between low and high."""
    ranges = [range(high + 1)] * bands
    rows = [n for n in itertools.product(*ranges) if low <= sum(n) <= high]
    return np.array(rows, dtype=float).reshape(-1, bands)


def positives(respondents: np.ndarray) -> np.ndarray:
    """Every y with 0 ≤ y_h ≤ n_h."""
    ranges = [range(int(n) + 1) for n in respondents]
    return np.array(list(itertools.product(*ranges)), dtype=float)


def published(rows: np.ndarray) -> np.ndarray:
    """The app's own rounding (Figure.published) of (share, low, high) rows."""
    out = [published_shares(*r) for r in rows.tolist()]
    return np.array(out, dtype=float).reshape(-1, 3)


@dataclass(frozen=True)
class ModelKnowledge:
    """One measure's fit to the whole city, granted to the attacker (see the module docstring)."""

    reference: np.ndarray  # the city's smoothed rate per band (the direct variance uses it)
    beta: np.ndarray
    beta_cov: np.ndarray
    sigma2_u: float
    var_sigma2: float  # 2 / Σ v² over the fitted areas (REML), for the Prasad–Rao g3 term
    delta: float  # the benchmarking shift on the arcsine scale

    def direct(self, population: np.ndarray, respondents: np.ndarray, positive: np.ndarray):
        rows = respondents.shape[0]
        return direct_arrays(
            np.broadcast_to(population, (rows, population.size)).copy(),
            respondents,
            positive,
            self.reference,
        )

    def half_width(self, psi: np.ndarray, x: np.ndarray) -> np.ndarray:
        """z √MSE (REML Prasad–Rao, as outreach.stats.fay_herriot) for sampling variances ψ."""
        v = 1.0 / (self.sigma2_u + psi)
        shrink = psi * v
        g2 = shrink**2 * float(x @ self.beta_cov @ x)
        mse = self.sigma2_u * shrink + g2 + 2 * shrink**2 * self.var_sigma2 * v
        return Z_95 * np.sqrt(mse)

    def model(self, population: np.ndarray, x: np.ndarray) -> Simulate:
        """The published EBLUP triple of one neighbourhood for candidate rows (n, y)."""

        def simulate(respondents: np.ndarray, positive: np.ndarray) -> np.ndarray:
            found = self.direct(population, respondents, positive)
            theta = np.arcsin(np.sqrt(np.clip(found.proportion, 0.0, 1.0)))
            psi = 1.0 / (4.0 * found.effective_n)
            fitted = float(x @ self.beta)
            gamma = self.sigma2_u / (self.sigma2_u + psi)
            estimate = fitted + gamma * (theta - fitted) + self.delta
            half = self.half_width(psi, x)
            return _triple(estimate, half)

        return simulate

    def survey(self, population: np.ndarray) -> Simulate:
        """A "survey" figure: the direct share and Wilson on n_eff, the area's own counts only."""

        def simulate(respondents: np.ndarray, positive: np.ndarray) -> np.ndarray:
            found = self.direct(population, respondents, positive)
            low, high = wilson(found.proportion, found.effective_n)
            return np.column_stack([found.proportion, low, high])

        return simulate

    def plausible(
        self, population: np.ndarray, x: np.ndarray, respondents: np.ndarray, seen: tuple
    ) -> np.ndarray:
        """Which candidate n could give the seen model triple for *some* y (a relaxation).

        The interval's half-width on the arcsine scale depends on n only (the variance uses the
        city's rates), so the published bounds and share bound the estimate θ̂ from both sides.
        """
        found = self.direct(population, respondents, np.zeros_like(respondents))
        half = self.half_width(1.0 / (4.0 * found.effective_n), x)
        share, low, high = seen
        lower = np.full_like(half, _asin(share - GRID / 2, -np.inf))
        upper = np.full_like(half, _asin(share + GRID / 2, np.inf))
        if low > 0:
            lower = np.maximum(lower, half + _asin(low, 0.0))
        upper = np.minimum(upper, half + _asin(low + GRID, np.inf))
        lower = np.maximum(lower, _asin(high - GRID, -np.inf) - half)
        if high < 1:
            upper = np.minimum(upper, _asin(high, np.inf) - half)
        return lower <= upper + 1e-9


def _asin(share: float, beyond: float) -> float:
    """θ with sin²θ = share (a little slack); `beyond` where share leaves (0, 1)."""
    if share <= 0 or share >= 1:
        return beyond
    return math.asin(math.sqrt(share)) + (1e-9 if beyond > 0 else -1e-9)


def _triple(theta: np.ndarray, half: np.ndarray) -> np.ndarray:
    """Back-transform as outreach.stats.small_area does: clip to [0, π/2], square the sine."""

    def back(t: np.ndarray) -> np.ndarray:
        return np.sin(np.clip(t, 0.0, HALF_PI)) ** 2

    return np.column_stack([back(theta), back(theta - half), back(theta + half)])


@dataclass
class Solution:
    """The candidates consistent with everything published about one neighbourhood."""

    respondents: list[tuple[int, ...]]
    #: measure -> band -> positive counts seen among the consistent candidates
    positives: dict[str, list[set[int]]]


def solve(
    candidates: np.ndarray,
    measures: dict[str, tuple[tuple, Simulate]],
    prefilter: Callable[[str, np.ndarray], np.ndarray] | None = None,
    publish: Callable[[np.ndarray], np.ndarray] = published,
    grid: float = GRID,
) -> Solution:
    """Keep the candidate n (and y per measure) reproducing every measure's published triple.

    `publish` rounds simulated (share, low, high) rows as the publication does, to steps of `grid`.
    """
    bands = candidates.shape[1]
    kept: list[tuple[int, ...]] = []
    seen: dict[str, list[set[int]]] = {m: [set() for _ in range(bands)] for m in measures}
    plausible = np.ones(len(candidates), dtype=bool)
    for measure in measures:
        if prefilter is not None:
            plausible &= prefilter(measure, candidates)
    for n in candidates[plausible]:
        found = _per_measure(n, measures, publish, grid)
        if found is None:
            continue
        kept.append(tuple(int(v) for v in n))
        for measure, ys in found.items():
            for band in range(bands):
                seen[measure][band].update(int(v) for v in ys[:, band])
    return Solution(kept, seen)


def _per_measure(
    n: np.ndarray, measures: dict[str, tuple[tuple, Simulate]], publish, grid: float
) -> dict[str, np.ndarray] | None:
    found = {}
    for measure, (triple, simulate) in measures.items():
        ys = positives(n)
        rows = simulate(np.broadcast_to(n, ys.shape).copy(), ys)
        # Only a share within half a step of the published one can round to it.
        near = np.flatnonzero(np.abs(rows[:, 0] - triple[0]) <= grid / 2 + 1e-9)
        match = np.all(np.isclose(publish(rows[near]), triple, atol=1e-9), axis=1)
        if not match.any():
            return None
        found[measure] = ys[near[match]]
    return found


def leaks(solution: Solution, truth: Iterable[int], minimum: int) -> list[str]:
    """Cells under `minimum` answers (and their positive counts) that all candidates agree on."""
    truth = list(truth)
    found = []
    for band, n in enumerate(truth):
        values = {r[band] for r in solution.respondents}
        if 0 < n < minimum and len(values) == 1:
            found.append(f"band {band}: {n} answers")
        for measure, bands in solution.positives.items():
            if 0 < n < minimum and len(bands[band]) == 1:
                found.append(f"band {band}: {measure} positives = {next(iter(bands[band]))}")
    return found
