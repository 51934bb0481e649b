"""The model path: plan -> draft -> check -> repair -> final, over any provider.

Numbers never come from the model: it writes {{references}} that riskbrief
renders from the findings (engine/chain/references.py).
"""

from __future__ import annotations

from engine.chain.estimate import estimate
from engine.chain.run import build_chain, generate_with_model, regenerate_section

__all__ = ["build_chain", "estimate", "generate_with_model", "regenerate_section"]
