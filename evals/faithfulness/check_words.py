"""Checks on the words of a sentence: direction, severity and likelihood, hedging,
status and tense, owners, mitigations, negation and named entities.

Each check works clause by clause and returns the issues it found plus whether
the clause had anything it could check (framing with nothing checkable is not
a claim).
"""

from __future__ import annotations

import re

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import (Sentence, align_findings, best_mitigations, negated_before, option_mentions,
                                         sources_findings)
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.index import FindingsIndex, OwnerInfo
from evals.faithfulness.text import content_stems, stem

# Words any brief may use without the findings saying them.
GENERAL = frozenset(stem(w) for w in """
recommend recommendation launch approve approval decision decide needed need pilot schedule plan step steps guardrail
guardrails control controls review week weekly month monthly quarter day board team owner date risk finding findings
caveat caveats evidence brief number figure figures customer customers user users people business reader meanwhile
owned due planned progress done place deadline accept accepted open closed mitigation mitigations action actions fix
issue issues problem exposure model system option options trade tradeoff choice outcome result results first second
next before after time until current currently still already today soon later need needs ask asks cost costs budget
make made keep kept take taken give given use used work working staff support approve approved sign signed way ready
stop pause hold check checks checking track tracking report reporting share show shows number numbers point points
set data test tested measure measured measured rate rates level levels percent percentage high low medium critical
severity likelihood likely possible unlikely rare certain rated rating see seen note noted say says said state stated
nothing change changes changed happen happens left alone matter matters serious severe major minor moderate
plausible probable improbable remote almost near certain critical significant
""".split())

ENTITY_ALLOW = frozenset("""
i we our us you the a an this that these those it its he she they in on at for to of and or but if when while with
by from as monday tuesday wednesday thursday friday saturday sunday january february march april may june july
august september october november december board ceo cfo cto coo cro ciso dpo executive executives management legal
compliance engineering product marketing finance security support risk model option decision caveat caveats finding
findings recommendation recommendations situation impact what why how who where which next decision note summary
headline overall options trade-offs trade tradeoff tradeoffs status owner owners due eval faithfulness ai ml it hr
limits background context consequences mitigation plan controls conditions required things keep mind users experience
product why matters launch safely need from you decision needed choice front us where stand found means business
numbers tell do not usd eur gbp
""".split())

_ENTITY_RE = re.compile(r"(?<![\w.-])[A-Z][A-Za-z&'’-]*(?:\s+(?:of\s+|and\s+|&\s+)?[A-Z][A-Za-z&'’-]*)*")
_SENT_START = re.compile(r"(?:^|[:;—–(\"“‘'*]\s*|[.!?]\s+)$")


def clause_findings(idx: FindingsIndex, sent: Sentence, a: int, b: int) -> list[str]:
    key = ("fids", a, b)
    if key not in sent.memo:
        stems = sent.stems_between(a, b)
        cands = sent.candidates if sent.candidates is not None else idx.finding_ids()
        sent.memo[key] = align_findings(idx, stems, cands) or sent.findings
    return sent.memo[key]


def _in_clause(items, off: int, clause: str):
    """Sentence-level mentions (start, end, ...) that fall in a clause, with clause-relative offsets."""
    end = off + len(clause)
    return [(a - off, b - off, *rest) for a, b, *rest in items if off <= a < end]


def _mentions_for_direction(idx: FindingsIndex, sent: Sentence, metric_mentions, a: int, b: int):
    ta, tb = sent.tok_at(a), sent.tok_at(max(a, b - 1))
    out: list[tuple[int, list[str]]] = [(t, r) for t, r in metric_mentions if ta <= t <= tb]
    for pm in sent.pop_mentions:
        if ta <= pm.start <= tb:
            out.append((pm.start, sorted({r for p in pm.pops for r in idx.pops[p].refs})))
    stems = sent.stems_between(a, b)
    named = {r for s in stems for r in idx.metric_name_stems.get(s, [])}
    for t, oref in option_mentions(idx, sent, a, b):
        refs = sorted(r for r, i in idx.metrics.items() if i.option == oref and r in named)
        if refs:
            out.append((t, refs))
    out.sort(key=lambda x: x[0])
    merged: list[tuple[int, list[str]]] = []
    for t, refs in out:
        if merged and (set(merged[-1][1]) & set(refs)) and t - merged[-1][0] <= 6:
            merged[-1] = (merged[-1][0], sorted(set(merged[-1][1]) & set(refs)))
        else:
            merged.append((t, refs))
    return merged


def _pair(idx: FindingsIndex, s_refs: list[str], r_refs: list[str] | None):
    for s in s_refs:
        cands = r_refs if r_refs is not None else idx.metrics[s].pair
        ranked = sorted(cands, key=lambda r: (r not in idx.metrics[s].pair, r))
        for r in ranked:
            if r == s or r not in idx.metrics:
                continue
            us, ur = idx.metrics[s].metric.unit.value, idx.metrics[r].metric.unit.value
            if us == ur or {us, ur} == {"s", "ms"}:
                return s, r
    return None


def _value(idx: FindingsIndex, ref: str) -> float:
    m = idx.metrics[ref].metric
    return m.value * 1000 if m.unit.value == "s" else m.value


_LOCATIVE = frozenset("on for in among across with at under within".split())


def check_direction(idx: FindingsIndex, sent: Sentence, metric_mentions) -> tuple[list[Issue], bool]:
    issues: list[Issue] = []
    checked = False
    qspans = [(q.start, q.end) for q in sent.quantities]
    low = sent.text.lower()
    comparisons = lx.comparison_mentions(sent.plain)
    if not comparisons:
        return issues, checked
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        for ca, cb, pol, kind, word in _in_clause(comparisons, off, clause):
            ca, cb = ca + off, cb + off
            if any(x <= ca < y for x, y in qspans):
                continue
            mentions = _mentions_for_direction(idx, sent, metric_mentions, a, b)
            if not mentions:
                continue
            ct = sent.tok_at(ca)
            s_refs = r_refs = None

            def first_after(pos: int):
                t = sent.tok_at(pos)
                return next((r for tt, r in mentions if tt > t), None)

            than = low.find(" than ", cb, b)
            frm = re.search(r"\bfrom\b", low[cb:b])
            to = re.match(r"\s+(?:\w+\s+){0,2}?to\b", low[cb:b])
            marker = re.search(r"\b(?:compared (?:with|to)|versus|vs\.?|against|relative to)\b", low[a:b])
            if frm and re.search(r"\bto\b", low[cb + frm.end(): b]):
                r_refs = first_after(cb + frm.start())
                s_refs = first_after(cb + frm.end() + low[cb + frm.end(): b].find(" to ") + 1)
            elif than >= 0:
                r_refs = first_after(than)
                before = [r for t, r in mentions if t < sent.tok_at(than)]
                s_refs = before[0] if before else None
            elif to:
                s_refs = first_after(cb + to.end() - 2)
                before = [r for t, r in mentions if t < ct]
                r_refs = before[-1] if before else None
            elif marker:
                r_refs = first_after(a + marker.end())
                others = [r for t, r in mentions if r is not r_refs]
                s_refs = others[0] if others else None
            else:
                before = [r for t, r in mentions if t <= ct]
                after = [(t, r) for t, r in mentions if t > ct]
                if before:
                    s_refs = before[-1]
                elif after and sent.tok_words[after[0][0] - 1] in _LOCATIVE:
                    s_refs = after[0][1]  # "collapses on short sarcastic posts"
                elif after:
                    r_refs = after[0][1]  # "5.2 s higher (2.7 times the target)"
                    s_refs = []
                if s_refs is not None and r_refs is None:
                    rest = [r for t, r in mentions if r is not s_refs]
                    r_refs = rest[0] if rest else None
                if s_refs == [] and r_refs:
                    s_refs = [p for r in r_refs for p in idx.metrics[r].pair]
            if not s_refs:
                continue
            pair = _pair(idx, s_refs, r_refs) or (_pair(idx, s_refs, None) if r_refs is None else None)
            if not pair:
                continue
            s, r = pair
            vs, vr = _value(idx, s), _value(idx, r)
            if vs == vr:
                continue
            checked = True
            raw = 1 if vs > vr else -1
            truth = raw if kind in ("raw", "speed") else (raw if idx.metrics[s].better_when_higher else -raw)
            negated = negated_before(sent.text, ca, 60, verbal=True)
            ev = f"{idx.metrics[s].describe()} vs {idx.metrics[r].describe()}"
            if negated and truth == pol:
                issues.append(Issue("negation", "contradicted", f"'not {word}' denies what the findings show: {ev}", (s, r)))
            elif not negated and truth != pol:
                issues.append(Issue("direction", "contradicted", f"'{word}' has the comparison the wrong way round: {ev}", (s, r)))
    return issues, checked


_NOT_RATED = re.compile(r"\b(?:do|does|did|is|are|was|were)(?:\s+not|n't)\s+(?:rate|rated|consider|considered|class\w*|treat|treated|see|seen|regard|regarded|view|viewed|count|counted)\b", re.I)


def _levels(f, which: str):
    v = getattr(f, which)
    return (v.rank, v.value.replace("_", " ")) if v is not None else (None, "not yet assessed")


def check_levels(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    issues: list[Issue] = []
    checked = False
    sev, lik = lx.severity_mentions(sent.plain), lx.likelihood_mentions(sent.plain)
    if not sev and not lik:
        return issues, checked
    for off, clause in sent.clauses:
        fids = clause_findings(idx, sent, off, off + len(clause))
        fs = [idx.findings[f] for f in fids if f in idx.findings]
        if not fs:
            # Nothing says which finding: the word must fit at least one of them.
            fids, fs = idx.finding_ids(), list(idx.doc.findings)
        for a, b, levels, word in _in_clause(sev, off, clause):
            checked = True
            ok = any(f.severity is not None and f.severity.rank in levels for f in fs)
            neg = negated_before(clause, a, 30, verbal=True) or bool(_NOT_RATED.search(clause[:a]))
            ev = "; ".join(f"{f.id} severity {_levels(f, 'severity')[1]}" for f in fs)
            if neg and ok:
                issues.append(Issue("negation", "contradicted", f"'not {word}' denies the finding's severity: {ev}", tuple(fids)))
            elif not neg and not ok:
                issues.append(Issue("severity", "contradicted", f"'{word}' does not match: {ev}", tuple(fids)))
        for a, b, levels, word in _in_clause(lik, off, clause):
            if re.search(r"\b(?:rather than|instead of|not|nor)\s+$", clause[:a], re.I):
                continue  # "possible rather than likely" denies the word it names
            checked = True
            ok = any(f.likelihood is not None and f.likelihood.rank in levels for f in fs)
            if not ok:
                ev = "; ".join(f"{f.id} likelihood {_levels(f, 'likelihood')[1]}" for f in fs)
                issues.append(Issue("severity", "contradicted", f"'{word}' does not match: {ev}", tuple(fids)))
    return issues, checked


def _owner_mentions(idx: FindingsIndex, sent: Sentence, a: int, b: int) -> list[tuple[int, int, OwnerInfo]]:
    i0, i1 = sent.tok_at(a), sent.tok_at(max(a, b - 1)) + 1
    seq = [(i, s) for i, s in enumerate(sent.tok_stems[i0:i1], i0) if s]
    stems = [s for _, s in seq]
    used: set[int] = set()
    out: list[tuple[int, int, OwnerInfo]] = []
    present = set(stems)
    for o in idx.owners:
        if not set(o.core) <= present:
            continue
        for name in (o.full, o.core):
            n = len(name)
            for k in range(len(stems) - n + 1):
                if tuple(stems[k:k + n]) == name and not any(j in used for j in range(k, k + n)):
                    used.update(range(k, k + n))
                    out.append((sent.tok_starts[seq[k][0]], sent.tok_starts[seq[k + n - 1][0]] + len(sent.tok_words[seq[k + n - 1][0]]), o))
    out.sort(key=lambda x: x[0])
    return out


def _same_owner(o: OwnerInfo, name: str | None) -> bool:
    if not name:
        return False
    full = tuple(stem(w) for w in re.findall(r"[A-Za-z][A-Za-z'’]*", name) if w.lower() not in ("the", "a", "an", "of", "and"))
    core = tuple(s for s in full if s not in {"team", "group", "lead", "depart", "unit", "office", "functi", "squad", "owner", "head"}) or full
    return o.core == core or set(o.core) <= set(full) and bool(o.core) or set(core) <= set(o.full)


def check_plans(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """Status, owner, mitigation (exists, attached right) and hedging, per clause."""
    issues: list[Issue] = []
    checked = False
    all_owners = _owner_mentions(idx, sent, 0, len(sent.text))
    # Team names ("Model Risk") are not part of what an action says.
    owner_toks = {i for oa, ob, _ in all_owners for i in range(sent.tok_at(oa), sent.tok_at(max(oa, ob - 1)) + 1)}

    def action_stems(a: int, b: int) -> set[str]:
        i0, i1 = sent.tok_at(a), sent.tok_at(max(a, b - 1)) + 1
        return {sent.tok_stems[i] for i in range(i0, i1) if sent.tok_stems[i] and i not in owner_toks}

    sent_cov, sent_mits = best_mitigations(idx, action_stems(0, len(sent.text)))
    src_fids = sources_findings(idx, sent.sources)[0] if sent.sources else []
    any_status = lx.FINDING_STATUS_ANY.search(sent.low) is not None
    any_cert = lx.CERTAINTY_RE.search(sent.plain_low) is not None
    for off, clause in sent.clauses:
        a, b = off, off + len(clause)
        stems = sent.stems_between(a, b)
        cov, mits = best_mitigations(idx, action_stems(a, b))
        owners = [o for o in all_owners if a <= o[0] < b]
        about_finding = bool(owners) and _OWNS_FINDING.search(clause) is not None
        if cov < 0.5 and sent_cov >= 0.5 and not about_finding:
            # A clause without its own action ("— has not yet been carried out") is about the sentence's one;
            # one that names its own owner ("the CRO owns it, and ...") is about the finding.
            cov, mits = sent_cov, sent_mits
        # The same action can serve several findings: prefer the ones this sentence is about.
        mits = [m for m in mits if m.finding in (src_fids or sent.findings)] or mits
        if not (mits and cov >= 0.5) and not owners and not any_status and not any_cert:
            continue  # nothing here for these checks
        masked = clause
        for oa, ob, _ in owners:
            masked = masked[: oa - off] + " " * (ob - oa) + masked[ob - off:]
        masked_low = lx._lower(masked)
        owner_cue = bool(lx.OWNER_CUE_RE.search(masked_low)) or any(
            re.match(r"\s*(?:,\s*due|will|is responsible|\))", sent.text[ob:]) for _, ob, _ in owners)
        fids = clause_findings(idx, sent, a, b)
        if mits and cov >= 0.5:
            checked = True
            issues += _mitigation_issues(idx, sent, clause, masked, stems, mits, owners, owner_cue, src_fids, fids)
            continue
        fs = [idx.findings[f] for f in fids if f in idx.findings]
        if owners and owner_cue and fs:
            checked = True
            allowed = [f.owner for f in fs]
            if not lx.FINDING_REF_RE.search(masked_low):
                allowed += [m.owner for f in fs for m in f.mitigations]
            system = set(content_stems(idx.doc.system.name))
            if idx.doc.system.owner and len(system & set(sent.tok_stems)) >= min(2, len(system)):
                allowed.append(idx.doc.system.owner)  # "the credit scoring model ...; Credit Risk Analytics is responsible for it"
            if not any(_same_owner(o, n) for _, _, o in owners for n in allowed):
                issues.append(Issue("owner", "contradicted", "; ".join(f"{f.id} is owned by {f.owner or 'no one named'}" for f in fs), tuple(fids)))
        for name, rx in (lx.FINDING_STATUS_RES if any_status else ()):
            m = rx.search(masked)
            if m and fs and any(f.status for f in fs):
                checked = True
                if not any(f.status and name in lx.FINDING_STATUS_FITS[f.status.value] for f in fs):
                    issues.append(Issue("status", "contradicted", "; ".join(f"{f.id} is {f.status.value if f.status else 'without a status'}" for f in fs), tuple(fids)))
                break
        cert = lx.CERTAINTY_RE.search(sent.plain_low[a:b]) if any_cert else None
        if cert and fs and not re.match(r"\s+not\b", clause[cert.end():]) and not (owners and owner_cue):
            f = fs[0]
            overlap = [s for s in stems if idx.finding_stems[f.id].get(s, 0) >= 0.6 and s not in idx.background]
            if len(overlap) >= 2 or (sent.sources and overlap):
                checked = True
                if f.likelihood is None or f.likelihood.rank < 5:
                    lk = f.likelihood.value.replace("_", " ") if f.likelihood else "not yet assessed"
                    issues.append(Issue("hedge", "unsupported", f"'{cert.group(0)}' states certainty; {f.id}'s likelihood is {lk}", (f.id,)))
    if (sent_cov < 0.34 and lx.MITIGATION_CUE_RE.search(sent.low) and not (sent.section or "") in ("caveats", "decision")
            and not _RECOMMENDS.search(sent.text)):
        stems = {s for s in sent.tok_stems if s}
        novel = sorted({s for s in stems if s not in idx.vocab and s not in GENERAL and not s[:1].isdigit() and len(s) > 2})
        if len(novel) >= 2:
            checked = True
            issues.append(Issue("mitigation", "unsupported", f"no such mitigation in the findings (new: {', '.join(novel[:4])})",
                                tuple(sent.findings)))
    return issues, checked


# "X needs a named fix", "no mitigation is planned yet": advice and absence, not a claimed action.
_RECOMMENDS = re.compile(r"\b(?:should|must|needs?|propose[sd]?|recommend\w*|ought|calls? for|no (?:mitigation|fix|action|control|plan)s?|"
                         r"nothing is planned|none (?:is|are) planned)\b", re.I)
_OWNS_FINDING = re.compile(r"\bowns\b|\bowner of (?:it|this|the (?:finding|risk|issue))\b|\bresponsible for (?:it|this|the (?:finding|risk|issue))\b", re.I)


def _mitigation_issues(idx, sent, clause, masked, stems, mits, owners, owner_cue, src_fids, fids) -> list[Issue]:
    mit = mits[0]
    out: list[Issue] = []
    claims_action = bool(lx.MITIGATION_CUE_RE.search(lx._lower(clause))) or bool(owners) or sent.section == "recommendation"
    if claims_action:
        # Attached to the right finding? JSON says so in its sources; prose by naming another finding's topic.
        rest = stems - mit.stems
        other = [f for f in align_findings(idx, rest, idx.finding_ids(), 1.5) if all(f != m.finding for m in mits)]
        top = align_findings(idx, rest, idx.finding_ids(), 0.0)[:1]
        own = {m.finding for m in mits}
        if (src_fids and not own & set(src_fids)) or (not sent.sources and other and not own & set(top) and not own & set(fids)):
            out.append(Issue("mitigation", "contradicted", f"'{mit.action}' is a mitigation of {mit.finding}, not of {', '.join(src_fids or other)}",
                             (mit.finding,)))
    status = _stated_status(masked)
    if status and all(m.status for m in mits):
        fitting = [m for m in mits if not status - (lx.STATUS_FITS[m.status] | ({"future"} if m.status in ("planned", "in_progress") else set()))]
        if not fitting:
            bad = sorted(status - lx.STATUS_FITS[mit.status])[:1] or sorted(status)[:1]
            out.append(Issue("status", "contradicted", f"stated as {bad[0].replace('_', ' ')}; the findings say '{mit.action}' is "
                                                      f"{mit.status.replace('_', ' ')}", (mit.finding,)))
    if owners and owner_cue and not any(_same_owner(o, m.owner) for _, _, o in owners for m in mits):
        out.append(Issue("owner", "contradicted", f"'{mit.action}' is owned by {mit.owner or 'no one named'}", (mit.finding,)))
    return out


_CONDITIONAL = re.compile(r"\b(?:only with|with|once|until|unless|if|when|provided|as long as|so long as|before|after|require[sd]?|needs?|must)\b[^,;:.]{0,50}$", re.I)


def _stated_status(text: str) -> set[str]:
    out: set[str] = set()
    taken: list[tuple[int, int]] = []
    low = lx._lower(text)
    for name, rx in lx.STATUS_RES:
        for m in rx.finditer(low):
            if any(x < m.end() and m.start() < y for x, y in taken):
                continue
            taken.append(m.span())
            if name == "done" and _CONDITIONAL.search(text[: m.start()]):
                continue  # "only with this guardrail in place" sets a condition, not a status
            if name == "planned" and m.group(0).lower() == "will":
                out.add("future")
            elif name == "done" and negated_before(text, m.start(), 40):
                out.add("not_done")
            else:
                out.add(name)
    return out


_NEG_SKIP = frozenset("be been is are was were do does did have has had yet a an the any always currently so as being get got even only just "
                      "still also ever really necessarily".split())
_STATUS_HEADS = frozenset(stem(w) for w in ("done complete completed place carried implemented started begun finished yet live deployed "
                                            "rolled delivered cited mitigation mitigations fix fixes action actions control controls owner "
                                            "plan planned").split())


def _negated_stems(idx: FindingsIndex, fid: str) -> frozenset[str]:
    cache = idx.__dict__.setdefault("_negated", {})
    if fid not in cache:
        f = idx.findings[fid]
        out: set[str] = set()
        for t in [f.title, f.summary, f.impact or "", *f.caveats, *(m.action for m in f.mitigations)]:
            for m in lx.NEGATION_RE.finditer(lx._lower(t)):
                out.update(content_stems(t[m.end(): m.end() + 60])[:4])
        cache[fid] = frozenset(out)
    return cache[fid]


def check_negation(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    issues: list[Issue] = []
    checked = False
    mirrored = frozenset().union(*(_negated_stems(idx, f) for f in idx.findings))
    for m in lx.NEGATION_RE.finditer(sent.plain_low):
        rest = re.findall(r"[A-Za-z][A-Za-z'’-]*", sent.text[m.end(): m.end() + 60])
        heads = [w for w in rest[:5] if w.lower() not in _NEG_SKIP][:3]
        if not heads:
            continue
        head = stem(heads[0])
        if head in _STATUS_HEADS or lx.severity_mentions(" ".join(rest[:5])) or lx.comparison_mentions(heads[0]):
            continue
        for fid in sent.findings:
            w = idx.finding_stems.get(fid, {})
            if w.get(head, 0) >= 0.6 and head not in idx.background and head not in mirrored:
                checked = True
                issues.append(Issue("negation", "contradicted", f"'{m.group(0)} {heads[0]}' denies what {fid} says: {idx.findings[fid].title}", (fid,)))
                break
    return issues, checked


def check_entities(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    novel: list[str] = []
    for m in _ENTITY_RE.finditer(sent.text):
        ws = m.group(0).split()
        at_start = bool(_SENT_START.search(sent.text[: m.start()]))
        for k, w in enumerate(ws):
            lw = w.lower().strip("'’-")
            if k == 0 and at_start and not (w.isupper() and len(w) > 1):
                continue
            parts = [p for p in re.split(r"[^a-z0-9]+", lw) if p]
            if all(len(p) <= 1 or p in ("of", "and") or p in ENTITY_ALLOW or p in idx.raw_words or stem(p) in idx.vocab for p in parts) \
                    or lw in idx.raw_words:
                continue
            novel.append(w)
    if novel:
        return [Issue("extrinsic", "unsupported", f"named in no finding: {', '.join(sorted(set(novel)))}")], True
    return [], False
