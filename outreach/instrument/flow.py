"""Where a resident goes next in the survey. Pure: takes the instrument and the answers."""

from dataclasses import dataclass

from outreach.instrument.instrument import Instrument, Question

Answers = dict[str, list[str]]


@dataclass(frozen=True)
class Progress:
    """What a question page says about the way ahead.

    A total ("question 3 of 18") would change as skip logic unfolds: 18 became 13 or 22 as
    answers hid or showed questions. So the page gives the question's number and how many
    questions may still follow, counting every later question that the answers given so far do
    not rule out. Answering can only rule more out, so `left` never grows on the way forward.
    """

    #: The question's place among those asked: goes up by one from page to page.
    number: int
    #: Later questions not ruled out by the answers before this one (an upper bound).
    left: int
    #: True when every one of them will be asked (none waits on an answer not yet given).
    exact: bool


def progress(survey: Instrument, answers: Answers, question_id: str) -> Progress | None:
    """The question's number and the questions that may follow, or None when it is skipped."""
    visible = survey.visible(answers)
    ids = [q.id for q in visible]
    if question_id not in ids:
        return None
    number = ids.index(question_id) + 1
    # Only answers on the path before this page count: this answer and later ones may change.
    known = {q.id: answers[q.id] for q in visible[: number - 1] if q.id in answers}
    later = survey.questions[[q.id for q in survey.questions].index(question_id) + 1 :]
    possible = [q for q in later if _not_ruled_out(q, known)]
    exact = all(q.show_if is None or q.show_if.question in known for q in possible)
    return Progress(number, len(possible), exact)


def _not_ruled_out(question: Question, known: Answers) -> bool:
    condition = question.show_if
    return condition is None or condition.question not in known or condition.holds(known)


def next_question(survey: Instrument, answers: Answers, after: str | None) -> Question | None:
    """The next question asked after `after` (the first when None); None means all are done."""
    visible = survey.visible(answers)
    ids = [q.id for q in visible]
    start = ids.index(after) + 1 if after in ids else 0
    return visible[start] if start < len(visible) else None


def first_unanswered(survey: Instrument, answers: Answers) -> Question | None:
    """A question never reached (an empty answer counts as reached: it was skipped on purpose)."""
    return next((q for q in survey.visible(answers) if q.id not in answers), None)


def previous_question(survey: Instrument, answers: Answers, before: str) -> Question | None:
    visible = survey.visible(answers)
    ids = [q.id for q in visible]
    index = ids.index(before) if before in ids else len(ids)
    return visible[index - 1] if index > 0 else None


def first_missing(survey: Instrument, answers: Answers) -> Question | None:
    """The first required question on the path these answers take that has no answer.

    Skip logic is applied to the answers as they stand, so a required question hidden by an
    earlier answer is not missing, and one revealed by an answer given out of order is.
    """
    return next((q for q in survey.visible(answers) if q.required and not answers.get(q.id)), None)
