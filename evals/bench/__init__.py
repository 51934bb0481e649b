"""Seeded faithfulness benchmark: a generator of findings and briefs (faithful
paraphrases and copies with one injected error each) that shares no code with
the checker beyond schemas/, and a runner that scores the checker against a
number-presence baseline."""

from evals.bench.runner import build_corpus, run

__all__ = ["build_corpus", "run"]
