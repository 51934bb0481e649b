"""`--report html`: an index page linking every brief of a run with its score."""

from __future__ import annotations

from html import escape
from pathlib import Path
from urllib.parse import quote

from engine.batch.summary import Summary
from engine.files import atomic_write_text
from engine.render.csp import CSP_META

REPORT_FILE = "index.html"
_PREFERRED = (".html", ".md", ".json")

_CSS = """
body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem;margin-bottom:.2rem} .meta{color:#555;margin-top:0}
table{border-collapse:collapse;width:100%;margin-top:1rem} th,td{padding:.35rem .6rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}
th{background:#f4f4f4} td.num{text-align:right;font-variant-numeric:tabular-nums}
.pass{color:#116329;font-weight:600} .fail{color:#b3261e;font-weight:600} .skip{color:#555}
.counts span{display:inline-block;margin-right:1.2rem} small{color:#666}
h2{font-size:1.1rem;margin:1.2rem 0 .3rem}
ul.invalid{margin:0;padding-left:1.2rem} ul.invalid code{white-space:pre-wrap}
"""


def _link(path: str) -> str:
    return quote(Path(path).as_posix())


def _primary(outputs: list[str]) -> str | None:
    for ext in _PREFERRED:
        for o in outputs:
            if o.endswith(ext):
                return o
    return outputs[0] if outputs else None


def _not_read(summary: Summary) -> str:
    """The inputs left out as invalid (or PATHs that named nothing), as stderr reported them."""
    if not summary.invalid:
        return ""
    n = summary.invalid_files
    lines = "".join(f"<li><code>{escape(line)}</code></li>" for line in summary.invalid)
    return (f'<h2 class="fail">{n:,} input{"" if n == 1 else "s"} not read</h2>'
            f"<ul class=\"invalid\">{lines}</ul>")


def render_index(summary: Summary) -> str:
    rows = []
    for item in sorted(summary.items, key=lambda i: (i.stem, i.audience)):
        main = _primary(item.outputs)
        name = escape(f"{item.stem} · {item.audience}")
        title = f'<a href="{_link(main)}">{name}</a>' if main else name
        others = " ".join(f'<a href="{_link(o)}">{escape(Path(o).suffix.lstrip("."))}</a>' for o in item.outputs)
        score = "" if item.score is None else f"{item.score:.2f}"
        if item.status == "failed":
            verdict = f'<span class="fail">not produced</span><br><small>{escape(item.error or "")}</small>'
        elif item.gate_ok:
            verdict = '<span class="pass">pass</span>'
        else:
            verdict = '<span class="fail">fail</span><br><small>' + escape("; ".join(item.reasons)) + "</small>"
        status = escape(item.status) + (" (cached)" if item.cached else "")
        status += " (files added)" if item.rendered else ""
        rows.append(
            f"<tr><td>{title}<br><small>{escape(item.input)}</small></td><td>{others}</td>"
            f'<td class="num">{score}</td><td>{verdict}</td><td class="skip">{status}</td></tr>'
        )
    s = summary
    cost = "unknown" if s.cost_usd is None else f"${s.cost_usd:,.4f}"
    counts = (
        f"<span>{s.briefs:,} briefs</span><span>{s.generated:,} generated</span><span>{s.skipped:,} skipped"
        f"{f' ({s.rendered:,} with files added)' if s.rendered else ''}</span>"
        f"<span>{s.cached:,} cached</span><span>{s.failed:,} failed</span>"
        f"<span>{s.faithfulness_pass:,} faithful / {s.faithfulness_fail:,} not</span>"
        f"<span>{s.requests:,} requests</span><span>cost {cost}</span><span>{s.wall_s:,.1f} s</span>"
    )
    return (
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"{CSP_META}"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        f"<title>riskbrief batch: {s.briefs:,} briefs</title><style>{_CSS}</style></head><body>"
        f"<h1>riskbrief batch</h1><p class=\"meta\">{escape(s.provider)} {escape(s.model)} · shard {escape(s.shard)}</p>"
        f"<p class=\"counts\">{counts}</p>{_not_read(s)}"
        "<table><thead><tr><th>brief</th><th>formats</th><th>faithfulness</th><th>gate</th><th>this run</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


def write_index(summary: Summary, out_dir: str | Path) -> Path:
    path = Path(out_dir) / REPORT_FILE
    atomic_write_text(path, render_index(summary))
    return path
