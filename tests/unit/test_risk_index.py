"""The risk index against hand-computed examples: reversed indicator, changed weight, z-scores."""

import pytest

from outreach.risk.config import RiskConfigError, parse
from outreach.risk.index import ranked, scale, scores

CONFIG = {
    "method": "minmax",
    "components": [
        {"id": "survey", "name": "Survey", "weight": 2},
        {"id": "support", "name": "Support", "weight": 1},
    ],
    "indicators": [
        {
            "id": "offline",
            "name": "Offline",
            "component": "survey",
            "weight": 1,
            "direction": "higher_is_riskier",
        },
        {
            "id": "older",
            "name": "Aged 65+",
            "component": "survey",
            "weight": 1,
            "direction": "higher_is_riskier",
        },
        {
            "id": "helped",
            "name": "Helped",
            "component": "support",
            "weight": 1,
            "direction": "lower_is_riskier",
        },
    ],
}
VALUES = {
    "offline": {"A": 0.10, "B": 0.30, "C": 0.20},
    "older": {"A": 0.40, "B": 0.20, "C": 0.30},
    "helped": {"A": 0.0, "B": 50.0, "C": 100.0},
}


def by_area(results):
    return {r.area: r for r in results}


def test_minmax_by_hand():
    result = by_area(scores(parse(CONFIG), VALUES, ["A", "B", "C"]))
    # offline: A 0, B 10, C 5; older: A 10, B 0, C 5; helped reversed: A 10, B 5, C 0
    assert result["A"].scaled == pytest.approx({"offline": 0, "older": 10, "helped": 10})
    # survey component = mean(offline, older); score = (2·survey + 1·support) / 3
    assert result["A"].components == pytest.approx({"survey": 5, "support": 10})
    assert result["A"].score == pytest.approx((2 * 5 + 10) / 3)
    assert result["B"].score == pytest.approx((2 * 5 + 5) / 3)
    assert result["C"].score == pytest.approx((2 * 5 + 0) / 3)
    assert [r.area for r in ranked(list(result.values()))] == ["A", "B", "C"]


def test_reversed_indicator():
    assert scale({"A": 0, "B": 100}, higher_is_riskier=False, method="minmax") == {"A": 10, "B": 0}


def test_changed_weight_changes_the_ranking():
    config = parse(CONFIG).with_weights({"support": 0.0})
    result = by_area(scores(config, VALUES, ["A", "B", "C"]))
    assert [result[a].score for a in "ABC"] == pytest.approx([5, 5, 5])
    offline_only = parse(CONFIG).with_weights({"older": 0.0, "support": 0.0})
    result = by_area(scores(offline_only, VALUES, ["A", "B", "C"]))
    assert [r.area for r in ranked(list(result.values()))] == ["B", "C", "A"]


def test_zscore_alternative():
    config = parse({**CONFIG, "method": "zscore"})
    result = by_area(scores(config, VALUES, ["A", "B", "C"]))
    # offline z: A -1.2247, B 1.2247, C 0 (population sd 0.0816)
    assert result["B"].scaled["offline"] == pytest.approx(1.2247, abs=1e-4)
    assert result["A"].scaled["helped"] == pytest.approx(1.2247, abs=1e-4), (
        "reversed: least help is riskiest"
    )


def test_missing_indicator_renormalises_and_is_reported():
    values = {**VALUES, "offline": {"A": 0.10, "B": None, "C": 0.20}}
    result = by_area(scores(parse(CONFIG), values, ["A", "B", "C"]))
    assert result["B"].missing == ["offline"]
    assert result["B"].components["survey"] == pytest.approx(0.0)  # older only: B is lowest


def test_equal_values_do_not_divide_by_zero():
    assert scale({"A": 3, "B": 3}, True, "minmax") == {"A": 5.0, "B": 5.0}
    assert scale({"A": 3, "B": 3}, True, "zscore") == {"A": 0.0, "B": 0.0}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"method": "median"}, "method must be"),
        ({"indicators": [{**CONFIG["indicators"][0], "component": "nope"}]}, "unknown component"),
        ({"indicators": [{**CONFIG["indicators"][0], "direction": "up"}]}, "needs direction"),
        ({"indicators": [{**CONFIG["indicators"][0], "weight": -1}]}, "weight of 0 or more"),
    ],
)
def test_broken_config_is_refused(change, message):
    with pytest.raises(RiskConfigError, match=message):
        parse({**CONFIG, **change})
