"""kept_forms: a form sent just after the session ended by itself, kept (sealed) for the person
until they sign in again

Revision ID: b8d0e2f4a6c8
Revises: a7e9c1d3f567
Create Date: 2026-12-12 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'b8d0e2f4a6c8'
down_revision = 'a7e9c1d3f567'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'kept_forms',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('path', sa.String(length=500), nullable=False),
        sa.Column('sealed', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_kept_forms_user_id_users')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kept_forms')),
    )
    with op.batch_alter_table('kept_forms', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_kept_forms_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('kept_forms', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_kept_forms_user_id'))
    op.drop_table('kept_forms')
