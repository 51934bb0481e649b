"""Make the risk history append-only in the database itself.

The store only ever inserts history rows; these triggers make the database
refuse an UPDATE or DELETE on them from any client too (SQLite and PostgreSQL;
other databases rely on the store).

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

MESSAGE = "risk_history is append-only: record a new change instead"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER risk_history_no_{verb.lower()} BEFORE {verb} ON risk_history "
                f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION risk_history_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN RAISE EXCEPTION '{MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER risk_history_append_only BEFORE UPDATE OR DELETE ON risk_history "
            "FOR EACH ROW EXECUTE FUNCTION risk_history_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for verb in ("update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS risk_history_no_{verb}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS risk_history_append_only ON risk_history")
        op.execute("DROP FUNCTION IF EXISTS risk_history_append_only()")
