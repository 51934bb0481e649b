"""Datasheets for Datasets (Gebru et al., 2021) from a findings document.

The findings describe evaluation data only through the populations their
metrics name, the sample sizes, sources and caveats. Each datasheet question
is answered from those, with the ids it rests on, or listed as an open
question. Nothing is inferred beyond what is written.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from engine.artifacts.facts import Dataset, datasets, metric_value, unnamed_population_metrics
from schemas.findings import FindingsDocument
from engine.render.md_text import md_text


@dataclass
class Answer:
    section: str
    question: str
    answer: str | None  # None: an open question
    sources: list[str] = field(default_factory=list)


# (section, question) pairs the findings can never answer: asked of the data's owner.
OPEN_QUESTIONS = (
    ("Motivation", "Who created the dataset, and who funded its creation?"),
    ("Composition", "Does the dataset contain data that might be considered confidential or sensitive?"),
    ("Composition", "Does the dataset identify any subpopulations (for example by age or gender)?"),
    ("Collection process", "How was the data collected, over what timeframe, and were the people involved informed?"),
    ("Preprocessing, cleaning, labelling", "Was any preprocessing, cleaning or labelling done, and is the raw data kept?"),
    ("Uses", "Are there tasks for which the dataset should not be used?"),
    ("Distribution", "Will the dataset be distributed to third parties, and under what licence?"),
    ("Maintenance", "Who maintains the dataset, and will it be updated?"),
)


def dataset_answers(ds: Dataset, doc: FindingsDocument) -> list[Answer]:
    out: list[Answer] = []
    uses = "; ".join(f"{m.name} of {metric_value(m)} ({f.id}.{m.id})" for f, m in ds.uses)
    out.append(Answer("Motivation", "For what purpose is the dataset used here?",
                      f"The findings about {doc.system.name} report these figures for it: {uses}.", ds.refs))
    out.append(Answer("Composition", "What do the instances represent?",
                      f"The findings name this population as \u201c{ds.name}\u201d; they do not describe "
                      "individual instances further.", ds.refs))
    if ds.sizes:
        sized = [f"n={m.n} for {f.id}.{m.id}" for f, m in ds.uses if m.n]
        out.append(Answer("Composition", "How many instances are there?", "; ".join(sized) + ".",
                          [f"{f.id}.{m.id}" for f, m in ds.uses if m.n]))
    else:
        out.append(Answer("Composition", "How many instances are there?", None, ds.refs))
    if ds.sources:
        out.append(Answer("Collection process", "Where do the measurements come from?",
                          "; ".join(ds.sources) + ".", ds.refs))
    else:
        out.append(Answer("Collection process", "Where do the measurements come from?", None, ds.refs))
    caveats = [(f.id, c) for f in ds.findings for c in f.caveats]
    if caveats:
        out.append(Answer("Composition", "What limits do the findings that use this data state?",
                          " ".join(f"{c.rstrip('.')}. ({fid})" for fid, c in caveats), [fid for fid, _ in caveats]))
    out.append(Answer("Uses", "Has the dataset been used for any tasks already?",
                      f"Yes, for the evaluations in finding(s) {', '.join(f.id for f in ds.findings)}.",
                      [f.id for f in ds.findings]))
    out += [Answer(sec, q, None) for sec, q in OPEN_QUESTIONS]
    return out


def datasheet_json(doc: FindingsDocument) -> dict:
    return {
        "system": doc.system.name,
        "datasets": [
            {"name": ds.name, "answers": [asdict(a) for a in dataset_answers(ds, doc)]} for ds in datasets(doc)
        ],
        "metrics_without_population": unnamed_population_metrics(doc),
    }


def datasheet_markdown(doc: FindingsDocument) -> str:
    data = datasheet_json(doc)
    out = [f"# Datasheet: evaluation data for {md_text(doc.system.name)}", "",
           "Answers come only from the findings, with the ids they rest on. Questions the findings "
           "do not answer are listed as open questions for the data's owner.", ""]
    if not data["datasets"]:
        out += ["The findings name no data population, so there is nothing to describe yet.", ""]
    for ds in data["datasets"]:
        out += [f"## {md_text(ds['name'])}", ""]
        answered = [a for a in ds["answers"] if a["answer"]]
        open_ = [a for a in ds["answers"] if not a["answer"]]
        section = None
        for a in answered:
            if a["section"] != section:
                section = a["section"]
                out += [f"### {section}", ""]
            out += [f"**{md_text(a['question'])}**", "", f"{md_text(a['answer'])} [{md_text(', '.join(a['sources']))}]", ""]
        out += ["### Open questions", ""]
        out += [f"- {md_text(a['section'])}: {md_text(a['question'])}" for a in open_] + [""]
    if data["metrics_without_population"]:
        out += ["## Metrics that name no population", "",
                "Open question: on what data were these measured? " + md_text(", ".join(data["metrics_without_population"])),
                ""]
    return "\n".join(out)
