"""A register with a known history: the credit findings imported, changed by hand, re-imported, at fixed times."""

from __future__ import annotations

from pathlib import Path

import pytest

from engine.register.store import RegisterStore
from schemas.loading import load_findings

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
SYSTEM = "Credit scoring model"
ORIGINAL_F1_OWNER = "Head of Credit Risk Analytics"


class Clock:
    """The time the register stamps on the next change."""

    def __init__(self) -> None:
        self.now = ""

    def __call__(self) -> str:
        return self.now


def changed_credit(text: str) -> str:
    """The credit findings a few days on: F2 assessed as less severe, F1's reason codes started, a new F3."""
    text = text.replace("    severity: critical\n", "    severity: high\n", 1)
    text = text.replace("        due: 2027-01-15\n        status: planned", "        due: 2027-01-15\n        status: in_progress")
    f3 = (
        "  - id: F3\n"
        "    title: Scores drift after a rate change\n"
        "    category: reliability\n"
        "    severity: medium\n"
        "    summary: Approval scores shifted after the last interest-rate change.\n"
        "    owner: Model Risk Management\n"
        "    status: open\n"
    )
    return text.replace("tradeoffs:\n", f3 + "tradeoffs:\n", 1)


@pytest.fixture
def db(tmp_path, monkeypatch):
    """An empty SQLite register in tmp_path, named by RISKBRIEF_REGISTER_URL; changes made by 'tester'."""
    url = f"sqlite:///{tmp_path / 'register.db'}"
    monkeypatch.setenv("RISKBRIEF_REGISTER_URL", url)
    monkeypatch.setenv("USER", "tester")
    return url


@pytest.fixture
def history(tmp_path, monkeypatch):
    """A register with a known history of the credit findings, every change at a fixed time."""
    url = f"sqlite:///{tmp_path / 'register.db'}"
    monkeypatch.setenv("RISKBRIEF_REGISTER_URL", url)
    clock = Clock()
    store = RegisterStore(url, clock=clock)
    src = tmp_path / "credit.yaml"
    src.write_text((EXAMPLES / "credit.yaml").read_text())
    clock.now = "2026-03-01T09:00:00.000000Z"
    store.import_document(load_findings(src), source_file=str(src), by="importer")
    clock.now = "2026-03-02T10:00:00.000000Z"
    store.update(f"{SYSTEM}/F2", status="mitigating", by="alice")
    clock.now = "2026-03-02T15:30:00.000000Z"
    store.update(f"{SYSTEM}/F1", owner="Chief Data Officer", by="bob")
    src.write_text(changed_credit(src.read_text()))
    clock.now = "2026-03-04T08:00:00.000000Z"
    store.import_document(load_findings(src), source_file=str(src), by="importer")
    return store, url, tmp_path
