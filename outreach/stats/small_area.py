"""A share per neighbourhood for every neighbourhood: survey answers borrowed strength by a model.

Steps, for one indicator over all areas (vectorised; 210 areas take about 3 ms):

1. Direct estimate per area (outreach.stats.direct): post-stratified over age bands, thin bands
   pooled with their younger neighbour (recorded in `covers`) and spread by the city's age
   gradient; its variance uses the city's rate per band (smoothed by half an answer) in place of
   the area's own, so 0 % and 100 % areas keep a variance, and gives n_eff.
2. Fay–Herriot model (outreach.stats.fay_herriot, REML) on θ = asin √p̂, where a share's sampling
   variance is ≈ 1 / (4 n_eff) whatever the share, so intervals θ̂ ± 1.96 √MSE, clipped to
   [0, π/2], come back as sin² inside 0–100 %. Covariates: an intercept plus the auxiliaries.
   Every area with answers and auxiliaries enters the fit.
3. Areas with answers get the EBLUP ("model"); areas without answers get the synthetic x'β̂ with
   MSE σ²_u + x'Cov(β̂)x ("model_only").
4. Benchmarking: asin √p̂ is biased low for small shares (zero answers are common where the curve
   is steepest: −0.015 at a true 5 % in simulation, a third of the share), and β̂ carries that to
   every area. All θ̂ and their intervals move by one δ so the modelled areas' population-weighted
   share equals their own post-stratified share, which is close to unbiased.

Tried and rejected in simulation: an Anscombe-type shift asin √((p̂n + c)/(n + 2c)) removes the
bias but also the spread σ̂²_u needs; σ̂²_u fell towards 0 and coverage at 5 % to 70–85 %, with ψ
by the delta method or by exact binomial moments alike. Subtracting each area's expected arcsine
bias (exact binomial moments at the city's rates) changed coverage by under half a point, and
fitting σ²_u only to areas with 20 or 30 answers or more changed it by under one.

Simulated (tests/unit/test_small_area_simulation.py: 180 areas, response falling with age):
with 0–60 answers per area, RMSE of the model over sampled areas is 0.45, 0.43 and 0.34 of the
direct estimate's for true shares near 45 %, 17 % and 5 %, and 95 % intervals cover 95.3 %,
96.4 % and 98.9 %; with 20–200 answers they cover 95.0 % near 45 % and 96.9 % near 5 %.

Why 5 % with at most 60 answers is conservative: there, area effects on the arcsine scale
(σ²_u ≈ 0.0015) are a fifth of the sampling variance, and with one to three positives per area
asin √p̂ is neither normal nor of variance 1 / (4 n_eff) (1.15–1.25 times that at 20–60 answers,
with a bias that shrinks as answers grow). σ̂²_u takes up both (≈ 0.005), which widens every
interval. Replacing ψ by the exact variance of the estimator under the binomial overstates it by
10–20 % (the post-stratified share is finer than k / n) and sends σ̂²_u to 0 in most cities, with
coverage 80 %: with so little signal σ²_u is not identifiable from ψ that is only nearly right,
and the error is better made on the wide side.

Fallbacks, never an exception: fewer than MIN_MODEL_AREAS sampled areas with auxiliaries, or a
ModelError (singular auxiliaries, no convergence), gives the direct estimate ("survey", reason
why) to areas with at least `minimum` answers and "unavailable" to the rest. Areas without
auxiliaries are left out of the model: "survey" with at least `minimum` answers, else
"unavailable", reason "no_population" either way.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from outreach.stats import fay_herriot
from outreach.stats.benchmarking import benchmark, target
from outreach.stats.direct import DirectArrays, DirectShare, direct_arrays, direct_share, wilson
from outreach.stats.intervals import Z_95
from outreach.stats.weighting import Stratum

Counts = tuple[np.ndarray, np.ndarray, np.ndarray]  # population, respondents, positives: m × H
MIN_MODEL_AREAS = 10  # fewer sampled areas than this cannot pin down σ²_u
HALF_PI = np.pi / 2


@dataclass(frozen=True)
class AreaInput:
    code: str
    #: One per age band, youngest first, the same bands in every area.
    strata: tuple[Stratum, ...]
    #: x_i without the intercept (e.g. share aged 75+); None: no population figures for the area.
    auxiliaries: tuple[float, ...] | None


@dataclass(frozen=True)
class AreaEstimate:
    code: str
    #: "survey" (direct), "model" (EBLUP), "model_only" (synthetic, no answers), "unavailable"
    kind: str
    proportion: float | None
    low: float | None  # 95 % interval, within [0, 1]
    high: float | None
    answers: int
    #: Why a figure is missing or falls back: "no_population", "model_failed", "too_few_areas".
    reason: str = ""
    #: "all", or which age bands were pooled in the area's direct estimate ("pooled:1+2").
    covers: str = "all"


@dataclass(frozen=True)
class ModelInfo:
    method: str
    scale: str
    sigma2_u: float
    beta: tuple[float, ...]
    converged: bool
    iterations: int
    #: Areas whose answers the model was fitted to.
    areas: int


@dataclass(frozen=True)
class SmallAreaResult:
    areas: dict[str, AreaEstimate]
    model: ModelInfo | None
    #: Why there is no model ("" when there is one).
    model_reason: str = ""
    #: The city's direct share over all answers, post-stratified by age band.
    city: DirectShare | None = field(default=None)


def estimate_areas(
    areas: Sequence[AreaInput], minimum: int, protect: bool = False
) -> SmallAreaResult:
    """Every area's share: model-based where auxiliaries allow, direct or unavailable otherwise.

    With `protect` (what the public sees), an area with an age band of 1 to `minimum` − 1
    answers gets the model's prediction alone ("model_only", reason "protected"): a figure
    that leans on its own answers would let those few answers be worked out."""
    if not areas:
        return SmallAreaResult({}, None, "no_areas")
    counts = _counts(areas)
    city_rates = _city_rates(counts)
    direct = direct_arrays(*counts, reference=city_rates)
    city = direct_share(_city_strata(counts), reference=city_rates)
    has_aux = np.array([a.auxiliaries is not None for a in areas])
    respondents = counts[1]
    thin: np.ndarray | None = None
    if protect:
        thin = np.asarray(((respondents > 0) & (respondents < minimum)).any(axis=1))
    fitted = _model(areas, counts, direct, has_aux, thin)
    if isinstance(fitted, str):
        estimates = _fallback(areas, direct, has_aux, minimum, fitted, thin)
        return SmallAreaResult(estimates, None, fitted, city)
    estimates, info = fitted
    for i in np.flatnonzero(~has_aux).tolist():
        estimates[areas[i].code] = _direct_or_unavailable(
            areas[i], direct, i, minimum, "no_population", thin
        )
    return SmallAreaResult(dict(sorted(estimates.items())), info, "", city)


def _counts(areas: Sequence[AreaInput]) -> Counts:
    def column(attribute: str) -> np.ndarray:
        return np.array([[getattr(s, attribute) for s in a.strata] for a in areas], dtype=float)

    return column("population"), column("respondents"), column("positives")


def _city_rates(counts: Counts) -> np.ndarray:
    """Each band's share over the whole city, shrunk by half an answer so it is never 0 or 1."""
    _, respondents, positives = counts
    return (positives.sum(axis=0) + 0.5) / (respondents.sum(axis=0) + 1.0)


def _city_strata(counts: Counts) -> list[Stratum]:
    population, respondents, positives = (c.sum(axis=0).astype(int) for c in counts)
    return [
        Stratum(*map(int, band)) for band in zip(population, respondents, positives, strict=True)
    ]


def _model(
    areas: Sequence[AreaInput],
    counts: Counts,
    direct: DirectArrays,
    has_aux: np.ndarray,
    thin: np.ndarray | None,
) -> tuple[dict[str, AreaEstimate], ModelInfo] | str:
    """Fit on the arcsine scale and predict every area with auxiliaries, or say why not."""
    sampled = has_aux & ~np.isnan(direct.proportion) & (direct.effective_n > 0)
    if sampled.sum() < MIN_MODEL_AREAS:
        return "too_few_areas"
    design = _design(areas, has_aux)
    if design is None:
        return "model_failed"
    try:
        fit = _fit(direct, sampled, design)
        unsampled = has_aux & ~sampled
        synthetic, synthetic_mse = fay_herriot.synthetic(fit, design[unsampled])
        protected = sampled & thin if thin is not None else np.zeros(len(areas), dtype=bool)
        shielded, shielded_mse = fay_herriot.synthetic(fit, design[protected])
    except fay_herriot.ModelError:
        return "model_failed"
    estimate, mse = np.zeros(len(areas)), np.ones(len(areas))
    estimate[sampled], mse[sampled] = fit.eblup, fit.mse
    estimate[unsampled], mse[unsampled] = synthetic, synthetic_mse
    estimate[protected], mse[protected] = shielded, shielded_mse
    sampled, unsampled = sampled & ~protected, unsampled | protected
    modelled = sampled | unsampled
    population = counts[0].sum(axis=1)[modelled]
    estimate[modelled] = benchmark(estimate[modelled], population, target(counts, modelled))
    found = _model_estimates(areas, direct, sampled, unsampled, estimate, mse, protected)
    return found, _info(fit, sampled | protected)


def _fit(
    direct: DirectArrays, sampled: np.ndarray, design: np.ndarray
) -> fay_herriot.FayHerriotFit:
    """REML on θ = asin √p̂ with ψ = 1 / (4 n_eff)."""
    theta = np.arcsin(np.sqrt(np.clip(np.nan_to_num(direct.proportion), 0.0, 1.0)))
    psi = 1.0 / (4.0 * direct.effective_n[sampled])
    return fay_herriot.fit(theta[sampled], psi, design[sampled])


def _design(areas: Sequence[AreaInput], has_aux: np.ndarray) -> np.ndarray | None:
    """[1, x_i] for areas with auxiliaries (zeros elsewhere); None if their lengths differ."""
    lengths = {len(a.auxiliaries) for a in areas if a.auxiliaries is not None}
    if len(lengths) != 1:
        return None
    width = lengths.pop()
    rows = [a.auxiliaries if a.auxiliaries is not None else (0.0,) * width for a in areas]
    design = np.column_stack([np.ones(len(areas)), np.array(rows, dtype=float).reshape(-1, width)])
    return np.where(has_aux[:, None], design, 0.0)


def _model_estimates(
    areas: Sequence[AreaInput],
    direct: DirectArrays,
    sampled: np.ndarray,
    unsampled: np.ndarray,
    theta: np.ndarray,
    mse: np.ndarray,
    protected: np.ndarray,
) -> dict[str, AreaEstimate]:
    """Back-transform θ̂ ± z √MSE; the interval is clipped to [0, π/2] before squaring the sine."""
    half = Z_95 * np.sqrt(mse)
    centre = np.clip(theta, 0.0, HALF_PI)
    share = np.sin(centre) ** 2
    low = np.sin(np.clip(theta - half, 0.0, HALF_PI)) ** 2
    high = np.sin(np.clip(theta + half, 0.0, HALF_PI)) ** 2
    out = {}
    for i in np.flatnonzero(sampled | unsampled).tolist():
        kind, covers = ("model", direct.covers[i]) if sampled[i] else ("model_only", "all")
        answers = int(direct.answers[i])
        reason = "protected" if protected[i] else ""
        out[areas[i].code] = AreaEstimate(
            areas[i].code,
            kind,
            float(share[i]),
            float(low[i]),
            float(high[i]),
            answers,
            reason,
            covers,
        )
    return out


def _info(fit: fay_herriot.FayHerriotFit, sampled: np.ndarray) -> ModelInfo:
    beta = tuple(float(b) for b in fit.beta)
    return ModelInfo(
        fit.method, "arcsine", fit.sigma2_u, beta, fit.converged, fit.iterations, int(sampled.sum())
    )


def _fallback(
    areas: Sequence[AreaInput],
    direct: DirectArrays,
    has_aux: np.ndarray,
    minimum: int,
    why: str,
    thin: np.ndarray | None,
) -> dict[str, AreaEstimate]:
    reasons = np.where(has_aux, why, "no_population")
    return {
        a.code: _direct_or_unavailable(a, direct, i, minimum, str(reasons[i]), thin)
        for i, a in enumerate(areas)
    }


def _direct_or_unavailable(
    area: AreaInput,
    direct: DirectArrays,
    i: int,
    minimum: int,
    reason: str,
    thin: np.ndarray | None = None,
) -> AreaEstimate:
    """The direct share with its Wilson interval, if the area has `minimum` answers (and,
    when protecting, no thin age band)."""
    answers = int(direct.answers[i])
    proportion = direct.proportion[i]
    if thin is not None and thin[i]:
        return AreaEstimate(area.code, "unavailable", None, None, None, answers, "protected")
    if answers < max(minimum, 1) or np.isnan(proportion):
        return AreaEstimate(area.code, "unavailable", None, None, None, answers, reason)
    low, high = wilson(direct.proportion[i : i + 1], direct.effective_n[i : i + 1])
    return AreaEstimate(
        area.code,
        "survey",
        float(proportion),
        float(low[0]),
        float(high[0]),
        answers,
        reason,
        direct.covers[i],
    )
