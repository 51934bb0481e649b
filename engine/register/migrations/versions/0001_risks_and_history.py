"""Risks and their append-only history.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "risks",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("system", sa.String(300), nullable=False),
        sa.Column("finding_id", sa.String(200), nullable=False),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("category", sa.String(40), nullable=False),
        sa.Column("severity", sa.String(20)),
        sa.Column("likelihood", sa.String(20)),
        sa.Column("impact", sa.Text),
        sa.Column("owner", sa.String(300)),
        sa.Column("status", sa.String(20)),
        sa.Column("mitigations", sa.Text, nullable=False),
        sa.Column("source", sa.Text, nullable=False),
        sa.Column("source_file", sa.Text),
        sa.Column("created_at", sa.String(40), nullable=False),
        sa.Column("updated_at", sa.String(40), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.UniqueConstraint("system", "finding_id", name="uq_risks_system_finding"),
    )
    op.create_table(
        "risk_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("risk_id", sa.Integer, sa.ForeignKey("risks.id"), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("by", sa.String(300), nullable=False),
        sa.Column("action", sa.String(20), nullable=False),
        sa.Column("changes", sa.Text, nullable=False),
        sa.Column("note", sa.Text),
        sa.UniqueConstraint("risk_id", "version", name="uq_history_risk_version"),
    )
    op.create_index("ix_risk_history_risk_id", "risk_history", ["risk_id"])


def downgrade() -> None:
    op.drop_index("ix_risk_history_risk_id", "risk_history")
    op.drop_table("risk_history")
    op.drop_table("risks")
