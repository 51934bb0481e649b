"""kill -9 at random moments during `riskbrief generate` and `riskbrief batch`.

Each run is started in its own process group and the whole group (batch
workers included) is sent SIGKILL after a random delay. After every kill the
output directory is inspected: a file under its final name must be complete
(JSON parses and validates as a brief, Markdown ends with its check footer,
HTML with ``</html>``), the manifest must parse, and the response cache must
open and answer. Finally one uninterrupted run must finish and leave the same
brief bytes as a run that was never killed.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
STATE_DIR = ".riskbrief"


def riskbrief_command() -> list[str]:
    exe = Path(sys.executable).with_name("riskbrief")
    return [str(exe)] if exe.exists() else [sys.executable, "-c", "from engine.cli import main; main()"]


@dataclass
class KillReport:
    kills: int = 0
    killed_mid_run: int = 0  # kills that landed before the run finished on its own
    partial: list[str] = field(default_factory=list)  # files under their final name that are not complete
    unreadable: list[str] = field(default_factory=list)  # manifest or cache that no longer opens
    final_exit: int | None = None
    differing: list[str] = field(default_factory=list)  # briefs whose bytes differ from an uninterrupted run


def _brief_schema():
    from schemas.brief import Brief

    return Brief.model_json_schema()


def incomplete_files(out: Path) -> list[str]:
    """Files under their final names that a reader would find broken."""
    import jsonschema

    schema = _brief_schema()
    bad = []
    for path in sorted(out.rglob("*")):
        if not path.is_file() or path.name.startswith(".") or STATE_DIR in path.parts:
            continue
        try:
            text = path.read_text(encoding="utf-8")
            if path.suffix == ".json":
                data = json.loads(text)
                if path.name.startswith(("manifest", "summary")):
                    continue
                jsonschema.validate(data, schema)
            elif path.suffix == ".md":
                if not text.rstrip().splitlines()[-1].startswith("*riskbrief check:"):
                    raise ValueError("no check footer")
            elif path.suffix == ".html":
                if not text.rstrip().endswith("</html>"):
                    raise ValueError("no closing </html>")
        except Exception as e:  # noqa: BLE001 - any failure to read is what this looks for
            bad.append(f"{path.name}: {type(e).__name__}: {str(e)[:80]}")
    return bad


def unreadable_state(out: Path, cache_dir: Path) -> list[str]:
    bad = []
    for manifest in out.glob("manifest*.json"):
        try:
            json.loads(manifest.read_text(encoding="utf-8"))
        except ValueError as e:
            bad.append(f"{manifest.name}: {e}")
    if cache_dir.is_dir():
        from engine.cache import ResponseCache

        try:
            with ResponseCache(cache_dir) as cache:
                cache.stats()
                cache.get("probe")
        except Exception as e:  # noqa: BLE001
            bad.append(f"cache: {type(e).__name__}: {e}")
    return bad


def _briefs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(out.iterdir())
            if p.is_file() and not p.name.startswith(".") and p.suffix in (".md", ".json", ".html")
            and not p.name.startswith(("manifest", "summary"))}


def _run(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(riskbrief_command() + args, env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, cwd=str(ROOT))


def kill_repeatedly(args_for, work: Path, *, kills: int, seed: int, env: dict[str, str] | None = None,
                    compare: tuple[str, ...] = (".md", ".json", ".html")) -> KillReport:
    """Run `riskbrief <args_for(out)>` `kills` times, SIGKILLing each at a random moment, then once to the end."""
    rng = random.Random(seed)
    env = {**os.environ, **(env or {})}
    cache_dir = work / "cache"
    env["RISKBRIEF_CACHE_DIR"] = str(cache_dir)
    reference, out = work / "reference", work / "out"
    started = time.monotonic()
    ref = _run(args_for(reference), {**env, "RISKBRIEF_CACHE_DIR": str(work / "reference-cache")})
    ref.wait()
    full = time.monotonic() - started
    report = KillReport()
    for _ in range(kills):
        proc = _run(args_for(out), env)
        time.sleep(rng.uniform(0.05, full))
        if proc.poll() is None:
            report.killed_mid_run += 1
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()
        report.kills += 1
        if out.is_dir():
            report.partial += incomplete_files(out)
        report.unreadable += unreadable_state(out, cache_dir)
    final = _run(args_for(out), env)
    report.final_exit = final.wait()
    # A model brief's JSON records its own usage (requests made, cache hits), so callers
    # comparing a cached re-run leave .json out of `compare`.
    want = {n: b for n, b in _briefs(reference).items() if n.endswith(compare)}
    got = {n: b for n, b in _briefs(out).items() if n.endswith(compare)}
    report.differing = sorted(n for n in set(want) | set(got) if want.get(n) != got.get(n))
    return report
