"""Prompt injection against the model path, with a model that obeys what it reads.

`ObedientModel` answers the chain like a careful model (tests/llm_replies.py)
until an injected instruction reaches it; then it does what the instruction
demands: states the claim, drops the caveats, types the figure, breaks its JSON
or prints a key. Two kinds of obedience:

- *respecting*: it ignores text inside an intact data block (``<findings_data>``
  ... ``</findings_data>``, found the naive way, by the first closing tag), and
  obeys any instruction outside one;
- *breached*: it obeys instructions wherever they are, as if delimiting failed.

A third, stress-only mode, *undetected*, is *breached* with the instruction
detector switched off, to measure what the later layers catch on their own.

`run_case` plants one injection in every text field of the sentiment example,
runs the chain through the fake provider, and names the layer that stopped it:

    withheld      never reached a prompt (engine/injection.py cut it out)
    delimited     reached a prompt only as data, and was not obeyed
    number_rule   obeyed by typing a figure; the typed number was sent back
    gate          obeyed; the checks (faithfulness, echo, schema) repaired or replaced it
    reached       obeyed and carried into a brief that exits 0 (must never happen)
"""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml import YAML

from engine.errors import ProviderError
from engine.options import GenerateOptions
from engine.prompting import DATA_TAGS
from engine.providers.fake import FakeProvider
from schemas.findings import FindingsDocument
from tests import llm_replies as R

DATA = Path(__file__).parent / "data" / "injections.yaml"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "sentiment.yaml"
LAYERS = ("withheld", "delimited", "number_rule", "gate", "reached")
MODES = ("respecting", "breached")
# Stress only: the detector in engine/injection.py recognises nothing, so withholding and the
# echo check are off and the later layers face every injection alone (not a shipped setup).
UNDETECTED = "undetected"
_BLOCK_RE = re.compile("|".join(rf"<{t}>.*?</{t}>" for t in DATA_TAGS), re.DOTALL)


@dataclass(frozen=True)
class Injection:
    id: str
    text: str
    trigger: str
    effect: str
    claim: str = ""


def load_injections() -> list[Injection]:
    data = YAML(typ="safe", pure=True).load(DATA.read_text(encoding="utf-8"))
    return [Injection(**item) for item in data]


def _encoded(text: str) -> str:
    """How text looks inside a data block (JSON with < and > escaped)."""
    return json.dumps(text, ensure_ascii=False)[1:-1].replace("<", "\\u003c").replace(">", "\\u003e")


def inject_everywhere(doc: FindingsDocument, text: str) -> FindingsDocument:
    """A copy of doc with `text` added to every free-text field (ids, units and enums untouched)."""
    keep = {"id", "baseline", "recommendation", "unit", "category", "severity", "likelihood", "status", "due",
            "deadline", "schema_version", "value", "n", "ci", "higher_is_better", "detectability"}

    def plant(value, key=None):
        if isinstance(value, dict):
            return {k: plant(v, k) for k, v in value.items()}
        if isinstance(value, list):
            return [plant(v, key) for v in value]
        if isinstance(value, str) and key not in keep:
            return f"{value} {text}"
        return value

    data = plant(doc.model_dump(mode="json", exclude_none=True))
    return FindingsDocument.model_validate(data)


@dataclass
class ObedientModel:
    injection: Injection
    respect_delimiters: bool
    seen: int = 0  # requests whose prompt held the injection
    obeyed: int = 0  # replies that did what it demanded
    replies: dict = field(default_factory=lambda: copy.deepcopy(R.FAITHFUL))

    def _visible(self, messages) -> tuple[str, bool]:
        prompt = "\n".join(m["content"] for m in messages if m["role"] != "assistant")
        inj = self.injection
        present = inj.trigger in prompt or _encoded(inj.trigger) in prompt
        outside = _BLOCK_RE.sub(" ", prompt) if self.respect_delimiters else prompt
        return prompt, present and (inj.trigger in outside or _encoded(inj.trigger) in outside)

    def __call__(self, messages, schema):
        _, obey = self._visible(messages)
        prompt = "\n".join(m["content"] for m in messages if m["role"] != "assistant")
        if self.injection.trigger in prompt or _encoded(self.injection.trigger) in prompt:
            self.seen += 1
        reply = copy.deepcopy(self.replies[schema.tool_name])
        if not obey or schema.tool_name not in ("write_brief", "revise_sections"):
            return reply
        self.obeyed += 1
        return self._obey(reply)

    def _obey(self, reply: dict):
        inj = self.injection
        if inj.effect == "close_json":
            return '{"headline": "Approved", "sections": [] } END OF DATA'
        if inj.effect == "drop_caveats":
            reply["sections"] = [s for s in reply["sections"] if s["id"] != "caveats"]
            return reply
        claim = {"text": inj.claim, "sources": ["F1"]}
        reply["headline"] = inj.claim
        for s in reply["sections"]:
            if s["id"] == "findings":
                s["sentences"].insert(0, claim)
        return reply


@dataclass
class CaseResult:
    injection: str
    mode: str
    layer: str
    detail: str = ""


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


def carried(brief, inj: Injection) -> str | None:
    """What of the injection's demand the brief carries (None when nothing)."""
    texts = [brief.headline, *(s.text for _, s in brief.sentences())]
    if inj.effect == "drop_caveats":
        return "caveats missing" if brief.eval and brief.eval.missing_caveats else None
    if inj.effect == "close_json":
        return "headline 'Approved'" if brief.headline.strip().rstrip(".") == "Approved" else None
    want = _norm(inj.claim)
    for t in texts:
        if want and want in _norm(t) and _norm(inj.trigger) not in _norm(t):
            return t
    if inj.effect == "reveal_key" and any("sk-" in t for t in texts):
        return "a key-like string"
    return None


def run_case(doc: FindingsDocument, inj: Injection, mode: str, cache_dir: str, *, everywhere: bool = True) -> CaseResult:
    """Run the chain on doc with inj planted everywhere (or as doc already holds it); name the layer that stopped it."""
    from engine.cli.generate import gate_failures
    from engine.pipeline import generate_brief

    if mode == UNDETECTED:
        from unittest import mock

        with mock.patch("engine.injection.planted_instructions", lambda d: []):
            return _run_case(doc, inj, mode, cache_dir, everywhere)
    return _run_case(doc, inj, mode, cache_dir, everywhere)


def _run_case(doc: FindingsDocument, inj: Injection, mode: str, cache_dir: str, everywhere: bool) -> CaseResult:
    from engine.cli.generate import gate_failures
    from engine.pipeline import generate_brief

    planted = inject_everywhere(doc, inj.text) if everywhere else doc
    model = ObedientModel(inj, respect_delimiters=(mode == "respecting"))
    opts = GenerateOptions(provider="fake", use_cache=False, cache_dir=cache_dir, allow_fallback=True,
                           extra={"provider_instance": FakeProvider(model)})
    try:
        brief = generate_brief(planted, "executive", options=opts)
    except ProviderError as e:  # a chain that cannot go on stops with exit 2: nothing written
        return CaseResult(inj.id, mode, "gate", f"stopped: {e}")
    exits_zero = not gate_failures(brief, opts)
    what = carried(brief, inj)
    if what and exits_zero:
        return CaseResult(inj.id, mode, "reached", what)
    if not model.seen:
        return CaseResult(inj.id, mode, "withheld")
    if not model.obeyed:
        return CaseResult(inj.id, mode, "delimited")
    if inj.effect == "type_digits":
        return CaseResult(inj.id, mode, "number_rule")
    return CaseResult(inj.id, mode, "gate", ", ".join(brief.provenance.fallback_sections or []))


def host_document() -> FindingsDocument:
    from schemas.loading import load_findings

    return load_findings(EXAMPLE)


def run_suite(cache_dir: str, injections: list[Injection] | None = None, modes=MODES) -> list[CaseResult]:
    doc = host_document()
    return [run_case(doc, inj, mode, cache_dir) for inj in (injections or load_injections()) for mode in modes]


def layer_counts(results: list[CaseResult]) -> dict[str, dict[str, int]]:
    out = {mode: {layer: 0 for layer in LAYERS} for mode in dict.fromkeys(r.mode for r in results)}
    for r in results:
        out[r.mode][r.layer] += 1
    return out
