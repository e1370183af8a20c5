"""The progress line on question pages: the number goes up by one from page to page and the
number of questions that may follow never grows, on every path through the real instrument."""

import itertools
import random

from outreach.instrument import flow, load_instruments
from outreach.instrument.instrument import Instrument, Question

SURVEY = load_instruments()["digital-access"]
#: Enough random paths to meet every option of every filter question many times over.
RANDOM_PATHS = 300


def _choices(question: Question) -> list[list[str]]:
    """Answers a resident may give: each option alone, a pair of options, or nothing."""
    ids = question.option_ids() or ["3"]
    singles = [[option] for option in ids]
    pairs = (
        [list(pair) for pair in itertools.combinations(ids, 2)]
        if question.type == "multiple"
        else []
    )
    return [*singles, *pairs, []]


def _walk(survey: Instrument, pick) -> list[tuple[str, flow.Progress]]:
    """Answer forward from the first question to the end; the progress shown on each page."""
    answers: dict[str, list[str]] = {}
    shown = []
    question = flow.next_question(survey, answers, None)
    while question is not None:
        progress = flow.progress(survey, answers, question.id)
        assert progress is not None, question.id
        shown.append((question.id, progress))
        answers[question.id] = pick(question)
        question = flow.next_question(survey, answers, question.id)
    return shown


def _check(shown: list[tuple[str, flow.Progress]]) -> None:
    path = " → ".join(f"{q}({p.number}, {p.left})" for q, p in shown)
    numbers = [p.number for _, p in shown]
    assert numbers == list(range(1, len(shown) + 1)), path
    for (_, before), (asked, after) in itertools.pairwise(shown):
        assert after.left <= before.left - 1, f"{asked}: the rest grew or stood still: {path}"
        if before.exact:
            assert after.left == before.left - 1 and after.exact, f"{asked}: {path}"
    last_id, last = shown[-1]
    assert last.left == 0 and last.exact, f"{last_id}: {path}"
    for question_id, progress in shown:
        assert progress.number + progress.left <= len(SURVEY.questions), question_id


def test_every_answer_to_each_filter_question_keeps_progress_steady():
    filters = {q.show_if.question for q in SURVEY.questions if q.show_if}
    for filter_id in sorted(filters):
        for chosen in _choices(SURVEY.question(filter_id)):

            def pick(question: Question, chosen=chosen, filter_id=filter_id) -> list[str]:
                return chosen if question.id == filter_id else _choices(question)[0]

            _check(_walk(SURVEY, pick))


def test_random_paths_keep_progress_steady():
    rng = random.Random(16)
    for _ in range(RANDOM_PATHS):
        _check(_walk(SURVEY, lambda question: rng.choice(_choices(question))))


def test_the_first_page_counts_every_question_that_may_follow():
    first = flow.progress(SURVEY, {}, SURVEY.questions[0].id)
    assert first == flow.Progress(1, len(SURVEY.questions) - 1, exact=False)


def test_the_shortest_path_says_so_once_its_filters_are_answered():
    answers = {"internet_use": ["never"], "devices": ["none"], "wants_help": ["no"]}
    shown = [q.id for q in SURVEY.visible(answers)]
    after_filters = shown[shown.index("wants_help") + 1]
    progress = flow.progress(SURVEY, answers, after_filters)
    assert progress.exact and progress.number + progress.left == len(shown)


def test_a_question_skipped_by_the_answers_has_no_progress():
    assert flow.progress(SURVEY, {"internet_use": ["never"]}, "worries") is None
