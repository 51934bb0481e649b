"""`riskbrief import atlas` with literal ATLAS ids (as in ATLAS's compiled data) and sparse case studies."""

from __future__ import annotations

from tests.conftest import write
from tests.import_support import imported, review_block

TACTICS = """---
- &initial_access
  id: AML.TA0004
  name: Initial Access
  object-type: tactic
"""
TECHNIQUES = """---
- &llm_prompt_injection
  id: AML.T0051
  name: LLM Prompt Injection
  object-type: technique
- &pi_indirect
  id: AML.T0051.001
  name: Indirect
  object-type: technique
  subtechnique-of: '{{llm_prompt_injection.id}}'
"""
CASE = """---
id: AML.CS9001
name: Assistant leaked its system prompt
summary: Instructions planted in a web page made the assistant reveal its system prompt.
procedure:
- tactic: AML.TA0004
  technique: AML.T0051.001
  description: Planted instructions in a public web page.
- tactic: AML.TA0004
  technique: AML.T9999
  description: A step with an id the files do not hold.
"""


def test_literal_ids_are_resolved_and_subtechniques_named_with_their_parent(tmp_path):
    doc, text, warnings = imported("atlas", write(tmp_path, "case.yaml", CASE),
                                   tactics=write(tmp_path, "tactics.yaml", TACTICS),
                                   techniques=write(tmp_path, "techniques.yaml", TECHNIQUES))
    steps = [e for e in doc.findings[0].evidence if e.startswith("procedure step")]
    assert steps[0] == ("procedure step 1: tactic AML.TA0004 Initial Access; technique AML.T0051.001 "
                        "LLM Prompt Injection: Indirect: Planted instructions in a public web page.")
    assert "technique AML.T9999:" in steps[1]
    assert any("AML.T9999" in w and "not in the techniques file" in w for w in warnings)


def test_a_case_study_without_target_or_type_keeps_its_date_and_says_what_is_missing(tmp_path):
    case = CASE.replace("procedure:", "incident-date: 2023-05-01\nincident-date-granularity: YEAR\nprocedure:")
    doc, text, _ = imported("atlas", write(tmp_path, "case.yaml", case))
    f = doc.findings[0]
    assert "incident date: 2023" in f.evidence
    review = "\n".join(review_block(text))
    assert "does not name its target" in review and "case study's target" not in review
