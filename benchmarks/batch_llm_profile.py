"""Where a model brief's CPU goes: each stage's own CPU time per brief, against a loopback server.

    python benchmarks/batch_llm_profile.py [--briefs 150] [--threads 1]

Produces sentiment-example briefs (plan + draft requests each, md and json
outputs) the way a batch worker does (engine.batch.produce.produce_item,
sharing one provider, settings and cache), against tests/loopback.py run in
a separate process that answers at once, so none of its CPU is counted here.
Each stage is timed with the calling thread's CPU clock (time.thread_time),
so waiting for the server costs nothing and the profiler adds almost
nothing; the stages nest as indented. The response cache's stores run in
its own writer thread, counted on the last line with the rest of the
process's CPU outside the briefs. `--threads 8` runs like one batch
worker process (compare its CPU per brief with one thread for the cost of
threads contending for the interpreter).
"""

from __future__ import annotations

import argparse
import os
import queue
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

_SERVER = """
import sys
sys.path.insert(0, {root!r})
from tests.llm_replies import FAITHFUL
from tests.loopback import LoopbackServer
with LoopbackServer(lambda seen: LoopbackServer.tool(seen.tool, FAITHFUL[seen.tool], tokens=(1500, 400))) as srv:
    print(srv.url, flush=True)
    sys.stdin.read()
"""

_spent: dict[str, float] = defaultdict(float)
_lock = threading.Lock()


def timed(owner, attr: str, label: str) -> None:
    """Replace owner.attr with a wrapper adding its thread CPU time to `label`."""
    inner = getattr(owner, attr)

    def wrapper(*args, **kwargs):
        start = time.thread_time()
        try:
            return inner(*args, **kwargs)
        finally:
            spent = time.thread_time() - start
            with _lock:
                _spent[label] += spent

    setattr(owner, attr, wrapper)


STAGES = [  # (label, module, owner attribute path) in display order; indentation shows nesting
    ("whole brief (produce_item)", "engine.batch.produce", "produce_item"),
    ("  model chain (generate_with_model)", "engine.chain", "generate_with_model"),
    ("    open: settings, caller, input hash", "engine.chain.run", "_open"),
    ("    provenance", "engine.chain.run", "_provenance"),
    ("    state: references, findings block", "engine.chain.run", "_state"),
    ("    plan step", "engine.chain.run", "plan_step"),
    ("    draft step", "engine.chain.run", "draft_step"),
    ("      prompt rendering (both steps)", "engine.prompting", "PromptTemplate.render"),
    ("      model requests (ModelCaller.ask)", "engine.chain.calls", "ModelCaller.ask"),
    ("        langchain-openai request + reply", "engine.providers.openai", "OpenAIProvider.generate"),
    ("        response cache lookup", "engine.batch.deferred_cache", "DeferredCache.get"),
    ("        response cache store (queued)", "engine.batch.deferred_cache", "DeferredCache.set"),
    ("    check step", "engine.chain.run", "check_step"),
    ("      faithfulness check", "evals.faithfulness", "check_brief"),
    ("    repair + final steps", "engine.chain.run", "repair_step"),
    ("  audience fit", "evals.audience_fit", "audience_fit"),
    ("  render md + json", "engine.pipeline", "render"),
    ("  write files (stage)", "engine.batch.outputs", "stage"),
    ("  rename into place (publish)", "engine.batch.outputs", "publish"),
]


def install() -> None:
    import importlib

    for label, module, path in STAGES:
        owner = importlib.import_module(module)
        *parents, attr = path.split(".")
        for p in parents:
            owner = getattr(owner, p)
        timed(owner, attr, label)
    import engine.chain.run as run

    timed(run, "final_step", "    repair + final steps")
    run.build_chain.cache_clear()  # rebuilt from the wrapped steps


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--briefs", type=int, default=150)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    server = subprocess.Popen([sys.executable, "-c", _SERVER.format(root=str(HERE.parent))],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        url = server.stdout.readline().strip()
        with tempfile.TemporaryDirectory(prefix="riskbrief-prof-") as tmp:
            os.environ.update(OPENAI_BASE_URL=url, OPENAI_API_KEY="sk-loopback", RISKBRIEF_CACHE_DIR=f"{tmp}/cache")
            return profile(Path(tmp), args.briefs, args.threads)
    finally:
        server.stdin.close()
        server.wait(timeout=10)


def profile(tmp: Path, briefs: int, threads: int) -> int:
    from engine.batch.produce import Plan, Task, recipe_for
    from engine.batch.shared import shared_run, warm
    from engine.hashing import input_hash
    from engine.options import GenerateOptions
    from schemas.loading import load_findings

    sys.path.insert(0, str(HERE))
    from batch_llm_overhead import sentiment_copies

    sentiment_copies(tmp / "in", briefs + 1)
    docs = [load_findings(p) for p in sorted((tmp / "in").glob("*.yaml"))]
    formats = ("md", "json")
    warm(docs[0], "executive", formats)
    install()
    import engine.batch.produce as produce

    opts = GenerateOptions(provider="openai", model="loopback-model")
    with shared_run(opts, None, None) as shared:
        plan = Plan(out_dir=str(tmp / "out"), formats=formats, options=shared,
                    recipes={"executive": recipe_for("executive", shared)})
        (tmp / "out").mkdir()
        todo: queue.Queue = queue.Queue()
        for i, doc in enumerate(docs):
            todo.put((i, doc))
        todo.get()  # the first document only warmed up
        failed: list[str] = []

        def work() -> None:
            while True:
                try:
                    i, doc = todo.get_nowait()
                except queue.Empty:
                    return
                task = Task(f"s{i}.yaml", f"s{i:04d}", input_hash(doc), ("executive",), doc)
                record = produce.produce_item(task, doc, "executive", plan, lambda r: None)
                if record.status != "generated":
                    failed.append(record.error or "failed")

        wall, cpu = time.perf_counter(), time.process_time()
        pool = [threading.Thread(target=work) for _ in range(threads)]
        for t in pool:
            t.start()
        for t in pool:
            t.join()
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    done = briefs - len(failed)
    print(f"{done} briefs ({len(failed)} failed), {threads} thread(s); process CPU {cpu / done * 1000:.1f} ms a brief, "
          f"wall {wall / done * 1000:.1f} ms a brief (server answers at once, in another process)")
    whole = _spent[STAGES[0][0]]
    for label, _, _ in STAGES:
        ms = _spent[label] / done * 1000
        print(f"{label:44s} {ms:6.2f} ms  ({_spent[label] / whole:5.1%})")
    print(f"{'other threads (the cache writer) and queue':44s} {(cpu - whole) / done * 1000:6.2f} ms")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
