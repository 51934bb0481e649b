"""Optional LLM judge for STAR-L answers; the caller supplies the chat model.

The deterministic rubric stays the score of record: the judge's verdict is
attached to it (PracticeScore.judge) with the parts on which the two disagree,
so a reader can see a second opinion without the score becoming unrepeatable.

`model` is either a callable `(messages, schema) -> dict | str | BaseModel`
(engine.practice.judge wraps a riskbrief provider this way) or a LangChain
chat model with `.invoke(messages)`.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ValidationError

import prompts
from evals.starl.scorer import score_answer
from schemas.practice import PART_KEYS, JudgeVerdict, PracticeScore, Scenario

TEMPLATE = "practice/judge.j2"
_MARKER = re.compile(r"^\[(system|user)\]\s*$", re.MULTILINE)


class JudgeError(ValueError):
    """The judge's reply could not be used."""


def judge_messages(text: str, question: str | None, audience: str) -> list[dict[str, str]]:
    """The judge's chat messages; the answer travels as escaped JSON inside data tags."""
    source = prompts.read_text(TEMPLATE)
    env = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False)
    # "</" is escaped so the answer cannot close its own data tag.
    payload = json.dumps({"question": question or "", "answer": text}, ensure_ascii=False).replace("</", "<\\/")
    data = f"<answer_data>\n{payload}\n</answer_data>"
    # Split before rendering, so nothing in the answer can open a new message.
    pieces = _MARKER.split(source)
    messages = []
    for role, body in zip(pieces[1::2], pieces[2::2]):
        rendered = env.from_string(body).render(
            answer_data=data, audience=audience
        )
        messages.append({"role": role, "content": rendered.strip()})
    return messages


def _ask(model: Any, messages: list[dict[str, str]]) -> Any:
    invoke = getattr(model, "invoke", None)
    if callable(invoke):  # a LangChain chat model
        reply = invoke([(m["role"], m["content"]) for m in messages])
        return getattr(reply, "content", reply)
    if callable(model):
        return model(messages, JudgeVerdict)
    raise TypeError("model must be a callable (messages, schema) -> reply, or a chat model with .invoke()")


def _verdict(reply: Any) -> JudgeVerdict:
    try:
        if isinstance(reply, JudgeVerdict):
            return reply
        if isinstance(reply, BaseModel):
            return JudgeVerdict.model_validate(reply.model_dump())
        if isinstance(reply, str):
            body = reply.strip().removeprefix("```json").removeprefix("```").removesuffix("```")
            return JudgeVerdict.model_validate_json(body)
        return JudgeVerdict.model_validate(reply)
    except ValidationError as e:
        raise JudgeError(f"the judge's reply does not match judge_star_l_answer: {e.errors()[0]['msg']}") from None


def judge_answer(
    text: str,
    model: Callable[..., Any] | Any,
    scenario: Scenario | str | None = None,
    question: str | None = None,
    *,
    audience: str | None = None,
) -> PracticeScore:
    """The rubric's score with the judge's verdict attached."""
    result = score_answer(text, scenario=scenario, question=question, audience=audience)
    return with_judge_opinion(result, text, model)


def with_judge_opinion(result: PracticeScore, text: str, model: Callable[..., Any] | Any) -> PracticeScore:
    """`result` (the rubric's score of `text`) with the judge's verdict attached.

    Raises JudgeError when the reply cannot be used; whatever the model raises passes through.
    """
    messages = judge_messages(text, result.question, result.audience or "executive")
    verdict = _verdict(_ask(model, messages))
    disagree = [k for k in PART_KEYS if k in verdict.parts and verdict.parts[k].present != result.parts[k].present]
    opinion = verdict.model_dump(mode="json")
    opinion["disagrees_on"] = disagree
    return result.model_copy(update={"judge": opinion})
