"""Scripted model replies for the sentiment example (examples/sentiment.yaml).

`FAITHFUL` is what a careful model would send at each step (numbers as
references); `UNFAITHFUL` is schema-valid but wrong: invented figures, a
planned mitigation stated as done, a dropped caveat.
"""

from __future__ import annotations

import copy
from typing import Any

PLAN = {
    "points": [
        {"section": "situation", "point": "the dashboards decision and its deadline", "refs": ["context.deadline"]},
        {"section": "findings", "point": "accuracy drops on sarcastic posts", "refs": ["F1.acc_sarcasm", "F1.acc_sarcasm.gap_pp"]},
        {"section": "recommendation", "point": "human review of flagged posts", "refs": ["F1.mitigations[0].due"]},
        {"section": "caveats", "point": "small single-platform sample", "refs": ["F1.acc_sarcasm.n"]},
    ]
}


def S(text: str, *sources: str) -> dict[str, Any]:
    return {"text": text, "sources": list(sources)}


DRAFT = {
    "headline": "Ship the campaign dashboards with a human check on sarcastic posts, not as they are.",
    "headline_sources": ["F1"],
    "sections": [
        {"id": "situation", "sentences": [
            S("We must decide whether to ship sentiment dashboards for the spring campaign by {{context.deadline}}.", "context"),
        ]},
        {"id": "findings", "sentences": [
            S("Our sentiment model is right {{F1.acc_overall}} of the time on the balanced test set.", "F1.acc_overall"),
            S("On short sarcastic social posts its accuracy is {{F1.acc_sarcasm}}, a drop of {{F1.acc_sarcasm.gap_pp}}.",
              "F1.acc_sarcasm"),
            S("On short sarcastic social posts, the sarcasm flag's recall is {{F2.sarcasm_recall}}.", "F2.sarcasm_recall"),
        ]},
        {"id": "impact", "sentences": [
            S("Campaign dashboards would misread customer mood on the posts marketing cares about most.", "F1"),
        ]},
        {"id": "recommendation", "sentences": [
            S("Route posts flagged as sarcastic to human review by the Social care team, planned for {{F1.mitigations[0].due}}.", "F1"),
        ]},
        {"id": "decision", "sentences": [
            S("Decide by {{context.deadline}} whether to ship the dashboards with the review step.", "context", "F1"),
        ]},
        {"id": "caveats", "sentences": [
            S("The sarcasm set is {{F1.acc_sarcasm.n}} posts from one platform.", "F1"),
            S("Recall was measured on the same {{F2.sarcasm_recall.n}} posts as the accuracy figure.", "F2"),
        ]},
    ],
}

UNFAITHFUL_DRAFT = {
    "headline": "The sentiment model is ready to ship: it is 99% accurate everywhere.",
    "headline_sources": ["F1"],
    "sections": [
        {"id": "situation", "sentences": [
            S("We must decide whether to ship sentiment dashboards for the spring campaign by {{context.deadline}}.", "context"),
        ]},
        {"id": "findings", "sentences": [
            S("Accuracy on short sarcastic social posts is 95%, better than on the balanced test set.", "F1.acc_sarcasm"),
        ]},
        {"id": "impact", "sentences": [
            S("The Information Commissioner's Office has approved the dashboards.", "F1"),
        ]},
        {"id": "recommendation", "sentences": [
            S("Human review of sarcastic posts by the Social care team is already done.", "F1"),
        ]},
        {"id": "decision", "sentences": [
            S("Approve the launch now.", "context"),
        ]},
        {"id": "caveats", "sentences": [
            S("There are no limits to this evidence.", "F1"),
        ]},
    ],
}


def revision_from(draft: dict[str, Any]) -> dict[str, Any]:
    return {"headline": draft["headline"], "headline_sources": draft["headline_sources"],
            "sections": copy.deepcopy(draft["sections"])}


FAITHFUL = {"plan_brief": PLAN, "write_brief": DRAFT, "revise_sections": revision_from(DRAFT)}
UNFAITHFUL = {"plan_brief": PLAN, "write_brief": UNFAITHFUL_DRAFT, "revise_sections": revision_from(UNFAITHFUL_DRAFT)}


# -- credit example (examples/credit.yaml): a trade-off framed separately -------------
CREDIT_DRAFT = {
    "headline": "Deploy the explainable scorecard: the regulator is reviewing fairness of credit decisions.",
    "headline_sources": ["T1"],
    "sections": [
        {"id": "situation", "sentences": [
            S("We must choose the credit model for the consumer lending launch by {{context.deadline}}.", "context"),
        ]},
        {"id": "findings", "sentences": [
            S("The gradient-boosted ensemble has accuracy of {{F1.acc_a}} on 2025 holdout applications, "
              "against {{F1.acc_b}} for the scorecard.", "F1.acc_a", "F1.acc_b"),
            S("Model A approves applicants aged 18-25 at an adverse impact ratio of {{F2.air_a}}.", "F2.air_a"),
        ]},
        {"id": "impact", "sentences": [
            S("A regulator reviewing fairness could find model A's outcomes discriminatory.", "F2"),
        ]},
        {"id": "recommendation", "sentences": [
            S("Generate reason codes for every decline from the scorecard, planned for {{F1.mitigations[0].due}}.", "F1"),
        ]},
        {"id": "decision", "sentences": [
            S("Choose the credit model by {{context.deadline}}.", "context"),
        ]},
        {"id": "caveats", "sentences": [
            S("Accuracy was measured on one year of holdout applications.", "F1"),
            S("Age is the only protected attribute tested so far.", "F2"),
        ]},
    ],
}

ONE_SIDED_FRAMING = {
    "tradeoff_id": "T1",
    "sentences": [
        S("Option A, the gradient-boosted ensemble, offers the highest accuracy at {{T1.A.acc}}.", "T1", "T1.A"),
        S("Against it: it gives no reason codes for declined applicants.", "T1", "T1.A"),
    ],
}

BALANCED_FRAMING = {
    "tradeoff_id": "T1",
    "sentences": [
        S("Option A, the gradient-boosted ensemble, offers the highest accuracy at {{T1.A.acc}}.", "T1", "T1.A"),
        S("Against it: it gives no reason codes for declined applicants.", "T1", "T1.A"),
        S("Option B, the scorecard, gives every decision reason codes.", "T1", "T1.B"),
        S("Against it: it is less accurate, at {{T1.B.acc}}.", "T1", "T1.B"),
        S("Either way, the regulator is reviewing fairness of credit decisions.", "T1"),
    ],
}
