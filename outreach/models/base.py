"""The declarative base every model shares: naming convention and timestamps."""

from datetime import UTC, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import DateTime, MetaData, String, Table, cast, func
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# Named constraints keep Alembic migrations identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)

    if TYPE_CHECKING:
        # SQLAlchemy types `__table__` as any FromClause (a class may map a join or a select);
        # every model here maps a plain Table, whose insert(), delete() and `.c` Core code uses.
        __table__: ClassVar[Table]


class Timestamped:
    #: When the row was first written (UTC).
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


def month_of(column):
    """A date column as 'YYYY-MM', in both SQLite and PostgreSQL."""
    return func.substr(cast(column, String), 1, 7)
