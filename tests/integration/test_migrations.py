"""Migrations that move data keep every value, up and down, on SQLite and PostgreSQL."""

import json

import pytest
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from outreach.extensions import db
from tests.support.apps import make_app
from tests.support.databases import BACKENDS, fresh_database

#: survey_answers rows became a JSON list of [question, value] pairs on each response.
ROWS_TABLE, ON_THE_RESPONSE = "04ddf6b30ca5", "b7b246ee5d2d"

RESPONSE = (
    "INSERT INTO survey_responses (id, instrument_id, instrument_version, channel, locale,"
    " submitted_on, submission_key) VALUES (:id, 'digital-access', 1, 'web', 'ja', '2026-11-01', :key)"
)
ANSWER = "INSERT INTO survey_answers (response_id, question, value) VALUES (:r, :q, :v)"
PAIRS = {
    1: [["internet_use", "weekly"], ["devices", "smartphone"], ["devices", "pc"]],
    2: [["free_text", '日本語, "引用" と [括弧]']],
    3: [],
}


@pytest.mark.parametrize("backend", BACKENDS)
def test_answers_move_onto_their_response_and_back(backend, tmp_path):
    with fresh_database(backend, tmp_path) as url:
        app = make_app(url, tmp_path)
        with app.app_context():
            upgrade(revision=ROWS_TABLE)
            for response_id, pairs in PAIRS.items():
                db.session.execute(text(RESPONSE), {"id": response_id, "key": f"k{response_id}"})
                for question, value in pairs:
                    db.session.execute(text(ANSWER), {"r": response_id, "q": question, "v": value})
            db.session.commit()

            upgrade(revision=ON_THE_RESPONSE)
            rows = db.session.execute(text("SELECT id, answers FROM survey_responses")).all()
            assert {r.id: _json(r.answers) for r in rows} == PAIRS
            db.session.commit()

            downgrade(revision=ROWS_TABLE)
            back = db.session.execute(
                text("SELECT response_id, question, value FROM survey_answers ORDER BY id")
            ).all()
            assert [tuple(r) for r in back] == [
                (rid, q, v) for rid, pairs in PAIRS.items() for q, v in pairs
            ]
            db.session.commit()
            db.engine.dispose()


def _json(value):
    return json.loads(value) if isinstance(value, str) else value


#: Drafts lost the submission PostgreSQL had prepared at each save.
WITH_PREPARED, WITHOUT_PREPARED = ON_THE_RESPONSE, "183e0eabddfa"
DRAFT = (
    "INSERT INTO survey_drafts (id, token, instrument_id, instrument_version, channel, answers,"
    " prepared, updated_at, expires_at) VALUES (1, 't', 'digital-access', 1, 'web', :answers,"
    " :prepared, '2026-12-01 00:00:00', '2026-12-31 00:00:00')"
)
DRAFT_ANSWERS = {"internet_use": ["weekly"], "devices": ["smartphone", "pc"]}


@pytest.mark.parametrize("backend", BACKENDS)
def test_drafts_keep_their_answers_without_the_prepared_column_and_back(backend, tmp_path):
    with fresh_database(backend, tmp_path) as url:
        app = make_app(url, tmp_path)
        with app.app_context():
            upgrade(revision=WITH_PREPARED)
            answers = json.dumps(DRAFT_ANSWERS)
            db.session.execute(text(DRAFT), {"answers": answers, "prepared": '{"pairs": []}'})
            db.session.commit()

            upgrade(revision=WITHOUT_PREPARED)
            assert "prepared" not in _columns("survey_drafts")
            assert _json(db.session.scalar(text("SELECT answers FROM survey_drafts"))) == (
                DRAFT_ANSWERS
            )
            db.session.commit()

            downgrade(revision=WITH_PREPARED)
            row = db.session.execute(text("SELECT answers, prepared FROM survey_drafts")).one()
            assert (_json(row.answers), row.prepared) == (DRAFT_ANSWERS, None)
            db.session.commit()
            db.engine.dispose()


def _columns(table: str) -> set[str]:
    return {column["name"] for column in inspect(db.engine).get_columns(table)}
