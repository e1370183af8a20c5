"""The shortlist and its probabilities against cases whose answer is known."""

import numpy as np
import pytest

from outreach.risk.config import parse
from outreach.risk.shortlist import Need, ShortlistConfig, Uncertain, shortlist

CONFIG = parse(
    {
        "method": "fixed",
        "components": [{"id": "survey", "name": "Survey", "weight": 1}],
        "indicators": [
            {
                "id": "offline",
                "name": "Offline",
                "component": "survey",
                "weight": 1,
                "direction": "higher_is_riskier",
                "bounds": [0, 1],
            },
            {
                "id": "older",
                "name": "Older",
                "component": "survey",
                "weight": 0,
                "direction": "higher_is_riskier",
                "bounds": [0, 1],
            },
        ],
        "need_measure": "offline",
    }
)
LABELS = (("almost_certain", 0.9), ("likely", 0.5), ("possible", 0.1))


def settings(size: int = 2, draws: int = 4000, need_weight: float = 0.0) -> ShortlistConfig:
    return ShortlistConfig(size, draws, 7, 1.0, need_weight, LABELS)


def survey(shares, half_width=0.02) -> dict[str, Uncertain]:
    shares = np.array(shares, dtype=float)
    return {"offline": Uncertain(shares, shares - half_width, shares + half_width)}


def older(n: int) -> dict[str, np.ndarray]:
    return {"older": np.full(n, 0.3)}


def test_two_areas_tied_for_the_last_place_share_it_evenly():
    # A is far ahead; B and C have the same estimate and uncertainty; D is far behind.
    found = shortlist(CONFIG, settings(), older(4), survey([0.6, 0.3, 0.3, 0.05]), None)
    assert found.probability[0] == pytest.approx(1.0)
    assert found.probability[1] == pytest.approx(0.5, abs=0.03)
    assert found.probability[2] == pytest.approx(0.5, abs=0.03)
    assert found.probability[3] == pytest.approx(0.0)
    assert found.order[0] == 0 and found.order[-1] == 3


def test_a_clear_gap_is_almost_certain_and_labelled_so():
    found = shortlist(CONFIG, settings(size=1), older(2), survey([0.5, 0.2]), None)
    assert found.probability[0] > 0.99
    assert settings().label(found.probability[0]) == "almost_certain"
    assert settings().label(0.6) == "likely" and settings().label(0.05) == ""


def test_wider_intervals_make_the_ranking_less_certain():
    narrow = shortlist(CONFIG, settings(size=1), older(2), survey([0.32, 0.3], 0.01), None)
    wide = shortlist(CONFIG, settings(size=1), older(2), survey([0.32, 0.3], 0.15), None)
    assert narrow.probability[0] > wide.probability[0] > 0.5


def test_the_same_data_give_the_same_probabilities():
    first = shortlist(CONFIG, settings(), older(4), survey([0.4, 0.3, 0.3, 0.2]), None)
    again = shortlist(CONFIG, settings(), older(4), survey([0.4, 0.3, 0.3, 0.2]), None)
    assert np.array_equal(first.probability, again.probability)


def test_an_area_missing_an_indicator_is_never_shortlisted():
    values = {"older": np.array([0.3, np.nan, 0.3])}
    found = shortlist(CONFIG, settings(size=2), values, survey([0.2, 0.9, 0.1]), None)
    assert found.probability[1] == 0.0
    assert 1 not in found.order and np.isnan(found.priority[1])


def test_unmet_need_counts_people_not_shares():
    # Same share offline; the big neighbourhood has far more people left to help.
    need = Need("offline", adults=np.array([5000.0, 200.0]), helped=np.array([0.0, 0.0]))
    found = shortlist(CONFIG, settings(size=1, need_weight=1.0), older(2), survey([0.3, 0.3]), need)
    assert found.order == [0, 1] and found.probability[0] > 0.9
