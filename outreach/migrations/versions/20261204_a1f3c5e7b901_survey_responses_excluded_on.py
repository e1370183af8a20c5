"""survey responses: excluded_on marks a response stored incomplete, left out of every figure
(set by `outreach survey find-incomplete --exclude`)

Revision ID: a1f3c5e7b901
Revises: d52e8b3f0a61
Create Date: 2026-12-04 20:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'a1f3c5e7b901'
down_revision = 'd52e8b3f0a61'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.add_column(sa.Column('excluded_on', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('survey_responses', schema=None) as batch_op:
        batch_op.drop_column('excluded_on')
