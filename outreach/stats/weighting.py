"""Post-stratified estimates of a proportion, with the Kish effective sample size.

Each respondent in age stratum h gets the weight w_h = N_h / n_h (N_h residents, n_h respondents
in that stratum), so the weighted sample matches the population's age profile. The estimate is
p = Σ_h N_h · (y_h / n_h) / Σ_h N_h over the strata that have respondents; strata without any
respondent drop out (their residents cannot be represented, so the estimate describes the others,
and `coverage` says what share of residents that is). Respondents who gave no age band cannot be
weighted and are left out of weighted estimates (they still count in the unweighted totals).
The weights reduce precision; the Kish effective sample size n_eff = (Σ w)² / Σ w² measures how
much, and the confidence interval is computed on n_eff instead of n.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Stratum:
    population: int  # N_h
    respondents: int  # n_h
    positives: int  # y_h: respondents with the characteristic


@dataclass(frozen=True)
class Estimate:
    proportion: float | None
    respondents: int
    effective_n: float
    #: Share of the population living in strata that have respondents.
    coverage: float


def estimate(strata: list[Stratum]) -> Estimate:
    """The post-stratified proportion over the given strata."""
    used = [s for s in strata if s.respondents > 0 and s.population > 0]
    total_population = sum(s.population for s in strata)
    respondents = sum(s.respondents for s in used)
    covered = sum(s.population for s in used)
    if not used or covered == 0:
        return Estimate(None, respondents, 0.0, 0.0)
    proportion = sum(s.population * s.positives / s.respondents for s in used) / covered
    return Estimate(proportion, respondents, kish_effective_n(used), covered / total_population)


def kish_effective_n(strata: list[Stratum]) -> float:
    """(Σ w)² / Σ w² with w_h = N_h / n_h repeated n_h times."""
    sum_w = sum(s.population for s in strata)  # Σ_h n_h · N_h/n_h
    sum_w2 = sum(s.population**2 / s.respondents for s in strata)  # Σ_h n_h · (N_h/n_h)²
    return sum_w**2 / sum_w2 if sum_w2 else 0.0
