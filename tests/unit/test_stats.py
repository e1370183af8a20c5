"""Weighting, intervals and suppression against hand-computed examples."""

import itertools
import math

import pytest

from outreach.stats.intervals import wilson
from outreach.stats.suppression import round_count, suppress
from outreach.stats.weighting import Stratum, estimate, kish_effective_n


def test_post_stratified_proportion_by_hand():
    # Young: 600 residents, 20 answers, 2 offline. Old: 400 residents, 5 answers, 4 offline.
    result = estimate([Stratum(600, 20, 2), Stratum(400, 5, 4)])
    # (600·0.1 + 400·0.8) / 1000 = 0.38, where the unweighted share would be 6/25 = 0.24
    assert result.proportion == pytest.approx(0.38)
    assert result.respondents == 25 and result.coverage == 1.0
    # Kish: (Σw)² / Σw² = 1000² / (600²/20 + 400²/5) = 1e6 / 50000 = 20
    assert result.effective_n == pytest.approx(20.0)


def test_equal_weights_keep_the_sample_size():
    assert kish_effective_n([Stratum(100, 10, 1), Stratum(200, 20, 5)]) == pytest.approx(30.0)


def test_strata_without_answers_drop_out_and_coverage_says_so():
    result = estimate([Stratum(600, 10, 5), Stratum(400, 0, 0)])
    assert result.proportion == pytest.approx(0.5)
    assert result.coverage == pytest.approx(0.6)
    assert estimate([Stratum(100, 0, 0)]).proportion is None


def test_wilson_interval_by_hand():
    low, high = wilson(0.5, 100)
    # Wilson for 50/100: centre 0.5, half-width 1.96·sqrt(0.0025 + 1.96²/40000)/(1 + 1.96²/100)
    half = (
        1.959963984540054
        * math.sqrt(0.0025 + 1.959963984540054**2 / 40000)
        / (1 + 1.959963984540054**2 / 100)
    )
    assert (low, high) == pytest.approx((0.5 - half, 0.5 + half))
    assert wilson(0.0, 10)[0] == 0.0 and wilson(0.0, 10)[1] > 0.2
    assert wilson(0.3, 20)[1] - wilson(0.3, 20)[0] > wilson(0.3, 200)[1] - wilson(0.3, 200)[0]


def test_primary_suppression_hides_small_cells():
    table = {
        ("a", "x"): 3,
        ("a", "y"): 40,
        ("a", "z"): 50,
        ("b", "x"): 30,
        ("b", "y"): 12,
        ("b", "z"): 25,
    }
    hidden = suppress(table, minimum=10)
    assert ("a", "x") in hidden.cells


def _recoverable(table, hidden) -> bool:
    """Can any hidden cell be worked out from published totals and visible cells?"""
    rows = {r for r, _ in table}
    cols = {c for _, c in table}
    for r in rows:
        line = [(r, c) for c in cols if (r, c) in table]
        if r not in hidden.row_totals and sum(cell in hidden.cells for cell in line) == 1:
            return True
    for c in cols:
        line = [(r, c) for r in rows if (r, c) in table]
        if c not in hidden.column_totals and sum(cell in hidden.cells for cell in line) == 1:
            return True
    return False


def test_secondary_suppression_defeats_subtracting_totals():
    table = {
        ("a", "x"): 3,
        ("a", "y"): 40,
        ("a", "z"): 50,
        ("b", "x"): 30,
        ("b", "y"): 12,
        ("b", "z"): 25,
    }
    hidden = suppress(table, minimum=10)
    # Row a total 93 minus 40 and 50 would give the 3: another cell of row a must be hidden,
    # and then the columns those cells sit in need a second hidden cell as well.
    assert len(hidden.cells) >= 4
    assert not _recoverable(table, hidden)


def test_secondary_suppression_on_many_random_tables():
    import random

    rng = random.Random(5)
    for _ in range(300):
        rows, cols = rng.randint(1, 5), rng.randint(1, 5)
        table = {
            (r, c): rng.choice([0, 1, 2, 5, 9, 10, 30, 80])
            for r, c in itertools.product(range(rows), range(cols))
        }
        hidden = suppress(table, minimum=10)
        assert all(table[c] > 0 for c in hidden.cells)
        assert not {c for c, n in table.items() if 0 < n < 10} - hidden.cells
        assert not _recoverable(table, hidden), table


def test_lone_cell_in_a_line_hides_the_total():
    hidden = suppress({("a", "x"): 4, ("a", "y"): 0}, minimum=10)
    assert hidden.row_totals == {"a"}


def test_round_count():
    assert [round_count(n) for n in (0, 2, 3, 7, 8, 12, 13)] == [0, 0, 5, 5, 10, 10, 15]
