"""bookings: a resident's place or waiting-list turn at a session; places taken per session

Revision ID: a7e9c1d3f567
Revises: f6d8b0c2e45a
Create Date: 2026-12-07 18:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a7e9c1d3f567'
down_revision = 'f6d8b0c2e45a'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('booked_count', sa.Integer(), server_default='0', nullable=False))
    op.create_table('bookings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(length=12), nullable=False),
    sa.Column('sealed', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('booked_by_id', sa.Integer(), nullable=True),
    sa.Column('attended', sa.Boolean(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['booked_by_id'], ['users.id'], name=op.f('fk_bookings_booked_by_id_users')),
    sa.ForeignKeyConstraint(['session_id'], ['support_sessions.id'], name=op.f('fk_bookings_session_id_support_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_bookings')),
    sa.UniqueConstraint('code', name=op.f('uq_bookings_code')),
    sa.UniqueConstraint('submission_key', name=op.f('uq_bookings_submission_key'))
    )
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bookings_session_id'), ['session_id'], unique=False)


def downgrade():
    with op.batch_alter_table('bookings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_bookings_session_id'))
    op.drop_table('bookings')
    with op.batch_alter_table('support_sessions', schema=None) as batch_op:
        batch_op.drop_column('booked_count')
