"""What the figures depend on, versioned: each change bumps a counter in the same transaction,
so every worker's cache sees it at its next request (outreach/services/insights_cache.py)."""

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from outreach.models.base import Base


class DataVersion(Base):
    """One row per kind of data: "tallies" (responses counted), "areas" (neighbourhoods, their
    boundaries and population figures)."""

    __tablename__ = "data_versions"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    version: Mapped[int] = mapped_column(BigInteger)
    #: When it last changed: for "tallies", the moment the figures were last brought up to date.
    changed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
