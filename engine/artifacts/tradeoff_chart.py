"""Trade-off charts a board can read at a glance.

For one trade-off: a panel per measured quality with one bar per option
(bars start at zero, so a small gap looks small), then what each option gains
and costs in words, with the recommended option marked. Criteria that no
metric measures are named as "not measured", so a chart of accuracy alone
never reads as the whole decision.

Two renderers share one model: ``tradeoff_chart_svg`` builds a small inline
SVG by hand (embedded in every HTML brief; no matplotlib), and
``tradeoff_picture`` draws the same chart with matplotlib for SVG/PNG files.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field
from html import escape

from engine.artifacts.facts import format_value
from schemas.findings import Tradeoff

RECOMMENDED = "#1b6ca8"
OTHER = "#9aa5b1"
TEXT = "#1a1a1a"
MUTED = "#555555"
FONT = "font-family='Helvetica, Arial, sans-serif'"


@dataclass
class Bar:
    option: str  # "A · Scorecard"
    value: float | None  # None: this option has no such metric
    label: str
    recommended: bool


@dataclass
class Panel:
    title: str  # "accuracy (higher is better)"
    low: float
    high: float
    bars: list[Bar]


@dataclass
class OptionText:
    label: str
    recommended: bool
    pros: list[str] = field(default_factory=list)
    cons: list[str] = field(default_factory=list)


@dataclass
class ChartModel:
    title: str
    panels: list[Panel]
    options: list[OptionText]
    footnotes: list[str]


def _axis(unit: str, values: list[float]) -> tuple[float, float]:
    if unit == "percent":
        return 0.0, 100.0
    if unit == "ratio":
        return 0.0, 1.0
    low, high = min([0.0, *values]), max([0.0, *values])
    return (low, high * 1.15 if high > 0 else 1.0) if high != low else (0.0, 1.0)


def chart_model(t: Tradeoff) -> ChartModel:
    labels = {o.id: f"{o.id} · {o.name}" for o in t.options}
    groups: dict[tuple[str, str], list] = {}
    for o in t.options:
        for m in o.metrics:
            groups.setdefault((m.name.lower(), m.unit.value), []).append((o, m))
    panels = []
    for (name, unit), pairs in groups.items():
        first = pairs[0][1]
        by_option = {o.id: m for o, m in pairs}
        low, high = _axis(unit, [m.value for _, m in pairs])
        bars = []
        for o in t.options:
            m = by_option.get(o.id)
            bars.append(Bar(labels[o.id], m.value if m else None,
                            format_value(m.value, unit) if m else "not measured", o.id == t.recommendation))
        direction = "higher is better" if first.better_when_higher else "lower is better"
        panels.append(Panel(f"{first.name} ({direction})", low, high, bars))
    options = [OptionText(labels[o.id], o.id == t.recommendation, list(o.pros), list(o.cons)) for o in t.options]
    notes = []
    measured = {name for name, _ in groups}
    unmeasured = [c for c in t.criteria if not any(c.lower() in name or name in c.lower() for name in measured)]
    if unmeasured:
        notes.append("Not measured, judged from the gains and costs: " + ", ".join(unmeasured) + ".")
    if panels:
        notes.append("Bars start at zero.")
    if t.recommendation:
        notes.append(f"Recommended: {labels[t.recommendation]}.")
    else:
        notes.append("The findings recommend no option.")
    return ChartModel(t.question, panels, options, notes)


# ---- inline SVG (no matplotlib) -------------------------------------------

W = 640
LABEL_W = 190
BAR_W = 330
ROW_H = 24
WRAP = 34


def _text(x: float, y: float, s: str, *, size: int = 12, weight: str = "normal", fill: str = TEXT,
          anchor: str = "start") -> str:
    return (f"<text x='{x:g}' y='{y:g}' font-size='{size}' font-weight='{weight}' text-anchor='{anchor}' "
            f"{FONT} fill='{fill}'>{escape(s)}</text>")


def tradeoff_chart_svg(t: Tradeoff) -> str:
    """The chart as a self-contained <svg> element for the HTML brief."""
    m = chart_model(t)
    out: list[str] = []
    y = 22
    for line in textwrap.wrap(m.title, 70):
        out.append(_text(W / 2, y, line, size=15, weight="bold", anchor="middle"))
        y += 20
    for p in m.panels:
        y += 10
        out.append(_text(8, y, p.title, size=13, weight="bold"))
        y += 8
        span = p.high - p.low
        zero = LABEL_W + BAR_W * (0 - p.low) / span
        for b in p.bars:
            out.append(_text(LABEL_W - 8, y + 16, b.option, weight="bold" if b.recommended else "normal",
                             anchor="end"))
            if b.value is not None:
                x1 = LABEL_W + BAR_W * (min(b.value, 0) - p.low) / span
                w = BAR_W * abs(b.value) / span
                out.append(f"<rect x='{x1:g}' y='{y + 4}' width='{max(w, 1):g}' height='{ROW_H - 8}' "
                           f"fill='{RECOMMENDED if b.recommended else OTHER}'><title>{escape(b.option)}: "
                           f"{escape(b.label)}</title></rect>")
                out.append(_text(x1 + max(w, 1) + 6, y + 16, b.label, weight="bold" if b.recommended else "normal"))
            else:
                out.append(_text(LABEL_W + 4, y + 16, b.label, fill=MUTED))
            y += ROW_H
        out.append(f"<line x1='{zero:g}' y1='{y - ROW_H * len(p.bars)}' x2='{zero:g}' y2='{y}' stroke='{TEXT}'/>")
        out.append(_text(LABEL_W, y + 12, format_value(p.low, "count"), size=10, fill=MUTED, anchor="middle"))
        out.append(_text(LABEL_W + BAR_W, y + 12, format_value(p.high, "count"), size=10, fill=MUTED,
                         anchor="middle"))
        y += 18
    y += 14
    col_w = (W - 16) / max(len(m.options), 1)
    top = y
    bottom = y
    for i, o in enumerate(m.options):
        x = 8 + i * col_w
        yy = top
        for line in option_heading(o, int(col_w / 7.5)):
            out.append(_text(x, yy, line, size=12, weight="bold", fill=RECOMMENDED if o.recommended else TEXT))
            yy += 16
        yy += 2
        for sign, items in (("+", o.pros), ("−", o.cons)):
            for item in items:
                for j, line in enumerate(textwrap.wrap(item, max(20, int(col_w / 7) - 2)) or [""]):
                    # SVG collapses leading spaces, so continuation lines are indented by position.
                    out.append(_text(x if j == 0 else x + 11, yy, f"{sign} {line}" if j == 0 else line, size=11))
                    yy += 15
        bottom = max(bottom, yy)
    y = bottom + 8
    for note in m.footnotes:
        for line in textwrap.wrap(note, 95):
            out.append(_text(8, y, line, size=11, fill=MUTED))
            y += 15
    height = y + 4
    head = (f"<svg xmlns='http://www.w3.org/2000/svg' class='tradeoff-chart' role='img' viewBox='0 0 {W} {height:g}' "
            f"width='{W}' height='{height:g}' aria-label='{escape(m.title, quote=True)}'><title>{escape(m.title)}</title>")
    return head + "".join(out) + "</svg>"


def option_heading(o, chars: int) -> list[str]:
    """An option's heading over its column of gains and costs, wrapped to the column: long names
    side by side would otherwise run into each other."""
    chars = max(chars, 12)
    mark = "  ★ Recommended" if o.recommended else ""
    if len(o.label) + len(mark) <= chars:
        return [o.label + mark]
    lines = textwrap.wrap(o.label, chars) or [o.label]
    return lines + (["★ Recommended"] if mark else [])


# ---- matplotlib picture ---------------------------------------------------

# 9-point labels left of the bars: about 34 characters fit in the 2.5 inches there.
LABEL_CHARS = 34


def bar_label(label: str) -> str:
    """An option's label beside its bar in at most two lines; a longer one ends in an ellipsis
    (its heading under the chart gives it whole). Wider labels would stretch the picture sideways."""
    lines = textwrap.wrap(label, LABEL_CHARS) or [label]
    if len(lines) > 2:
        lines = [lines[0], textwrap.shorten(" ".join(lines[1:]), LABEL_CHARS, placeholder=" …")]
    return "\n".join(lines)

def tradeoff_figure(t: Tradeoff):
    from engine.artifacts.charts import new_figure

    m = chart_model(t)
    title_lines = textwrap.wrap(m.title, 70)
    # Lay out in inches, top to bottom, then convert to figure fractions.
    # 10.5-point bold text is about 0.1 inch a character: a heading wider than its column wraps.
    head_chars = max(12, int(8.5 * 0.92 / max(len(m.options), 1) / 0.1))
    heads = [option_heading(o, head_chars) for o in m.options]
    head_lines = max([len(h) for h in heads] or [1])
    text_lines = max([sum(len(textwrap.wrap(x, WRAP)) for x in o.pros + o.cons) for o in m.options] or [0])
    heights = [0.35 + 0.4 * len(p.bars) + 0.4 for p in m.panels]
    text_h = 0.1 + 0.2 * head_lines + 0.21 * text_lines
    width, height = 8.5, 0.35 * len(title_lines) + 0.3 + sum(heights) + text_h + 0.45
    fig = new_figure(width, height)
    fig.suptitle("\n".join(title_lines), fontsize=13, fontweight="bold", color=TEXT, y=1 - 0.12 / height, va="top")
    y = height - 0.35 * len(title_lines) - 0.3  # inches from the bottom
    for p, h in zip(m.panels, heights):
        bars_h = 0.4 * len(p.bars)
        ax = fig.add_axes((0.3, (y - 0.35 - bars_h) / height, 0.6, bars_h / height))
        y -= h
        names = [bar_label(b.option) for b in p.bars][::-1]
        vals = [b.value or 0 for b in p.bars][::-1]
        colours = [RECOMMENDED if b.recommended else OTHER for b in p.bars][::-1]
        rects = ax.barh(names, vals, color=colours, height=0.6)
        for rect, b in zip(rects, p.bars[::-1]):
            ax.text(rect.get_x() + rect.get_width() + (p.high - p.low) * 0.01, rect.get_y() + rect.get_height() / 2,
                    b.label, va="center", fontsize=10, fontweight="bold" if b.recommended else "normal",
                    color=TEXT if b.value is not None else MUTED)
        ax.set_xlim(p.low, p.high)
        ax.set_title(p.title, loc="left", fontsize=11, fontweight="bold", color=TEXT)
        for label, b in zip(ax.get_yticklabels(), p.bars[::-1]):
            label.set_fontweight("bold" if b.recommended else "normal")
        ax.spines[["top", "right"]].set_visible(False)
        ax.tick_params(labelsize=9)
    col_w = 0.92 / max(len(m.options), 1)
    for i, o in enumerate(m.options):
        x = 0.04 + i * col_w
        lines = [f"{sign} " + "\n   ".join(textwrap.wrap(item, WRAP)) for sign, items in (("+", o.pros), ("−", o.cons))
                 for item in items]
        fig.text(x, (y - 0.05) / height, "\n".join(heads[i]), fontsize=10.5,
                 fontweight="bold", color=RECOMMENDED if o.recommended else TEXT, va="top")
        fig.text(x, (y - 0.13 - 0.2 * head_lines) / height, "\n".join(lines), fontsize=9, color=TEXT, va="top", linespacing=1.4)
    fig.text(0.04, 0.12 / height, "  ".join(m.footnotes), fontsize=8.5, color=MUTED, wrap=True)
    return fig


def tradeoff_picture(t: Tradeoff, fmt: str) -> bytes:
    from engine.artifacts.charts import drawn

    return drawn(lambda: tradeoff_figure(t), fmt)
