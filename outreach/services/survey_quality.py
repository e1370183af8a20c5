"""Finding responses stored incomplete (before submissions were checked) and leaving them out of
every figure. They are kept, marked with the day they were excluded, so the count can be told
and checked; the figures are counted again without them."""

from collections.abc import Iterator

from sqlalchemy import select, update

from outreach.extensions import db
from outreach.instrument.instrument import Instrument
from outreach.models import Channel, SurveyResponse
from outreach.models.base import utcnow
from outreach.services import audit, tallies
from outreach.services.survey import instruments, missing_question

#: Responses read per round trip while looking: a million rows never sit in memory at once.
BATCH = 5_000


def find_incomplete() -> list[int]:
    """Ids of counted responses that lack an answer they need under the instrument version they
    were given in (services.survey.missing_question), in id order."""
    versions = {(i.id, i.version): i for i in instruments()}
    return [
        response_id
        for response_id, survey, answers, channel in _responses(versions)
        if missing_question(survey, answers, channel) is not None
    ]


def _responses(
    versions: dict[tuple[str, int], Instrument],
) -> Iterator[tuple[int, Instrument, dict[str, list[str]], Channel]]:
    r = SurveyResponse
    query = (
        select(r.id, r.instrument_id, r.instrument_version, r.channel, r.answers)
        .where(r.excluded_on.is_(None))
        .order_by(r.id)
        .execution_options(yield_per=BATCH)
    )
    for response_id, instrument_id, version, channel, pairs in db.session.execute(query):
        survey = versions.get((instrument_id, version))
        if survey is not None:  # a version no longer in forms/ cannot be judged: left as is
            yield response_id, survey, _answers(pairs), Channel(channel)


def _answers(pairs: list[list[str]] | None) -> dict[str, list[str]]:
    answers: dict[str, list[str]] = {}
    for question, value in pairs or []:
        answers.setdefault(question, []).append(value)
    return answers


def exclude(response_ids: list[int]) -> int:
    """Mark these responses excluded (audited), then count every figure again without them."""
    for start in range(0, len(response_ids), BATCH):
        chunk = response_ids[start : start + BATCH]
        db.session.execute(
            update(SurveyResponse)
            .where(SurveyResponse.id.in_(chunk))
            .values(excluded_on=utcnow().date())
        )
    audit.record("survey.incomplete_excluded", None, None, responses=len(response_ids))
    db.session.commit()
    if response_ids:
        tallies.rebuild(instruments())
    return len(response_ids)
