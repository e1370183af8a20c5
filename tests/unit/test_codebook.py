"""The survey as analysts' variables: coded from the instrument, free text left out."""

from outreach.instrument import load_instruments
from outreach.instrument.codebook import MAX_NAME, PREFER_NOT_CODE, row, variables

SURVEY = load_instruments()["digital-access"]


def test_every_question_but_free_text_becomes_variables_with_short_unique_names():
    found = variables(SURVEY)
    names = [v.name for v in found]
    assert len(names) == len(set(names)) and all(len(n) <= MAX_NAME for n in names)
    asked = {v.question for v in found}
    texts = {q.id for q in SURVEY.questions if q.type == "text"}
    assert texts and not texts & asked
    assert {q.id for q in SURVEY.questions if q.type not in ("text", "area")} == asked


def test_codes_follow_the_options_and_prefer_not_is_99():
    found = {v.name: v for v in variables(SURVEY)}
    barriers = [v for v in found.values() if v.question == "barriers"]
    assert all(v.kind == "flag" for v in barriers)
    confidence = found["confidence"]
    assert confidence.values[-1] == (PREFER_NOT_CODE, "Prefer not to say")
    values = row(
        SURVEY, list(found.values()), {"confidence": ["prefer_not"], "barriers": ["cost_device"]}
    )
    assert values["confidence"] == PREFER_NOT_CODE
    assert values["barriers_cost_device"] == 1 and values["barriers_not_needed"] == 0
    assert values["internet_use"] is None  # not answered
