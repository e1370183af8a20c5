"""The demo's synthetic residents: declared beside the survey, checked against it, answering
under its skip logic at the rates of the published national figures they cite."""

import random
from pathlib import Path

import pytest

from outreach.instrument import load_instruments
from outreach.instrument.residents import ResidentsError, answers, load
from outreach.paths import FORMS

FILE = FORMS / "lists" / "demo-residents.toml"
SURVEY = load_instruments()["digital-access"]
VERSIONS = [SURVEY]


def draw(count: int, seed: int = 1) -> list[tuple[str, dict[str, list[str]]]]:
    people = load(FILE, VERSIONS)
    rng = random.Random(seed)
    drawn = []
    for _ in range(count):
        band = rng.choice(people.bands)
        drawn.append((band.age_band, answers(people, rng, "K01", band)))
    return drawn


def test_answers_follow_the_skip_logic_and_answer_every_required_question():
    for _band, given in draw(3000):
        asked = {q.id for q in SURVEY.visible(given)}
        assert set(given) <= asked, set(given) - asked
        assert {q.id for q in SURVEY.visible(given) if q.required} <= set(given)
        for question, values in given.items():
            asked_question = SURVEY.question(question)
            if asked_question.type in ("single", "multiple", "yesno", "scale"):
                assert set(values) <= set(asked_question.option_ids()), (question, values)


def test_smartphone_use_by_age_is_the_cited_survey_figure():
    """Cabinet Office 2020: 41 % of people aged 70 and over use a smartphone."""
    older = [g for band, g in draw(8000, seed=2) if band == "75_plus"]
    share = sum("smartphone" in g["devices"] for g in older) / len(older)
    assert share == pytest.approx(0.41, abs=0.03)


def test_the_area_and_age_band_are_answered_through_their_roles():
    for band, given in draw(50):
        assert given[SURVEY.roles["area"]] == ["K01"]
        assert given[SURVEY.roles["age_band"]] == [band]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (('question = "skills"', 'question = "skils"'), "[[answers]] #3"),
        (("spot_scam = 0.7", "spot_scams = 0.7"), "spot_scams is not an option"),
        (('age_band = "75_plus"', 'age_band = "over_75"'), "'over_75'"),
        (("online = 0.55", "online = 5.5"), "[[bands]] #4"),
        (("version = 2", "version = 3"), "no instrument 'digital-access' version 3"),
        (('"75_plus" = 0.41', '"80_plus" = 0.41'), "no age band 80_plus"),
    ],
)
def test_a_broken_residents_file_names_the_file_and_the_entry(tmp_path: Path, change, named):
    broken = tmp_path / "demo-residents.toml"
    text = FILE.read_text(encoding="utf-8")
    assert change[0] in text
    broken.write_text(text.replace(change[0], change[1], 1), encoding="utf-8")
    with pytest.raises(ResidentsError) as raised:
        load(broken, VERSIONS)
    assert str(broken) in str(raised.value) and named in str(raised.value)
