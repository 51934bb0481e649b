"""Any owner text a findings document may hold survives change briefs and normal briefs, and a wrong owner is caught."""

from __future__ import annotations

import copy
import json
import re

import pytest
import yaml

from engine.changes import change_brief
from engine.pipeline import generate_brief, render_bytes
from engine.render.json_brief import render_json
from engine.render.markdown import render_markdown
from evals.changes import check_change_brief
from evals.faithfulness import check_brief, error_codes
from schemas.loading import load_findings
from tests.change_pairs import example, mutated, sides

AUDIENCES = ("executive", "legal", "product", "engineering")
OWNERS = [
    "Head of Risk (EMEA)",
    "Priya Shah (Trust and Safety)",
    "Data Science & Fraud",
    "J. O'Neil",
    "R&D / Platform-2",
    "Ana Müller",
    "the Trust and Safety team",
    "Chief Risk Officer, EMEA",
    "Legal-Ops",
    "Dr. Zoë Chen-Okafor",
    "Team 7",
    "Fraud, Risk & Compliance (FRC) team",
    # Quote marks inside a name: straight, curly, and an apostrophe at its start or end.
    'Dana "DJ" Jones',
    'the "Red Team" guild',
    "Sam “Ops” Okafor",
    "the ‘Blue Team’ (Security)",
    "'t Hooft Lab",
    "Risk Directors'",
]
# Owners neither document names, shaped like the awkward ones.
STRANGER = "Head of Audit (APAC)"
QUOTED_STRANGER = 'Dana "DJ" Smith'


def with_owner(doc: dict, where: str, owner: str) -> str:
    """Set F1's owner or its first mitigation's owner; the owner it had."""
    target = doc["findings"][0] if where == "finding" else doc["findings"][0]["mitigations"][0]
    before = target["owner"]
    target["owner"] = owner
    return before


def owner_sentence(brief) -> str:
    hits = [s.text for sec in brief.sections for s in sec.sentences if s.text.startswith("The owner of")]
    assert len(hits) == 1, [s.text for sec in brief.sections for s in sec.sentences]
    return hits[0]


def unmarked(brief, tail: str, old_said: str, new_said: str) -> list[str]:
    """The brief with the new owner's quote marks dropped ("Dana DJ Jones"): another name, if it had any."""
    bare = re.sub(r"[\"“”‘’']", "", new_said).strip()
    return [mutated(brief, tail, f"from {old_said} to {bare}.")] if bare != new_said else []


def failing(result) -> list:
    return [(c.error, c.text, c.evidence) for c in result.failing] + result.missing_caveats


@pytest.mark.parametrize("where", ["finding", "mitigation"])
@pytest.mark.parametrize("owner", OWNERS)
def test_an_owner_change_is_said_whole_passes_and_a_wrong_owner_fails(tmp_path, owner, where):
    old = example()
    new = copy.deepcopy(old)
    before = with_owner(new, where, owner)
    o, n = sides(tmp_path, old, new)
    for audience in AUDIENCES:
        brief = change_brief(o, n, audience)
        said = owner_sentence(brief)
        # Both owners, whole, in the order OLD then NEW.
        assert re.search(rf"from (?:the )?{re.escape(before)} to (?:the )?{re.escape(owner)}\.$", said), said
        assert (where == "mitigation") == ("the mitigation “Route posts" in said), said
        assert brief.eval.passed, failing(brief.eval)
        for text in (render_json(brief), render_markdown(brief)):
            assert check_change_brief(o.doc, n.doc, text).passed, (audience, failing(check_change_brief(o.doc, n.doc, text)))
        tail = said[said.index(" from ") + 1:]
        new_said = tail[tail.index(" to ") + 4:].rstrip(".")
        old_said = tail[5:tail.index(" to ")]
        swapped = mutated(brief, tail, f"from {new_said} to {old_said}.")
        for wrong in (swapped, mutated(brief, tail, f"from {old_said} to {STRANGER}."),
                      mutated(brief, tail, f"from {old_said} to {QUOTED_STRANGER}."),
                      mutated(brief, tail, f"from {old_said} to Marketing analytics."),
                      *unmarked(brief, tail, old_said, new_said)):
            result = check_change_brief(o.doc, n.doc, wrong)
            assert not result.passed and error_codes(result) == ["owner"], (audience, failing(result))


@pytest.mark.parametrize("where", ["finding", "mitigation"])
@pytest.mark.parametrize("owner", OWNERS)
def test_normal_briefs_name_any_owner_naturally_and_pass_their_gate(tmp_path, owner, where):
    doc = example()
    with_owner(doc, where, owner)
    path = tmp_path / "owners.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False, allow_unicode=True), encoding="utf-8")
    findings = load_findings(path)
    for audience in AUDIENCES:
        brief = generate_brief(findings, audience, input_file=path.name)
        assert brief.eval.passed, (audience, failing(brief.eval))
        md = render_bytes(brief, findings, "md")
        md = re.sub(r"\\(.)", r"\1", md.decode() if isinstance(md, bytes) else md)  # Markdown escapes ("R\&D")
        assert owner in md, audience
        lines = [line for line in md.splitlines() if owner in line]
        for line in lines:
            assert not re.search(r"\b(the|a|an) (the|a|an)\b", line, re.I), line
            assert not re.search(r"\s[,.;:]|,,|\.\.|\(\s|\s\)|\(\)", line.replace(owner, "OWNER")), line
        # An owner neither document names, quote marks and all, fails the gate.
        data = json.loads(render_json(brief))
        said = [s for sec in data["sections"] for s in sec["sentences"] if owner in s["text"]]
        assert said, audience
        for s in said:
            s["text"] = s["text"].replace(owner, QUOTED_STRANGER)
        wrong = check_brief(findings, json.dumps(data))
        assert not wrong.passed and set(error_codes(wrong)) <= {"owner", "extrinsic"}, (audience, failing(wrong))
