"""two-step sign-in: the sealed TOTP secret and last accepted time step on users, and one-time
recovery codes

Revision ID: d4b6f8a0c237
Revises: c3a5e7f9b125
Create Date: 2026-12-11 10:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd4b6f8a0c237'
down_revision = 'c3a5e7f9b125'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('two_step_secret', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('two_step_last_step', sa.BigInteger(), nullable=True))
        batch_op.add_column(
            sa.Column('two_step_enrolled_at', sa.DateTime(timezone=True), nullable=True)
        )
    op.create_table(
        'recovery_codes',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('code_hash', sa.String(length=64), nullable=False),
        sa.Column('used_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_recovery_codes_user_id_users')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_recovery_codes')),
    )
    with op.batch_alter_table('recovery_codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_recovery_codes_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('recovery_codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_recovery_codes_user_id'))
    op.drop_table('recovery_codes')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('two_step_enrolled_at')
        batch_op.drop_column('two_step_last_step')
        batch_op.drop_column('two_step_secret')
