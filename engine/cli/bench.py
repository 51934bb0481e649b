"""`riskbrief bench faithfulness`: the seeded benchmark of the faithfulness checker."""

from __future__ import annotations

import json

import click

TARGET_LABELS = {
    "recall_high": "recall >= 0.97 on number, unit, derived, direction, slice, severity, owner, status, caveat, extrinsic",
    "recall_mid": "recall >= 0.90 on scope, hedge, negation, mitigation",
    "fp_overall": "false-positive rate <= 2% overall",
    "fp_per_family": "false-positive rate <= 5% in every paraphrase family",
    "balanced_accuracy": "balanced accuracy >= 0.97",
    "throughput": ">= 200 briefs per CPU-second (cold: every sentence checked afresh)",
    "beats_baseline": "baseline beaten by >= 40 recall points on direction, slice, unit, severity, caveat",
    "corpus_size": ">= 100 briefs per code and >= 1,000 faithful paraphrases",
}


@click.group()
def bench() -> None:
    """Benchmarks of riskbrief's own quality."""


def _table(r: dict) -> None:
    c = r["corpus"]
    click.echo(f"faithfulness benchmark (seed {r['seed']}, size {r['size']}): {c['documents']} findings documents, "
               f"{c['briefs']} briefs ({c['faithful']} faithful incl. {c['paraphrases']} paraphrases, {c['with_error']} with one error; "
               f"{c['json_briefs']} JSON, {c['markdown_briefs']} Markdown)\n")
    click.echo(f"{'error code':<12}{'n':>6}{'recall':>9}{'right code':>12}{'baseline':>10}")
    for code, v in r["per_code"].items():
        click.echo(f"{code:<12}{v['n']:>6}{v['recall']:>9.3f}{v['recall_right_code']:>12.3f}{v['baseline_recall']:>10.3f}")
    click.echo(f"\n{'paraphrase family':<20}{'n':>6}{'FP rate':>9}{'baseline':>10}")
    for fam, v in r["per_family"].items():
        click.echo(f"{fam:<20}{v['n']:>6}{v['fp_rate']:>9.3f}{v['baseline_fp_rate']:>10.3f}")
    o = r["overall"]
    click.echo(f"\noverall: FP rate {o['fp_rate']:.4f} (baseline {o['baseline_fp_rate']:.4f}); balanced accuracy "
               f"{o['balanced_accuracy']:.4f} (baseline {o['baseline_balanced_accuracy']:.4f})")
    if "timing" in r:
        t = r["timing"]
        click.echo(f"throughput: {t['cold_briefs_per_cpu_second']:.0f} briefs per CPU-second checking every sentence afresh; "
                   f"{t['briefs_per_cpu_second']:.0f} with the per-document sentence memory on this corpus "
                   f"({t['cpu_seconds']:.2f} CPU s, {t['briefs_per_second']:.0f} briefs/s wall clock)")
    click.echo("\ntargets:")
    for key, ok in r["targets"].items():
        click.echo(f"  [{'met' if ok else 'MISSED'}] {TARGET_LABELS.get(key, key)}")


@bench.command()
@click.option("--json", "as_json", is_flag=True, help="Print the full report as JSON.")
@click.option("--seed", type=int, default=7, show_default=True, help="Seed of the generated corpus.")
@click.option("--size", type=click.Choice(["small", "full"]), default="full", show_default=True,
              help="small: a quick run; full: the corpus the targets are stated for.")
@click.option("--no-timing", is_flag=True, help="Leave out throughput, so the output is byte-identical across runs.")
@click.option("--strict", is_flag=True, help="Exit 1 when any target is missed.")
def faithfulness(as_json: bool, seed: int, size: str, no_timing: bool, strict: bool) -> None:
    """Recall per error code, false positives per paraphrase family, balanced accuracy and
    throughput of the faithfulness checker, beside a number-presence baseline."""
    from evals.bench import run

    report = run(seed, size)
    if no_timing:
        report.pop("timing", None)
        report["targets"].pop("throughput", None)
    if as_json:
        click.echo(json.dumps(report, indent=2, sort_keys=True))
    else:
        _table(report)
    if strict and not all(report["targets"].values()):
        raise SystemExit(1)
