"""Register snapshots: a system's findings as they stood at a point in time, rebuilt from the history."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from engine.cli import cli
from engine.register.snapshot import SnapshotError, parse_when, snapshot
from schemas.loading import load_findings, load_text
from tests.register_support import EXAMPLES, ORIGINAL_F1_OWNER, SYSTEM, history  # noqa: F401 (fixture)


def state(doc) -> dict:
    """Per finding: severity, status, owner and the status of each mitigation."""
    return {f.id: (f.severity.value, f.status.value, f.owner, [m.status.value for m in f.mitigations])
            for f in doc.findings}


AS_IMPORTED = {
    "F1": ("high", "open", ORIGINAL_F1_OWNER, ["planned"]),
    "F2": ("critical", "open", "Chief Risk Officer", ["planned"]),
}
AFTER_STATUS = {**AS_IMPORTED, "F2": ("critical", "mitigating", "Chief Risk Officer", ["planned"])}
AFTER_OWNER = {**AFTER_STATUS, "F1": ("high", "open", "Chief Data Officer", ["planned"])}
AFTER_REIMPORT = {
    "F1": ("high", "open", "Chief Data Officer", ["in_progress"]),
    # The file changed F2's severity; the status set by hand in the register is kept.
    "F2": ("high", "mitigating", "Chief Risk Officer", ["planned"]),
    "F3": ("medium", "open", "Model Risk Management", []),
}


@pytest.mark.parametrize(("at", "expected"), [
    ("2026-03-01", AS_IMPORTED),
    ("2026-03-01T09:00", AS_IMPORTED),
    ("2026-03-02T09:59", AS_IMPORTED),
    ("2026-03-02T10:00", AFTER_STATUS),          # inclusive: the change at 10:00:00 is in
    ("2026-03-02T11:00+01:00", AFTER_STATUS),    # the same instant in another time zone
    ("2026-03-02T15:29:59", AFTER_STATUS),
    ("2026-03-02T15:30:00.000000Z", AFTER_OWNER),
    ("2026-03-02", AFTER_OWNER),                 # a date covers the whole day
    ("2026-03-03", AFTER_OWNER),
    ("2026-03-04", AFTER_REIMPORT),
    (None, AFTER_REIMPORT),
])
def test_snapshot_replays_history_up_to_the_time(history, at, expected):
    store, _, _ = history
    assert state(snapshot(store, SYSTEM, at)) == expected


def test_snapshot_holds_only_what_the_register_tracks(history):
    store, _, _ = history
    original = load_findings(EXAMPLES / "credit.yaml")
    doc = snapshot(store, SYSTEM, "2026-03-01")
    assert [f.id for f in doc.findings] == ["F1", "F2"]
    assert doc.system.name == SYSTEM and doc.system.version is None and doc.system.owner is None
    assert doc.context is None and doc.tradeoffs == []
    for got, was in zip(doc.findings, original.findings):
        assert (got.title, got.category, got.likelihood, got.impact) == (was.title, was.category, was.likelihood, was.impact)
        assert got.mitigations == was.mitigations
        assert got.summary == was.title  # the register keeps no summary: the title stands in
        assert got.metrics == [] and got.caveats == [] and got.affected == [] and got.detectability is None


def test_snapshot_of_now_matches_the_register_rows(history):
    store, _, _ = history
    doc = snapshot(store, SYSTEM)
    rows = {r.finding_id: r for r in store.list() if r.system == SYSTEM}
    assert {f.id: (f.title, f.severity.value, f.likelihood and f.likelihood.value, f.status.value, f.owner)
            for f in doc.findings} == {
        k: (r.title, r.severity, r.likelihood, r.status, r.owner) for k, r in rows.items()}
    for f in doc.findings:
        assert [m.model_dump(mode="json", exclude_none=True) for m in f.mitigations] == json.loads(rows[f.id].mitigations)


def test_system_name_in_any_case_and_unknown_system(history):
    store, _, _ = history
    assert snapshot(store, "credit SCORING model", "2026-03-01").system.name == SYSTEM
    store.import_document(load_findings(EXAMPLES / "agent.yaml"))
    with pytest.raises(SnapshotError, match=r"no system 'Sentiment classifier'.*known: Credit scoring model; "
                                            r"Customer support agent"):
        snapshot(store, "Sentiment classifier")


def test_time_before_first_import(history):
    store, _, _ = history
    with pytest.raises(SnapshotError, match="first imported at 2026-03-01T09:00:00Z"):
        snapshot(store, SYSTEM, "2026-03-01T08:59:59")


@pytest.mark.parametrize("bad", ["yesterday", "2026-3-1", "2026-02-30", "2026-03-01T25:00", "2026-03-01T10",
                                 "20260301", "2026-03-01Z", ""])
def test_malformed_times_are_refused(bad):
    with pytest.raises(SnapshotError, match="is not an ISO 8601 date or date-time"):
        parse_when(bad)


def rb(*args):
    return CliRunner().invoke(cli, ["register", *args])


def test_cli_snapshot_writes_a_valid_findings_file_with_its_provenance(history):
    _, _, tmp = history
    out = tmp / "then.yaml"
    r = rb("snapshot", SYSTEM, "--at", "2026-03-02T12:00", "--out", str(out))
    assert r.exit_code == 0, r.output
    text = out.read_text()
    header = " ".join(line[2:] for line in text.splitlines() if line.startswith("# "))
    assert "Reconstructed from the riskbrief register" in header and "as of 2026-03-02T12:00" in header
    assert "does not track" in header and "metrics" in header and "caveats" in header
    assert "summary (the title stands in for it" in header
    doc = load_text(text, str(out))
    assert state(doc) == AFTER_STATUS
    assert CliRunner().invoke(cli, ["validate", str(out)]).exit_code == 0
    # Without --out the same document goes to stdout.
    r = rb("snapshot", SYSTEM, "--at", "2026-03-02T12:00")
    assert r.exit_code == 0 and r.stdout == text


@pytest.mark.parametrize(("args", "message"), [
    (("Nope",), "no system 'Nope' in the register (known: Credit scoring model)"),
    ((SYSTEM, "--at", "2026-02-28"), "first imported at 2026-03-01T09:00:00Z"),
    ((SYSTEM, "--at", "last tuesday"), "'last tuesday' is not an ISO 8601 date or date-time"),
])
def test_cli_snapshot_errors_exit_2_and_write_nothing(history, args, message):
    _, _, tmp = history
    out = tmp / "snap.yaml"
    r = rb("snapshot", *args, "--out", str(out))
    assert r.exit_code == 2
    assert message in r.stderr and "Traceback" not in r.output
    assert not out.exists()


def test_cli_systems_lists_each_system(history):
    store, _, _ = history
    store.clock.now = "2026-03-05T12:00:00.000000Z"
    store.import_document(load_findings(EXAMPLES / "agent.yaml"))
    r = rb("systems")
    assert r.exit_code == 0
    assert r.output.splitlines() == [
        "Credit scoring model: 3 risk(s), first imported 2026-03-01T09:00:00.000000Z, "
        "last changed 2026-03-04T08:00:00.000000Z",
        "Customer support agent: 3 risk(s), first imported 2026-03-05T12:00:00.000000Z, "
        "last changed 2026-03-05T12:00:00.000000Z",
    ]
    rows = json.loads(rb("systems", "--json").output)
    assert [(row["system"], row["risks"]) for row in rows] == [(SYSTEM, 3), ("Customer support agent", 3)]


def test_cli_systems_on_an_empty_register(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_REGISTER_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    r = rb("systems")
    assert r.exit_code == 0 and "the register is empty" in r.output
    r = rb("snapshot", SYSTEM)
    assert r.exit_code == 2 and "known: none" in r.stderr


def test_cli_snapshot_of_a_missing_register_creates_nothing(tmp_path):
    db = tmp_path / "nowhere.db"
    r = rb("--db", f"sqlite:///{db}", "snapshot", SYSTEM)
    assert r.exit_code == 2 and f"there is no register at sqlite:///{db}" in r.stderr
    assert not db.exists()
