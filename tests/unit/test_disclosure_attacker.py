"""The attacker of tests/integration/test_disclosure_attack.py is capable: against the old
publication (shares with both Wilson bounds to 3 decimals on the Kish effective n) it recovers
a neighbourhood's answers per age band exactly, as the independent check did."""

import numpy as np

from outreach.stats import intervals, weighting
from outreach.stats.weighting import Stratum
from tests.support import disclosure

#: A made-up neighbourhood: residents aged 15–64, 65–74, 75+, and its true answers.
RESIDENTS = np.array([900.0, 150.0, 120.0])
ANSWERS = (4, 3, 2)
POSITIVES = {"no_internet": (0, 1, 2), "no_smartphone": (1, 1, 2)}


def old_style(respondents: np.ndarray, positive: np.ndarray) -> np.ndarray:
    rows = []
    for n, y in zip(respondents, positive, strict=True):
        strata = [Stratum(int(p), int(a), int(b)) for p, a, b in zip(RESIDENTS, n, y, strict=True)]
        found = weighting.estimate(strata)
        rows.append((found.proportion, *intervals.wilson(found.proportion, found.effective_n)))
    return np.array(rows, dtype=float)


def three_decimals(rows: np.ndarray) -> np.ndarray:
    return np.round(rows, 3)


def test_the_attacker_recovers_counts_from_three_decimal_wilson_bounds():
    truth = np.array([ANSWERS], dtype=float)
    seen = {
        measure: (tuple(three_decimals(old_style(truth, np.array([y], float)))[0]), old_style)
        for measure, y in POSITIVES.items()
    }
    # The answers are suppressed (under 10): every total from 1 to 9 is a candidate.
    candidates = disclosure.band_counts(1, 9)
    solution = disclosure.solve(candidates, seen, publish=three_decimals, grid=0.001)
    assert ANSWERS in solution.respondents
    found = disclosure.leaks(solution, ANSWERS, minimum=10)
    assert {"band 0: 4 answers", "band 1: 3 answers", "band 2: 2 answers"} <= set(found), found
