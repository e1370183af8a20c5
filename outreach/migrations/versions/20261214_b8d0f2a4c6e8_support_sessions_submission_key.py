"""sessions announced once per form: the hash of the form's one-time key on the first occurrence

Revision ID: b8d0f2a4c6e8
Revises: b8d0e2f4a6c8
Create Date: 2026-12-14 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d0f2a4c6e8'
down_revision = 'b8d0e2f4a6c8'
branch_labels = None
depends_on = None


def upgrade():
    # Nullable: sessions announced before keep none, and so do a series' later occurrences.
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
        batch_op.create_unique_constraint(
            batch_op.f('uq_support_sessions_submission_key'), ['submission_key']
        )


def downgrade():
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_support_sessions_submission_key'), type_='unique')
        batch_op.drop_column('submission_key')
