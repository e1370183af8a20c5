"""The demo loads completely or not at all, so a failed load can simply be run again."""

import pytest
from sqlalchemy import func, select

from outreach.extensions import db
from outreach.services import demo, synthetic


def test_a_demo_failing_part_way_leaves_the_database_empty(app, monkeypatch):
    def broken(*_args, **_kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(synthetic, "generate", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        demo.load()
    for table in db.metadata.sorted_tables:
        assert db.session.scalar(select(func.count()).select_from(table)) == 0, table.name

    monkeypatch.undo()
    demo.load()
    assert not demo.is_empty()
