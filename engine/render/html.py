"""Self-contained HTML rendering of a brief: inline CSS, risk matrix as inline SVG."""

from __future__ import annotations

from html import escape

from schemas.brief import Brief
from schemas.findings import FindingsDocument, Tradeoff

from engine.render.csp import CSP_META
from engine.render.figures import MATRIX_CAPTION, figures_for, risk_matrix, tradeoff_caption
from engine.render.markdown import _LISTED, audience_title, eval_line, section_paragraphs
from engine.render.matrix_svg import risk_matrix_svg

CSS = """
:root { --ink:#1d2330; --muted:#5b6475; --line:#d9dde5; --accent:#2f5d9e; --ok:#1f7a4d; --bad:#b3261e; }
* { box-sizing: border-box; }
body { margin:0; font: 16px/1.55 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; color:var(--ink); background:#f6f7f9; }
main { max-width: 880px; margin: 0 auto; padding: 32px 28px 48px; background:#fff; min-height:100vh; }
header .kicker { text-transform: uppercase; letter-spacing: .08em; font-size: 12px; color: var(--muted); }
h1 { font-size: 26px; margin: 6px 0 14px; line-height:1.25; }
.headline { font-size: 19px; font-weight: 600; border-left: 4px solid var(--accent); padding: 6px 0 6px 14px; margin: 0 0 22px; }
h2 { font-size: 17px; margin: 28px 0 8px; color: var(--accent); border-bottom: 1px solid var(--line); padding-bottom: 4px; }
p { margin: 0 0 10px; }
ul { margin: 0 0 10px 0; padding-left: 22px; }
li { margin: 4px 0; }
.caveats { background:#fff8e6; border:1px solid #f0d68a; border-radius:6px; padding: 4px 16px 8px; }
figure { margin: 18px 0; }
figcaption { font-size: 13px; color: var(--muted); }
.eval { font-size: 13px; color: var(--muted); border-top: 1px solid var(--line); margin-top: 28px; padding-top: 10px; }
.eval .passed { color: var(--ok); font-weight:600; } .eval .failed { color: var(--bad); font-weight:600; }
.src { color: var(--muted); font-size: 11px; vertical-align: super; margin-left: 2px; }
@media print { body { background:#fff; } main { padding: 0; } }
"""


def _sentence_html(text: str, sources: list[str]) -> str:
    return f'{escape(text)}<span class="src" title="sources">{escape(", ".join(sources))}</span>'


def render_html(brief: Brief, doc: FindingsDocument | None = None) -> str:
    """The brief as one HTML file; charts come from the brief's figures (or `doc` for a brief without them)."""
    figures = figures_for(brief, doc)
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        CSP_META,
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(brief.title)}: {escape(audience_title(brief.audience))}</title>",
        f"<style>{CSS}</style></head><body><main>",
        f'<header><div class="kicker">Risk brief for {escape(audience_title(brief.audience))}</div>',
        f"<h1>{escape(brief.title)}</h1></header>",
        f'<p class="headline">{escape(brief.headline)}</p>',
    ]
    for section in brief.sections:
        out.append(f'<section id="{escape(section.id)}"><h2>{escape(section.title)}</h2>')
        if section.id == "findings" and figures is not None:
            out.append('<figure>' + risk_matrix_svg(risk_matrix(figures)) +
                       f"<figcaption>{escape(MATRIX_CAPTION)}</figcaption></figure>")
        if section.id == "options" and figures is not None:
            out.extend(_tradeoff_figures(figures.tradeoffs))
        if section.id in _LISTED and len(section.sentences) > 1:
            wrap = ' class="caveats"' if section.id == "caveats" else ""
            items = section.sentences
            if section.id == "recommendation":
                out.append(f"<p>{_sentence_html(items[0].text, items[0].sources)}</p>")
                items = items[1:]
            out.append(f"<div{wrap}><ul>" + "".join(f"<li>{_sentence_html(s.text, s.sources)}</li>" for s in items) + "</ul></div>")
        else:
            by_text = {s.text: s for s in section.sentences}
            for para in section_paragraphs(section):
                out.append("<p>" + " ".join(_sentence_html(t, by_text[t].sources) for t in para) + "</p>")
        out.append("</section>")
    line = eval_line(brief)
    if line:
        ev = brief.eval
        cls = "passed" if ev.passed else "failed"
        out.append(f'<footer class="eval"><span class="{cls}">{escape(line.strip("*"))}</span></footer>')
    out.append("</main></body></html>")
    return "\n".join(out) + "\n"


def _tradeoff_figures(tradeoffs: list[Tradeoff]) -> list[str]:
    # Imported here: matplotlib is only needed when a brief has trade-offs.
    from engine.artifacts.tradeoff_chart import tradeoff_chart_svg

    return [f"<figure>{tradeoff_chart_svg(t)}<figcaption>{escape(tradeoff_caption(t))}</figcaption></figure>"
            for t in tradeoffs]
