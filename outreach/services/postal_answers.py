"""Neighbourhood answers given as a postal code (`postal:5731191`) before postal codes were
matched to neighbourhoods: mapped now, so those responses count toward their area."""

from sqlalchemy import select

from outreach.extensions import db
from outreach.models import SurveyResponse
from outreach.services import areas, audit, tallies
from outreach.services.survey import instruments

POSTAL_PREFIX = "postal:"


def map_postal_codes() -> tuple[int, int]:
    """Give each response whose postal code covers exactly one neighbourhood that neighbourhood
    (its answer and the area it counts under), audited, then count every figure again.
    Returns (mapped, left as they are): a code of several neighbourhoods or of none cannot be
    decided for the resident."""
    area_questions = {i.roles["area"] for i in instruments() if "area" in i.roles}
    # A postal code never becomes the area a response counts under (services.survey._first).
    query = select(SurveyResponse).where(SurveyResponse.area_code.is_(None))
    mapped = left = 0
    found: dict[str, list[areas.AreaName]] = {}
    for response in db.session.scalars(query.execution_options(yield_per=1000)):
        postal = _postal_answer(response.answers, area_questions)
        if postal is None:
            continue
        code = postal.removeprefix(POSTAL_PREFIX)
        covered = found.setdefault(code, areas.for_postal_code(code))
        if len(covered) != 1:
            left += 1
            continue
        response.answers = [
            [question, covered[0].code if value == postal else value]
            for question, value in response.answers
        ]
        response.area_code = covered[0].code
        mapped += 1
    if mapped:
        audit.record("survey.postal_codes_mapped", None, None, responses=mapped, left=left)
    db.session.commit()
    if mapped:
        tallies.rebuild(instruments())
    return mapped, left


def _postal_answer(pairs: list[list[str]], area_questions: set[str]) -> str | None:
    return next(
        (v for q, v in pairs or [] if q in area_questions and v.startswith(POSTAL_PREFIX)), None
    )
