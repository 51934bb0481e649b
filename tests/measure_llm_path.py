"""Request counts for the model path, measured at a loopback server: `python -m tests.measure_llm_path`.

Runs the installed `riskbrief generate` console script against tests/loopback.py
for each case (unfaithful content, repeat, 429/500/503 faults, faithful
content, repeat) and prints what the server saw, what provenance reports, the
exit status, and whether the API key is in any file written.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from tests import llm_replies as R
from tests.loopback import LoopbackServer

ROOT = Path(__file__).resolve().parent.parent
KEY = "sk-measure-not-a-real-key-0123456789"


def main() -> int:
    base = Path(tempfile.mkdtemp(prefix="riskbrief-measure-"))
    exe = shutil.which("riskbrief") or str(Path(sys.executable).parent / "riskbrief")

    def run(srv: LoopbackServer, name: str, *extra: str) -> None:
        env = dict(os.environ, OPENAI_BASE_URL=srv.url, OPENAI_API_KEY=KEY, RISKBRIEF_CACHE_DIR=str(base / "cache"))
        before = len(srv.requests)
        p = subprocess.run([exe, "generate", str(ROOT / "examples" / "sentiment.yaml"), "--audience", "executive",
                            "--format", "md,html,json", "--out", str(base / name), "--provider", "openai",
                            "--model", "loopback-model", *extra], capture_output=True, text=True, cwd=base, env=env)
        (base / f"{name}.log").write_text(p.stdout + p.stderr)
        out = base / name / "sentiment.executive.json"
        prov = json.loads(out.read_text())["provenance"] if out.exists() else {}
        print(f"{name:30s} exit={p.returncode} requests_at_server={len(srv.requests) - before} "
              f"provenance: requests={prov.get('requests')} cache_hits={prov.get('cache_hits')} "
              f"repair_rounds={prov.get('repair_rounds')} fallback={prov.get('fallback_sections')}")

    tool = lambda replies: (lambda seen: LoopbackServer.tool(seen.tool, replies[seen.tool]))  # noqa: E731
    with LoopbackServer(tool(R.UNFAITHFUL)) as srv:
        run(srv, "unfaithful")
        run(srv, "unfaithful-repeat")
        run(srv, "unfaithful-allow-fallback", "--allow-fallback", "--no-cache")
    with LoopbackServer(tool(R.FAITHFUL)) as srv:
        srv.enqueue(srv.error(429, {"retry-after": "1"}))
        run(srv, "429-then-200", "--no-cache")
        srv.enqueue(srv.error(500))
        run(srv, "500-then-200", "--no-cache")
        srv.enqueue(srv.error(429, {"retry-after-ms": "50"}), srv.error(500), srv.error(503, {"retry-after": "0"}))
        run(srv, "429-500-503-then-200", "--no-cache")
        run(srv, "faithful")
        run(srv, "faithful-repeat")
    files = [p for p in base.rglob("*") if p.is_file()] + list((ROOT / "tests" / "cassettes").rglob("*.yaml"))
    leaks = [str(p) for p in files if KEY.encode() in p.read_bytes()]
    print(f"key found in {len(leaks)} of {len(files)} files written (outputs, logs, cache, cassettes): {leaks}")
    print(f"work directory: {base}")
    return 1 if leaks else 0


if __name__ == "__main__":
    sys.exit(main())
