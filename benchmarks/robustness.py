"""Robustness figures: fuzzed inputs, prompt injection by layer, and kill -9 survival.

    .venv/bin/python benchmarks/robustness.py [--examples N] [--mutations M] [--kills K] [--seed S]

1. Fuzzing (tests/fuzz_documents.py, tests/fuzz_mutations.py): N valid documents with
   hostile text in every field go through load -> generate (offline, every audience,
   Markdown and JSON) -> eval, twice; M broken files go through `riskbrief validate`.
   Counted: crashes (exceptions, tracebacks, exit codes other than 0/2, malformed
   problem lines), briefs whose bytes differ between runs, and offline briefs the
   faithfulness checker does not pass (for plain-prose documents and for arbitrary text).
2. Prompt injection (tests/injection_harness.py): every string of
   tests/data/injections.yaml planted in every text field, against a model that obeys,
   counted by the layer that stopped it.
3. kill -9 (tests/crash_harness.py): K kills at random moments across `batch` and
   `generate`; partial files found, unreadable manifests or caches, and whether the
   final run reproduces an uninterrupted run byte for byte.

Needs the dev extras (hypothesis). Runs in a couple of minutes with the defaults.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import traceback
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, Phase, given, seed as hseed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tests import llm_replies as R  # noqa: E402
from tests.crash_harness import EXAMPLES, kill_repeatedly  # noqa: E402
from tests.fuzz_checks import offline_round_trip, validate_file  # noqa: E402
from tests.fuzz_documents import as_file_text, documents, prose  # noqa: E402
from tests.fuzz_mutations import mutated  # noqa: E402
from tests.injection_harness import LAYERS, MODES, UNDETECTED, layer_counts, load_injections, run_suite  # noqa: E402


def _run_property(test, examples: int, seed: int) -> None:
    wrapped = settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate],
                       suppress_health_check=list(HealthCheck))(test)
    hseed(seed)(wrapped)()


def fuzz_documents(examples: int, seed: int, work: Path, text_kind: str) -> dict:
    stats = {"documents": 0, "crashes": 0, "unstable": 0, "unfaithful_docs": 0, "unfaithful_briefs": 0, "examples": []}
    strategy = documents(max_findings=2, text=prose) if text_kind == "prose" else documents(max_findings=2)

    @given(strategy, st.sampled_from(["yaml", "json"]))
    def one(data, fmt):
        stats["documents"] += 1
        path = work / f"{text_kind}-{stats['documents']}.{fmt}"
        path.write_text(as_file_text(data, fmt), encoding="utf-8")
        try:
            result = offline_round_trip(path)
        except Exception:  # noqa: BLE001 - a crash is what is counted
            stats["crashes"] += 1
            stats["examples"].append(f"crash on {path.name}: {traceback.format_exc(limit=-2).strip()[-300:]}")
            return
        stats["unstable"] += len(result.unstable)
        if result.unfaithful:
            stats["unfaithful_docs"] += 1
            stats["unfaithful_briefs"] += len(result.unfaithful)
            if len(stats["examples"]) < 3:
                stats["examples"].append(f"{path.name}: {result.unfaithful[0][:200]}")

    _run_property(one, examples, seed)
    return stats


def fuzz_validate(mutations: int, seed: int, work: Path) -> dict:
    bases = [p.read_bytes() for p in sorted(EXAMPLES.glob("*.yaml"))]
    stats = {"files": 0, "accepted": 0, "rejected": 0, "crashes": 0, "examples": []}

    @given(st.sampled_from(bases), st.data())
    def one(base, data):
        names, broken = data.draw(mutated(base))
        stats["files"] += 1
        path = work / f"mutant-{stats['files']}.yaml"
        path.write_bytes(broken)
        result = validate_file(path)
        if result.crash:
            stats["crashes"] += 1
            stats["examples"].append(f"{'+'.join(names)}: {result.crash[:300]}")
        elif result.exit_code == 0:
            stats["accepted"] += 1
        else:
            stats["rejected"] += 1

    if mutations:  # hypothesis needs at least one example; --mutations 0 leaves this part out
        _run_property(one, mutations, seed)
    return stats


def injections(work: Path) -> dict:
    results = run_suite(str(work / "cache"), modes=MODES + (UNDETECTED,))
    return {"strings": len(load_injections()), "layers": layer_counts(results),
            "reached": [f"{r.mode}/{r.injection}: {r.detail}" for r in results if r.layer == "reached"]}


def kills(total: int, seed: int, work: Path) -> dict:
    files = [str(p) for p in sorted(EXAMPLES.glob("*.yaml"))]
    batch_kills = total - total // 3
    batch = kill_repeatedly(lambda out: ["batch", *files, "--format", "md,json,html", "--out", str(out)],
                            work / "batch", kills=batch_kills, seed=seed)
    replies = work / "replies.json"
    replies.write_text(json.dumps(R.FAITHFUL), encoding="utf-8")
    gen = kill_repeatedly(lambda out: ["generate", str(EXAMPLES / "sentiment.yaml"), "--provider", "fake",
                                       "--format", "md,json,html", "--out", str(out)],
                          work / "generate", kills=total - batch_kills, seed=seed + 1,
                          env={"RISKBRIEF_FAKE_REPLIES": str(replies)}, compare=(".md", ".html"))
    return {"batch": batch, "generate": gen}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=20, help="fuzzed documents of each kind (prose, arbitrary text)")
    ap.add_argument("--mutations", type=int, default=300, help="broken files given to validate")
    ap.add_argument("--kills", type=int, default=12, help="SIGKILLs across batch and generate runs")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        plain = fuzz_documents(args.examples, args.seed, work, "prose")
        wild = fuzz_documents(args.examples, args.seed, work, "arbitrary")
        broken = fuzz_validate(args.mutations, args.seed, work)
        inj = injections(work)
        k = kills(args.kills, args.seed, work) if args.kills else {}
    crashes = plain["crashes"] + wild["crashes"] + broken["crashes"]
    print(f"inputs fuzzed: {plain['documents'] + wild['documents']} documents "
          f"({plain['documents']} plain prose, {wild['documents']} arbitrary text) x 4 audiences x md+json, "
          f"{broken['files']} mutated files ({broken['accepted']} still valid, {broken['rejected']} rejected with exit 2)")
    print(f"crashes: {crashes}")
    print(f"unstable output (bytes differ between two runs): {plain['unstable'] + wild['unstable']}")
    print(f"unfaithful offline briefs, plain-prose documents: {plain['unfaithful_briefs']} "
          f"(in {plain['unfaithful_docs']} of {plain['documents']} documents)")
    print(f"unfaithful offline briefs, arbitrary-text documents: {wild['unfaithful_briefs']} "
          f"(in {wild['unfaithful_docs']} of {wild['documents']} documents)")
    for line in plain["examples"] + wild["examples"] + broken["examples"]:
        print(f"  e.g. {line}")
    print(f"injection strings tried: {inj['strings']}, each planted in every text field")
    for mode, counts in inj["layers"].items():
        label = {"respecting": "model respects the data block", "breached": "model obeys text inside the block",
                 UNDETECTED: "stress: detector blind, model obeys everything"}[mode]
        print(f"  {mode:<11} ({label}): " + ", ".join(f"{layer} {counts[layer]}" for layer in LAYERS))
    for line in inj["reached"]:
        print(f"    reached {line}")
    if k:
        total_kills = sum(r.kills for r in k.values())
        mid = sum(r.killed_mid_run for r in k.values())
        partial = sum(len(r.partial) for r in k.values())
        print(f"kills survived: {total_kills} ({mid} mid-run) across batch and generate; partial files found: {partial}; "
              f"unreadable manifest/cache: {sum(len(r.unreadable) for r in k.values())}; "
              "final run identical to an uninterrupted one: "
              + ", ".join(f"{name} {'yes' if not r.differing and r.final_exit == 0 else 'NO ' + str(r.differing)}"
                          for name, r in k.items()))
    print(f"time: {time.monotonic() - started:.0f} s")
    shipped_reached = sum(inj["layers"][m]["reached"] for m in MODES)
    failed = crashes or shipped_reached or any(r.partial or r.unreadable or r.differing for r in k.values())
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
