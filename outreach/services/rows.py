"""Typed helpers for results of statements run in the session."""

from typing import Any

from sqlalchemy import CursorResult, Result


def affected(result: Result[Any]) -> int:
    """How many rows an UPDATE or DELETE run with `db.session.execute` matched.

    Session.execute is typed to return a Result; for these statements it is a CursorResult,
    which alone has `rowcount`."""
    if not isinstance(result, CursorResult):
        raise TypeError(f"expected the CursorResult of an UPDATE or DELETE, got {type(result)}")
    return result.rowcount
