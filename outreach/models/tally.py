"""Survey counts kept per month, neighbourhood, age band and channel, so that figures for a city
with a million answers are sums over a few hundred thousand small rows, never over every answer.

Rows are added by outreach.services.tallies; each response is counted once: it waits in
survey_uncounted from the transaction that stores it until the one that counts it.
"""

from sqlalchemy import Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base


class SurveyTally(Base):
    """How many responses in one cell have one item.

    Items: ("", "") every response; (question, value) an option chosen; ("@base", measure) in
    the base of a survey measure and ("@positive", measure) counted by it, each judged by the
    declarations of the version the response was given in (outreach.instrument.measures). Empty
    strings, not NULL, stand for "no area" and "no age band" so that the cell can be the primary
    key on every database.
    """

    __tablename__ = "survey_tallies"

    # The key starts with the item: every query asks for a few items across many cells.
    question: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(120), primary_key=True)
    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    area_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    age_band: Mapped[str] = mapped_column(String(20), primary_key=True)
    channel: Mapped[str] = mapped_column(String(10), primary_key=True)
    n: Mapped[int] = mapped_column(Integer)


class SurveyUncounted(Base):
    """A response stored but not yet counted into the tallies (written in the same transaction
    as the response; deleted in the one that counts it). A narrow queue, so that counting never
    rewrites the wide response rows."""

    __tablename__ = "survey_uncounted"

    response_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
