"""`riskbrief practice list|start|score|answer`."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from engine.cli import cli as group

DATA = Path(__file__).parent / "data" / "practice"
STRONG = DATA / "strong-sentiment.txt"


def run(*args: str, input: str | None = None):
    return CliRunner().invoke(group, ["practice", *[str(a) for a in args]], input=input)


def test_list_json_has_id_title_question_for_every_scenario():
    r = run("list", "--json")
    assert r.exit_code == 0
    items = json.loads(r.stdout)
    assert len(items) >= 15
    assert all(set(i) == {"id", "title", "question"} for i in items)
    assert "recommender-diversity" in {i["id"] for i in items}


def test_list_prints_one_scenario_per_line():
    r = run("list")
    assert r.exit_code == 0
    assert len(r.stdout.strip().splitlines()) >= 15
    assert "sentiment-sarcasm" in r.stdout


def test_score_json_against_a_scenario():
    r = run("score", STRONG, "--scenario", "sentiment-sarcasm", "--json")
    assert r.exit_code == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["score"] >= 85 and data["scenario"] == "sentiment-sarcasm"
    assert set(data["parts"]) == {"S", "T", "A", "R", "L"}
    assert data["parts"]["R"]["present"] and data["parts"]["R"]["evidence"]


def test_score_any_question_and_print_a_readable_report():
    r = run("score", DATA / "no-learning.txt", "--question", "What would you tell the head of onboarding?")
    assert r.exit_code == 0
    assert "L Learning  MISSING" in r.stdout
    assert "Learning (L) is missing" in r.stdout
    assert "Capped:" in r.stdout


def test_score_reads_stdin_with_a_dash():
    r = run("score", "-", "--question", "Any question", "--json", input=STRONG.read_text(encoding="utf-8"))
    assert r.exit_code == 0
    assert json.loads(r.stdout)["score"] >= 85


def test_min_score_turns_a_low_score_into_exit_1():
    assert run("score", DATA / "ramble.txt", "--question", "Q", "--min-score", "50").exit_code == 1
    assert run("score", STRONG, "--question", "Q", "--min-score", "50").exit_code == 0


def test_score_usage_errors_exit_2_with_a_clear_message(tmp_path):
    cases = [
        (("score", STRONG, "--scenario", "nope"), "unknown scenario 'nope'"),
        (("score", tmp_path / "missing.txt", "--scenario", "sentiment-sarcasm"), "no such answer file"),
        (("score", STRONG), "exactly one of --scenario ID or --question TEXT"),
        (("score", STRONG, "--scenario", "sentiment-sarcasm", "--question", "Q"), "exactly one of"),
        (("score", STRONG, "--question", "Q", "--audience", "martians"), "unknown audience 'martians'"),
    ]
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    cases.append((("score", empty, "--question", "Q"), "the answer is empty"))
    for args, message in cases:
        r = run(*args)
        assert r.exit_code == 2, (args, r.output)
        assert message in r.stderr, (args, r.stderr)
        assert "Traceback" not in r.output
        assert r.stdout == ""


def test_start_shows_the_question_and_scores_a_piped_answer():
    answer = STRONG.read_text(encoding="utf-8").replace("\n\n", "\n")
    # Two empty lines end the answer; what follows is not part of it.
    r = run("start", "sentiment-sarcasm", input=answer + "\n\n\nThis line is after the end.\n")
    assert r.exit_code == 0, r.output
    assert "sarcastic social posts" in r.stdout  # the question
    assert "Score: " in r.stdout


def test_start_reads_to_end_of_input_and_can_reveal_the_model_answer():
    r = run("start", "recommender-diversity", "--json", "--reveal", input=(DATA / "strong-recommender.txt").read_text())
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["score"] >= 85
    assert "Model answer" in r.stderr and "filter-bubble" in r.stderr


def test_start_without_an_answer_is_a_usage_error():
    r = run("start", "sentiment-sarcasm", input="")
    assert r.exit_code == 2
    assert "no answer was given" in r.stderr


def test_answer_prints_the_model_answer_and_can_write_it(tmp_path):
    r = run("answer", "small-business-overprediction")
    assert r.exit_code == 0
    assert "30%" in r.stdout and "5%" in r.stdout and "I learned" in r.stdout
    out = tmp_path / "answer.txt"
    r = run("answer", "small-business-overprediction", "--out", out)
    assert r.exit_code == 0 and out.read_text(encoding="utf-8") == run("answer", "small-business-overprediction").stdout


def test_answer_for_an_unknown_scenario_exits_2():
    r = run("answer", "nope")
    assert r.exit_code == 2 and "unknown scenario" in r.stderr


def test_format_json_is_the_same_as_json_for_list_score_and_start():
    assert run("list", "--format", "json").stdout == run("list", "--json").stdout
    by_flag = run("score", STRONG, "--scenario", "sentiment-sarcasm", "--json")
    by_format = run("score", STRONG, "--scenario", "sentiment-sarcasm", "--format", "json")
    assert by_format.exit_code == 0 and by_format.stdout == by_flag.stdout
    data = json.loads(by_format.stdout)
    assert {"score", "parts", "quantified_result", "business_framing", "solution_oriented", "feedback"} <= set(data)
    assert all({"present", "score", "evidence"} <= set(data["parts"][k]) for k in "STARL")
    r = run("start", "sentiment-sarcasm", "--format", "json", input=STRONG.read_text(encoding="utf-8"))
    assert r.exit_code == 0 and json.loads(r.stdout)["score"] == data["score"]
    assert run("score", STRONG, "--question", "Q", "--format", "text").stdout.startswith("Score: ")
    r = run("score", STRONG, "--question", "Q", "--format", "yaml")
    assert r.exit_code == 2 and "yaml" in r.stderr
