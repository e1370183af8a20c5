"""The small-area configuration: auxiliaries per measure, checked against what exists."""

import pytest

from outreach.risk.model_config import ModelConfigError, parse

FIGURES = {"share_75_plus", "one_person_65_plus", "foreign_residents"}
MEASURES = {"no_internet", "wants_help"}


def test_a_measure_may_override_the_default():
    config = parse(
        {"auxiliaries": ["share_75_plus"], "measures": {"wants_help": {"auxiliaries": []}}}, "f"
    )
    config.check(MEASURES, FIGURES, "f")
    assert config.auxiliaries("no_internet") == ("share_75_plus",)
    assert config.auxiliaries("wants_help") == ()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        ({"auxiliaries": ["share_76_plus"]}, "share_76_plus is not a neighbourhood figure"),
        ({"measures": {"no_internt": {"auxiliaries": []}}}, r"\[measures.no_internt\]: no such"),
        ({"auxiliaries": "share_75_plus"}, "must be a list of figure names"),
    ],
)
def test_an_unknown_name_is_refused_with_file_and_entry(data, problem):
    with pytest.raises(ModelConfigError, match=problem) as caught:
        parse(data, "forms/lists/small-area.toml").check(
            MEASURES, FIGURES, "forms/lists/small-area.toml"
        )
    assert "forms/lists/small-area.toml" in str(caught.value)
