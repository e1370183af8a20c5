"""Measures declared in the instrument file: judged as declared; a broken declaration names the
file, the measure and the problem."""

from pathlib import Path

import pytest

from outreach.instrument.instrument import InstrumentError, load

HEAD = """
id = "t"
version = 1
title = "T"
[roles]
age_band = "age"
[[questions]]
id = "age"
type = "single"
text = "Age?"
options = [{ id = "young", text = "Young" }, { id = "old", text = "Old" }]
[[questions]]
id = "skills"
type = "multiple"
text = "Which?"
prefer_not = true
options = [{ id = "a", text = "A" }, { id = "b", text = "B" }, { id = "none", text = "None", exclusive = true }]
"""


def instrument(tmp_path: Path, measures: str):
    path = tmp_path / "t.toml"
    path.write_text(HEAD + measures, encoding="utf-8")
    return load(path)


def test_all_options_except_follows_the_options_of_the_question(tmp_path):
    survey = instrument(
        tmp_path,
        '[[measures]]\nid = "low"\nname = "Low"\nquestion = "skills"\n'
        'lacks_one_of = "all"\nexcept = ["none"]\n',
    )
    [low] = survey.measures
    assert low.options == ("a", "b")
    assert low.judge({"skills": ["a", "b"]}) == (True, False)
    assert low.judge({"skills": ["a"]}) == (True, True)
    assert low.judge({"skills": ["none"]}) == (True, True)
    assert low.judge({"skills": ["prefer_not"]}) == (False, False)
    assert low.judge({}) == (False, False)


def test_any_of_and_none_of(tmp_path):
    survey = instrument(
        tmp_path,
        '[[measures]]\nid = "old"\nname = "Old"\nquestion = "age"\nany_of = ["old"]\n'
        '[[measures]]\nid = "no_a"\nname = "No A"\nquestion = "skills"\nnone_of = ["a"]\n'
        'base = "age"\n',
    )
    old, no_a = survey.measures
    assert old.judge({"age": ["old"]}) == (True, True)
    assert old.judge({"age": ["young"]}) == (True, False)
    # The base is who answered `age`; skipping `skills` then counts as not choosing A.
    assert no_a.judge({"age": ["young"]}) == (True, True)
    assert no_a.judge({"skills": ["b"]}) == (False, False)


@pytest.mark.parametrize(
    ("declaration", "problem"),
    [
        ('question = "skils"\nany_of = ["a"]', "question 'skils' is not a question"),
        ('question = "skills"\nany_of = ["c"]', "option c is not an option of question 'skills'"),
        ('question = "skills"', "needs exactly one of any_of, none_of, lacks_one_of"),
        ('question = "skills"\nany_of = ["a"]\nnone_of = ["b"]', "needs exactly one"),
        ('question = "skills"\nany_of = ["a"]\nexcept = ["b"]', "'except' goes with"),
        ('question = "skills"\nany_of = "all"\nexcept = ["a", "b", "none"]', "names no option"),
        ('question = "skills"\nany_of = ["a"]\nbase = "nope"', "base 'nope' is not a question"),
        ('question = "skills"\nanyof = ["a"]', "unknown key anyof"),
    ],
)
def test_a_broken_measure_names_file_entry_and_problem(tmp_path, declaration, problem):
    with pytest.raises(InstrumentError) as caught:
        instrument(tmp_path, f'[[measures]]\nid = "m"\nname = "M"\n{declaration}\n')
    message = str(caught.value)
    assert str(tmp_path / "t.toml") in message
    assert "measure 1 (m)" in message
    assert problem in message


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        ('[roles]\nhelp_topics = "age"\n', "is a single question, not multiple"),
        ('[[strata]]\nid = "x"\npopulation = "pop"\nage_bands = ["older"]\n', "age band older"),
    ],
)
def test_broken_roles_and_strata_are_named(tmp_path, extra, problem):
    text = HEAD.replace('[roles]\nage_band = "age"\n', "") + extra
    if "[[strata]]" in extra:
        text = HEAD + extra
    path = tmp_path / "t.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InstrumentError, match=problem):
        load(path)
