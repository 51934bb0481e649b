"""Shared fixtures: example files, the shared real-data folder, a CLI runner."""

from __future__ import annotations

import logging
import os
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
REALDATA = ROOT.parent / "shared" / "realdata"


@pytest.fixture(autouse=True, scope="session")
def _ctrl_c_delivered():
    # A run started in the background of a shell without job control inherits Ctrl-C ignored, and so
    # would every command the tests start; the tests that press Ctrl-C need it delivered.
    before = signal.getsignal(signal.SIGINT)
    if before == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, before)


@pytest.fixture(autouse=True)
def _isolated_env(tmp_path_factory, monkeypatch):
    # Tests never reach a real provider or the user's cache.
    for var in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "OPENAI_ORG_ID", "RISKBRIEF_PROVIDER", "RISKBRIEF_MODEL",
                "RISKBRIEF_TIMEOUT", "RISKBRIEF_MAX_ATTEMPTS", "RISKBRIEF_STRUCTURED_METHOD", "RISKBRIEF_FAKE_REPLIES",
                "RISKBRIEF_REVIEWER", "RISKBRIEF_AUDIENCES_DIR", "RISKBRIEF_REGISTER_URL", "RISKBRIEF_MAX_INPUT_BYTES",
                "RISKBRIEF_MAX_IMPORT_BYTES", "RISKBRIEF_MAX_ANSWER_BYTES", "RISKBRIEF_MAX_DEPTH", "RISKBRIEF_MAX_LIST_ITEMS", "RISKBRIEF_MAX_ALIAS_VALUES"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("RISKBRIEF_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES


@pytest.fixture
def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


@pytest.fixture
def realdata() -> Path:
    if not REALDATA.is_dir():
        pytest.skip(f"third-party sample files not found at {REALDATA} (the shared/realdata folder is absent)")
    return REALDATA


@pytest.fixture
def cli():
    from engine.cli import cli as group

    runner = CliRunner()

    def run(*args: str, input: str | None = None):
        return runner.invoke(group, [str(a) for a in args], input=input, catch_exceptions=False)

    return run


@pytest.fixture
def clean_logging():
    """--verbose configures process-wide logging; put it back for the tests that follow."""
    root = logging.getLogger()
    saved = (root.level, list(root.handlers), {n: logging.getLogger(n).level for n in ("riskbrief", "httpx", "openai")})
    yield
    for h in list(root.handlers):
        if h not in saved[1]:
            root.removeHandler(h)
    for h in root.handlers:
        h.filters = [f for f in h.filters if type(f).__name__ != "RedactingFilter"]
    root.setLevel(saved[0])
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def write(tmp_path: Path, name: str, text: str) -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
