"""Reading an answer to score: the size limit, encodings, stdin and the error lines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from engine.cli import cli as group
from evals.starl import score_answer

DATA = Path(__file__).parent / "data" / "practice"
STRONG = (DATA / "strong-sentiment.txt").read_text(encoding="utf-8")


def run(*args, input: str | bytes | None = None):
    return CliRunner().invoke(group, ["practice", *[str(a) for a in args]], input=input)


def padded(size: int) -> str:
    """The strong answer repeated, cut to exactly `size` bytes of ASCII."""
    text = "\n\n".join([STRONG] * (size // len(STRONG) + 1))
    return text.encode("utf-8")[:size].decode("ascii")


def error_line(r) -> str:
    assert r.exit_code == 2, r.output
    assert r.stdout == "" and "Traceback" not in r.output
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1, r.stderr
    return lines[0]


def test_an_answer_over_the_default_limit_is_one_clear_error(tmp_path):
    big = tmp_path / "big-answer.txt"
    big.write_text(padded(2_400_000), encoding="utf-8")
    line = error_line(run("score", big, "--scenario", "sentiment-sarcasm", "--json"))
    assert line.startswith(f"{big}: ")
    assert "256 KiB limit" in line and "2.3 MiB" in line and "RISKBRIEF_MAX_ANSWER_BYTES" in line


def test_the_limit_is_inclusive_and_can_be_raised(tmp_path, monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_ANSWER_BYTES", "4096")
    at = tmp_path / "at.txt"
    at.write_text(padded(4096), encoding="utf-8")
    over = tmp_path / "over.txt"
    over.write_text(padded(4097), encoding="utf-8")
    r = run("score", at, "--scenario", "sentiment-sarcasm", "--json")
    assert r.exit_code == 0, r.stderr
    assert json.loads(r.stdout)["score"] == score_answer(padded(4096), scenario="sentiment-sarcasm").score
    line = error_line(run("score", over, "--scenario", "sentiment-sarcasm"))
    assert "4 KiB limit" in line and "4,097 bytes" in line
    monkeypatch.setenv("RISKBRIEF_MAX_ANSWER_BYTES", "5000")
    assert run("score", over, "--scenario", "sentiment-sarcasm").exit_code == 0


def test_stdin_over_the_limit_is_refused_without_reading_it_all(monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_ANSWER_BYTES", "4096")
    line = error_line(run("score", "-", "--question", "Q", input=padded(50_000)))
    assert line.startswith("<stdin>: ") and "4 KiB limit" in line


def test_a_piped_answer_to_start_has_the_same_limit(monkeypatch):
    monkeypatch.setenv("RISKBRIEF_MAX_ANSWER_BYTES", "4096")
    r = run("start", "sentiment-sarcasm", input=padded(50_000).replace("\n\n", "\n"))
    assert r.exit_code == 2 and "Traceback" not in r.output
    assert "Score:" not in r.stdout
    assert "<stdin>: " in r.stderr and "4 KiB limit" in r.stderr


def test_a_bad_limit_setting_is_a_usage_error(monkeypatch, tmp_path):
    monkeypatch.setenv("RISKBRIEF_MAX_ANSWER_BYTES", "lots")
    answer = tmp_path / "a.txt"
    answer.write_text(STRONG, encoding="utf-8")
    line = error_line(run("score", answer, "--question", "Q"))
    assert "RISKBRIEF_MAX_ANSWER_BYTES" in line and "whole number" in line


@pytest.mark.parametrize("data, expected", [
    (STRONG.encode("utf-8").replace(b"90%", b"\xff90%", 1), ":1: not UTF-8 text: byte 0xff"),
    (b"I led the review.\n\x00\x00binary", ":2: contains NUL bytes"),
], ids=["latin-1-byte", "nul-bytes"])
def test_an_answer_that_is_not_text_names_file_and_line(tmp_path, data, expected):
    path = tmp_path / "answer.txt"
    path.write_bytes(data)
    line = error_line(run("score", path, "--question", "Q"))
    assert line.startswith(f"{path}{expected}")


def test_utf16_and_bom_answers_are_read(tmp_path):
    for encoding, bom in (("utf-16", b""), ("utf-8", b"\xef\xbb\xbf")):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(bom + STRONG.encode(encoding))
        r = run("score", path, "--scenario", "sentiment-sarcasm", "--json")
        assert r.exit_code == 0, r.stderr
        assert json.loads(r.stdout)["score"] == score_answer(STRONG, scenario="sentiment-sarcasm").score


def test_missing_empty_and_directory_answers_name_the_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text(" \n\t\n", encoding="utf-8")
    for path, message in ((tmp_path / "nope.txt", "no such answer file"), (empty, "the answer is empty"),
                          (tmp_path, "is a directory")):
        line = error_line(run("score", path, "--question", "Q"))
        assert line.startswith(f"{path}: ") and message in line
