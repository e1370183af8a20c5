"""responses wait for counting in survey_uncounted (a narrow queue written with the response)
instead of being stamped with tally_batch (which rewrote every wide response row); data_versions
tells every worker's cache when the figures' data changed

Revision ID: d52e8b3f0a61
Revises: c41d7a2e9f10
Create Date: 2026-12-04 17:40:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd52e8b3f0a61'
down_revision = 'c41d7a2e9f10'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'survey_uncounted',
        sa.Column('response_id', sa.Integer(), autoincrement=False, nullable=False),
        sa.PrimaryKeyConstraint('response_id', name=op.f('pk_survey_uncounted')),
    )
    op.create_table(
        'data_versions',
        sa.Column('name', sa.String(length=40), nullable=False),
        sa.Column('version', sa.BigInteger(), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_data_versions')),
    )
    op.execute(
        "INSERT INTO survey_uncounted (response_id)"
        " SELECT id FROM survey_responses WHERE tally_batch IS NULL"
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_index('ix_survey_responses_uncounted')
        batch_op.drop_index(batch_op.f('ix_survey_responses_tally_batch'))
        batch_op.drop_column('tally_batch')


def downgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('tally_batch', sa.BigInteger(), nullable=True))
    # Counted responses get a batch number of 0; those still queued stay empty.
    op.execute(
        "UPDATE survey_responses SET tally_batch = 0 WHERE id NOT IN"
        " (SELECT response_id FROM survey_uncounted)"
    )
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_survey_responses_tally_batch'), ['tally_batch'], unique=False)
        batch_op.create_index(
            'ix_survey_responses_uncounted', ['id'], unique=False,
            postgresql_where=sa.text('tally_batch IS NULL'),
            sqlite_where=sa.text('tally_batch IS NULL'),
        )
    op.drop_table('data_versions')
    op.drop_table('survey_uncounted')
