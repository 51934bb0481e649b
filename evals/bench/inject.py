"""Exactly one typed error per copy of a faithful brief, and faithful paraphrase families.

The injector knows what it changes because it works on statements and slots,
not on text: a wrong value, a unit swapped, a comparison flipped, a population
swapped or narrowed, a severity word of another level, another team as owner,
a mitigation invented or attached to another finding, a status changed, a
negation added, certainty inflated, a caveat dropped, or content from nowhere.
"""

from __future__ import annotations

import itertools
import random
import re
from dataclasses import replace

from evals.bench.docs import Spec
from evals.bench.writer import LIKELIHOOD_WORDS, SEVERITY_WORDS, Statement, Style

CODES = ("number", "unit", "derived", "direction", "slice", "scope", "severity", "owner", "mitigation", "status", "negation",
         "hedge", "caveat", "extrinsic")
FAMILIES = ("number_format", "rounding", "reordering", "severity_synonyms", "hedges", "merged_caveats", "derivations")

INVENTED_ACTIONS = [
    "Commission an outside audit of every quarterly release",
    "Freeze model updates during peak trading weeks",
    "Hold a weekly rollback drill for operations staff",
    "Double-check each flagged case with a peer reviewer",
    "Switch off automatic decisions at weekends",
    "Rebuild the feature store with stricter lineage tracking",
]
INVENTED_ENTITIES = ["Financial Conduct Authority", "Competition Bureau", "Northwind Insurance", "Federal Trade Commission",
                     "Contoso Labs", "Data Protection Commissioner"]
INVENTED_NOUNS = ["customers", "households", "merchants", "patients", "drivers", "subscribers"]


def numbers_in(spec: Spec) -> list[float]:
    """Every number the document states or implies (values, sizes, gaps, ratios, complements, dates)."""
    out: list[float] = []
    for f in spec.findings:
        for m in f.metrics:
            out += [m.value] + ([float(m.n)] if m.n else [])
            if m.unit == "percent":
                out.append(100 - m.value)
        for a, b in itertools.permutations(f.metrics, 2):
            out += [abs(a.value - b.value)]
            if b.value:
                out += [a.value / b.value, abs(a.value - b.value) / b.value * 100]
        for m in f.mitigations:
            if m.get("due"):
                out += [m["due"].year, m["due"].day]
        for c in f.caveats:
            out += [float(x) for x in re.findall(r"\d+(?:\.\d+)?", c)]
    for o in spec.options:
        out.append(o.value)
    if len(spec.options) == 2:
        out.append(abs(spec.options[0].value - spec.options[1].value))
    if spec.deadline:
        out += [spec.deadline.year, spec.deadline.day]
    return out


def wrong_value(v: float, unit: str, avoid: list[float], rng: random.Random) -> float | None:
    decimals = 0 if float(v).is_integer() else len(f"{v}".split(".")[1])
    if unit == "percent":
        steps, lo, hi, gap = [6, 7, 8, 9, 11, 12, 14], 1.0, 99.0, 2.6
    elif unit == "ratio":
        steps, lo, hi, gap, decimals = [0.08, 0.1, 0.12, 0.15], 0.05, 0.99, 0.04, 2
    elif unit == "s":
        steps, lo, hi, gap = [max(1.0, 0.3 * v), max(1.5, 0.4 * v)], 0.1, 1e9, 0.4
    elif unit in ("ms", "usd", "count"):
        steps, lo, hi, gap = [0.3 * v, 0.45 * v], 1.0, 1e12, max(5.0, 0.06 * v)
    else:
        return None
    cands = []
    for st in steps:
        for sign in (1, -1):
            w = round(v + sign * st, decimals)
            if unit in ("ms", "usd", "count") and w > 50:
                w = float(round(w, -1))
            if lo <= w <= hi and all(abs(w - a) > gap for a in avoid) and abs(w - v) > gap:
                cands.append(w)
    return rng.choice(cands) if cands else None


def _pick(stmts: list[Statement], kinds: tuple[str, ...], rng: random.Random, cond=lambda s: True) -> int | None:
    idx = [i for i, s in enumerate(stmts) if s.kind in kinds and cond(s)]
    return rng.choice(idx) if idx else None


def _with(stmts: list[Statement], i: int, **slots) -> list[Statement]:
    out = list(stmts)
    out[i] = replace(stmts[i], slots={**stmts[i].slots, **slots})
    return out


def _other_teams(spec: Spec, current: str) -> list[str]:
    names = {spec.system_owner, *(f.owner for f in spec.findings), *(m.get("owner") or "" for f in spec.findings for m in f.mitigations)}
    cw = {w.lower() for w in current.split()}
    return sorted(n for n in names if n and not ({w.lower() for w in n.split()} & cw) and n != current)


def inject(spec: Spec, stmts: list[Statement], code: str, rng: random.Random) -> list[Statement] | None:
    """A copy of stmts with exactly one error of the given code, or None when this brief offers no place for it."""
    avoid = numbers_in(spec)
    fin = {f.fid: f for f in spec.findings}
    if code == "number":
        i = _pick(stmts, ("values", "value"), rng, lambda s: s.slots["a"].unit != "ratio" or True)
        if i is None:
            return None
        key = "b" if "b" in stmts[i].slots and rng.random() < 0.6 else "a"
        m = stmts[i].slots[key]
        w = wrong_value(m.value, m.unit, avoid, rng)
        return _with(stmts, i, **{f"value_{key}": w}) if w is not None else None
    if code == "unit":
        opts = []
        for i, s in enumerate(stmts):
            if s.kind == "gap" and s.slots["a"].unit == "percent":
                a, b = s.slots["a"], s.slots["b"]
                pp, rel = abs(a.value - b.value), abs(a.value - b.value) / a.value * 100
                shares = [m.value for f in spec.findings for m in f.metrics if m.unit == "percent"]
                shares += [100 - x for x in shares] + [o.value for o in spec.options]
                if abs(pp - rel) > 2 and not any(abs(pp - x) <= 1 for x in shares):
                    opts.append((i, {"mode": "pp", "pp_unit": "%"}))
            if s.kind in ("values", "value"):
                u = s.slots["a"].unit
                swap = {"ratio": "percent", "s": "ms", "ms": "s"}.get(u)
                if swap:
                    opts.append((i, {"unit_a": swap}))
        if not opts:
            return None
        i, slots = rng.choice(opts)
        return _with(stmts, i, **slots)
    if code == "derived":
        i = _pick(stmts, ("gap",), rng)
        if i is None:
            return None
        s = stmts[i]
        a, b = s.slots["a"], s.slots["b"]
        if a.unit == "percent":
            pp = abs(a.value - b.value)
            w = wrong_value(pp, "percent", avoid, rng)
            return _with(stmts, i, mode="pp", pp=w) if w is not None else None
        d = abs(a.value - b.value)
        w = wrong_value(d, "ratio" if a.unit == "ratio" else a.unit, avoid, rng)
        return _with(stmts, i, diff=w) if w is not None else None
    if code == "direction":
        i = _pick(stmts, ("gap",), rng)
        if i is None:
            return None
        a, b = stmts[i].slots["a"], stmts[i].slots["b"]
        if a.unit in ("percent", "ratio"):
            word = "lower" if b.value > a.value else "higher"
        else:
            word = "below" if a.value > b.value else "above"
        return _with(stmts, i, word=word, mode="pp" if a.unit == "percent" else None)
    if code == "slice":
        i = _pick(stmts, ("values",), rng, lambda s: s.slots["a"].value != s.slots["b"].value and s.slots["a"].pop != s.slots["b"].pop)
        if i is None:
            return None
        a, b = stmts[i].slots["a"], stmts[i].slots["b"]
        return _with(stmts, i, pop_a=b.pop, pop_b=a.pop)
    if code == "scope":
        opts = []
        for i, s in enumerate(stmts):
            if s.kind in ("values", "value"):
                for key in ("a", "b"):
                    m = s.slots.get(key)
                    if m is not None and len(m.quals) >= 2 and not any(m.mid == o.baseline for o in fin[s.fid].metrics if o is not m):
                        opts.append((i, key, m))
        if not opts:
            return None
        i, key, m = rng.choice(opts)
        drop = rng.choice(m.quals)
        narrower = re.sub(rf"\b{re.escape(drop)}\s+", "", m.pop, count=1)
        return _with(stmts, i, **{f"pop_{key}": narrower}) if narrower != m.pop else None
    if code == "severity":
        i = _pick(stmts, ("severity",), rng)
        if i is None:
            return None
        s = stmts[i]
        if rng.random() < 0.5:
            levels = [k for k in SEVERITY_WORDS if k != s.slots["severity"]]
            return _with(stmts, i, sev_word=SEVERITY_WORDS[rng.choice(levels)][0])
        levels = [k for k in LIKELIHOOD_WORDS if k != s.slots["likelihood"]]
        return _with(stmts, i, lik_word=LIKELIHOOD_WORDS[rng.choice(levels)][0])
    if code == "owner":
        opts = [(i, s) for i, s in enumerate(stmts) if s.kind in ("owner", "mitigation") and s.slots.get("owner")
                and _other_teams(spec, s.slots["owner"])]
        if not opts:
            return None
        i, s = rng.choice(opts)
        return _with(stmts, i, owner=rng.choice(_other_teams(spec, s.slots["owner"])))
    if code == "mitigation":
        mits = [(i, s) for i, s in enumerate(stmts) if s.kind == "mitigation"]
        if len(spec.findings) > 1 and mits and rng.random() < 0.5:
            i, s = rng.choice(mits)
            other = rng.choice([f for f in spec.findings if f.fid != s.fid])
            out = list(stmts)
            out[i] = replace(s, slots={**s.slots, "prefix": f"For the {other.topic} problem"}, sources=[other.fid])
            return out
        f = rng.choice(spec.findings)
        teams = [m.get("owner") for m in f.mitigations if m.get("owner")] or [f.owner]
        due = next((m["due"] for m in f.mitigations if m.get("due")), None)
        extra = Statement("mitigation", "recommendation", f.fid, {"action": rng.choice(INVENTED_ACTIONS), "owner": rng.choice(teams),
                                                                  "due": due, "status": "planned"}, [f.fid])
        return stmts + [extra]
    if code == "status":
        opts = []
        for i, s in enumerate(stmts):
            if s.kind == "mitigation" and s.slots.get("status"):
                wrong = {"planned": "complete", "in_progress": "done", "done": "planned"}[s.slots["status"]]
                opts.append((i, wrong))
            if s.kind == "owner" and s.slots.get("status"):
                wrong = {"open": "closed", "mitigating": "resolved", "accepted": "closed", "closed": "still open"}[s.slots["status"]]
                opts.append((i, wrong))
        if not opts:
            return None
        i, wrong = rng.choice(opts)
        return _with(stmts, i, status_word=wrong)
    if code == "negation":
        i = _pick(stmts, ("gap", "severity", "impact"), rng, lambda s: s.kind != "impact" or " would " in f" {fin[s.fid].impact} ")
        if i is None:
            return None
        return _with(stmts, i, negate=True, mode="pp" if stmts[i].kind == "gap" else None)
    if code == "hedge":
        i = _pick(stmts, ("impact",), rng, lambda s: s.slots["likelihood"] != "almost_certain" and " would " in f" {fin[s.fid].impact} ")
        if i is None:
            return None
        return _with(stmts, i, modal=rng.choice(["will", "will certainly", "is certain to"]))
    if code == "caveat":
        idx = [i for i, s in enumerate(stmts) if s.kind == "caveat"]
        if not idx:
            return None
        i = rng.choice(idx)
        return stmts[:i] + stmts[i + 1:]
    if code == "extrinsic":
        f = rng.choice(spec.findings)
        n = rng.choice([1200, 3400, 18000, 45000, 250000])
        while any(abs(n - a) < 1 for a in avoid):
            n += 700
        noun = rng.choice(INVENTED_NOUNS)
        texts = [f"This affects about {n:,} {noun} every month.",
                 f"The {rng.choice(INVENTED_ENTITIES)} has asked to see these results.",
                 f"A similar failure last year cost ${n:,} in refunds."]
        return stmts + [Statement("extra", "impact", f.fid, {"text": rng.choice(texts)}, [f.fid])]
    raise ValueError(code)


def family_style(family: str, rng: random.Random) -> Style:
    """A Style that phrases the same facts differently, for one paraphrase family."""
    if family == "number_format":
        return Style(percent=rng.choice(["word", "percent_words", "per_cent"]), counts=rng.choice(["plain", "thousand"]),
                     money=rng.choice(["words", "usd"]), time=rng.choice(["long", "convert"]), gloss=True)
    if family == "rounding":
        return Style(rounding=True, derivations="rel")
    if family == "reordering":
        return Style(order_seed=rng.randrange(10 ** 6), front_slice=True)
    if family == "severity_synonyms":
        return Style(severity_pick=1)
    if family == "hedges":
        return Style(modal_pick=1, status_pick=1)
    if family == "merged_caveats":
        return Style(merge_caveats=True)
    if family == "derivations":
        return Style(derivations=rng.choice(["rel", "times", "points"]))
    raise ValueError(family)
