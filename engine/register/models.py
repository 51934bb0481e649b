"""Register tables. Changes to them go through a new migration in migrations/versions/."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


class Base(DeclarativeBase):
    pass


class Risk(Base):
    """A finding tracked as a risk, keyed by system name + finding id."""

    __tablename__ = "risks"
    __table_args__ = (UniqueConstraint("system", "finding_id", name="uq_risks_system_finding"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    system: Mapped[str] = mapped_column(String(300))
    finding_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(40))
    severity: Mapped[str | None] = mapped_column(String(20), nullable=True)
    likelihood: Mapped[str | None] = mapped_column(String(20), nullable=True)
    impact: Mapped[str | None] = mapped_column(Text, nullable=True)
    owner: Mapped[str | None] = mapped_column(String(300), nullable=True)
    status: Mapped[str | None] = mapped_column(String(20), nullable=True)
    mitigations: Mapped[str] = mapped_column(Text, default="[]")  # JSON list
    # The finding's fields as last imported: a re-import changes only what the file changed.
    source: Mapped[str] = mapped_column(Text, default="{}")
    source_file: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_at: Mapped[str] = mapped_column(String(40))
    updated_at: Mapped[str] = mapped_column(String(40))
    # Optimistic concurrency: every write is "UPDATE ... WHERE version = <the version read>".
    version: Mapped[int] = mapped_column(Integer, nullable=False)


class RiskEvent(Base):
    """One change to a risk. Rows are only ever inserted (append-only history)."""

    __tablename__ = "risk_history"
    __table_args__ = (UniqueConstraint("risk_id", "version", name="uq_history_risk_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    risk_id: Mapped[int] = mapped_column(ForeignKey("risks.id"), index=True)
    version: Mapped[int] = mapped_column(Integer)  # the risk's version after this change
    at: Mapped[str] = mapped_column(String(40))
    by: Mapped[str] = mapped_column(String(300))
    action: Mapped[str] = mapped_column(String(20))  # import | update
    changes: Mapped[str] = mapped_column(Text, default="{}")  # JSON {field: [old, new]}
    note: Mapped[str | None] = mapped_column(Text, nullable=True)
