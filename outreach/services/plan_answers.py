"""What residents of a neighbourhood said would help: the most chosen answers of the questions
that plan help (their roles are declared in the instrument)."""

from outreach.services import survey as surveys
from outreach.services import survey_counts as counts
from outreach.services.insights_cache import cached
from outreach.services.survey_counts import ResponseFilter

#: The roles (outreach.instrument.declarations) whose answers say what help to plan.
PLAN_ROLES = ("barriers", "help_topics", "help_language")


def plan_questions() -> list[str | None]:
    """The question ids playing PLAN_ROLES in the current instrument (None where none does)."""
    survey = surveys.instrument()
    return [q.id if (q := survey.role(role)) else None for role in PLAN_ROLES]


def top_answers(
    question: str, filters: ResponseFilter, area: str, limit: int = 3
) -> list[tuple[str, int]]:
    """The most chosen options of a question in one area (for planning outreach)."""
    by_area = cached("top", (question, filters), lambda: _answers_by_area(question, filters))
    return by_area.get(area, [])[:limit]


def _answers_by_area(question: str, filters: ResponseFilter) -> dict[str, list[tuple[str, int]]]:
    """Options chosen per area, leaving out "none of these" and "prefer not to say"."""
    asked = surveys.instrument().find(question)
    left_out = asked.exclusive_ids() if asked else set()
    result: dict[str, list[tuple[str, int]]] = {}
    for code, value, n in counts.answer_counts(question, filters, by_area=True):
        if value not in left_out:
            result.setdefault(code, []).append((value, n))
    return {code: sorted(rows, key=lambda r: -r[1]) for code, rows in result.items()}
