"""Feedback lines for the answer-wide checks: each names the gap and how to fix it."""

from __future__ import annotations

from evals.starl import checks
from evals.starl.figures import Misquote, findings_figure, metric_label, metric_percent
from schemas.practice import Gap

_GUARDRAILS_WANTED = ("pilot group", "hard cap", "disclaimer", "monitoring", "owner", "date")


def _guardrail_hint(kinds: list[str]) -> str:
    return ", ".join([k for k in _GUARDRAILS_WANTED if k not in kinds][:4])


def framing_gaps(framing: checks.Framing) -> list[Gap]:
    gaps = []
    if framing.untranslated:
        swaps = "; ".join(f"'{t}' -> '{p}'" for t, p in list(framing.untranslated.items())[:4])
        gaps.append(Gap(code="jargon", check="business_framing",
                        message=f"Business framing: translate the technical terms for a non-technical listener ({swaps}), "
                                "or explain each one in a few plain words the first time you use it."))
    if len(framing.business_terms) < 2:
        gaps.append(Gap(code="no_business_terms", check="business_framing",
                        message="Business framing: state the risk in business terms - customers, money, reputation, "
                                "regulators - not only as a model metric (e.g. 'not a technical bug but a risk to "
                                "long-term retention')."))
    return gaps


def solution_gaps(solution: checks.Solution, bare_refusal: bool) -> list[Gap]:
    if bare_refusal:
        return [Gap(code="bare_refusal", check="solution_oriented",
                    message=f"Solution: the answer stops at '{solution.refusal}'. Move from 'no' to 'how, with which "
                            f"guardrails': offer a guarded path with {_guardrail_hint(solution.kinds)}.")]
    if not solution.protective:
        named = f" only {', '.join(solution.kinds)}" if solution.kinds else " none"
        return [Gap(code="no_guardrails", check="solution_oriented",
                    message=f"Guardrails: the answer offers no guarded path (it names{named}); say how the risk is "
                            "contained - a pilot group, a hard cap, a disclaimer or monitoring - with an owner and a date.")]
    if len(solution.kinds) < 3:
        return [Gap(code="few_guardrails", check="solution_oriented",
                    message=f"Guardrails: the answer names {', '.join(solution.kinds)}; make it a guarded path by adding "
                            f"{_guardrail_hint(solution.kinds)}.")]
    return []


def ownership_gaps(ownership: checks.Ownership) -> list[Gap]:
    if ownership.passed:
        return []
    return [Gap(code="we_only", check="ownership",
                message=f"Ownership: {ownership.we_actions} action(s) are told as 'we' and {ownership.i_actions} "
                        "as 'I'; say what you did yourself ('I ran the analysis', 'I proposed the pilot').")]


def length_gaps(length: checks.Length) -> list[Gap]:
    if not length.within_time:
        m, s = divmod(length.seconds, 60)
        return [Gap(code="too_long", check="length",
                    message=f"Length: {length.words} words is about {m}:{s:02d} spoken; cut to about "
                            f"{checks.SPOKEN_LIMIT_WORDS} words (two minutes) by trimming background and keeping "
                            "the numbers, the guarded plan and the lesson.")]
    if length.too_short:
        return [Gap(code="too_short", check="length",
                    message=f"Length: {length.words} words is too short to show all five parts; aim for 150 to "
                            f"{checks.SPOKEN_LIMIT_WORDS} words.")]
    return []


def grounding_gaps(grounding: checks.Grounding) -> list[Gap]:
    if not grounding.expected or grounding.used:
        return []
    return [Gap(code="numbers_not_used", check="grounding",
                message="Numbers: quote the figures from the findings (" + ", ".join(grounding.expected)
                        + ") so the listener can weigh the risk.")]


def _listed(items: list[str]) -> str:
    return ", ".join(items[:-1]) + (" and " if len(items) > 1 else "") + items[-1]


def misquote_gaps(misquotes: list[Misquote]) -> list[Gap]:
    if not misquotes:
        return []
    unfounded = [q for q in misquotes if not q.belongs_to]
    swapped = [q for q in misquotes if q.belongs_to]
    sentences = []
    if unfounded:
        named = list({id(m): m for q in unfounded for m in q.metrics}.values())
        sentences.append(f"the answer says {_listed([q.said for q in unfounded])}, which the findings do not give; "
                         "they give " + "; ".join(findings_figure(m) for m in named[:4]) + ".")
    for q in swapped:
        named = q.metrics[0]
        sentences.append(f"the answer gives {q.said} for {metric_label(named)}, which the findings give as "
                         f"{metric_percent(named)}; {q.said} is " + " or ".join(map(metric_label, q.belongs_to[:2])) + ".")
    text = " ".join(s[0].upper() + s[1:] if i else s for i, s in enumerate(sentences))
    return [Gap(code="numbers_contradict", check="grounding",
                message=f"Numbers: {text} Quote the findings' own figures: a listener who knows the case stops "
                        "trusting the rest.")]