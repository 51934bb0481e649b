"""One batch item: one findings document for one audience, produced and recorded.

The same pipeline functions `riskbrief generate` and the TUI call do the work
(engine.pipeline.generate_brief and render); this module only decides
what an item's *recipe* is (so the manifest can tell whether it changed) and
turns a brief, or the error that stopped it, into a manifest record.
"""

from __future__ import annotations

import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from schemas.findings import FindingsDocument

from engine.batch.manifest import ItemRecord, Recipe
from engine.batch.saved import SavedBrief
from engine.errors import RiskbriefError
from engine.logs import redact
from engine.options import GenerateOptions


@dataclass(frozen=True)
class Plan:
    """What every item of a run shares."""

    out_dir: str
    formats: tuple[str, ...]
    options: GenerateOptions
    recipes: dict[str, Recipe] = field(default_factory=dict)  # audience -> recipe


@dataclass(frozen=True)
class Task:
    """The items of one document still to be produced."""

    input: str
    stem: str
    input_hash: str
    audiences: tuple[str, ...]
    doc: FindingsDocument | None = None  # the validated document (loaded again when absent)
    content_hash: str = ""
    # audience -> the finished brief whose missing files are only rendered (engine/batch/saved.py)
    saved: dict[str, SavedBrief] | None = None

    @property
    def renders_only(self) -> bool:
        """Every audience of this task is a finished brief: no model or narrator is needed."""
        return bool(self.saved) and all(a in self.saved for a in self.audiences)


def _prompt_hash(provider: str, audience: str) -> str:
    from engine.pipeline import resolve_audience

    profile = resolve_audience(audience)
    if provider == "offline":
        from engine.narrator import prompt_hash

        return prompt_hash(profile)
    from engine.prompting import chain_prompt_hash

    return chain_prompt_hash(profile)


def resolved_model(opts: GenerateOptions) -> str:
    if opts.provider == "offline":
        from engine.narrator import NARRATOR_VERSION

        return f"narrator-{NARRATOR_VERSION}"
    if opts.model:
        return opts.model
    from engine.chain.run import settings_for

    return settings_for(opts).resolved_model


def recipe_for(audience: str, opts: GenerateOptions) -> Recipe:
    """What decides the brief itself; the formats only decide which files show it (see outputs_exist)."""
    options = {
        "threshold": opts.threshold,
        "temperature": opts.temperature,
        "max_repair_rounds": opts.max_repair_rounds,
        "allow_fallback": opts.allow_fallback,
    }
    return Recipe(
        provider=opts.provider,
        model=resolved_model(opts),
        prompt_hash=_prompt_hash(opts.provider, audience),
        options=options,
    )


def cost_usd(model: str, tokens_in: int, tokens_out: int, provider: str) -> float | None:
    """What the tokens cost; None when the model's price is unknown (and something was spent)."""
    if provider == "offline" or not (tokens_in or tokens_out):
        return 0.0
    from engine.chain.estimate import price_for

    price = price_for(model)
    if price is None:
        return None
    return round((tokens_in * price[0] + tokens_out * price[1]) / 1e6, 6)


def gate_reasons(brief, opts: GenerateOptions) -> list[str]:
    from engine.cli.generate import gate_failures

    return gate_failures(brief, opts)


def _record(task: Task, audience: str, plan: Plan) -> ItemRecord:
    recipe = plan.recipes[audience]
    return ItemRecord(
        key=f"{task.stem}.{audience}",
        input=task.input,
        stem=task.stem,
        audience=audience,
        input_hash=task.input_hash,
        prompt_hash=recipe.prompt_hash,
        provider=recipe.provider,
        model=recipe.model,
        options=dict(recipe.options),
        status="failed",
        content_hash=task.content_hash,
    )


def failed_record(task: Task, audience: str, plan: Plan, error: str) -> ItemRecord:
    record = _record(task, audience, plan)
    record.error = error
    record.finished_at = time.time()
    return record


def _count_spent(record: ItemRecord, error: Exception, recipe: Recipe) -> None:
    """What a brief that failed had sent: its requests and tokens count in the run's totals all the same."""
    usage = getattr(error, "spent_usage", None)
    if usage is None:
        return
    record.requests, record.tokens_in, record.tokens_out = usage.requests, usage.tokens_in, usage.tokens_out
    record.cost_usd = cost_usd(recipe.model, usage.tokens_in, usage.tokens_out, recipe.provider)


def produce_item(task: Task, doc: FindingsDocument, audience: str, plan: Plan,
                 sink: Callable[[ItemRecord], None]) -> ItemRecord:
    """Generate (for a finished brief in `task.saved`: only render the files it lacks), write and
    record one brief; errors become a failed record, never an exception.

    The record reaches `sink` (the journal) after the files are staged and before
    they are renamed into place (see engine/batch/outputs.py). A model brief that
    an interrupted run stops raises BriefStopped (engine/batch/stopping.py) and
    leaves nothing behind: it is made by the next run.
    """
    from engine.pipeline import generate_brief, output_path, render_bytes

    from engine.batch import stopping
    from engine.batch.outputs import discard, publish, stage

    stopping.brief_begins()

    recipe = plan.recipes[audience]
    started = time.perf_counter()
    record = _record(task, audience, plan)
    staged: list[tuple[Path, Path]] = []
    saved = task.saved.get(audience) if task.saved else None
    finals: list[Path] = []
    try:
        finals = [output_path(plan.out_dir, task.stem, audience, f) for f in plan.formats]
        if saved is None:
            brief = generate_brief(doc, audience, options=plan.options, input_file=task.input)
            todo = list(zip(finals, plan.formats))
        else:  # only the files it lacks are written; the others stay as they are
            brief = saved.brief
            todo = [(final, f) for final, f in zip(finals, plan.formats) if not _present(final)]
        for final, f in todo:
            staged.append((final, stage(final, render_bytes(brief, doc, f))))
    except RiskbriefError as e:
        record.error = redact(str(e))  # the manifest and summary are files: no secret may reach them
        _count_spent(record, e, recipe)
    except Exception as e:  # a bug or an SDK surprise: recorded, the rest of the batch goes on
        record.error = redact(f"unexpected {type(e).__name__}: {e}")
        _count_spent(record, e, recipe)
    if record.error is not None:
        discard(staged)
    else:
        prov = brief.provenance
        record.status = "generated"
        record.outputs = [os.path.relpath(final, plan.out_dir) for final in finals]
        if brief.eval is not None:
            record.score = round(float(brief.eval.score), 4)
            record.passed = bool(brief.eval.passed)
        record.gate = gate_reasons(brief, plan.options)
        if saved is not None:  # nothing was spent on it this run; files of other formats it had are still its own
            record.rendered = True
            record.cost_usd = 0.0
            record.outputs += [o for o in saved.outputs
                               if o not in record.outputs and _present(Path(plan.out_dir) / o)]
        else:
            record.requests = int(prov.requests or 0)
            record.tokens_in = int(prov.tokens_in or 0)
            record.tokens_out = int(prov.tokens_out or 0)
            record.cached = recipe.provider != "offline" and record.requests == 0 and int(prov.cache_hits or 0) > 0
            record.cost_usd = cost_usd(recipe.model, record.tokens_in, record.tokens_out, recipe.provider)
    record.duration_s = round(time.perf_counter() - started, 4)
    record.finished_at = time.time()
    sink(record)
    if staged and record.error is None:
        publish(staged)
    return record


def run_task(task: Task, plan: Plan, sink: Callable[[ItemRecord], None]) -> list[ItemRecord]:
    """Every audience of one document, each recorded through `sink` as its files go into place."""
    doc = task.doc
    if doc is None:
        from schemas.loading import load_findings

        doc = load_findings(task.input)
    return [produce_item(task, doc, audience, plan, sink) for audience in task.audiences]


def _present(path: Path) -> bool:
    """A file there and not empty (an empty one is what a power cut can leave)."""
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


def outputs_exist(out_dir: str | Path, record: ItemRecord, formats: Iterable[str] | None = None) -> bool:
    """The record's file of every format asked for (all it names, without `formats`) is there and
    not empty (an empty one is what a power cut can leave)."""
    base = Path(out_dir)
    named = list(record.outputs or ())
    if formats is not None:
        by_format = {o.rsplit(".", 1)[-1]: o for o in named}
        if any(f not in by_format for f in formats):
            return False
        named = [by_format[f] for f in formats]
    return bool(named) and all(_present(base / o) for o in named)
