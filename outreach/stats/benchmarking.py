"""Benchmarking the small-area model to the survey's own total (step 4 of
outreach.stats.small_area): one shift on the arcsine scale for every modelled area."""

import numpy as np

HALF_PI = np.pi / 2
BENCHMARK_STEPS = 8  # Newton steps for the benchmarking shift; 4 already agree to 1e-10
#: population, respondents, positives: m × H
Counts = tuple[np.ndarray, np.ndarray, np.ndarray]


def benchmark(theta: np.ndarray, population: np.ndarray, target: float) -> np.ndarray:
    """Shift every θ̂ by one δ so the population-weighted mean of sin² θ̂ is the direct `target`.

    asin √p̂ is biased low for small shares (zero answers are common where the curve is
    steepest), and β̂ carries that bias to every area; the modelled areas' own post-stratified
    share is close to unbiased. δ solves Σ w_i sin²(θ̂_i + δ) = target by Newton's method.
    """
    weight = population / population.sum()
    delta = 0.0
    for _ in range(BENCHMARK_STEPS):
        shifted = np.clip(theta + delta, 0.0, HALF_PI)
        slope = np.sum(weight * np.sin(2 * shifted))
        if slope <= 0:
            break
        delta -= (np.sum(weight * np.sin(shifted) ** 2) - target) / slope
    return theta + delta


def target(counts: Counts, rows: np.ndarray) -> float:
    """The post-stratified share over the given areas' answers (by age band, city rates)."""
    population, respondents, positives = (c[rows].sum(axis=0) for c in counts)
    rates = positives / np.maximum(respondents, 1.0)
    return float(np.sum(population / population.sum() * rates))
