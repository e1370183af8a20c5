"""survey answers on the response: one JSON list of [question, value] pairs per response instead
of a survey_answers row per value (a submission writes one row; figures count batches); and a
partial index of the responses not yet counted (wider rows made walking the others costly)

Revision ID: b7b246ee5d2d
Revises: 04ddf6b30ca5
Create Date: 2026-11-28 12:05:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b7b246ee5d2d'
down_revision = '04ddf6b30ca5'
branch_labels = None
depends_on = None

#: Each response's answers, in the order they were stored (survey_answers.id).
_PAIRS = {
    "postgresql": (
        "SELECT coalesce(json_agg(json_build_array(a.question, a.value) ORDER BY a.id), '[]')"
        " FROM survey_answers a WHERE a.response_id = survey_responses.id"
    ),
    "sqlite": (
        "SELECT coalesce(json_group_array(json_array(question, value)), '[]') FROM"
        " (SELECT question, value FROM survey_answers a"
        "  WHERE a.response_id = survey_responses.id ORDER BY a.id)"
    ),
}


def upgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answers', sa.JSON(), nullable=True))
    dialect = op.get_bind().dialect.name
    op.execute(f"UPDATE survey_responses SET answers = ({_PAIRS[dialect]})")
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.alter_column('answers', existing_type=sa.JSON(), nullable=False)
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_answers_question_value')
        batch_op.drop_index(batch_op.f('ix_survey_answers_response_id'))
    op.drop_table('survey_answers')
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(
            'ix_survey_responses_uncounted', ['id'], unique=False,
            postgresql_where=sa.text('tally_batch IS NULL'),
            sqlite_where=sa.text('tally_batch IS NULL'),
        )


def downgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_responses_uncounted')
    # The foreign key comes last: on SQLite, dropping the column rebuilds survey_responses, and
    # dropping the old copy would cascade to answers that already pointed at it.
    op.create_table(
        'survey_answers',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('response_id', sa.Integer(), nullable=False),
        sa.Column('question', sa.String(length=40), nullable=False),
        sa.Column('value', sa.String(length=500), nullable=False),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_survey_answers')),
    )
    dialect = op.get_bind().dialect.name
    each, question, value = {
        "postgresql": ("json_array_elements(r.answers) AS p(pair)", "p.pair ->> 0", "p.pair ->> 1"),
        "sqlite": ("json_each(r.answers) AS p", "p.value ->> '$[0]'", "p.value ->> '$[1]'"),
    }[dialect]
    op.execute(
        "INSERT INTO survey_answers (response_id, question, value)"
        f" SELECT r.id, {question}, {value} FROM survey_responses r, {each} ORDER BY r.id"
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_column('answers')
    with op.batch_alter_table('survey_answers', schema=None) as batch_op:
        batch_op.create_foreign_key(
            batch_op.f('fk_survey_answers_response_id_survey_responses'),
            'survey_responses', ['response_id'], ['id'], ondelete='CASCADE',
        )
        batch_op.create_index(batch_op.f('ix_survey_answers_response_id'), ['response_id'], unique=False)
        batch_op.create_index('ix_survey_answers_question_value', ['question', 'value'], unique=False)
