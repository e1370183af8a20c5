"""follow-ups as cases: source, status, outcome, due date, who flagged it, and their history

Revision ID: e5c7a9b1d349
Revises: d4b6f8a0c237
Create Date: 2026-12-07 17:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'e5c7a9b1d349'
down_revision = 'd4b6f8a0c237'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source', sa.String(length=10), server_default='log', nullable=False))
        batch_op.add_column(sa.Column('flagged_by_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('status', sa.String(length=20), server_default='new', nullable=False))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('due_on', sa.Date(), nullable=True))
        batch_op.create_index(batch_op.f('ix_follow_ups_flagged_by_id'), ['flagged_by_id'], unique=False)
        batch_op.create_foreign_key(batch_op.f('fk_follow_ups_flagged_by_id_users'), 'users', ['flagged_by_id'], ['id'])
    # What existing rows already say: where they came from, whether someone has them, closed.
    op.execute("UPDATE follow_ups SET source = 'survey' WHERE contact_request_id IS NOT NULL")
    op.execute("UPDATE follow_ups SET status = 'assigned' WHERE assigned_to_id IS NOT NULL")
    op.execute("UPDATE follow_ups SET status = 'done' WHERE closed_at IS NOT NULL")
    op.execute(
        "UPDATE follow_ups SET flagged_by_id = "
        "(SELECT volunteer_id FROM session_logs WHERE session_logs.id = follow_ups.log_id) "
        "WHERE log_id IS NOT NULL"
    )
    op.create_table('case_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('follow_up_id', sa.Integer(), nullable=False),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_case_events_actor_id_users')),
    sa.ForeignKeyConstraint(['follow_up_id'], ['follow_ups.id'], name=op.f('fk_case_events_follow_up_id_follow_ups'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_events'))
    )
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_events_follow_up_id'), ['follow_up_id'], unique=False)


def downgrade():
    with op.batch_alter_table('case_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_events_follow_up_id'))
    op.drop_table('case_events')
    with op.batch_alter_table('follow_ups', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_follow_ups_flagged_by_id_users'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_follow_ups_flagged_by_id'))
        batch_op.drop_column('due_on')
        batch_op.drop_column('outcome')
        batch_op.drop_column('status')
        batch_op.drop_column('flagged_by_id')
        batch_op.drop_column('source')
