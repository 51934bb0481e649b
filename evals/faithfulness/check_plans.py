"""Plan checks, clause by clause: mitigation status and tense, owners, mitigations
(exist, attached to the right finding) and hedging (certainty against likelihood)."""

from __future__ import annotations

import re
from collections import Counter

from evals.faithfulness import lexicon as lx
from evals.faithfulness.analysis import (Sentence, _clear_winners, align_findings, best_mitigations, clause_findings,
                                         finding_scores, negated_before, sources_findings)
from evals.faithfulness.caveats import states_a_caveat
from evals.faithfulness.check_numbers import Issue
from evals.faithfulness.check_options import wrong_lead, wrong_recommendation
from evals.faithfulness.numbers import MONTH_NAMES, WORD_VALUES
from evals.faithfulness.index import FindingsIndex, OwnerInfo, owner_stems
from evals.faithfulness.rule_cues import Gated
from evals.faithfulness.quotes import find_quotes, folded
from evals.faithfulness.text import content_stems, stem
from evals.faithfulness.text_cache import remembered

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
nothing change changes changed happen happens left alone matter matters serious severe major minor moderate deck slide slides
plausible probable improbable remote almost near certain critical significant
status record recorded expect expected effect complete completed progress version versions release
question questions whether rely relied start starts started begin begins occur occurs occurred arise arises
ahead behind live
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec
""".split())

# The lexicon's cue patterns, each behind the words every one of its matches contains.
_STATUS_WORDS = Gated(lx.FINDING_STATUS_ANY, ("closed", "resolved", "fixed", "no longer", "mitigat", "accept", "tolerate", "open",
                                              "outstanding"))
_COUNTED_SUBJECT = re.compile(r"(?:only\s+|just\s+)?(?:\d[\d,]*|[a-z]+)\s+(?:of|out of)\s+(?:the\s+)?\d[\d,]*\s", re.I)
_NEGATED_BEFORE = re.compile(r"\b(?:not|never)\s+$|n't\s+$")
_CERTAINTY = Gated(lx.CERTAINTY_RE, ("will", "certain", "definitely", "inevitably", "unavoidably", "sure", "bound to", "doubt",
                                     "guaranteed to", "always"))
_MITIGATION_CUE = Gated(lx.MITIGATION_CUE_RE, ("mitigat", "fix", "remed", "action", "control", "safeguard", "guardrail", "planned",
                                               "scheduled", "will", "progress", "under", "done", "place", "due", "owned by", "being",
                                               "been", "to address", "to reduce", "to close"))
_OWNER_CUE = Gated(lx.OWNER_CUE_RE, ("own", "responsible", "accountable", "charge", "lead", "led by", "assigned to", "with",
                                     "falls to", "d by", "n by", "accepted"))


def _owner_mentions(idx: FindingsIndex, sent: Sentence, a: int, b: int) -> list[tuple[int, int, OwnerInfo]]:
    known = idx.__dict__.get("_owner_cores")
    if known is None:  # each owner's core words as a set, built once per document rather than per sentence
        # An owner named without words ("18-25", "—") cannot be found in prose.
        cores = [(o, frozenset(o.core)) for o in idx.owners if o.core]
        # one entry, stored last: a brief thread sharing the index never sees half of it
        known = idx.__dict__["_owner_cores"] = (cores, frozenset(s for _, core in cores for s in core))
    cores, vocab = known
    # The whole sentence (every token) is the usual span.
    i0, i1 = (0, len(sent.tok_stems)) if a == 0 and b >= len(sent.text) else (sent.tok_at(a), sent.tok_at(max(a, b - 1)) + 1)
    present = set(sent.tok_stems[i0:i1])
    # Most sentences name no owner: only owners whose core words all occur are looked for in order.
    if present.isdisjoint(vocab):
        return []
    present.discard("")
    named = [o for o, core in cores if core <= present]
    if not named:
        return []
    seq = [(i, s) for i, s in enumerate(sent.tok_stems[i0:i1], i0) if s]
    stems = [s for _, s in seq]
    used: set[int] = set()
    out: list[tuple[int, int, OwnerInfo]] = []
    exact: set[int] = sent.memo.setdefault("owner_exact", set())
    # Every full name before any core: "Head of Finance Automation" is that owner, not the core
    # words of "Finance Automation lead" with a word before them.
    tries = sorted(((o, o.full) for o in named), key=lambda t: -len(t[1])) + [(o, o.core) for o in named if o.core != o.full]
    for o, name in tries:
        n, first = len(name), name[0]
        for k in range(len(stems) - n + 1):
            if stems[k] == first and tuple(stems[k:k + n]) == name and not any(j in used for j in range(k, k + n)):
                used.update(range(k, k + n))
                start = sent.tok_starts[seq[k][0]]
                out.append((start, sent.tok_starts[seq[k + n - 1][0]] + len(sent.tok_words[seq[k + n - 1][0]]), o))
                if name is o.full and o.full != o.core:
                    exact.add(start)
    out.sort(key=lambda x: x[0])
    return out


# After an owner's name: the owner does the action ("X, in progress", "(X; due ...)", "X will", "X is
# adding", "X plans to", "X now runs"), not only watches over it ("X is tracking it").
_DOES = re.compile(r"\s*(?:[,;]\s*(?:due|in progress|planned|done|under way)\b|will\b|is responsible|\)|"
                   r"(?:is|are|was|were|has|have|had)\s+(?:now\s+|already\s+|also\s+)?(?:been\s+)?"
                   r"(?!tracking\b|overseeing\b|watching\b|following\b|reviewing\b|informed\b|told\b|asked\b)\w+ing\b|"
                   r"(?:now\s+|also\s+|already\s+)?(?:plans?|intends?|aims?|is set|are set|is due|are due)\s+to\b|"
                   r"(?:now|already|also)\s+\w+s\b)", re.I)


def _same_owner(o: OwnerInfo, name: str | None, exact: bool = False) -> bool:
    """Is owner `o`, named in a brief, the owner called `name`?

    Named by its core words ("Digital Support"), it is any owner with those words in its name
    (the team, its head). Named in full with a role ("Digital Support engineering lead"), it is not
    another role of the same team ("Head of Digital Support", "Digital Support lead"); it is still
    the team itself, as a name that is only the team ("Digital Support") is each of its members.
    """
    if not name:
        return False
    full, core = owner_stems(name)
    if exact:
        # "Finance Automation lead" is not the "Head of Finance Automation", though both are Finance Automation
        return o.full == full or (o.full == o.core and set(o.core) <= set(full)) or (full == core and set(core) <= set(o.full))
    return o.core == core or set(o.core) <= set(full) and bool(o.core) or set(core) <= set(o.full)


def _exactly(sent: Sentence, start: int) -> bool:
    """Was the owner mentioned at `start` named by its full name, role words and all?"""
    return start in sent.memo.get("owner_exact", ())


def check_plans(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """Status, owner, mitigation (exists, attached right) and hedging, per clause."""
    tally = _status_tally(idx, sent)
    if tally is not None:
        return tally, True
    issues: list[Issue] = []
    checked = False
    # A name inside quoted findings text (a title) is not an owner being named, unless the quote is an owner's name.
    # Nor is a part of a label: the '5' of 'finding bn5gWuON' is no owner called '5'.
    titles = sent.memo.get("title_spans", [])
    other = [(a, b) for a, b, p in sent.memo.get("quotes", ()) if p not in idx.owner_names] + titles + sent.memo.get("labels", [])
    all_owners = [o for o in _owner_mentions(idx, sent, 0, len(sent.text)) if not any(a <= o[0] and o[1] <= b for a, b in other)]
    # Team names ("Model Risk") are not part of what an action says.
    owner_toks = {i for oa, ob, _ in all_owners for i in range(sent.tok_at(oa), sent.tok_at(max(oa, ob - 1)) + 1)}
    # So are the words of an owner's name quoted whole, however its marks split it into words.
    owner_toks |= {i for a, b, p in sent.memo.get("quotes", ()) if p in idx.owner_names
                   for i in range(sent.tok_at(a), sent.tok_at(max(a, b - 1)) + 1) if a <= sent.tok_starts[i] < b}
    # Nor are the words of a finding's title named after its id, or of a step's expected effect quoted
    # whole: they say which finding, or what is hoped for, not what is done.
    quoted = titles + [(a, b) for a, b, p in sent.memo.get("quotes", ()) if p in _effects(idx) or p in _option_texts(idx)]
    quoted_toks = {i for ta, tb in quoted for i in range(sent.tok_at(ta), sent.tok_at(max(ta, tb - 1)) + 1)
                  if ta <= sent.tok_starts[i] < tb} if quoted else set()
    hyphens = "-" in sent.text  # a hyphenated word needs a hyphen in the text
    mit_vocab = _mitigation_vocab(idx)

    def action_stems(a: int, b: int) -> set[str]:
        if a == 0 and b >= len(sent.text):
            i0, i1 = 0, len(sent.tok_stems)
        else:
            i0, i1 = sent.tok_at(a), min(sent.tok_at(max(a, b - 1)) + 1, len(sent.tok_stems))
        out = {sent.tok_stems[i] for i in range(i0, i1) if sent.tok_stems[i] and i not in owner_toks and i not in quoted_toks}
        if hyphens:  # "tool-call allow-list" also says "tool", "call", "allow", "list"
            out.update(stem(p) for i in range(i0, i1) if "-" in sent.tok_words[i] for p in sent.tok_words[i].split("-") if len(p) > 2)
        return out

    def best(stems: set[str]) -> tuple[float, list]:
        if not stems & mit_vocab:
            return 0.0, []  # no word of any mitigation's action: nothing to cover
        # An action made only of words any brief uses ("owner", "planned") is cited by quoting it whole.
        cov, mits = best_mitigations(idx, stems)
        mits = [m for m in mits if not m.stems <= GENERAL or folded(m.action) in _quoted_actions(idx, sent)]
        return (cov, mits) if mits else (0.0, [])

    sent_stems = action_stems(0, len(sent.text))
    sent_cov, sent_mits = best(sent_stems)
    src_fids = sources_findings(idx, sent.sources)[0] if sent.sources else []
    # Status and action words inside text quoted from the findings ("done" in a title) state nothing.
    any_status = _STATUS_WORDS.found(sent.plain_low)
    any_cert = _CERTAINTY.found(sent.plain_low)
    if not all_owners and sent_cov < 0.5 and not any_status and not any_cert:
        return _invented(idx, sent, sent_cov, bool(all_owners))  # no action, owner, status or certainty to check clause by clause
    # A clause covers an action no better than its sentence does.
    per_clause = [best(action_stems(off, off + len(clause))) if sent_cov >= 0.5 and len(sent.clauses) > 1 else (sent_cov, sent_mits)
                  for off, clause in sent.clauses]
    # "Social Care team, due 30 April 2027": the one step with that owner and due date is the step a clause
    # tells, in however few of its words, unless the clause names another step in its own words. The date may
    # stand in a clause of its own when the sentence names one owner ("Platform Engineering: ... (done, 25 July 2027)").
    whole = len(all_owners) == 1
    dated_steps = []
    for i, (off, clause) in enumerate(sent.clauses):
        owners_here = [o for o in all_owners if off <= o[0] < off + len(clause)]
        if per_clause[i][0] >= 0.5 or not owners_here or _OWNS_FINDING.search(clause):
            continue
        a, b = (0, len(sent.text)) if whole else (off, off + len(clause))
        if (dated := _owned_and_dated(idx, sent, owners_here, a, b, sent_stems)) is not None:
            per_clause[i] = (0.5, [dated])
            dated_steps.append(dated)
    # Clauses that name actions of their own, each a different one ("A (in progress), and B (planned)"): a clause
    # without one ("Two fixes are coming") is about all of them, not about the sentence's best match alone.
    listed = [m for c, ms in per_clause if c >= 0.5 for m in ms[:1]]
    if len({m.action for m in listed}) > 1:
        sent_mits = [m for i, m in enumerate(listed) if all(m is not n for n in listed[:i])]
    elif dated_steps:
        sent_cov, sent_mits = max(sent_cov, 0.5), dated_steps[:1]
    rated = bool(lx.severity_mentions(sent.text))  # a rating row: its labelled owner is the finding's
    for (off, clause), (cov, mits) in zip(sent.clauses, per_clause):
        a, b = off, off + len(clause)
        stems = sent.stems_between(a, b)
        owners = [o for o in all_owners if a <= o[0] < b]
        about_finding = bool(owners) and (_OWNS_FINDING.search(clause) is not None or rated and any(
            _labelled(sent, oa) for oa, _, _ in owners))  # "(high, unlikely; open; owner: X)"
        if cov < 0.5 and sent_cov >= 0.5 and owners and not about_finding:
            # "The filter is in place, built by Platform Security": an action word of the one step
            # the clause's owner owns names that step, however few of its words the clause uses.
            # not a date's year or day, though a count the step names ("reviewing the 190") is its word
            words = {w for w in action_stems(a, b) - GENERAL if not w[:1].isdigit() or len(w) >= 3 and not _YEARISH.fullmatch(w)}
            own = [m for m in idx.mitigations if m.stems & words and any(_same_owner(o, m.owner) for _, _, o in owners)]
            if len({m.action for m in own}) == 1:
                cov, mits = 0.5, own
        if _RISK_ACCEPTED.search(clause):
            about_finding = True  # "the owner has accepted the risk; a planned change will ...": the finding's status
        if 0.3 <= cov < 0.5 and sent_cov >= 0.5 and mits and len(sent.clauses) > 1 and not any(mits[0] is m for m in sent_mits) \
                and _stated_status(sent.plain[a:b]):
            # "Masking of homes in public images is done; cutting retention ... is planned": a clause with a status of
            # its own that tells, in few of its words, another step than the sentence's best is about that step
            cov = 0.5
        if cov < 0.5 and sent_cov >= 0.5 and not about_finding and not _names_other_finding(idx, _undated(sent, action_stems(a, b), a, b),
                                                                                        sent_mits):
            # A clause without its own action ("— has not yet been carried out") is about the sentence's one;
            # one that names its own owner ("the CRO owns it, and ...") is about the finding, and one that
            # names another finding ("; the new ranking model does not fix latency") is about that one.
            cov, mits = sent_cov, sent_mits
        # The same action can serve several findings: prefer the ones this sentence is about.
        mits = [m for m in mits if m.finding in (src_fids or sent.findings)] or mits
        if not (mits and cov >= 0.5) and not owners and not any_status and not any_cert:
            continue  # nothing here for these checks
        masked = sent.plain[a:b]
        for oa, ob, _ in owners:
            masked = masked[: oa - off] + " " * (ob - oa) + masked[ob - off:]
        masked_low = lx._lower(masked)
        # What a condition needs ("only when the speed cap is in place", "until the proxy test is complete")
        # states no status; a status in brackets after it ("(in progress, due ...)") still does.
        said = _blanked(masked, [(x - off, y - off) for x, y in _conditions(sent.plain) if x < b and a < y])
        owner_cue = _OWNER_CUE.found(masked_low) or any(
            _DOES.match(sent.text, ob)
            for _, ob, _ in owners) or any(
            _UNDER.search(sent.text, max(a, oa - 12), oa) or rated and _labelled(sent, oa)
            for oa, _, _ in owners)  # "being mitigated under the CRO"; "Rating: High; Owner: X" (the label a clause of its own)
        fids = clause_findings(idx, sent, a, b)
        accepting = bool(owners) and (_RISK_ACCEPTED.search(clause) is not None or _FINDING_CLOSED.search(clause) is not None)
        if accepting:
            # "General Counsel has accepted the risk now that ...": who accepts it is the finding's owner, or
            # the one its text says accepted it, not the owner of a step the clause goes on to name
            accepted_for = fids or list(sent.findings)
            wrong = [o for o in owners if _ACCEPTER_AFTER.match(sent.text, o[1]) and not _accepts_it(idx, sent, o, accepted_for)]
            if wrong and all(idx.findings[f].owner for f in accepted_for if f in idx.findings):
                checked = True
                issues.append(Issue("owner", "contradicted", "; ".join(f"{f} is owned by {idx.findings[f].owner}"
                                                                       for f in accepted_for if f in idx.findings), tuple(accepted_for)))
            owners = [o for o in owners if not _accepts_it(idx, sent, o, accepted_for) and o not in wrong]
        if mits and cov >= 0.5:
            checked = True
            # "has accepted it, with question cards ... in progress": the finding accepted, not the step done
            step_said = _blanked(said, [m.span() for m in _ACCEPTED_IT.finditer(said)]) if "accept" in said else said
            issues += _mitigation_issues(idx, sent, clause, masked, step_said, stems, mits, owners, owner_cue and bool(owners),
                                         src_fids, fids, (a, b))
            continue
        if owners and not src_fids:
            fids = _owned_findings(idx, sent, a, b, owners) or fids
        if not fids and owners and any(_labelled(sent, oa) for oa, _, _ in owners):
            fids = list(sent.findings)  # "...; Status: Mitigating; Owner: X": the row's finding is the label's
        fs = [idx.findings[f] for f in fids if f in idx.findings]
        if owners and owner_cue and fs:
            checked = True
            allowed = [f.owner for f in fs]
            # "It is open, with X as owner" names the finding's owner; an action's owner only owns the action
            # So does "owner: X" in a clause no action is named in ("A1 (high, possible; owner: X)").
            about_finding = lx.FINDING_REF_RE.search(masked_low) or not lx.MITIGATION_NOUN_RE.search(masked_low) and (
                any(_labelled(sent, oa) for oa, _, _ in owners)
                or any(rx.search(masked) for _, rx in lx.FINDING_STATUS_RES)
                or _FINDING_OWNER_CUE.search(masked_low) and not _names_owned_action(idx, sent, fs, owners, action_stems(a, b)))
            if not about_finding or accepting:
                # (who accepts the risk was set aside above: another owner the clause names does a step,
                # "has accepted this risk until Airport IT upgrades the servers")
                allowed += [m.owner for f in fs for m in f.mitigations]
            system = set(content_stems(idx.doc.system.name))
            # the system named by words other than the owner's own name ("Search Relevance" names no search system)
            named = {st for i, st in enumerate(sent.tok_stems) if i not in owner_toks}
            # named whole, by its own first name, or as "the system"
            own_name = _system_own_name(idx)
            if idx.doc.system.owner and (len(system & named) >= min(2, len(system)) or "system" in named or _SYSTEM_BUILT.match(sent.text)
                                         or own_name and stem(own_name) in named or system & named and _version_named(idx, sent)):
                allowed.append(idx.doc.system.owner)  # "the credit scoring model ...; Credit Risk Analytics is responsible for it"
            if not any(_same_owner(o, n, _exactly(sent, oa)) for oa, _, o in owners for n in allowed):
                issues.append(Issue("owner", "contradicted", "; ".join(f"{f.id} is owned by {f.owner or 'no one named'}" for f in fs), tuple(fids)))
        # a finding's id is a name, not a status ("F-RESOLVED", an id written "RESOLVED")
        status_text = idx.id_re.sub(lambda m: " " * len(m.group(0)), said) if any_status and idx.id_re else said
        for name, rx in (lx.FINDING_STATUS_RES if any_status else ()):
            m = next((m for m in rx.finditer(status_text) if name != "closed" or not _other_sense(status_text, m)), None)
            if m and name == "closed" and _CONDITIONAL.search(status_text[: m.start()]):
                continue
            if m and name == "open" and _NOTHING_BEFORE.search(status_text, max(0, m.start() - 20), m.start()):
                name = "closed"  # "Next step: none outstanding": nothing left open
            if m and _OTHER_SUBJECT.search(status_text, max(0, m.start() - 40), m.start()):
                continue  # "two points remain open": questions of the finding's, not its status
            if m and _work_word(idx, m.group(0)) and not _said_of_the_finding(idx, status_text, m):
                continue  # where the system accepts lines or resolves calls, "62% of lines accepted" is its work, not a risk accepted
            if m and _DIRECTIVE.search(status_text[: m.start()]):
                continue  # "both should be resolved before ...", "do not treat CH2 as resolved": what to do, not what is  # "should not go ahead until the gap is closed", "until a field mapping was fixed": a condition, an event
            if m and fs and any(f.status for f in fs):
                checked = True
                # "does not resolve the open concern": the negation is the verb's; an adjective after "the" keeps its sense
                attributive = _DETERMINER_BEFORE.search(masked, max(0, m.start() - 8), m.start()) is not None
                denied = (not attributive and negated_before(masked, m.start(), 16, verbal=True) or bool(_NONE_OF.search(masked, 0, m.start()))
                          or bool(_CANNOT_SAY.search(masked, max(0, m.start() - 50), m.start()))
                          or name == "mitigating" and bool(_NO_BEFORE.search(masked, max(0, m.start() - 4), m.start())))  # "no mitigation is under way"
                if name == "closed" and denied:
                    name, denied = "open", False  # "not yet resolved" says open
                fits = any(f.status and name in lx.FINDING_STATUS_FITS[f.status.value] for f in fs)
                if fits and denied and not m.group(0).lower().startswith("not"):
                    # "F1 is not open" denies the status the findings record
                    issues.append(Issue("negation", "contradicted", "; ".join(f"{f.id} is {f.status.value if f.status else 'without a status'}" for f in fs), tuple(fids)))
                elif not fits:
                    issues.append(Issue("status", "contradicted", "; ".join(f"{f.id} is {f.status.value if f.status else 'without a status'}" for f in fs), tuple(fids)))
                break
        cert = lx.CERTAINTY_RE.search(sent.plain_low[a:b]) if any_cert else None
        if cert and (sent.text.rstrip().endswith("?") or _FORECAST_FIGURE.match(sent.plain_low, a + cert.end())):
            cert = None  # "Will the fix hold?" asks; "load will be about five times the pilot's" forecasts a figure
        if cert and _NEGATED_BEFORE.search(sent.plain_low, max(a, a + cert.start() - 12), a + cert.start()):
            cert = None  # "did not always say it": less than certain, as a likelihood below certain is
        if cert and fs and not re.match(r"\s+not\b", clause[cert.end():]) and not (owners and owner_cue):
            f = fs[0]
            overlap = [s for s in stems if idx.finding_stems[f.id].get(s, 0) >= 0.6 and s not in idx.background]
            # "a critical risk that will occur": the risk itself is what is certain, whatever the words
            itself = fs and _RISK_ITSELF.match(sent.plain_low, a + cert.end()) and not sent.carried
            if len(overlap) >= 2 or (sent.sources and overlap) or itself:
                checked = True
                if f.likelihood is None or f.likelihood.rank < 5:
                    lk = f.likelihood.value.replace("_", " ") if f.likelihood else "not yet assessed"
                    issues.append(Issue("hedge", "unsupported", f"'{cert.group(0)}' states certainty; {f.id}'s likelihood is {lk}", (f.id,)))
    more, did = _invented(idx, sent, sent_cov, bool(all_owners))
    if not more and not any(i.code == "mitigation" for i in issues):
        more = _appended_step(idx, sent, action_stems, best) if sent_cov >= 0.5 else _step_after_state(idx, sent, action_stems, best)
        did = did or bool(more)
    return issues + more, checked or did


def _step_after_state(idx: FindingsIndex, sent: Sentence, action_stems, best) -> list[Issue]:
    """A step claimed after the finding's own state ("X has accepted this as a low-severity risk, and answers
    will move to a faster model by March"), in words no step of the findings has."""
    if not _TAIL_CLAIM.search(sent.plain) or _RECOMMENDS.search(sent.text) or _ASKED.search(sent.text):
        return []
    for m in _TAIL.finditer(sent.plain):
        head = sent.plain[:m.start()]
        if not (_RISK_ACCEPTED.search(head) or _OWNS_FINDING.search(head)):
            continue
        stop = _TAIL_STOP.search(sent.plain, m.end())
        end = stop.start() if stop else len(sent.plain)
        if not _TAIL_CLAIM.search(sent.plain, m.end(), end) or any(m.end() <= q.start < end for q in sent.quantities):
            continue  # "and the p95 is now 41 seconds": a result, no step
        if best(action_stems(m.end(), end))[0] >= 0.34:
            continue  # (part of) a step the findings give
        words = {w for w in sent.tok_stems[sent.tok_at(m.end()):sent.tok_at(max(m.end(), end - 1)) + 1]
                 if w and not w[:1].isdigit() and len(w) > 2 and w not in GENERAL}
        novel = sorted(w for w in words if w not in idx.vocab)
        if len(words) >= 3 and len(novel) * 3 >= len(words):
            return [Issue("mitigation", "unsupported", f"no such mitigation in the findings (new: {', '.join(novel[:4])})",
                          tuple(sent.findings))]
    return []


_YEARISH = re.compile(r"(?:19|20)\d\d")


# Where a step the findings give may be followed by one made up: "... before drafting and Information
# Governance screens every letter", "... a peak pickup bonus, plus a guaranteed hourly minimum"
_TAIL = re.compile(r"(?:,\s+and|\band|,\s+plus|\bplus|;\s+and)\s+(?!then\b|so\b|that\b|which\b|who\b|"
                   r"\w+ly\b|inside\b|within\b|below\b|above\b|under\b|over\b|well\b)", re.I)  # not "and comfortably inside the budget"
# "Approve the roll-out with three conditions: ...": what the reader is asked to require, no step claimed
_ASKED = re.compile(r"\bconditions?\b|^\W*(?:approve|proceed|launch|go ahead|agree)\b", re.I)  # ("recommend": _RECOMMENDS)
_TAIL_CLAIM = re.compile(r"\b(?:will|shall|now|must|plans?\s+to|is\s+to|are\s+to|has\s+been|have\s+been|is\s+being|are\s+being)\b", re.I)
# a claim the head makes for the verbs after it: "X plans to score ... and add servers"
_HEAD_CLAIM = re.compile(r"\b(?:will|shall|plans?\s+to|is\s+to|are\s+to|intends?\s+to|is\s+going\s+to)\b", re.I)
_BARE_VERB = re.compile(r"(?:to\s+)?[a-z]+(?<!ing)(?<!ed)\s+(?!of\b|and\b|or\b|is\b|are\b)(?:the\s+|their\s+|its\s+|a\s+|an\s+|every\s+|all\s+|more\s+|new\w*\s+)?[a-z]", re.I)
_TAIL_STOP = re.compile(r"[(;:.]|\s(?:by|due|until|before|after|from|so|because|which|while|with)\s", re.I)


def _appended_step(idx: FindingsIndex, sent: Sentence, action_stems, best) -> list[Issue]:
    """A part joined by "and" or "plus" after a step the sentence cites, in words of its own that no step
    of the findings has: a step made up beside a real one."""
    lead = sent.plain_low
    if not (_STATUS_WORDS.found(lead) or _MITIGATION_CUE.found(lead)) or _RECOMMENDS.search(sent.text) or _ASKED.search(sent.text):
        return []
    for m in _TAIL.finditer(sent.plain):
        if m.start() < 20:
            continue
        head_cov, head_mits = best(action_stems(0, m.start()))
        if head_cov < 0.5 and not (head_cov >= 0.25 and any(_same_owner(o, x.owner) for _, _, o in _owner_mentions(idx, sent, 0, m.start())
                                                            for x in head_mits)):
            continue  # the step cited is not before the "and" (in few of its words, its owner named with them)
        stop = _TAIL_STOP.search(sent.plain, m.end())
        end = stop.start() if stop else len(sent.plain)
        tail_cov, _ = best(action_stems(m.end(), end))
        if tail_cov >= 0.34:
            continue  # the tail tells (part of) a step too
        words = [w for w in sent.tok_stems[sent.tok_at(m.end()):sent.tok_at(max(m.end(), end - 1)) + 1]
                 if w and not w[:1].isdigit() and len(w) > 2 and w not in GENERAL]
        novel = sorted({w for w in words if w not in idx.vocab})
        # in the findings' own words, a tail that still claims an action of its own ("and a nurse will phone back
        # every user aged 65 or over") and covers no step at all
        # (or one that goes on with the claim before it: "plans to score the night before and add servers")
        claimed = tail_cov < 0.2 and novel and not any(m.end() <= q.start < end for q in sent.quantities) and (
            len(set(words)) >= 3 and _TAIL_CLAIM.search(sent.plain, m.end(), end)  # "and the overnight figure is now 10 minutes": a result
            or len(set(words)) >= 2 and _HEAD_CLAIM.search(sent.plain, 0, m.start()) and _BARE_VERB.match(sent.plain, m.end()))
        if len(novel) >= 2 and len(novel) * 2 >= len(set(words)) or claimed:
            return [Issue("mitigation", "unsupported", f"no such mitigation in the findings (new: {', '.join(novel[:4])})",
                          tuple(sent.findings))]
    return []


# Words that may follow "closed" or "fixed" said of a finding ("fixed the gap", "closed in March", "closed;"):
# any other word makes it an adjective ("fixed inspections", "a closed beta").
_AFTER_STATUS = frozenset("""the a an it this that these those them its their all both every each one any some our his her
    in on by at before after since and or but with through for last this now yet already as so when once until within during
    under via from to per ahead out off here there too also is was are were has had have be been being not no nor early
    late earlier later today yesterday ago then themselves itself while whereas because""".split())
_PREPOSITIONS = frozenset("in on by at during through within from under via with before after".split())
# Before a bare "fixed in ...": an auxiliary, an adverb or the finding itself makes it the finding's status;
# another word is a noun the participle describes ("faults fixed in routine inspections").
_BEFORE_STATUS = frozenset("""is are was were been be being has have had now already fully since got gets get considered marked
    deemed as and or but then so it this that which finding risk issue problem gap weakness vulnerability bug status also
    formally officially effectively largely finally recently subsequently quickly remain remains stay stays partially partly
    successfully""".split())
_COUNTED_BEFORE = re.compile(r"\d[\d,.]*\s+(?:(?:of\s+(?:them|these|those)|are|were|is|was|have\s+been|has\s+been|now)\s+)?$")


def _other_sense(text: str, m: re.Match) -> bool:
    """Is this "closed", "resolved" or "fixed" about something other than the finding's status: part of a
    compound ("door-closed switch"), an adjective ("fixed inspections"), a participle after another noun
    ("faults fixed in routine inspections"), or counted items ("9 are closed, 5 open")?"""
    word = m.group(0).lower()
    if not word.startswith(("closed", "resolved", "fixed")):
        return False
    if text[m.start() - 1: m.start()] == "-" or text[m.end(): m.end() + 1] == "-":
        return True
    if _COUNTED_BEFORE.search(text[max(0, m.start() - 30): m.start()]):
        return True
    nxt = re.match(r" ([a-z]+)\b", text[m.end(): m.end() + 30])
    if nxt and nxt.group(1) not in _AFTER_STATUS and not nxt.group(1).endswith("ly"):
        return True
    prev = re.search(r"([A-Za-z]+)\s+$", text[max(0, m.start() - 30): m.start()])
    return bool(nxt and nxt.group(1) in _PREPOSITIONS and prev and prev.group(1).lower() not in _BEFORE_STATUS
                and not prev.group(1)[0].isupper() and not prev.group(1).lower().endswith("ly"))


_FORECAST_FIGURE = re.compile(r"\s+(?:be|reach|exceed|rise\s+to|fall\s+to|grow\s+to|take)\s+(?:about\s+|roughly\s+|around\s+|"
                              r"some\s+|nearly\s+|almost\s+|over\s+|more\s+than\s+|at\s+least\s+)?(?:\d|(?:one|two|three|four|"
                              r"five|six|seven|eight|nine|ten|twice|double|half)\b)")
# "has accepted the false-alarm cost", "accepts this gap", "an issue the manager has accepted": what is
# accepted is the finding, not a step
_RISK_ACCEPTED = re.compile(r"\baccept(?:s|ed)?\s+(?:the|this|that|its)\s+(?:[\w-]+,?\s+){0,3}?"
                            r"(?:risk|costs?|issue|finding|gap|problem|delays?|trade-?off|shortfall|exposure|weakness|limitation)\b|"
                            # "a low-severity issue the Fleet Services manager has accepted"
                            r"\b(?:risk|issue|finding|gap|problem|weakness)\s+(?:that\s+|which\s+)?(?:the\s+)?(?:[\w-]+\s+){1,6}?(?:has|have)\s+"
                            r"(?:formally\s+)?accepted\b|\brisk\b[^,;:.]{0,20}\b(?:been|was|is)\s+accepted\b", re.I)
_RISK_ITSELF = re.compile(r"\s+(?:(?!(?:possibly|probably|plausibly|likely|perhaps|eventually)\b)\w+ly\s+)?(?:occur|happen|materiali[sz]e|arise|recur)\b")


def _mitigation_vocab(idx: FindingsIndex) -> frozenset[str]:
    """Every stem of any mitigation's action, once per document."""
    vocab = idx.__dict__.get("_mitigation_vocab")
    if vocab is None:
        vocab = idx.__dict__["_mitigation_vocab"] = frozenset(s for m in idx.mitigations for s in m.stems)
    return vocab


def _effects(idx: FindingsIndex) -> frozenset[str]:
    """Mitigations' expected effects (folded) that are no mitigation's action, once per document."""
    known = idx.__dict__.get("_folded_effects")
    if known is None:
        actions = {folded(m.action) for m in idx.mitigations}
        known = idx.__dict__["_folded_effects"] = frozenset(
            e for f in idx.doc.findings for m in f.mitigations if m.effect and (e := folded(m.effect)) not in actions)
    return known


# Status words that may also name the system's own work: it accepts lines, resolves calls, closes duplicates
_WORK_PREFIXES = ("accept", "resolv", "clos", "open", "fix")
_WORK_FORMS = frozenset("""accept accepts accepted accepting acceptance resolve resolves resolved resolving resolution
close closes closed closing closure closures open opens opened opening fix fixes fixed fixing""".split())
# A status word said of a finding, where the same word also names the system's work: a label or rating
# ("Status: accepted", "(low, likely; accepted)", "has been resolved"), the finding as its subject ("the risk
# remains open"), or who accepted what ("accepted this risk", "accepted by the CFO")
_FINDING_STATUS_BEFORE = re.compile(r"(?:status\s*[:\u2014\u2013-]\s*|[;(]\s*|,\s*|\b(?:has|have|had)\s+(?:now\s+|formally\s+)?(?:been\s+)?|"
                                    r"\b(?P<subject>\w+)\s+(?:is|are|was|were|has been|have been|remains?|stays?)\s+(?:now\s+|formally\s+|still\s+)?"
                                    r"(?:not\s+|no\s+longer\s+)?)$", re.I)
_FINDING_STATUS_AFTER = re.compile(r"\s+(?:(?:the|this|that|its)\s+(?:residual\s+)?risk|by\s)", re.I)


def _said_of_the_finding(idx: FindingsIndex, text: str, m: re.Match) -> bool:
    before = _FINDING_STATUS_BEFORE.search(text[max(0, m.start() - 40):m.start()])
    if before and before.group("subject") and before.group("subject").lower() in _work_vocabulary(idx)[1]:
        return False  # "the flags are open", "every line was accepted": the system's work again
    return bool(before or _FINDING_STATUS_AFTER.match(text, m.end()) and not text[m.end():m.end() + 1] == ":")


def _work_word(idx: FindingsIndex, word: str) -> bool:
    """Does the status word also name what the system does, as the findings' measures, options or purpose say
    ("lines accepted without an officer check", "calls resolved without a callback")?"""
    low = word.lower()
    prefix = next((p for p in _WORK_PREFIXES if low.startswith(p) or low.startswith("not " + p)), None)
    return prefix is not None and prefix in _work_vocabulary(idx)[0]


def _work_vocabulary(idx: FindingsIndex) -> tuple[frozenset[str], frozenset[str]]:
    """(the status words' prefixes the findings use for the system's work, the plural nouns beside them:
    "open flags", "lines accepted", "calls resolved"), built once per document."""
    known = idx.__dict__.get("_work_vocabulary")
    if known is None:
        doc = idx.doc
        texts = [doc.system.purpose or "", doc.context.decision if doc.context else ""]
        texts += [x for f in doc.findings for m in f.metrics for x in (m.name, m.population or "")]
        texts += [x for t in doc.tradeoffs for x in (t.question, *t.criteria)]
        texts += [x for t in doc.tradeoffs for o in t.options
                  for x in (o.name, o.description or "", *o.pros, *o.cons, *(y for m in o.metrics for y in (m.name, m.population or "")))]
        texts += [c for f in doc.findings for c in f.caveats]  # "a call counts as resolved when ...": how a measure is taken
        said = [re.findall(r"[a-z]+", t.lower()) for t in texts if t]
        # the verb's own forms ("closures", not "closer to parity")
        prefixes = frozenset(p for p in _WORK_PREFIXES if any(w.startswith(p) and w in _WORK_FORMS for ws in said for w in ws))
        nouns = frozenset(ws[j] for ws in said for i, w in enumerate(ws) if w in _WORK_FORMS
                          for j in range(max(0, i - 2), min(len(ws), i + 3)) if j != i and len(ws[j]) > 3 and ws[j].endswith("s"))
        known = idx.__dict__["_work_vocabulary"] = (prefixes, nouns)
    return known


def _option_texts(idx: FindingsIndex) -> frozenset[str]:
    """Options' names and descriptions (folded): an option quoted by name ("option CAP, the automated offers
    with adjuster review above 5,000 dollars") names a choice, not a step taken."""
    known = idx.__dict__.get("_folded_options")
    if known is None:
        known = idx.__dict__["_folded_options"] = frozenset(
            folded(x) for t in idx.doc.tradeoffs for o in t.options for x in (o.name, o.description or "") if x)
    return known


def _quoted_actions(idx: FindingsIndex, sent: Sentence) -> set[str]:
    """Mitigation actions (folded) the sentence quotes whole, whatever words they hold."""
    if "actions" not in sent.memo:
        actions = idx.__dict__.get("_folded_actions")
        if actions is None:
            texts = {folded(m.action) for m in idx.mitigations}
            actions = idx.__dict__["_folded_actions"] = sorted((a for a in texts if any(c.isalnum() for c in a)),
                                                               key=lambda t: (-len(t), t))
        sent.memo["actions"] = {p for _, _, p in find_quotes(sent.text, actions)} if actions else set()
    return sent.memo["actions"]


def _quotes_action(idx: FindingsIndex, sent: Sentence) -> bool:
    return bool(_quoted_actions(idx, sent))


_NUMBER_WORD_STEMS = frozenset(stem(w) for w in WORD_VALUES if len(w) > 1)


def _invented(idx: FindingsIndex, sent: Sentence, sent_cov: float, owned: bool = False) -> tuple[list[Issue], bool]:
    """A sentence that claims an action (planned, owned by, due ...) no mitigation of the findings matches."""
    if owned and _SYSTEM_BUILT.match(sent.text) and idx.doc.system.owner and all(
            _same_owner(o, idx.doc.system.owner) for _, _, o in _owner_mentions(idx, sent, 0, len(sent.text))):
        return [], False  # "Built and owned by Collections Analytics.": who owns the system, no step
    if owned and _finding_state(idx, sent):
        return [], False  # "(P4; low, likely; closed by the Claims Platform lead)": the finding's state and owner, no step
    # An action is claimed with an owner, a date or a status ("planned", "in place", "will"); a sentence
    # with none of them, or in the document's own words for its decision, goal or purpose, frames; one that
    # restates a caveat gives a limit of the evidence, no step taken.
    if (sent_cov < 0.34 and _MITIGATION_CUE.found(sent.plain_low) and not (sent.section or "") in ("caveats", "decision")
            and not _RECOMMENDS.search(sent.text) and not _quotes_action(idx, sent)
            and ((owned and _OWNER_CUE.found(sent.plain_low)) or any(q.is_date and not _is_deadline(idx, q) for q in sent.quantities)
                 # what a condition needs ("launch once the checks are in place") is no status stated
                 or _stated_status(_blanked(sent.plain, list(_conditions(sent.plain)))))
            and not _document_context(idx, sent) and not _CLOSED.search(sent.text) and not states_a_caveat(idx, sent.text)):
        # a hyphenated word is its parts ("high-severity" says "high" and "severity")
        label = _LEAD_LABEL.match(sent.text)  # "Verdict: real; ...": a label's words are no step's
        skip = label.end() if label else 0
        stems = {s for s, w, at in zip(sent.tok_stems, sent.tok_words, sent.tok_starts) if s and "-" not in w and at >= skip}
        stems |= {stem(p) for w in sent.tok_words if "-" in w for p in w.split("-") if p}
        novel = sorted({s for s in stems if s not in idx.vocab and s not in GENERAL and not s[:1].isdigit() and len(s) > 2
                        and s not in _NUMBER_WORD_STEMS})  # "four times higher" says a number, no step's word
        # An action handed to a named owner ("Retrain the model (owned by Fraud Analytics)") needs only one new
        # word; a sentence about the finding's own state ("owned by the CRO, and it remains open") needs two.
        step = owned and _OWNED_BY.search(sent.text) and not _STATUS_WORDS.found(sent.plain_low)
        if len(novel) >= (1 if step else 2):
            return [Issue("mitigation", "unsupported", f"no such mitigation in the findings (new: {', '.join(novel[:4])})",
                          tuple(sent.findings))], True
    return [], False


def _finding_state(idx: FindingsIndex, sent: Sentence) -> bool:
    """Does the sentence give a finding's status with only the owners of the findings it is about named
    ("Fraud argues against going higher (P2; high, possible; open; owned by the Head of Claims Fraud)")?"""
    owners = [idx.findings[f].owner for f in sent.findings if f in idx.findings and idx.findings[f].owner]
    named = _owner_mentions(idx, sent, 0, len(sent.text))
    # not "being mitigated", which a step made up may follow ("..., with every customer being offered ...")
    return bool(owners and named) and all(any(_same_owner(o, w) for w in owners) for _, _, o in named) and any(
        rx.search(sent.plain_low) for name, rx in lx.FINDING_STATUS_RES if name != "mitigating")


_LEAD_LABEL = re.compile(r"\W*[A-Z][a-z]+(?:\s+[a-z]+)?:\s+(?:[a-z]+[;,.]\s+)?")
_SYSTEM_BUILT = re.compile(r"\W*(?:it is\s+|it was\s+|the system is\s+)?(?:built|developed|made|run|operated|maintained)"
                           r"(?:\s+and\s+(?:owned|run|operated|maintained))?\s+by\b", re.I)
# "X needs a named fix", "no mitigation is planned yet": advice and absence, not a claimed action.
_RECOMMENDS = re.compile(r"\b(?:should|must|needs?|propose[sd]?|recommend\w*|ought|calls? for|"
                         r"no (?:further |other |new |additional )?(?:mitigation|fix|action|control|plan|step)s?|"
                         # "describe the removal as in progress, not done": how to speak of a step
                         r"(?:describe|present|call|treat|report)\b[^.;:]{0,60}\bas (?:in progress|done|planned|complete|finished)|"
                         r"nothing|none|(?<!planned, )(?<!progress, )not (?:yet )?(?:in place|done|complete|started|implemented)|"
                         r"bear in mind|keep in mind|note that|remember that)\b|"
                         r"^\W*(?:do not|don't|never|avoid)\b|"
                         # "Neither can be described as a control in place today": what is denied, no step
                         r"^\W*(?:neither|none)\b|"
                         # "Describe planned fixes as safeguards only once they are done": how to speak of steps
                         r"^\W*(?:describe|present|call|treat|report|refer to|say|tell)\b|"
                         # "... so they cannot be cited as safeguards": how steps may be spoken of, no step
                         r"\b(?:can(?:not|'t|\s+not)|(?:neither|none)\s+(?:of\s+them\s+)?can)\s+(?:yet\s+)?be\s+(?:cited|described|counted|relied on|treated|claimed|presented|"
                         r"called|listed)\b|"
                         # "The two planned controls fall due after the decision", "several key controls are still
                         # planned": the findings' steps, counted together
                         r"\b(?:the\s+(?:two|three|four)|both|all\s+(?:the\s+)?(?:two|three|four)|several|some|most|many)\s+"
                         r"(?:planned\s+|remaining\s+|other\s+|key\s+)?(?:controls|steps|fixes|mitigations|safeguards|measures|actions)\b|"
                         # "the weak slices and the fixes under way", "the controls that would address it": the
                         # findings' steps, together
                         r"\bthe\s+(?:fixes|steps|controls|mitigations|safeguards)\s+(?:under\s*way|in\s+progress|planned|in\s+place|so\s+far|"
                         r"(?:that|which)\s+(?:would|will|could)\b)|"
                         # "only one control actually in place": how many steps are done, no step named
                         r"\b(?:only|just)\s+(?:one|two|three|four)\s+(?:controls?|steps?|fix(?:es)?|mitigations?|safeguards?|measures?)\s+"
                         r"(?:(?:is|are)\s+)?(?:actually\s+|yet\s+|already\s+)?(?:in place|done|live|complete)\b", re.I)


_ACCEPTED_IT = re.compile(r"\b(?:has|have)\s+(?:formally\s+)?accepted\s+(?:it|this|that|the\s+(?:risk|finding|issue))\b", re.I)
_ALREADY = re.compile(r"\b(?:already|now)\b", re.I)
_REQUIRED_LABEL = re.compile(r"\b(?:guardrails?|conditions?|safeguards? required|requirements?|prerequisites?)\s*:", re.I)
# "we cannot yet say the problem is fixed": a status no one may claim, so still open
_CANNOT_SAY = re.compile(r"\b(?:cannot|can't|can not|could not|couldn't|unable to)\s+(?:yet\s+)?(?:say|claim|call|describe|report|state|"
                         r"confirm|show)\b[^.;:]*$", re.I)


# "has been fixed and closed": the finding's status, not a step
_CLOSED = re.compile(r"\b(?:fixed|resolved) and closed\b|\b(?:is|was|has been|have been) (?:now |formally |already )?"
                     r"(?:closed|accepted|tolerated)\b|"
                     # "A privacy lapse has been fixed": the finding closed, told of the finding
                     r"\b(?:lapse|issue|problem|gap|weakness|breach|bug|flaw|leak|finding)\s+(?:has|have|was)\s+(?:now\s+)?(?:been\s+)?"
                     r"(?:fixed|resolved|closed)\b", re.I)


def _owned_and_dated(idx: FindingsIndex, sent: Sentence, owners: list, a: int, b: int, stems: set[str]):
    """The one mitigation owned by an owner the clause names and due on a date the clause gives, if exactly one
    is and the clause says some of its action's own words (a step made up under a real step's owner and date
    is not that step)."""
    dates = {q.date for q in sent.quantities if q.is_date and a <= q.start < b and q.date and q.date[2]}
    if not dates:
        return None  # an owner alone is not enough: an owner's name also stands for the finding it owns
    # "Claims Fraud analytics; planned; due 30 November 2027." after the step's own sentence: a bare status
    # line, with no action words of its own to make up a step with
    bare = not {s for s in stems - GENERAL if not s[:1].isdigit() and s not in _MONTH_STEMS}
    found = [m for m in idx.mitigations if m.due and (m.due.year, m.due.month, m.due.day) in dates
             and any(_same_owner(o, m.owner, exact=True) for _, _, o in owners)
             and (bare or len((m.stems & stems) - GENERAL) >= 2 or len(m.stems & stems) >= 3 and not (m.stems & stems) <= GENERAL)]
    return found[0] if len(found) == 1 else None


_MONTH_STEMS = frozenset(stem(m) for m in MONTH_NAMES) | frozenset(m[:3] for m in MONTH_NAMES)


def _is_deadline(idx: FindingsIndex, q) -> bool:
    """Is a date the decision's own deadline ("decision due 20 August 2027")?"""
    d = idx.doc.context.deadline if idx.doc.context is not None else None
    return d is not None and q.date == (d.year, d.month, d.day)


def _document_context(idx: FindingsIndex, sent: Sentence) -> bool:
    """Is most of what the sentence says the document's decision, goal or the system's purpose?"""
    known = idx.__dict__.get("_purpose_and_context")
    if known is None:
        known = idx.__dict__["_purpose_and_context"] = idx.context_stems | frozenset(content_stems(idx.doc.system.purpose or ""))
    said = {st for st in sent.tok_stems if st and st not in GENERAL and not st[:1].isdigit()}
    return bool(said) and len(said & known) >= 0.4 * len(said)
_OWNED_BY = re.compile(r"\b(?:owned by|assigned to|led by)\b", re.I)
# "False declines abroad are owned by X", "with X as owner": who owns what the clause is about, the finding.
_FINDING_OWNER_CUE = lx._fast(r"\b(?:owned by|as (?:its |the )?owners?|owners? (?:is|are)|owns (?:it|this|that|them)|"
                              r"(?:has|have) accepted|accepted by|(?:it|this|the (?:finding|risk|issue)) (?:sits|rests|lies) with)\b")
_OWNS_FINDING = re.compile(r"\bowns\b|\b(?:risk|finding|issue|problem|it|this)\s+(?:is|was|remains)\s+owned\s+by\b|"
                           r"\b(?:is|are|remains)\s+(?:still\s+)?(?:open|accepted|closed|mitigating)\s+and\s+owned\s+by\b|"
                           r"\bowned\s+by\s+(?:the\s+)?[\w' -]{2,60}?\s+and\s+(?:is\s+)?(?:being\s+mitigated|still\s+open|open|accepted|closed)\b|\bowner of (?:it|this|the (?:finding|risk|issue))\b|\bresponsible for (?:it|this|the (?:finding|risk|issue))\b|"
                           r"^\W*(?:it|this|the (?:finding|risk|issue)|(?:finding )?[a-z]{0,4}\d{1,3}) is \w+(?: \w+)?, with (?:the )?[\w' -]{2,60} "
                           r"as (?:its )?owner\W*$|"
                           r"\b(?:has|have) accepted (?:it|this|the (?:finding|risk|issue))\b|\baccepted by\b|"
                           # "The Disputes Compliance lead is mitigating it": the finding's status, said with its owner
                           r"\b(?:is|are)\s+(?:now\s+|already\s+)?mitigating\s+(?:it|this|the\s+(?:finding|risk|issue))\b", re.I)


# "Neither finding is closed", "none of the three is resolved": no finding has the status
_NONE_OF = re.compile(r"\b(?:neither|none|no)\b(?:\s+[\w-]+){0,3}?\s+(?:is|are|was|were|has been|have been)\s+(?:yet\s+)?$", re.I)
_NO_BEFORE = re.compile(r"\bno\s+$", re.I)
_LABELLED = re.compile(r"\bowner\s*:\s*$", re.I)


def _labelled(sent: Sentence, at: int) -> bool:
    """Is the owner named at char `at` introduced by an "owner:" label?"""
    return _LABELLED.search(sent.text, max(0, at - 12), at) is not None


def _names_owned_action(idx: FindingsIndex, sent: Sentence, fs: list, owners: list, stems: set[str]) -> bool:
    """Does the clause name, in part, an action its owner owns ("the passcode work is owned by X")?"""
    for f in fs:
        for m in idx.mitigations:
            if m.finding == f.id and any(_same_owner(o, m.owner, _exactly(sent, oa)) for oa, _, o in owners):
                total = sum(m.weights.values()) or 1.0
                if sum(w for s, w in m.weights.items() if s in stems) / total >= 0.25 - 1e-9:
                    return True
    return False


_NO_TOPIC = frozenset(stem(w) for w in MONTH_NAMES) | frozenset(stem(w) for w in """done due planned plan in progress place
    under way partway started start finished complete completed live running already now""".split())


def _topic_rest(idx: FindingsIndex, stems: set[str], action: frozenset[str]) -> set[str]:
    """The words of a clause beyond a mitigation's own that may name another finding's topic: not dates, status
    words, owners' names, nor another form of the action's words ("stripping" for "strip")."""
    owners = idx.__dict__.get("_owner_stems")
    if owners is None:
        owners = idx.__dict__["_owner_stems"] = frozenset(s for o in idx.owners for s in o.full)
    heads = {a[:4] for a in action if len(a) >= 4}
    return {s for s in stems - action if not s[:1].isdigit() and s not in _NO_TOPIC and s not in owners
            and not (len(s) >= 4 and s[:4] in heads)}


def _mitigation_issues(idx, sent, clause, masked, said, stems, mits, owners, owner_cue, src_fids, fids, span) -> list[Issue]:
    if src_fids:
        # The same action listed under several findings: judge it as the cited finding's one.
        actions = {m.action.lower() for m in mits}
        cited = [m for m in idx.mitigations if m.finding in src_fids and m.action.lower() in actions]
        if cited:
            mits = cited
    mit = mits[0]
    out: list[Issue] = []
    claims_action = _MITIGATION_CUE.found(lx._lower(masked)) or bool(owners) or sent.section == "recommendation"
    if claims_action:
        # Attached to the right finding? JSON says so in its sources; prose by naming another finding's topic.
        rest = _topic_rest(idx, stems, mit.stems)
        scored = finding_scores(idx, rest, idx.finding_ids())  # scored once for both thresholds
        other = [f for f in _clear_winners(scored, 1.5) if all(f != m.finding for m in mits)]
        top = _clear_winners(scored, 0.0)[:1]
        own = {m.finding for m in mits}
        # Another finding's title, quoted whole in the clause, names that finding however common its words are.
        titled = _titled(idx, sent, span)
        if titled and not own & titled:
            other, top = sorted(titled), sorted(titled)[:1]
        if (src_fids and not own & set(src_fids)) or (not sent.sources and other and not own & set(top)
                                                      and not own & _designated(idx, sent, stems, own, fids)):
            out.append(Issue("mitigation", "contradicted", f"'{mit.action}' is a mitigation of {mit.finding}, not of {', '.join(src_fids or other)}",
                             (mit.finding,)))
    status = _stated_status(said, frozenset().union(*(m.stems for m in mits)))
    if _STATUS_LABEL.match(sent.text):
        status = _stated_status(sent.text)  # "Done: ..." labels every clause of the sentence
    elif "in_progress" in status and _NOT_A_STEP.search(sent.text, max(0, span[0] - 30), span[0]):
        status = status - {"in_progress"}  # a clause of its own after "while": "while the label is printing"
    elif status and _COUNTED_SUBJECT.match(said.lstrip()):
        status = set()  # "Only 3 of 14 on-call staff had been trained": a count of people or items, not the step's state
    if status and _REQUIRED_LABEL.search(sent.text, 0, span[0] + 1) and not _BRACKET_LABEL.search(said) \
            and not _ALREADY.search(said):
        # "Guardrails: ..., and hidden-text stripping is finished first": what is required, not what is (a bracketed
        # "(done)" or an "already" still tells the step's state)
        status = set()
    if status and all(m.status for m in mits):
        fitting = [m for m in mits if not status - (lx.STATUS_FITS[m.status] | ({"future"} if m.status in ("planned", "in_progress") else set()))]
        if not fitting:
            bad = sorted(status - lx.STATUS_FITS[mit.status])[:1] or sorted(status)[:1]
            out.append(Issue("status", "contradicted", f"stated as {bad[0].replace('_', ' ')}; the findings say '{mit.action}' is "
                                                      f"{mit.status.replace('_', ' ')}", (mit.finding,)))
    # "being mitigated under the Head of X: a pointer ... (Digital Banking content team, done)": the owner before
    # the colon is the finding's, the steps after it have their own
    owners = [(oa, ob, o) for oa, ob, o in owners if not (_BEFORE_COLON.match(sent.text, ob) and any(
        m.finding in idx.findings and _same_owner(o, idx.findings[m.finding].owner) for m in mits))]
    # "(high, unlikely; mitigating; owner: Data Protection Officer)": a labelled owner may be the finding's
    if owners and owner_cue and not any(_same_owner(o, m.owner, _exactly(sent, oa)) or _labelled(sent, oa)
                                        and m.finding in idx.findings and _same_owner(o, idx.findings[m.finding].owner, _exactly(sent, oa))
                                        for oa, _, o in owners for m in mits):
        out.append(Issue("owner", "contradicted", f"'{mit.action}' is owned by {mit.owner or 'no one named'}", (mit.finding,)))
    return out


_BEFORE_COLON = re.compile(r"\s*:")


def _designated(idx: FindingsIndex, sent: Sentence, stems: set[str], own: set[str], fids: list[str]) -> set[str]:
    """The clause's findings, when an id, a paragraph's name or the sentence before designates them, or the
    clause lists another finding's action too ("X is planned, as is Y"): found from the action's own words
    ("new categories") alone, they would always include the action's finding."""
    if sent.candidates is not None or sent.carried:
        return set(fids)
    lists_more = any(m.finding not in own and m.stems and len(m.stems & stems) * 2 >= len(m.stems) for m in idx.mitigations)
    return set(fids) if lists_more else set()


def _undated(sent: Sentence, stems: set[str], a: int, b: int) -> set[str]:
    """stems without the words of the dates and figures between chars a and b ("due 5 December 2026")."""
    inside = {sent.tok_stems[i] for i, at in enumerate(sent.tok_starts)
              if a <= at < b and any(q.start <= at < q.end for q in sent.quantities)}
    return stems - inside


def _names_other_finding(idx: FindingsIndex, stems: set[str], mits: list) -> bool:
    """Do a clause's words clearly name a finding other than the mitigations' own?"""
    won = _clear_winners(finding_scores(idx, stems, idx.finding_ids()), 1.5)
    return bool(won) and not {m.finding for m in mits} & set(won)


_COUNT_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
_TALLIED = re.compile(r"\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+(?:(?:is|are|was|were)\s+(?:now\s+|still\s+)?)?"
                      r"(open|being\s+mitigated|mitigat(?:ing|ed)|accepted|closed|resolved)\b", re.I)
_TALLY_STATUS = {"open": "open", "being mitigated": "mitigating", "mitigating": "mitigating", "mitigated": "mitigating",
                 "accepted": "accepted", "closed": "closed", "resolved": "closed"}


def _status_tally(idx: FindingsIndex, sent: Sentence) -> list[Issue] | None:
    """'Of four risks, one is mitigating, one open, one accepted and one closed': how many findings have
    each status, judged against the document's findings; None when the sentence tallies nothing."""
    low = sent.plain_low
    # most sentences hold no count beside a status: a substring test first
    if not any(w in low for w in ("open", "closed", "accepted", "mitigat", "resolved")):
        return None
    found = list(_TALLIED.finditer(sent.text))
    if len(found) < 2:
        return None
    said: Counter = Counter()
    for m in found:
        n = _COUNT_WORDS.get(m.group(1).lower())
        said[_TALLY_STATUS[" ".join(m.group(2).lower().split())]] += n if n is not None else int(m.group(1))
    have = Counter(f.status.value for f in idx.doc.findings if f.status)
    if sum(said.values()) > sum(have.values()):
        return None  # "14 hazards; 9 are closed, 5 open": more than there are findings, so other things are counted
    # a tally of every finding must match each count; one of some findings only ("of the two privacy
    # findings, one is open and one closed") cannot count more of a status than the document has
    whole = sum(said.values()) == sum(have.values())
    wrong = sorted(s for s, n in said.items() if (have[s] != n if whole else n > have[s]))
    if not wrong:
        return []
    told = ", ".join(f"{n} {s}" for s, n in sorted(have.items()))
    return [Issue("status", "contradicted", f"the findings' statuses are {told}", ())]


_NOTHING_BEFORE = re.compile(r"\b(?:none|nothing)\s+(?:(?:is|are|remains?)\s+)?(?:still\s+)?$", re.I)
# What may stay open besides a finding: "two points remain open", "the questions are still open".
_OTHER_SUBJECT = re.compile(r"\b(?:points?|matters?|questions?|items?|tasks?|notes?|queries|quer(?:y|ies))\s+(?:\w+\s+)?"
                            r"(?:(?:remain|remains|are|is|stay|stays|left)\s+(?:still\s+)?)?$", re.I)
# "X has accepted this risk": X is who accepts it.
_ACCEPTER_AFTER = re.compile(r"\s+(?:has|have|had)\s+(?:now\s+|formally\s+|also\s+)?(?:accepted|closed)\b", re.I)
# "X has closed this medium-severity finding": X closes it as its owner.
_FINDING_CLOSED = re.compile(r"\b(?:has|have|had)\s+(?:now\s+|formally\s+)?closed\s+(?:the|this|that|its)\s+(?:[\w-]+,?\s+){0,3}?"
                             r"(?:finding|risk|issue)\b", re.I)


def _accepts_it(idx: FindingsIndex, sent: Sentence, owner: tuple, fids: list[str]) -> bool:
    """Is the party named at `owner` the owner of one of these findings, or named in its text (where
    "The Chief Credit Officer accepted the risk" says who accepted it)?"""
    oa, ob, o = owner
    name = sent.text[oa:ob].lower()
    return any(_same_owner(o, idx.findings[f].owner) or name in f"{idx.findings[f].summary} {idx.findings[f].impact or ''}".lower()
               for f in fids if f in idx.findings)


def _owned_findings(idx: FindingsIndex, sent: Sentence, a: int, b: int, owners: list) -> list[str]:
    """The findings a clause naming an owner is about, by its other words: a title it quotes whole, else
    its words without the owner's name ('Data Protection Officer' says nothing of which finding)."""
    # a title the owner's own name reads like ("posts queue users") names no finding
    titled = _titled(idx, sent, (a, b), skip=[(oa, ob) for oa, ob, _ in owners])
    if titled:
        return [f for f in idx.finding_ids() if f in titled]
    named = {i for oa, ob, _ in owners for i in range(sent.tok_at(oa), sent.tok_at(max(oa, ob - 1)) + 1)}
    stems = {s for i, (s, at) in enumerate(zip(sent.tok_stems, sent.tok_starts)) if s and a <= at < b and i not in named}
    cands = sent.candidates if sent.candidates is not None else idx.finding_ids()
    return align_findings(idx, stems, cands)


def _titled(idx: FindingsIndex, sent: Sentence, span: tuple[int, int], skip: list[tuple[int, int]] = ()) -> set[str]:
    """Findings whose title the text between span's chars quotes whole (outside the spans to skip)."""
    a, b = span
    titles = _folded_titles(idx)
    return {fid for qa, qb, p in sent.memo.get("quotes", ()) if a <= qa < b and p in titles
            and not any(x < qb and qa < y for x, y in skip) for fid in titles[p]}


def _folded_titles(idx: FindingsIndex) -> dict[str, set[str]]:
    known = idx.__dict__.get("_folded_titles")
    if known is None:
        known = {}
        for f in idx.doc.findings:
            known.setdefault(folded(f.title), set()).add(f.id)
        idx.__dict__["_folded_titles"] = known
    return known


_WITH = re.compile(r"\bwith\b[^,;:.]{0,50}$", re.I)
_UNDER = re.compile(r"\bunder(?: the)?\s+$", re.I)
_PUTTING = re.compile(r"\b(?:putting|being put|getting)\b[^,;:.]{0,90}$", re.I)
_CONDITIONAL = re.compile(r"\b(?:only with|once|until|unless|if|when|provided|as long as|so long as|before|after|require[sd]?|needs?|must)\b[^,;:.]{0,50}$", re.I)


_CLAUSE_DONE = re.compile(r"\b(?:is|are|was|were)\s+\w+(?:ed|en|wn)\s+(?:is|are|was|were|has been|have been)\s+(?:now\s+|already\s+)?$", re.I)
_BRACKET_LABEL = re.compile(r"\((?:[^()]*?[,;]\s*|status\s*[\u2014\u2013:-]\s*)?(done|complete|completed|planned|in progress|under way|underway)"
                            r"(?:\s+(?:by|on|in)\s+[^,;()]*)?\s*(?:[,;][^()]*)?\)", re.I)  # "(Team, done by 31 August 2027)"
_STAYS = re.compile(r"\b(?:stay|stays|stayed|remain|remains|remained|keep|keeps|kept|left)\s+$", re.I)
_KEEP_X = re.compile(r"\b(?:keep|keeps|kept|leave|leaves|left)\b[^,;:.]{1,60}$", re.I)  # "keep Compliance's review ... in place"
_UNTIL = re.compile(r"\s+(?:until|unless|while|till)\b", re.I)
_STATUS_LABEL = re.compile(r"\W*(done|complete|completed|planned|in progress|under way|underway)\s*:", re.I)
_LABELS = {"done": "done", "complete": "done", "completed": "done", "planned": "planned", "in progress": "in_progress",
           "under way": "in_progress", "underway": "in_progress"}
# "overridden without any reason being recorded", "while the label is printing": no step's progress
_NOT_A_STEP = re.compile(r"\b(?:without|while|when|as|whenever)\s+(?:\w+\s+){0,3}$", re.I)


_DETERMINER_BEFORE = re.compile(r"(?<!\bnot )(?<!\bnever )\b(?:the|an?|this|that|its|their)\s+$", re.I)
_DIRECTIVE = re.compile(r"\b(?:should|must|need to|needs to|has to|have to|ought to)\s+(?:not\s+)?(?:be|get)\s+(?:\w+ly\s+)?$|"
                        r"\b(?:do not|don't|never|not|should(?: not)?|must(?: not)?|cannot|can't)\s+"
                        r"(?:treat|call|mark|report|describe|class|record|list)\b[^,;:.]{0,40}\bas\s+$", re.I)
# A condition runs from its word to the end of its clause, or to a bracket, which states a status of its own.
_CONDITION = re.compile(r"\b(?:only (?:when|once|after|if)|until|unless|once(?! (?:a|an|per|every|each|more|again)\b)|as soon as|"
                        r"provided(?: that)?|so long as|as long as|if)\b([^;:.!?()]*)", re.I)


@remembered
def _conditions(text: str) -> tuple[tuple[int, int], ...]:
    """The spans conditions take after their word ("until| the fix is done")."""
    return tuple(m.span(1) for m in _CONDITION.finditer(text)) if _CONDITION_WORDS.found(text) else ()


_CONDITION_WORDS = Gated(_CONDITION, ("until", "unless", "once", "when", "after", "if", "as soon as", "provided", "as long as"))


def _blanked(text: str, spans: list[tuple[int, int]]) -> str:
    for x, y in spans:
        x, y = max(0, x), min(len(text), y)
        if x < y:
            text = text[:x] + " " * (y - x) + text[y:]
    return text


def _stated_status(text: str, own: frozenset[str] = frozenset()) -> frozenset[str]:
    """The statuses a text states of an action; `own` holds the stems of the action's own words, which
    state none ("a hazard checklist completed by the officer" is the action, not its status)."""
    label = _STATUS_LABEL.match(text) or _BRACKET_LABEL.search(text)
    if label:
        # "Done: the team now runs the check ..."; "... is already running (Transcription Services, done, due ...)":
        # the label says the status, whatever the verbs around it suggest
        return frozenset({_LABELS[label.group(1).lower()]})
    return frozenset(name for name, word in _status_words(text) if not (own and word in own))


_SYSTEM_DID = re.compile(r"\b(?:the|this|our)\s+(?:tool|model|system|assistant|chatbot|bot|detector|classifier|algorithm|scorer|"
                         r"engine|scheduler|router|agent)\s+$")
_STATUS_ADVERBS = frozenset(("already", "now", "live", "up", "fully", "formally"))


@remembered  # pure in the text, and a clause's text recurs across briefs and documents
def _status_words(text: str) -> tuple[tuple[str, str], ...]:
    """(status, stem of the matched phrase's last word) for each status the text states."""
    out: list[tuple[str, str]] = []
    taken: list[tuple[int, int]] = []
    low = lx._lower(text)
    for name, rx in lx.STATUS_RES:
        for m in rx.finditer(low):
            if any(x < m.end() and m.start() < y for x, y in taken):
                continue
            taken.append(m.span())
            # a single word ("completed") may be the action's own verb; "already being generated" is its progress
            # ("automatic deletion switched on" for the action "switch on automatic deletion": its verb, not a status)
            parts = m.group(0).split()
            word = stem(parts[0] if parts[0] not in _STATUS_ADVERBS else parts[-1])
            if name == "in_progress" and (_NOT_A_STEP.search(text[: m.start()]) or negated_before(text, m.start(), 12)):
                continue  # "while the label is printing"; "planned but not yet under way" denies progress
            if name == "done" and parts[0] in ("has", "have", "had") and _SYSTEM_DID.search(low, max(0, m.start() - 30), m.start()):
                continue  # "the tool had counted a newly qualified nurse": what the system did, the finding's evidence
            cond = _CONDITIONAL.search(text[: m.start()]) if name == "done" else None
            if cond is not None and _CLAUSE_DONE.search(cond.group(0)):
                cond = None  # "a check ... before the answer is shown is done": the condition's clause ended at "shown"
            if name == "done" and (cond is not None or
                                   (m.group(0) == "in place" and _WITH.search(text[: m.start()]))):
                continue  # "only with this guardrail in place" sets a condition, not a status
            if name == "done" and m.group(0) == "in place" and (_STAYS.search(text[: m.start()]) or _KEEP_X.search(text[: m.start()])) \
                    and _UNTIL.match(text, m.end()):
                continue  # "night checks stay in place until the cameras are fitted": what carries on meanwhile
            if name == "done" and m.group(0) == "in place" and _PUTTING.search(text[: m.start()]):
                out.append(("in_progress", word))  # "they are putting a review in place" is under way, not done
                continue
            if name == "planned" and m.group(0).lower() == "will":
                out.append(("future", word))
            elif name == "done" and negated_before(text, m.start(), 40):
                out.append(("not_done", word))
            else:
                out.append((name, word))
    return tuple(out)


def check_recommended_option(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """A recommendation moved to another option of the trade-off is attached to the wrong option."""
    lead = wrong_lead(idx, sent)
    if lead is not None:  # "so option A is behind" when option A's figure is the better one
        return [Issue("direction", "contradicted", lead[2])], True
    wrong = wrong_recommendation(idx, sent)
    if wrong is None:
        return [], False
    return [Issue("slice", "contradicted", f"option {wrong[0]} is named as recommended; the findings recommend option {wrong[1]}")], True


# "The triage assistant (version 2.3), run by X", "X runs the CV screening model": who owns the system.
_BY_BEFORE = re.compile(r"(?:owned|run|operated|maintained|managed|built)\s+by\s+(?:the\s+)?$", re.I)
_RUNS_AFTER = re.compile(r"\s+(?:now\s+)?(?:runs|operates|owns|maintains|manages|built)\s+(?:the\s+|its\s+)?", re.I)
_RUNS_WORD = re.compile(r"\b(?:owned|run|operated|maintained|managed|built|runs|operates|owns|maintains|manages)\b")
_NAME_ENDS = frozenset("which that version and in for at since from to with".split())
# Between the system's name and "run by": its version, a comma, "which is".
_VERSION_AFTER = re.compile(r"\s+v?\d+(?:\.\d+)*\b")
_SYSTEM_TAIL = re.compile(r"\s*(?:\([^()]{0,40}\))?\s*,?\s*(?:(?:which|that)\s+(?:is|was)\s+|is\s+|was\s+)?$", re.I)


def _version_named(idx: FindingsIndex, sent: Sentence) -> bool:
    """'Router v2.1': the system's version said with it."""
    version = (idx.doc.system.version or "").strip()
    return bool(version) and re.search(rf"(?<![\w.])(?:v|version\s*){re.escape(version)}(?![\w]|\.\d)", sent.text, re.I) is not None


def _system_own_name(idx: FindingsIndex) -> str | None:
    """The system's own name, lower-cased, when its first word is one ("CourtScribe" of "CourtScribe
    speech-to-text", capitals inside it); not "call" of "Call transcription service"."""
    first = idx.doc.system.name.split()[0] if idx.doc.system.name and idx.doc.system.name.split() else ""
    return first.lower() if first[:1].isupper() and first[1:] != first[1:].lower() else None


def check_system_owner(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """An owner said to run or own the system itself must be the system's owner."""
    system = idx.doc.system
    if not system.owner or not system.name:
        return [], False
    # the system is named by its last word ("the CV screening model"), by its own first name when it has one
    # ("CourtScribe" for "CourtScribe speech-to-text"), or as "the system"
    own_name = _system_own_name(idx)
    heads = [system.name.split()[-1].lower(), "system"] + ([own_name] if own_name else [])
    low = sent.low
    if not any(h in low for h in heads) or not _RUNS_WORD.search(low):
        return [], False
    owners = _owner_mentions(idx, sent, 0, len(sent.text))
    issues: list[Issue] = []
    checked = False
    for oa, ob, o in owners:
        by = _BY_BEFORE.search(sent.text, max(0, oa - 24), oa)
        named = False
        if by:
            for head in heads:
                at = low.rfind(head, 0, by.start())
                if head == "system" and not re.search(r"\b(?:the|this|our|its) $", low[max(0, at - 5):at]):
                    continue  # "the ticketing system" is another system
                # "CourtScribe 3.0, owned by": its version may follow the name
                tail = _VERSION_AFTER.match(sent.text, at + len(head)) if at >= 0 else None
                if at >= 0 and _SYSTEM_TAIL.fullmatch(sent.text, tail.end() if tail else at + len(head), by.start()):
                    named = True
        elif (runs := _RUNS_AFTER.match(sent.text, ob)):
            # the object is the system's name, or its last words ("runs the CV screening model (version 3.2)"),
            # not a phrase that starts with it ("owns the agent takes unapproved actions finding")
            words = low[runs.end():].split()
            name = system.name.lower().split()
            for n in range(1, min(len(name), 4) + 1):
                if [w.strip(",.;:()") for w in words[:n]] == name[-n:]:
                    after = words[n] if len(words) > n else ""
                    named = words[n - 1][-1:] in ",.;:)" or after[:1] in ("", "(") or after in _NAME_ENDS
                    break
        if not named:
            continue
        checked = True
        if not _same_owner(o, system.owner, _exactly(sent, oa)):
            issues.append(Issue("owner", "contradicted", f"the {system.name} is owned by {system.owner}", ()))
    return issues, checked


# "owner: Network engineering lead", "owned by the Vendor Management Office": a name after an owner's label
_NAMED_OWNER = re.compile(r"\b(?:[Oo]wner\s*:|[Oo]wned by|[Aa]ccountable\s*:|[Ll]ed by)\s+(?:the\s+)?"
                          r"([A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|for|lead|leads|manager|team|officer|director|head|"
                          r"engineers?|engineering|analysts?|group|owner|unit|office|desk|board|committee|council|staff)){0,6})")
_CONNECTORS = {"of", "and", "for"}


def check_unknown_owner(idx: FindingsIndex, sent: Sentence) -> tuple[list[Issue], bool]:
    """An owner named after an owner's label who owns nothing in the findings: "owner: Network engineering lead"
    when no finding, step or system has that owner."""
    low = sent.low
    if not idx.owners or not ("owne" in low or "led by" in low or "ccountable" in low) or not _NAMED_OWNER.search(sent.text):
        return [], False
    issues: list[Issue] = []
    for m in _NAMED_OWNER.finditer(sent.text):
        words = m.group(1).split()
        while words and words[-1] in _CONNECTORS:
            words.pop()
        name = " ".join(words)
        full, core = owner_stems(name)
        if not core or any(_same_owner(o, name) for o in idx.owners):
            continue
        if any(s in idx.vocab for s in core) and len(core) == 1:
            continue  # one known word ("owner: Legal") may be a team the findings name in passing
        issues.append(Issue("owner", "contradicted", f"no finding, step or system of the findings is owned by '{name}'; "
                                                     f"the owners are {', '.join(sorted({o.name for o in idx.owners})[:6])}",
                            tuple(sent.findings)))
    return issues, bool(issues)
