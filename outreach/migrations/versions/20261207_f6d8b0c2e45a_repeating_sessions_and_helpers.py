"""sessions that repeat (series_id shared by the occurrences) and volunteers who staff them

Revision ID: f6d8b0c2e45a
Revises: e5c7a9b1d349
Create Date: 2026-12-07 17:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f6d8b0c2e45a'
down_revision = 'e5c7a9b1d349'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('series_id', sa.String(length=32), nullable=True))
        batch_op.create_index(batch_op.f('ix_support_sessions_series_id'), ['series_id'], unique=False)
    op.create_table('session_helpers',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['session_id'], ['support_sessions.id'], name=op.f('fk_session_helpers_session_id_support_sessions'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_session_helpers_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_session_helpers')),
    sa.UniqueConstraint('session_id', 'user_id', name=op.f('uq_session_helpers_session_id'))
    )
    with op.batch_alter_table('session_helpers', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_session_helpers_session_id'), ['session_id'], unique=False)


def downgrade():
    with op.batch_alter_table('session_helpers', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_session_helpers_session_id'))
    op.drop_table('session_helpers')
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_support_sessions_series_id'))
        batch_op.drop_column('series_id')
