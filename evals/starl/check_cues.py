"""Cue lexicons for the answer-wide checks of the STAR-L rubric: guardrails, bare
refusals, business framing and technical jargon."""

from __future__ import annotations

import re

MONTH = (
    r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
    r"jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b"
)

GUARDRAILS: dict[str, re.Pattern[str]] = {
    "pilot group": re.compile(
        r"\b(?:pilot\w*|phased|staged|gradual\w*|canary|soft[- ]launch|beta|trial|a/b test\w*|shadow mode|ramp\w*|"
        r"(?:limited|small|controlled|partial) (?:launch|release|rollout|roll-out|group|cohort|region|market|audience|segment)|"
        r"(?:one|a single|two) (?:region|market|branch|country|segment|call type|store)s?|"
        r"(?:to|with|for|on) (?:\d+\s?%|a (?:small|limited) (?:share|group|number|subset|slice)) of|first (?:launch|rollout|release) to|"
        r"(?:to|in) (?:\w+ )?(?:only|first)\b(?= for| with|,|\.)|at first|to begin with|initially|first phase|for now)\b",
        re.IGNORECASE,
    ),
    "hard cap": re.compile(
        r"\b(?:(?:hard |spending |exposure |credit |refund |volume )?caps?|capped|capping|hard (?:limit|stop|ceiling)|"
        r"ceiling|upper (?:limit|bound)|no more than|at most|maximum|limit (?:of|to|at|exposure|the)|limited to|"
        r"threshold|floor|(?:risk|loss) budget|quota|(?:only )?(?:for|to) (?:claims|amounts|payments|refunds|loans|lines|orders) "
        r"(?:under|below|up to)|(?:above|over) (?:[$€£]?\d[\d,]*|\d+\s?%) (?:go|goes|need|needs|require|requires|with)|"
        r"up to [$€£]?\d[\d,.]*\s?%?)\b",
        re.IGNORECASE,
    ),
    "disclaimer": re.compile(
        r"\b(?:disclaimer\w*|disclos\w+|label(?:l)?(?:ed|ing|s)?|warning\w*|notice|note (?:saying|that|on)|"
        r"tell\w* (?:users|customers|clients|patients|members|shoppers|applicants|callers)|appeals?|right to challenge|"
        r"explain\w* (?:\w+ )?to (?:customers|residents|users|applicants|patients)|(?:clear |a )?message to (?:customers|users)|"
        r"transparen\w+|under review|opt[- ]out|consent|banner|flagged as|(?:marked|shown) as|estimate[sd]? (?:shown|labelled)|"
        r"reason codes?|explain (?:the decision|decisions) to)\b",
        re.IGNORECASE,
    ),
    "monitoring": re.compile(
        r"\b(?:monitor\w*|dashboard\w*|alert\w*|track\w*|tripwire\w*|audit\w*|(?:weekly|daily|monthly|quarterly) "
        r"(?:review|report|check|audit|readout)\w*|review(?:ed)? (?:every|each|weekly|daily|monthly)|watch\w*|"
        r"early[- ]warning|kpis?|metrics? review|(?:every|each) (?:week|day|month|morning|quarter)|weekly|daily|monthly|"
        r"quarterly|termly|(?:regular|periodic|ongoing) (?:check|review|audit|report)s?|sample of|\d+ (?:\w+ ){0,2}a (?:week|day|month))\b",
        re.IGNORECASE,
    ),
    "human review": re.compile(
        r"\b(?:human (?:review\w*|in the loop|check\w*|approval|oversight|sign-off|reviewers?)|manual (?:review|check|approval)\w*|"
        r"reviewers?|escalat\w+|(?:approval|review) step|second pair of eyes|sign-off|human (?:fallback|agent|hand-?off|team|staff|adviser|advisor|caseworker)s?|"
        r"hand(?:ed|ing)? (?:off|over|the \w+) to (?:a )?(?:person|human|agent|team|clerk|nurse|specialist)|"
        r"(?:clerk|nurse|specialist|moderator|analyst|underwriter)s? (?:to )?(?:check|review|approve)\w*|must approve|approve[sd]? (?:any|every|each)|"
        r"(?:set|checked|reviewed|approved|made|decided|read|signed off) by (?:a |the )?(?:teacher|human|person|clinician|doctor|"
        r"nurse|recruiter|caseworker|adviser|advisor|assessor|underwriter|analyst|manager|reviewer|moderator|lawyer)s?)\b",
        re.IGNORECASE,
    ),
    "rollback": re.compile(
        r"\b(?:roll ?back\w*|kill[- ]switch\w*|pause\w*|switch (?:it )?off|fall ?back\w*|revert\w*|stop (?:condition|rule|criteria)|"
        r"exit criteria|off[- ]switch|turn (?:it )?off|pull (?:it|the plug))\b",
        re.IGNORECASE,
    ),
    "owner": re.compile(
        r"\b(?:owner\w*|owned|owns|ownership|own (?:the|it|that|this)|I(?:'d| would| will|'ll)? own|accountab\w+|responsible for|assign\w*|(?:named|single) "
        r"(?:owner|person|lead)|on[- ]call)\b",
        re.IGNORECASE,
    ),
    "date": re.compile(
        r"\b(?:(?:by|before|on|until|from|starting|starting in|in|after|early|mid-|late) (?:early |late |mid-)?(?:\d{1,2} )?"
        + MONTH
        + r"|"
        + MONTH
        + r" \d{1,2}|\d{1,2} "
        + MONTH
        + r"|by (?:monday|tuesday|wednesday|thursday|friday|the end of|end of|q[1-4]|\d)|q[1-4]|\d{4}-\d{2}-\d{2}|"
        r"within (?:\d+|a|an|one|two|three|four|six|eight|24|48) (?:hours?|days?|weeks?|months?)|"
        r"(?:end|start|middle|beginning) of (?:the )?(?:quarter|month|year|week|"
        + MONTH
        + r")|(?:next|this|the following) (?:quarter|month|week)|review (?:on|in|at|by)|"
        r"after (?:\d+|one|two|three|four|six|eight) (?:days|weeks|months)|(?:review|decision|deadline|due) date|"
        r"(?:in|for) (?:\d+|two|three|four|six|eight) weeks)\b",
        re.IGNORECASE,
    ),
}

REFUSAL = re.compile(
    r"\b(?:I (?:said|told (?:them|the \w+|leadership|marketing)|recommended|argued|advised|insisted) (?:no|not to|against|that we (?:should not|shouldn't|could not|couldn't|must not))|"
    r"I (?:refused|blocked|vetoed|stopped|killed|halted)|(?:we|they) (?:should|must|could) ?n[o']t (?:launch|ship|go live|deploy|release|use)|"
    r"(?:should|must|could) not (?:launch|ship|go live|be deployed|be released|be used)|not ready|do not launch|don't launch|"
    r"shelve[d]?|(?:cancel|scrap|kill)(?:led|ed)? the (?:launch|project|release|model)|no way|"
    r"(?:recommended|advised|argued|pushed|decided|voted|came out)\s+(?:that we )?(?:not|against)|that we (?:not|never) (?:use|launch|ship|deploy|go|roll))\b",
    re.IGNORECASE,
)

BUSINESS_TERMS = re.compile(
    r"\b(?:customers?|clients?|users?|revenue|costs?|money|profit|margins?|loss(?:es)?|reputation\w*|brand|trust|retention|"
    r"churn|regulators?|regulatory|fines?|legal|lawsuits?|complaints?|sales|growth|conversion|campaign|market\w*|board|"
    r"business|exposure|liabilit\w+|compliance|harm|patients?|applicants?|borrowers?|dollars|budget|roi|"
    r"small businesses|shoppers|listeners|viewers|readers|members|families|staff|agents|defaults?|write-offs?|"
    r"fraud|refunds?|engagement|satisfaction|deadline|launch|decision|shelves|stores?|stock|orders|waste|finance|"
    r"callers|queues?|accounts?|breach\w*|discriminat\w+|candidates|hires?|creators|subscribers|shoppers|"
    r"patients?|clinicians?|safety|members|partners|suppliers|lenders?|credit|premiums?|claims?|press|media|headlines?|"
    r"pay|wages|strikes?|workers|couriers|drivers|employees|prices?|liability|court|licen[cs]e|contracts?|conduct|"
    r"vulnerable|ombudsman|goodwill|fairness|discrimination|insurance|investors?|bonus\w*|hr|managers?|polic(?:y|ies)|"
    r"people|talent|hiring|recruit\w*|candidates?|orders|shoppers|passengers|families|fines?|penalt\w+|lawsuits?|"
    r"students|teachers|appeals|analysts|backlog|financial crime|money laundering|margins?|stock|travel\w*)\b|[$€£]\s?\d",
    re.IGNORECASE,
)
TRANSLATION = re.compile(
    r"\b(?:in (?:business|plain|simple|everyday|human) (?:terms|words|english|language)|what (?:that|this|it) means (?:for|is)|"
    r"which means|(?:it|that|this) means|in other words|put simply|simply put|not (?:a|just a|only a) (?:technical|model|data|engineering|tech) "
    r"(?:bug|issue|problem|glitch|detail)|translat\w+|refram\w+|framed it|put (?:it|that) as|think of it as|"
    r"for (?:the business|customers|our customers)|that is,|i\.e\.|roughly (?:one|two|three) in)\b",
    re.IGNORECASE,
)

# Technical terms a decision-maker should hear translated, beyond each
# audience's own `avoid` list. Keys are regexes; values are plain replacements.
TECH_JARGON: dict[str, str] = {
    r"auc(?:-roc)?|roc(?: curve)?": "how well the model ranks cases",
    r"f1(?:[- ]score)?": "balance of caught cases and right alerts",
    r"precision": "share of alerts that are right",
    r"recall": "share of cases caught",
    r"logits?": "raw model scores",
    r"softmax": "model confidence",
    r"embeddings?": "text representation",
    r"hyper-?parameters?": "model settings",
    r"over-?fit(?:ting|ted)?": "learned the test data too closely",
    r"gradient[- ]boost(?:ed|ing)?|xgboost|lightgbm": "complex model",
    r"confusion matrix": "table of right and wrong answers",
    r"false positive rate|fpr": "rate of wrong alarms",
    r"false negative rate|fnr": "rate of missed cases",
    r"true positive rate|tpr": "share of cases caught",
    r"p9[59](?: latency)?": "response time for the slowest requests",
    r"holdout(?: set)?": "held-back test",
    r"ablations?": "component test",
    r"(?:covariate|distribution|data|concept) (?:shift|drift)": "change in the data the model sees",
    r"calibration error|brier score|ece": "how far confidence is from reality",
    r"rmse|mae|mape": "average size of the error",
    r"shap(?: values)?|lime": "per-decision explanation",
    r"fine-?tun(?:e|ed|ing)": "extra training",
    r"rlhf": "training on human feedback",
    r"prompt injection": "hidden instructions planted in input",
    r"perplexity": "how surprised the model is",
    r"ndcg|intra-list diversity|ild": "how varied and relevant the list is",
    r"cosine similarity": "how alike two items are",
    r"cross-?validation|k-fold": "repeated testing on split data",
    r"regulari[sz]ation": "keeping the model simple",
    r"class imbalance": "too few examples of the rare case",
    r"adverse impact ratio": "approval-rate ratio",
    r"kl[- ]divergence|cross[- ]entropy|loss function": "measure of model error",
    r"transformer|attention heads?": "model architecture",
    r"retrieval[- ]augmented generation|rag pipeline|vector (?:database|store|db)": "search-then-answer setup",
    r"(?:recall|precision|map|ndcg)@\d+": "share of right items near the top",
    r"bleu|rouge": "text overlap score",
    r"lora|sft|quanti[sz]ation": "model training shortcut",
    r"equali[sz]ed odds|demographic parity": "fairness test between groups",
    r"specificity": "share of negatives correctly cleared",
    r"p-?values?": "chance the result is a fluke",
    r"feature importance|feature drift|embedding drift": "what the model relies on",
    r"mcc|matthews correlation": "overall quality score",
    r"inference": "model answer",
    r"latency": "response time",
}

# After a technical term, these show the speaker explained it.
GLOSS = re.compile(
    r"^\s*(?:\(|[—–-]\s|,\s*(?:which|meaning|that is|i\.e\.|or|in other words|basically|essentially|so)\b|:\s|"
    r"\s*(?:which|meaning|that is|i\.e\.|in other words|basically|means)\b)",
    re.IGNORECASE,
)
