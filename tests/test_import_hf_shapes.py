"""`riskbrief import hf` on model-index shapes found on the Hub: task names given or not, leaderboard sources."""

from __future__ import annotations

from tests.conftest import write
from tests.import_support import imported

CARD = """---
model-index:
- name: whisper-small-en
  results:
  - task:
      name: Automatic Speech Recognition
      type: automatic-speech-recognition
    dataset: {name: LibriSpeech (clean), type: librispeech_asr, config: clean, split: test}
    metrics:
    - {type: accuracy, value: 0.95}
  - task:
      type: automatic-speech-recognition
    dataset: {name: LibriSpeech (other), type: librispeech_asr, config: other, split: test}
    metrics:
    - {type: accuracy, value: 0.9}
  - task: {type: text-generation}
    dataset: {name: MMLU (5-Shot), type: cais/mmlu, config: all, split: test}
    metrics:
    - {type: acc, value: 63.89, name: accuracy}
    source:
      url: https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard
      name: Open LLM Leaderboard
---
"""


def test_results_of_one_task_type_form_one_finding(tmp_path):
    doc, _, _ = imported("hf", write(tmp_path, "README.md", CARD))
    asr, gen = doc.findings
    assert len(asr.metrics) == 2  # "Automatic Speech Recognition" and its bare type are the same task
    assert asr.title.startswith("Reported Automatic Speech Recognition results")
    assert gen.metrics[0].source.endswith("(reported by Open LLM Leaderboard)")
    assert any("open_llm_leaderboard" in e for e in gen.evidence)
