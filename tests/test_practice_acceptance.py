"""STAR-L practice on answers written for this file: figures that contradict the scenario,
answers in another language or with non-English characters, and invalid scenario files."""

from __future__ import annotations

import json

import pytest

from evals.starl import score_answer

SCENARIO = "small-business-overprediction"

STRONG = """\
Last spring I was the data science lead on our lending team when the business wanted to launch automated credit \
lines for small firms. Our back-test showed that for 5% of small businesses the revenue forecast ran 30% or more too high.

My task was to give the head of lending a clear recommendation before the March launch.

I translated the finding into business terms: this was not a modelling quirk but one small business in twenty being \
offered credit it could not repay, which would raise defaults and hurt those customers. I showed one chart comparing \
the 88% of forecasts that were within 10% overall with the small-business tail. Rather than saying no, I proposed a \
guarded launch: a hard cap on automated lines at 70% of the forecast amount, a pilot group of 500 small-business \
customers, and weekly monitoring of missed repayments, with Credit Risk owning the cap by 15 February.

As a result, the head of lending approved the pilot with the cap, and in the first quarter missed repayments in the \
pilot stayed under 2%, compared with 6% in the back-test tail.

I learned that a good average can hide a costly tail; since then I always ask who the worst-served customers are \
before I sign off a launch.
"""

# The same answer with the case's figures misquoted (5% -> 25%, 30% -> 60%, 88% -> 40%).
MISQUOTED = (STRONG.replace("for 5% of small businesses", "for 25% of small businesses")
             .replace("ran 30% or more", "ran 60% or more").replace("the 88% of forecasts", "the 40% of forecasts"))

FRENCH = """\
Au printemps dernier, j'étais responsable data science pour l'équipe crédit. L'entreprise voulait lancer des lignes \
de crédit automatiques pour les petites entreprises ; pour 5 % d'entre elles, la prévision était trop élevée de 30 %.

Ma mission : donner au directeur des prêts une recommandation claire avant mars.

J'ai traduit le problème en termes métier : une petite entreprise sur vingt recevrait un crédit qu'elle ne pourrait \
pas rembourser. J'ai proposé un pilote de 500 clients, un plafond à 70 % du montant prévu et un suivi hebdomadaire.

Résultat : le directeur a approuvé le pilote, et les impayés sont restés sous 2 %.

J'ai appris qu'une bonne moyenne peut cacher une queue coûteuse.
"""


def test_figures_that_contradict_the_scenario_are_named_and_cost_points():
    strong, wrong = score_answer(STRONG, SCENARIO), score_answer(MISQUOTED, SCENARIO)
    assert strong.score >= 90 and not [g for g in strong.gaps if g.check == "grounding"]
    assert wrong.score <= 70 and strong.score - wrong.score >= 20
    lines = [g.message for g in wrong.gaps if g.code == "numbers_contradict"]
    assert len(lines) == 1
    for figure in ("25%", "60%", "40%"):  # what the answer said
        assert figure in lines[0]
    for figure in ("5%", "30%", "88%"):  # what the findings give
        assert figure in lines[0]
    assert any("contradict" in c for c in wrong.caps)
    assert score_answer(MISQUOTED, SCENARIO).model_dump() == wrong.model_dump()  # deterministic


def test_the_candidates_own_outcome_and_plan_figures_are_not_misquotes():
    # 2% and 6% are the candidate's result, 45% a cap they chose: none is a claim about the findings.
    text = STRONG.replace("at 70% of the forecast amount", "at 45% of the forecast amount")
    s = score_answer(text, SCENARIO)
    assert not [g for g in s.gaps if g.code == "numbers_contradict"] and s.score >= 90


def test_misquotes_are_checked_only_against_a_scenario():
    s = score_answer(MISQUOTED, question="Tell me about a launch you held back.")
    assert not [g for g in s.gaps if g.code == "numbers_contradict"]


def test_misquotes_in_the_cli_json(cli, tmp_path):
    path = tmp_path / "answer.txt"
    path.write_text(MISQUOTED, encoding="utf-8")
    r = cli("practice", "score", path, "--scenario", SCENARIO, "--json")
    assert r.exit_code == 0
    data = json.loads(r.stdout)
    assert data["score"] <= 70 and any("25%" in line and "5%" in line for line in data["feedback"])


def test_an_answer_in_another_language_is_told_why_it_scores_low():
    s = score_answer(FRENCH, SCENARIO)
    assert s.gaps[0].code == "not_english" and "English" in s.feedback[0]
    assert not score_answer(STRONG, SCENARIO).feedback  # an English answer gets no such line


def test_non_english_characters_in_an_english_answer_change_nothing():
    text = (STRONG.replace("the head of lending a clear", "Zoë Müller, our head of lending, a clear")
            .replace("could not repay", "could not repay — “a debt trap” (€2m a year)").replace("'", "’"))
    s = score_answer(text, SCENARIO)
    assert s.score == score_answer(STRONG, SCENARIO).score and not s.feedback


@pytest.fixture
def bank_with(monkeypatch):
    from engine.practice import bank

    def install(files: dict[str, str]) -> None:
        real = bank._scenario_files()
        monkeypatch.setattr(bank, "_scenario_files", lambda: {**real, **files})
        bank._bank.cache_clear()

    yield install
    bank._bank.cache_clear()


@pytest.mark.parametrize("text,expected", [
    ("id: zz-bad\ntitle: [unclosed\n", ["prompts/practice/scenarios/zz-bad.yaml:3: (document): invalid YAML"]),
    ("id: zz-bad\ntitle: Bad\nquestion: 12\n", ["prompts/practice/scenarios/zz-bad.yaml:3: question: Input should be a valid string",
                                                "prompts/practice/scenarios/zz-bad.yaml:1: covers: Field required"]),
], ids=["yaml", "fields"])
def test_an_invalid_scenario_file_is_reported_by_line(cli, bank_with, text, expected):
    bank_with({"zz-bad": text})
    r = cli("practice", "list")
    assert r.exit_code == 2 and "Traceback" not in r.stderr
    for line in expected:
        assert any(got.startswith(line) for got in r.stderr.splitlines()), r.stderr


def test_a_scenario_naming_a_metric_its_findings_lack_is_reported_by_line(cli, bank_with):
    from engine.practice import bank

    good = bank._scenario_files()[SCENARIO]
    bad = good.replace("id: small-business-overprediction", "id: zz-bad").replace(
        "metrics: [F1.overpredicted_share,", "metrics: [F1.no_such_metric,")
    bank_with({"zz-bad": bad})
    r = cli("practice", "score", "-", "--scenario", "zz-bad", input=STRONG)
    assert r.exit_code == 2
    line = next(i for i, row in enumerate(bad.splitlines(), 1) if "F1.no_such_metric" in row)
    assert r.stderr.startswith(f"prompts/practice/scenarios/zz-bad.yaml:{line}: covers.metrics[0]: 'F1.no_such_metric'")


@pytest.fixture
def loopback(monkeypatch, tmp_path):
    from tests.loopback import LoopbackServer, serve_cli

    srv = serve_cli(monkeypatch, LoopbackServer(), key="sk-practice-loopback-0123456789", cache_dir=tmp_path / "cache")
    yield srv
    srv.stop()


def test_model_answers_and_the_judge_honour_the_attempt_limit(cli, loopback, monkeypatch, tmp_path):
    from engine.practice import model_answer
    from tests.loopback import LoopbackServer

    monkeypatch.setenv("RISKBRIEF_MAX_ATTEMPTS", "2")
    loopback.responder = lambda seen: LoopbackServer.error(500, {"retry-after-ms": "1"})
    # The offline result is there without the model: each command degrades to it, saying why.
    r = cli("practice", "answer", SCENARIO, "--provider", "openai", "--model", "m")
    assert r.exit_code == 0 and "after 2 attempt(s)" in r.stderr and len(loopback.requests) == 2
    assert r.stdout == model_answer(SCENARIO) and "offline model answer" in r.stderr
    answer = tmp_path / "answer.txt"
    answer.write_text(STRONG, encoding="utf-8")
    r = cli("practice", "score", answer, "--scenario", SCENARIO, "--judge", "--provider", "openai", "--model", "m")
    assert r.exit_code == 0 and "after 2 attempt(s)" in r.stderr and len(loopback.requests) == 4
    assert r.stdout.startswith(f"Score: {score_answer(STRONG, scenario=SCENARIO).score}/100")


def test_a_model_that_never_calls_the_tool_leaves_the_offline_model_answer(cli, loopback):
    from engine.practice import model_answer
    from tests.loopback import LoopbackServer

    loopback.responder = lambda seen: LoopbackServer.content("Happy to help with that!")
    r = cli("practice", "answer", SCENARIO, "--provider", "openai", "--model", "m")
    assert r.exit_code == 0, r.stderr
    assert r.stdout == model_answer(SCENARIO)
    assert "not used" in r.stderr and "offline model answer" in r.stderr
