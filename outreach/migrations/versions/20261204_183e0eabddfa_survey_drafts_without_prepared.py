"""survey drafts: no prepared submission (submitting reads the draft's answers on both databases)

Revision ID: 183e0eabddfa
Revises: b7b246ee5d2d
Create Date: 2026-12-04 09:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '183e0eabddfa'
down_revision = 'b7b246ee5d2d'
branch_labels = None
depends_on = None


def upgrade():
    # What it held is worked out again from the draft's answers when it is submitted.
    with op.batch_alter_table('survey_drafts', schema=None) as batch_op:
        batch_op.drop_column('prepared')


def downgrade():
    # Empty on every draft: the code of that revision reads such a draft's answers instead.
    with op.batch_alter_table('survey_drafts', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prepared', sa.JSON(), nullable=True))
