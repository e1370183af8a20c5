"""tallies count the instrument's declared measures ("@base"/"@positive" per measure) instead of
"@answered" and "@derived" items: the tallies are emptied and every response is counted again
by the next `outreach insights refresh`

Revision ID: c41d7a2e9f10
Revises: 183e0eabddfa
Create Date: 2026-12-04 17:20:00

"""
from alembic import op


# revision identifiers, used by Alembic.
revision = 'c41d7a2e9f10'
down_revision = '183e0eabddfa'
branch_labels = None
depends_on = None


def _count_again():
    # The counts are derived data: both directions recount them from the answers.
    op.execute("DELETE FROM survey_tallies")
    op.execute("UPDATE survey_responses SET tally_batch = NULL")


def upgrade():
    _count_again()


def downgrade():
    _count_again()
