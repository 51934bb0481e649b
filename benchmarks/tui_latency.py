"""How quickly the review workspace paints and answers keys.

    python benchmarks/tui_latency.py [--runs 5] [--keys 200] [--findings examples/sentiment.yaml]

Figures printed:
- first paint: wall time from starting a fresh Python process to the first
  frame of the workspace (imports, file load, compose, layout, render), in a
  headless terminal of 160x45; median and worst of --runs processes.
- keystroke: time from a key typed into the brief in edit mode reaching the
  app to the first frame that shows it (editor, status line and re-check
  timer updated); median, p95 and worst of --keys keys typed 20 ms apart.
- re-check: time from the last key to the faithfulness result of the edited
  text being shown (the debounce pause plus the check itself).
Wall times include waiting for a CPU; on a busy machine compare the CPU
figures, which count only this process's own work.
Targets: first paint <= 1.0 s, keystroke <= 50 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tui.screens.main import EVAL_DEBOUNCE_S  # noqa: E402
SIZE = (160, 45)

FIRST_PAINT = r"""
import asyncio, json, sys, time
start = float(sys.argv[1])
from tui.app import make_app

async def main():
    app = make_app(sys.argv[2])
    painted = []
    display = app._display

    def record(screen, renderable):
        # The first frame of the workspace with the findings on it.
        if renderable is not None and not painted and type(screen).__name__ == "MainScreen":
            table = screen.query("#findings-table")
            if table and table.first().row_count > 0:
                painted.append((time.time(), time.process_time()))
        return display(screen, renderable)

    app._display = record
    async with app.run_test(size=(160, 45)) as pilot:
        for _ in range(200):
            if painted:
                break
            await asyncio.sleep(0.005)
    print(json.dumps({"seconds": painted[0][0] - start if painted else None,
                      "cpu": painted[0][1] if painted else None}))

asyncio.run(main())
"""


def first_paint(findings: Path, runs: int) -> list[tuple[float, float]]:
    """(wall seconds, CPU seconds of the process) from launch to the first frame, per run."""
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            target = Path(tmp) / findings.name
            shutil.copy(findings, target)
            start = time.time()
            proc = subprocess.run([sys.executable, "-c", FIRST_PAINT, repr(start), str(target)],
                                  capture_output=True, text=True, cwd=ROOT, check=True)
            result = json.loads(proc.stdout.strip().splitlines()[-1])
            if result["seconds"] is None:
                raise SystemExit("the workspace did not show the findings on first paint")
            out.append((result["seconds"], result["cpu"]))
    return out


async def keystrokes(findings: Path, keys: int) -> tuple[list[tuple[float, float]], float]:
    """Per-key latency (key sent -> first frame showing it) and the re-check time after typing stops."""
    from textual import events

    from engine.versions import markdown_hash
    from tui.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / findings.name
        shutil.copy(findings, target)
        app = make_app(target, audiences=["executive"])
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press("g")
            for _ in range(3):
                await app.workers.wait_for_complete()
                await pilot.pause(0.2)
            await pilot.press("e")
            screen = app.screen
            area = screen.editor().text_area
            area.move_cursor((len(area.text.split("\n")) // 2, 0))
            frames: list[tuple[float, int]] = []
            display = app._display

            def record(scr, renderable):
                if renderable is not None:
                    frames.append((time.perf_counter(), len(area.text)))
                return display(scr, renderable)

            app._display = record
            text = "The board asked for a plain answer before launch. "
            timings = []
            for i in range(keys):
                ch = text[i % len(text)]
                before = len(area.text)
                began, began_cpu = time.perf_counter(), time.process_time()
                app._driver.send_message(events.Key("space" if ch == " " else ch, ch))
                deadline = began + 2.0
                shown = None
                while shown is None and time.perf_counter() < deadline:
                    await asyncio.sleep(0.0005)
                    shown = next((t for t, n in frames if t >= began and n > before), None)
                if shown is None:
                    raise SystemExit("a key did not reach the screen within 2 s")
                timings.append((shown - began, time.process_time() - began_cpu))
                frames.clear()
                await asyncio.sleep(0.02)  # a fast typist: well under the re-check pause
            if text[:20] not in area.text:
                raise SystemExit("typed text did not reach the editor")
            stopped = began  # when the last key was sent
            state = app.session.states["executive"]
            while time.perf_counter() - stopped < 10:
                await asyncio.sleep(0.005)
                if state.eval_hash is not None and not screen.evaluating and state.eval is not None \
                        and state.eval_hash == markdown_hash(state.markdown):
                    break
            recheck = time.perf_counter() - stopped
    return timings, recheck


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=200)
    parser.add_argument("--findings", type=Path, default=ROOT / "examples" / "sentiment.yaml")
    args = parser.parse_args()
    paints = first_paint(args.findings, args.runs)
    keys, recheck = asyncio.run(keystrokes(args.findings, args.keys))
    wall = sorted(k[0] * 1000 for k in keys)
    cpu = sorted(k[1] * 1000 for k in keys)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"findings: {args.findings.name}, terminal {SIZE[0]}x{SIZE[1]}, "
          f"{os.cpu_count()} CPUs, load average {load:.1f} at the end")
    print(f"first paint: median {statistics.median(p[0] for p in paints):.3f} s wall "
          f"({statistics.median(p[1] for p in paints):.3f} s CPU), worst {max(p[0] for p in paints):.3f} s "
          f"over {len(paints)} runs (target <= 1.0 s)")
    print(f"keystroke in edit mode: median {statistics.median(wall):.1f} ms wall "
          f"({statistics.median(cpu):.1f} ms CPU), p95 {_p95(wall):.1f} ms, worst {max(wall):.1f} ms "
          f"over {len(wall)} keys (target <= 50 ms)")
    print(f"re-check after typing stops: {recheck:.2f} s (includes the {EVAL_DEBOUNCE_S} s pause)")


def _p95(values: list[float]) -> float:
    return values[max(0, int(round(0.95 * len(values))) - 1)]


if __name__ == "__main__":
    main()
