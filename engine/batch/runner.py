"""A whole batch run: discover, shard, validate, skip what is done, produce the rest, summarise."""

from __future__ import annotations

import gc
import multiprocessing
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Callable

from rich.console import Console

from schemas.loading import Problem

from engine.batch.discovery import InputFile, discover
from engine.batch.manifest import (ItemRecord, Journal, Recipe, latest, load_records, manifest_name,
                                   prepare_out_dir, read_journals, read_manifest, write_manifest)
from engine.batch.outlock import OutDirLock
from engine.batch.outputs import sweep
from engine.batch.pool import available_cores, make_executor, run_in_processes, run_inline, start_workers
from engine.batch.produce import Plan, Task, outputs_exist, recipe_for
from engine.batch.progress import BatchProgress
from engine.batch.saved import SavedBrief, saved_brief
from engine.batch.sharding import ALL, Shard, content_hash
from engine.batch.summary import Summary
from engine.batch.validation import PARALLEL_FROM, validate_all
from engine.errors import UsageError
from engine.options import GenerateOptions

DEFAULT_MODEL_CONCURRENCY = 8
IN_PROCESS_PROVIDERS = {"fake"}  # scripted in this process: a child process would not see the script


@dataclass
class BatchRequest:
    paths: list[str]
    audiences: list[str]
    formats: list[str]
    out_dir: str
    options: GenerateOptions = field(default_factory=GenerateOptions)
    concurrency: int | None = None
    rpm: float | None = None
    tpm: float | None = None
    shard: Shard = ALL
    fail_under: float | None = None
    report: str | None = None  # "html"
    strict: bool = False
    skip_invalid: bool = False  # invalid inputs are accepted (recorded in the summary, for --merge-summaries)

    def workers(self) -> int:
        if self.concurrency:
            return self.concurrency
        return available_cores() if self.options.provider == "offline" else DEFAULT_MODEL_CONCURRENCY


@dataclass
class BatchOutcome:
    summary: Summary
    problems: list[Problem]
    summary_path: Path | None = None
    report_path: Path | None = None
    estimate: dict[str, Any] | None = None  # --dry-run only


def _check_provider(opts: GenerateOptions) -> None:
    """Fail before any brief is written when the provider cannot be used (no key, SDK missing).

    It also imports the provider's SDK once here, so worker processes forked
    later start with it loaded.
    """
    from engine.chain.run import settings_for
    from engine.providers import get_provider

    get_provider(opts.provider, settings_for(opts))
    if opts.provider == "openai":
        import langchain_openai  # noqa: F401  (imported lazily by the provider; ~1 s a process otherwise)


def _preload() -> None:
    """Import what every brief needs once, before worker processes fork, so each need not (~1 s apiece)."""
    import importlib

    for name in ("engine.narrator", "engine.render.markdown", "engine.render.json_brief", "engine.render.html",
                 "evals.faithfulness", "evals.audience_fit"):
        try:
            importlib.import_module(name)
        except ImportError:  # reported per brief, with the module's name, if it is really missing
            pass


@dataclass
class _Scan:
    """Inputs after sharding, with their content hashes; unchanged ones need no reading."""

    pending: list[InputFile] = field(default_factory=list)
    hashes: dict[Path, str] = field(default_factory=dict)
    unchanged: list[ItemRecord] = field(default_factory=list)
    unchanged_files: int = 0
    to_render: int = 0  # pending files whose briefs are all made and only lack files


def _scan(inputs: list[InputFile], req: BatchRequest, recipes: dict[str, Recipe],
          previous: dict[str, ItemRecord], out_dir: str) -> _Scan:
    scan = _Scan()
    for item in inputs:
        try:
            digest = content_hash(item.path.read_bytes())
        except OSError:
            digest = content_hash(str(item.path).encode())  # unreadable: validation reports it, in one shard
        if not req.shard.holds_hash(digest):
            continue
        scan.hashes[item.path] = digest
        done = [previous.get(f"{item.stem}.{a}") for a in req.audiences]
        made = [r is not None and r.status == "generated" and r.matches(recipes[a], content_hash=digest)
                and r.input == str(item.path) for r, a in zip(done, req.audiences)]
        if not req.strict and all(made) and all(outputs_exist(out_dir, r, req.formats) for r in done):
            scan.unchanged.extend(r for r in done if r is not None)
            scan.unchanged_files += 1
        else:
            scan.pending.append(item)
            if all(made) and all(any(o.endswith(".json") for o in r.outputs) for r in done):
                scan.to_render += 1  # most likely only files to render from saved briefs: no model needed
    return scan


def _dry_run(files: int, todo: list[Task], skipped: int, req: BatchRequest, model: str) -> dict[str, Any]:
    total: dict[str, Any] = {"briefs": sum(len(t.audiences) for t in todo) + skipped, "to_generate": 0,
                             "to_render": 0, "skipped": skipped, "requests": 0, "tokens_in": 0, "tokens_out": 0,
                             "cost_usd": 0.0}
    opts = req.options
    for task in todo:
        if task.renders_only:
            total["to_render"] += len(task.audiences)
            continue
        for audience in task.audiences:
            total["to_generate"] += 1
            if opts.provider == "offline":
                continue
            from engine.chain import estimate
            from engine.pipeline import resolve_audience

            est = estimate(task.doc, resolve_audience(audience), opts)
            for k in ("requests", "tokens_in", "tokens_out"):
                total[k] += int(est.get(k, 0))
            if est.get("cost_usd") is None or total["cost_usd"] is None:
                total["cost_usd"] = None
            else:
                total["cost_usd"] = round(total["cost_usd"] + est["cost_usd"], 6)
    total["provider"], total["model"] = opts.provider, model
    total["files"], total["shard"] = files, req.shard.tag
    return total


def run_batch(req: BatchRequest, *, console: Console | None = None, progress: bool | None = None,
              on_problems: Callable[[list[Problem]], None] | None = None) -> BatchOutcome:
    """Run a batch; raises only for usage errors (bad inputs are in the outcome's problems).

    `on_problems` hears about every bad input once validation is done, before any brief is produced.
    A second run into an output directory another run is writing is refused (UsageError).
    """
    lock = OutDirLock(req.out_dir)
    if not req.options.dry_run:  # a dry run writes nothing, so it may look at a directory in use
        lock.acquire()
    try:
        return _run_batch(req, lock, console, progress, on_problems)
    finally:
        lock.release()


def _run_batch(req: BatchRequest, lock: OutDirLock, console: Console | None, progress: bool | None,
               on_problems: Callable[[list[Problem]], None] | None) -> BatchOutcome:
    console = console or Console()
    started = time.perf_counter()
    run_started = time.time()
    out_dir = str(Path(req.out_dir))
    opts = req.options
    recipes = {a: recipe_for(a, opts) for a in req.audiences}
    jobs = req.workers()
    tag = req.shard.tag
    offline = opts.provider == "offline"
    plan = Plan(out_dir=out_dir, formats=tuple(req.formats), options=opts, recipes=recipes)
    summary = Summary(provider=opts.provider, model=recipes[req.audiences[0]].model if recipes else "",
                      shard=tag, fail_under=req.fail_under, skip_invalid=req.skip_invalid,
                      options={"audiences": sorted(req.audiences), "formats": sorted(req.formats),
                               "strict": req.strict, **(recipes[req.audiences[0]].options if recipes else {})})

    inputs, problems = discover(req.paths, exclude=[out_dir])
    previous = load_records(out_dir) if Path(out_dir).is_dir() else {}
    scan = _scan(inputs, req, recipes, previous, out_dir)

    use_pool = offline and jobs > 1 and available_cores() > 1
    parallel = available_cores() > 1 and (use_pool or len(scan.pending) >= PARALLEL_FROM)
    if use_pool and scan.pending:
        _preload()
    executor = make_executor(plan, tag, jobs if use_pool else available_cores()) if parallel else None
    carried: list[ItemRecord] = []  # briefs already done, kept from earlier runs
    try:
        ready: list[bool] = []

        def get_ready() -> None:
            """Model path: import the SDK and check the provider while the files are validated."""
            # Importing creates hundreds of thousands of long-lived objects; collecting
            # garbage among them meanwhile finds none and costs ~5% of the import time.
            collecting = gc.isenabled()
            gc.disable()
            try:
                _preload()
                if "provider_instance" not in opts.extra:
                    _check_provider(opts)
            finally:
                if collecting:
                    gc.enable()
            ready.append(True)

        early = get_ready if not offline and not opts.dry_run and len(scan.pending) > scan.to_render else None
        valid, bad_problems, bad_files = validate_all(scan.pending, strict=req.strict, executor=executor,
                                                      meanwhile=early)
        if executor is not None and not use_pool:  # only needed to validate; gone before anything else forks
            executor.shutdown(wait=True)
            executor = None
        problems = problems + bad_problems
        if problems and on_problems is not None:
            on_problems(problems)
        summary.inputs = len(valid) + scan.unchanged_files
        if problems and not summary.inputs and (req.shard.count == 1 or not inputs):
            # Nothing to produce: a summary of nothing would only overwrite the last real one. (A
            # shard whose share happens to be all bad still writes one, for --merge-summaries.)
            raise UsageError("no findings files to produce briefs from (see above); nothing was written")
        summary.invalid = [str(p) for p in problems]
        summary.invalid_files = len(bad_files) + sum(1 for p in problems if p.path in ("(path)", "(file)")
                                                   and p.file not in bad_files)
        todo: list[Task] = []
        carried.extend(scan.unchanged)
        for v in valid:
            digest = scan.hashes.get(v.input.path, "")
            need = []
            saved: dict[str, SavedBrief] = {}
            for a in req.audiences:
                rec = previous.get(f"{v.input.stem}.{a}")
                if (rec is not None and rec.status == "generated" and rec.matches(recipes[a], input_hash=v.input_hash)
                        and outputs_exist(out_dir, rec, req.formats)):
                    # Reformatted but the same document: keep the brief, remember the new bytes.
                    carried.append(replace(rec, content_hash=digest, input=str(v.input.path)))
                elif rec is not None and (found := saved_brief(out_dir, rec, recipes[a], v.input_hash)) is not None:
                    saved[a] = found  # finished, but a format asked for is missing: rendered from its JSON
                else:
                    need.append(a)
            path = str(v.input.path)
            if saved:
                todo.append(Task(path, v.input.stem, v.input_hash, tuple(saved), v.doc, digest, saved=saved))
            if need:
                todo.append(Task(path, v.input.stem, v.input_hash, tuple(need), v.doc, digest))

        if opts.dry_run:
            estimate = _dry_run(summary.inputs, todo, len(carried), req, summary.model)
            return BatchOutcome(summary, problems, estimate=estimate)

        for rec in carried:
            summary.add(rec, skipped=True, fail_under=req.fail_under)
        fresh: list[ItemRecord] = []
        if any(not t.renders_only for t in todo) and not offline and not ready:
            get_ready()  # before anything is written; skipped when every brief is done (or only rendered)
        prepare_out_dir(out_dir)
        lock.acquire()  # the directory may only exist now
        # Ctrl-C or kill: KeyboardInterrupt propagates once the briefs in progress are journalled.
        _produce(todo, plan, req, jobs, executor if use_pool else None, tag, console, progress, fresh)
    except KeyboardInterrupt:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
            executor = None
        _save_interrupted(out_dir, tag, carried, {"shard": tag, "provider": opts.provider, "model": summary.model})
        raise
    finally:
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)

    sweep(out_dir, older_than=run_started - 60)  # temporary files a killed run left behind
    for rec in fresh:
        summary.add(rec, skipped=False, fail_under=req.fail_under)
    summary.wall_s = round(time.perf_counter() - started, 3)
    this_run = {r.key: r for r in carried + fresh}
    kept = _own_manifest_records(out_dir, tag, this_run)
    write_manifest(out_dir, tag, list(kept.values()), {"shard": tag, "provider": opts.provider,
                                                      "model": summary.model})
    outcome = BatchOutcome(summary, problems, summary_path=summary.write(out_dir))
    if req.report == "html":
        from engine.batch.report import write_index

        outcome.report_path = write_index(summary, out_dir)
    return outcome


def _produce(todo: list[Task], plan: Plan, req: BatchRequest, jobs: int, executor, tag: str, console: Console,
             progress: bool | None, fresh: list[ItemRecord]) -> None:
    total = sum(len(t.audiences) for t in todo)
    bar = BatchProgress(total, console, enabled=progress)

    def on_records(records: list[ItemRecord]) -> None:
        for r in records:
            fresh.append(r)
            bar.advance(cached=r.cached, failed=r.status == "failed")

    if not todo:
        return
    opts = plan.options
    if opts.provider == "offline":
        if executor is not None and len(todo) > 1:
            start_workers(executor)
            with bar:
                run_in_processes(executor, todo, jobs, on_records)
            return
        journal = Journal(plan.out_dir, tag)
        try:
            with bar:
                run_inline(todo, plan, journal, on_records)
        finally:
            journal.close()
        return
    renders = [t for t in todo if t.renders_only]
    if renders:  # finished briefs that only lack files: rendered here, with no provider at all
        todo = [t for t in todo if not t.renders_only]
        journal = Journal(plan.out_dir, tag)
        try:
            if todo:  # the bar starts with the model work (no thread may run while its processes fork)
                run_inline(renders, plan, journal, on_records)
            else:
                with bar:
                    run_inline(renders, plan, journal, on_records)
        finally:
            journal.close()
        if not todo:
            return
    from engine.batch.shared import shared_run, warm

    first = todo[0]
    if first.doc is not None:
        # In this process, before any worker forks: left to the workers, every thread of a fully
        # cached run would fill the checker's caches at once (a cached run took twice as long).
        warm(first.doc, first.audiences[0], plan.formats, opts)
    processes = min(available_cores(), jobs, sum(len(t.audiences) for t in todo))
    if (processes > 1 and opts.provider not in IN_PROCESS_PROVIDERS and "provider_instance" not in opts.extra
            and "fork" in multiprocessing.get_all_start_methods()):
        from engine.batch.model_pool import run_model_processes

        try:
            run_model_processes(todo, plan, processes=processes, concurrency=jobs, rpm=req.rpm, tpm=req.tpm, tag=tag,
                                on_record=lambda r: on_records([r]), started=bar.__enter__)
        finally:
            bar.__exit__(None, None, None)
        return
    from engine.batch.aio import run_concurrently

    journal = Journal(plan.out_dir, tag)
    try:
        with bar, shared_run(opts, req.rpm, req.tpm, jobs) as shared:
            run_concurrently(todo, replace(plan, options=shared), jobs, journal, lambda r: on_records([r]))
    finally:
        journal.close()


def _save_interrupted(out_dir: str, tag: str, carried: list[ItemRecord], meta: dict) -> None:
    """After Ctrl-C: what finished goes into the manifest now, so it is whole and current on its own."""
    if not Path(out_dir).is_dir():
        return
    kept = _own_manifest_records(out_dir, tag, latest(carried + read_journals(out_dir, tag)))
    write_manifest(out_dir, tag, list(kept.values()), meta)


def _own_manifest_records(out_dir: str, tag: str, this_run: dict[str, ItemRecord]) -> dict[str, ItemRecord]:
    """This run's records plus older ones of this shard's manifest (other audiences, other inputs)."""
    kept = {rec.key: rec for rec in read_manifest(Path(out_dir) / manifest_name(tag))}
    kept.update(this_run)
    return kept
