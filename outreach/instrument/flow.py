"""Where a resident goes next in the survey. Pure: takes the instrument and the answers."""

from outreach.instrument.instrument import Instrument, Question

Answers = dict[str, list[str]]


def position(survey: Instrument, answers: Answers, question_id: str) -> tuple[int, int] | None:
    """(number, total) of a question among those asked, or None when it is skipped."""
    visible = [q.id for q in survey.visible(answers)]
    return (visible.index(question_id) + 1, len(visible)) if question_id in visible else None


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
