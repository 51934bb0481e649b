"""`riskbrief practice ...`: STAR-L interview practice in the terminal."""

from __future__ import annotations

import json
import sys
import textwrap

import click

from engine.errors import UsageError
from engine.files import atomic_write_text
from engine.practice import list_scenarios, load_scenario, model_answer
from engine.practice.answer_file import read_answer_file, read_typed_answer
from evals.starl import score_answer
from schemas.practice import PART_KEYS, PART_NAMES, PracticeScore


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(" ".join(text.split()), width=88, initial_indent=indent, subsequent_indent=indent)


def render_score(result: PracticeScore) -> str:
    """The score as a plain-text report, one line per part, check and gap."""
    lines = [f"Score: {result.score}/100"]
    for key in PART_KEYS:
        part = result.parts[key]
        state = "present" if part.present else "MISSING"
        evidence = f'  "{textwrap.shorten(part.evidence, 60, placeholder="...")}"' if part.evidence else ""
        lines.append(f"  {key} {PART_NAMES[key]:<9} {state:<8} {part.score:>3}{evidence}")
    minutes, seconds = divmod(result.spoken_seconds, 60)

    def yn(flag: bool) -> str:
        return "yes" if flag else "no"

    lines.append(
        f"Checks: quantified result {yn(result.quantified_result)} | business framing {yn(result.business_framing)}"
        f" | guarded solution {yn(result.solution_oriented)} | ownership {yn(result.ownership)}"
        f" | {result.words} words, about {minutes}:{seconds:02d} spoken"
    )
    if result.guardrails:
        lines.append(f"Guardrails named: {', '.join(result.guardrails)}")
    for cap in result.caps:
        lines.append(f"Capped: {cap}")
    if result.feedback:
        lines.append("To improve:")
        lines.extend(
            textwrap.fill(line, width=88, initial_indent="  - ", subsequent_indent="    ") for line in result.feedback
        )
    else:
        lines.append("No gaps found.")
    if result.judge:
        lines.append(f"Judge's opinion: {result.judge['score']}/100")
        if result.judge.get("disagrees_on"):
            lines.append(f"  The judge and the rubric disagree on: {', '.join(result.judge['disagrees_on'])}")
        lines.extend(
            textwrap.fill(line, width=88, initial_indent="  - ", subsequent_indent="    ")
            for line in result.judge.get("feedback", [])
        )
    return "\n".join(lines)


def _emit(result: PracticeScore, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(result.model_dump(mode="json"), indent=2))
    else:
        click.echo(render_score(result))


def _format_option(what: str):
    """`--format text|json` beside `--json`, as other riskbrief commands spell it."""
    return click.option("--format", "fmt", type=click.Choice(["text", "json"]), default=None,
                        help=f"Print {what} as text (the default) or JSON (the same as --json).")


def _wants_json(as_json: bool, fmt: str | None) -> bool:
    if as_json and fmt == "text":
        raise UsageError("--json and --format text disagree; give one of them")
    return as_json or fmt == "json"


@click.group()
def practice() -> None:
    """Practise STAR-L answers (Situation, Task, Action, Result, Learning) to risk-communication questions."""


@practice.command("list")
@click.option("--json", "as_json", is_flag=True, help='Print [{"id", "title", "question"}] as JSON.')
@_format_option("the list")
def list_cmd(as_json: bool, fmt: str | None) -> None:
    """List the scenarios of the practice bank."""
    scenarios = list_scenarios()
    if _wants_json(as_json, fmt):
        click.echo(json.dumps([{"id": s.id, "title": s.title, "question": s.question} for s in scenarios], indent=2))
        return
    width = max(len(s.id) for s in scenarios)
    for s in scenarios:
        click.echo(f"{s.id:<{width}}  {s.title}")


@practice.command("start")
@click.argument("scenario")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
@_format_option("the score")
@click.option("--reveal", is_flag=True, help="Show the model answer after the score.")
def start(scenario: str, as_json: bool, fmt: str | None, reveal: bool) -> None:
    """Show a scenario's question, read your answer and score it.

    Type the answer over several lines and finish with two empty lines (or
    Ctrl-D). A piped answer works too: `riskbrief practice start ID < answer.txt`.
    """
    as_json = _wants_json(as_json, fmt)
    s = load_scenario(scenario)
    interactive = sys.stdin.isatty()
    out = sys.stderr if as_json else sys.stdout
    click.echo(f"{s.title}\n\n{_wrap(s.question, '')}\n", file=out)
    if interactive:
        click.echo("Answer in about two minutes of speech (up to 300 words). Finish with two empty lines or Ctrl-D.\n", file=out)
    text = read_typed_answer()
    if not text:
        raise UsageError("no answer was given; type an answer and finish with two empty lines (or pipe a file in)")
    _emit(score_answer(text, scenario=s), as_json)
    if reveal:
        click.echo("\nModel answer:\n", file=out)
        click.echo(model_answer(s), file=out)


@practice.command("score")
@click.argument("answer_file", type=click.Path(allow_dash=True))
@click.option("--scenario", "scenario_id", help="Score against a scenario of the bank (its audience and numbers).")
@click.option("--question", help="Score an answer to any question, not only the bank's.")
@click.option("--audience", help="Audience whose jargon list applies (default: the scenario's, or executive).")
@click.option("--json", "as_json", is_flag=True, help="Print the score as JSON.")
@_format_option("the score")
@click.option("--min-score", type=click.IntRange(0, 100), help="Exit 1 when the score is below this.")
@click.option("--judge", is_flag=True, help="Also ask an LLM judge (needs --provider openai and a model).")
@click.option("--provider", default=None, help="Provider for the judge (default: RISKBRIEF_PROVIDER).")
@click.option("--model", default=None, help="Model for the judge (default: RISKBRIEF_MODEL).")
def score(answer_file: str, scenario_id: str | None, question: str | None, audience: str | None,
          as_json: bool, fmt: str | None, min_score: int | None, judge: bool, provider: str | None,
          model: str | None) -> None:
    """Score a written answer (a text file, or - for stdin) on the STAR-L rubric."""
    as_json = _wants_json(as_json, fmt)
    if bool(scenario_id) == bool(question):
        raise UsageError("give exactly one of --scenario ID or --question TEXT (see `riskbrief practice list` for ids)")
    s = load_scenario(scenario_id) if scenario_id else None
    if audience:
        from schemas.audience import audience_names

        if audience not in audience_names():
            raise UsageError(f"unknown audience '{audience}'; choose one of {', '.join(audience_names())}")
    text = read_answer_file(answer_file)
    if judge:
        from engine.config import load_settings
        from engine.practice.judge import judged_score, provider_judge

        # Setting the judge up can fail (no key, the offline provider): a usage error, nothing was asked.
        ask = provider_judge(provider or load_settings().provider, model)
        result = judged_score(text, ask, scenario=s, question=question, audience=audience)
        for note in result.notes:
            click.echo(f"riskbrief: {note}", err=True)
    else:
        result = score_answer(text, scenario=s, question=question, audience=audience)
    _emit(result, as_json)
    if min_score is not None and result.score < min_score:
        raise SystemExit(1)


@practice.command("answer")
@click.argument("scenario")
@click.option("-o", "--out", type=click.Path(dir_okay=False), help="Write the answer to this file instead of printing it.")
@click.option("--score", "show_score", is_flag=True, help="Also print the model answer's own rubric score.")
@click.option("--provider", default=None, help="Let a model polish the answer (e.g. openai); the default is offline.")
@click.option("--model", default=None, help="Model for --provider.")
def answer(scenario: str, out: str | None, show_score: bool, provider: str | None, model: str | None) -> None:
    """Write a strong STAR-L model answer, grounded in the scenario's findings.

    Offline by default. With --provider, a model rewrites it; its answer is used only if every
    number comes from the findings and it scores at least 85 on the rubric.
    """
    s = load_scenario(scenario)
    if provider and provider != "offline":
        from engine.practice.written import model_written_answer

        text, notes = model_written_answer(s, provider, model)
        for note in notes:
            click.echo(f"riskbrief: {note}", err=True)
    else:
        text = model_answer(s)
    if out:
        atomic_write_text(out, text)
        click.echo(out)
    else:
        click.echo(text, nl=False)
    if show_score:
        click.echo(f"\nRubric score: {score_answer(text, scenario=s).score}/100", err=bool(out))
