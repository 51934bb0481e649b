"""One writer per brief section; each returns sentences with their sources."""

from __future__ import annotations

from schemas.audience import AudienceProfile
from schemas.brief import Sentence
from schemas.findings import Finding, FindingsDocument, MitigationStatus, Status, Tradeoff

from engine.narrator import numbers as N
from engine.narrator.slices import slice_for
from engine.narrator.stage import from_now
from engine.narrator.facts import (
    S,
    a_measure,
    assessment_sentence,
    counted,
    counts_things,
    figure,
    finding_lead,
    metric_name,
    metric_sentences,
    on,
    ownership_sentence,
    plural_word,
    set_short,
    set_trim_rank,
    shown,
    the_measure,
    trim_rank,
)
from engine.narrator.wording import (
    MITIGATION_STATUS_TEXT,
    decision_action,
    decision_label,
    join,
    likelihood_rank,
    lower_first,
    pick,
    severity_rank,
    strip_period,
    the_owner,
    the_system,
    upper_first,
)


def ranked(doc: FindingsDocument, profile: AudienceProfile) -> list[Finding]:
    """Most severe first, closed findings after the ones still live (a fixed problem is no longer what the
    decision turns on); the audience's focus categories break ties."""
    focus = {c: i for i, c in enumerate(profile.focus_categories)}
    order = {f.id: i for i, f in enumerate(doc.findings)}

    def key(f: Finding):
        return (f.status == Status.closed, -severity_rank(f), focus.get(f.category.value, len(focus)), -likelihood_rank(f),
                order[f.id])

    return sorted(doc.findings, key=key)


def named(f: Finding) -> str:
    """'finding F1 (accuracy drops on sarcastic posts)': a title inside a sentence."""
    return f"finding {f.id} ({lower_first(f.title.rstrip('.'))})"


def blockers(doc: FindingsDocument) -> list[Finding]:
    """Serious open findings with no mitigation at all: a launch should wait for a plan."""
    return [f for f in doc.findings if severity_rank(f) >= 3 and not f.mitigations and f.status in (None, Status.open)]


def first_guardrail(doc: FindingsDocument, profile: AudienceProfile):
    for f in ranked(doc, profile):
        for m in f.mitigations:
            if m.status != MitigationStatus.done:
                return f, m
    for f in ranked(doc, profile):
        if f.mitigations:
            return f, f.mitigations[0]
    return None, None


# Decisions that open on a verb of choosing, with its -ing form
_CHOICE_VERBS = {"choose": "choosing", "select": "selecting", "pick": "picking", "decide": "deciding",
                 "determine": "determining", "agree": "agreeing", "settle": "settling"}


def headline(doc: FindingsDocument, profile: AudienceProfile) -> Sentence:
    top = ranked(doc, profile)[0]
    ctx = doc.context
    decision = decision_label(ctx.decision) if ctx and ctx.decision else None
    act = decision_action(ctx.decision) if decision else None
    block = blockers(doc)
    gf, gm = first_guardrail(doc, profile)
    rec = next((t for t in doc.tradeoffs if t.recommendation), None)
    srcs = [top.id] + (["context"] if decision else [])
    if profile.name == "engineering":
        return S(f"{doc.system.name}: {lower_first(top.title.rstrip('.'))}", top.id)
    if profile.voice == "neutral":
        own = next((m for m in top.mitigations if m.status and m.status != MitigationStatus.done), None)
        if own is not None:
            return S(f"{doc.system.name}: {lower_first(top.title.rstrip('.'))}; the control for it "
                     f"({lower_first(strip_period(own.action))}) is {MITIGATION_STATUS_TEXT[own.status]}", top.id)
        return S(f"{doc.system.name}: {lower_first(top.title.rstrip('.'))}", top.id)
    if rec is not None:
        opt = rec.option(rec.recommendation)
        lead = f"{decision}: " if decision else f"{rec.question.rstrip('?')}: "
        text = f"{lead}we recommend {_option_named(opt, 'option')}"
        return S(text, rec.id, f"{rec.id}.{opt.id}", *( [gf.id] if gf else []), *(["context"] if decision else []))
    if block:
        b = block[0]
        if act:
            verb, _, rest = act.partition(" ")
            # "Hold off on choosing how to launch", not "on the decision to choose how to launch"
            held = f"{_CHOICE_VERBS[verb.lower()]} {rest}" if verb.lower() in _CHOICE_VERBS and rest \
                else f"the decision to {lower_first(act)}"
            return S(f"Hold off on {held} until this has a fix: {lower_first(b.title.rstrip('.'))}", b.id, "context")
        if decision:
            return S(f"{decision}: hold off until {named(b)} has a fix", b.id, "context")
        # No decision is named, so none is assumed: the system may be in use already.
        return S(f"Hold off on wider use of {the_system(doc.system.name)} until this has a fix: "
                 f"{lower_first(b.title.rstrip('.'))}", b.id)
    if decision and gm is not None:
        if act:
            return S(f"{act} only with this guardrail in place: {lower_first(strip_period(gm.action))}", *srcs, gf.id)
        return S(f"{decision}: only with this guardrail in place ({lower_first(strip_period(gm.action))})", *srcs, gf.id)
    if decision:
        if act:
            return S(f"{act}, knowing that {lower_first(top.title.rstrip('.'))}", *srcs)
        return S(f"{decision}: a decision to take knowing that {lower_first(top.title.rstrip('.'))}", *srcs)
    return S(f"{doc.system.name}: {lower_first(top.title.rstrip('.'))}", top.id)


# A purpose that opens with one of these is no instruction: a subject ("This model ...") or when and on
# what terms it applies ("With the patient's consent, listen ...").
_SUBJECT_WORDS = frozenset("this the a an it its we our they used designed to for model system".split())
_OPENERS = frozenset("with without in on at by from after before during when whenever if once under within across every "
                     "each all any where while as upon".split())
_NOT_VERBS = _SUBJECT_WORDS | _OPENERS


def _imperative(purpose: str) -> bool:
    """'Score the mood of posts' reads after 'is used to'; 'This model classifies images.' does not."""
    first = purpose.strip().split(" ", 1)[0].lower().strip(",.;:")
    if ". " in purpose.strip().rstrip(".") or first in _NOT_VERBS:
        return False
    return not (first.endswith("s") and not first.endswith("ss")) and not first.endswith(("ing", "ed"))


def _framed_purpose(purpose: str) -> tuple[str, str] | None:
    """A purpose that opens with when or on what terms, then says what to do ("With the patient's
    consent, listen to ..."): (that opening, the rest)."""
    lead, sep, rest = purpose.strip().partition(", ")
    first = lead.split(" ", 1)[0].lower()
    if not sep or first not in _OPENERS or not 2 <= len(lead.split()) <= 8 or not _imperative(rest):
        return None
    return lead, rest


def terse_system(doc: FindingsDocument, profile: AudienceProfile) -> Sentence | None:
    """The system named with its owner and no purpose, for a brief still over its limit when all else
    has been shortened: the headline and the findings say what the system is for in use."""
    sysm = doc.system
    if not sysm.purpose:
        return None
    version = f" (version {sysm.version})" if sysm.version else ""
    owner_word = "the" if profile.voice == "neutral" else "our"
    if sysm.owner:
        return S(f"{upper_first(the_owner(sysm.owner))} is responsible for {the_system(sysm.name, owner_word)}{version}", "system")
    return S(f"This brief covers {the_system(sysm.name)}{version}", "system")


def situation(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    sysm, ctx = doc.system, doc.context
    out: list[Sentence] = []
    version = f" (version {sysm.version})" if sysm.version else ""
    owner_word = "The" if profile.voice == "neutral" else "Our"
    framed = _framed_purpose(sysm.purpose) if sysm.purpose else None
    if sysm.purpose and _imperative(sysm.purpose):
        text = f"{upper_first(the_system(sysm.name, owner_word))}{version} is used to {lower_first(strip_period(sysm.purpose))}"
    elif framed:
        # "Each week, flag pupils ...": "is used, each week, to flag pupils ..."
        text = f"{upper_first(the_system(sysm.name, owner_word))}{version} is used, {lower_first(framed[0])}, to {lower_first(strip_period(framed[1]))}"
    elif sysm.purpose:
        text = f"This brief covers {the_system(sysm.name)}{version}, whose stated purpose is: {lower_first(strip_period(sysm.purpose))}"
    else:
        text = f"This brief covers {the_system(sysm.name)}{version}"
    if sysm.owner:
        text += f"; {the_owner(sysm.owner)} is responsible for it"
    out.append(S(text, "system"))
    if ctx and ctx.decision:
        act = decision_action(ctx.decision)
        front = "The decision in front of us" if profile.voice != "neutral" and ctx.deadline else "The decision under review"
        by = (f", by {N.date_text(ctx.deadline)}" if profile.voice != "neutral" else f", due by {N.date_text(ctx.deadline)}") \
            if ctx.deadline else ""
        if act:
            # The decision section states it again with its date: in a tight brief this one gives way.
            out.append(S(f"{front} is to {lower_first(act)}{by}", "context", trim=1))
        else:
            # a question or a label reads as written, after the date
            out.append(S(f"{front}{by}: {upper_first(ctx.decision.strip().rstrip('.'))}", "context", trim=1))
    if ctx and ctx.business_goal:
        out.append(S(f"The aim: {lower_first(strip_period(ctx.business_goal))}", "context", trim=2))
    n = len(doc.findings)
    ids = [f.id for f in doc.findings]
    noun = "finding" if n == 1 else "findings"
    rated = [f for f in doc.findings if f.severity]
    if n == 1 and rated:
        out.append(S(f"The review produced one finding, rated {rated[0].severity.value} severity", *ids))
    elif rated:
        worst = max(rated, key=severity_rank)
        peers = [f.id for f in rated if f.severity == worst.severity]
        which = f"{join(peers)} {'is' if len(peers) == 1 else 'are'} rated {worst.severity.value}"
        out.append(S(f"The review produced {_count_word(n)} {noun}; the most severe: {which}", *peers, trim=1))
    else:
        out.append(S(f"The review produced {_count_word(n)} {noun}, none yet assessed for severity", *ids))
    return out


_COUNT_WORDS = ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"]


def _count_word(n: int) -> str:
    return _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else str(n)


def _alike(a: str, b: str) -> bool:
    """One title holds the other, or both open with the same four words or more."""
    if a in b or b in a:
        return True
    wa, wb = a.split(), b.split()
    return len(wa) >= 4 and len(wb) >= 4 and wa[:4] == wb[:4]


def findings(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    out: list[Sentence] = []
    order = ranked(doc, profile)
    shown, rest = order[: profile.max_findings], order[profile.max_findings:]
    # Two findings with one title cannot be told apart by it, nor two whose titles open alike ("Mobile
    # share drops for desktop users" and "... in 3 of 4 regions"): their leads name the ids too.
    titles = {g.id: g.title.rstrip(".").strip().casefold() for g in doc.findings}
    for i, f in enumerate(shown):
        out.append(finding_lead(f, profile, i, shared_title=sum(_alike(titles[f.id], t) for t in titles.values()) > 1))
        if profile.name == "engineering" or "metrics" in profile.emphasis:
            out.append(S(f.summary, f.id))
        start = len(out)
        out.extend(metric_sentences(doc, f, profile))
        key = out[start] if len(out) > start else None  # the finding's key number stays at any length
        if i == 1:
            # The second finding's further figures give way, after the options' detail, when space runs out.
            for s in out[start + 1:]:
                set_trim_rank(s, max(trim_rank(s), 1))
        elif i == 0:
            # The most serious finding's further figures go only when every shorter telling is not enough.
            for s in out[start + 1:]:
                set_trim_rank(s, FURTHER_FIGURES)
        out.append(assessment_sentence(f, profile))
        if "owners" in profile.emphasis or "controls" in profile.emphasis:
            own = ownership_sentence(f, profile)
            set_trim_rank(own, 4 if i else 0)
            out.append(own)
        if i >= 2:
            # Beyond the two most serious findings, detail gives way first when space runs out.
            for s in out[start:]:
                if s is not key:
                    set_trim_rank(s, max(trim_rank(s), 1))
        if f.evidence and profile.name == "engineering":
            out.append(S(f"Evidence: {'; '.join(f.evidence)}", f.id))
        if "disclosure" in profile.emphasis:
            out.extend(_disclosure(f, profile))
    if rest:
        # Past three, the rest are named by id: a list of every title would outweigh the findings told in full.
        titles = [f"{lower_first(f.title.rstrip('.'))} ({f.id})" for f in rest[:2 if len(rest) > 3 else 3]]
        listed = join(titles) if len(rest) <= 3 else f"{', '.join(titles)}, and {join([f.id for f in rest[2:]])}"
        out.append(S(f"Lower-priority findings, covered in the full report: {listed}", *[f.id for f in rest]))
    return out


def _disclosure(f: Finding, profile: AudienceProfile) -> list[Sentence]:
    """One sentence per quoted figure, naming every slice it does not hold for."""
    worse: dict[str, list] = {}
    for m in f.metrics:
        base = f.metric(m.baseline) if m.baseline else None
        g = N.gap(shown(m, profile), shown(base, profile)) if base else None
        if base is not None and g is not None and g.worse and m.population and m.name.lower() == base.name.lower():
            worse.setdefault(base.id, []).append(m)
    out = []
    for base_id, slices in worse.items():
        base = f.metric(base_id)
        where = [slice_for(m.population) for m in slices]
        where = f"{', '.join(where[:-1])} or {where[-1]}" if len(where) > 1 else where[0]
        name = metric_name(base, profile, f.id)
        # "the 0.91 recall figure", but "the 94% sensitivity for urgent cases" (a long name needs no noun after it)
        quoted = f"{N.metric_value(shown(base, profile))} {name}{' figure' if len(name.split()) <= 2 else ''}"
        out.append(S(f"Any statement that quotes the {quoted} should say that it does not hold {where}",
                     f"{f.id}.{base.id}", *(f"{f.id}.{m.id}" for m in slices)))
    return out


def impact(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    out: list[Sentence] = []
    order = ranked(doc, profile)[: profile.max_findings]
    for i, f in enumerate(order):
        if f.impact:
            lead = pick(f.id + "impact", ["In business terms: ", "What this means: ", ""]) if i == 0 else ""
            text = lead + (lower_first(f.impact) if lead else f.impact)
            out.append(S(text, f.id, trim=3 if i else 0))
        if f.affected:
            # Items that hold "and" or a comma themselves ("patients aged 75 and over") are kept apart.
            items = _listed(f.affected)
            listed = "; ".join(items) if any(" and " in a or "," in a for a in items) else join(items)
            out.append(S(f"Affected: {listed}", f.id, trim=5))
    if not out:
        top = order[0]
        owner = the_owner(top.owner) if top.owner else "the finding's owner"
        out.append(S(f"The business impact of {named(top)} has not yet been stated; "
                     f"{owner} should assess it", top.id))
    return out


def _listed(items: list[str]) -> list[str]:
    """Items in the case they take inside a sentence. Once one reads lower-case ('women applying for
    engineering roles'), a one-word plural like 'Recruiters' is a common noun beside it, not a name."""
    out = [_in_list(a) for a in items]
    if any(o != a for o, a in zip(out, items)):
        out = [lower_first(o) if " " not in o and o[:1].isupper() and plural_word(o.lower()) else o for o in out]
    return out


def _in_list(item: str) -> str:
    """A list item in sentence case ('Loan applicants') reads lower-case inside a sentence; a name
    ('Legal and Compliance', 'Digital Support', 'Finance') keeps its capitals."""
    words = item.split()
    if len(words) > 1 and all(w[:1].islower() or not w[:1].isalpha() for w in words[1:]):
        return lower_first(item)
    return item


CHOICE_LEAD = "The choice: "


def options(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    out: list[Sentence] = []
    for t in doc.tradeoffs:
        out.extend(_tradeoff(doc, t, profile))
    return out


def _tradeoff(doc: FindingsDocument, t: Tradeoff, profile: AudienceProfile) -> list[Sentence]:
    out = [S(f"{CHOICE_LEAD}{lower_first(t.question.rstrip().rstrip('?'))}?", t.id)]
    if t.criteria:
        out.append(S(f"The options are weighed on {join(t.criteria)}", t.id, trim=5))
    for o in t.options:
        src = f"{t.id}.{o.id}"
        facts = [_option_fact(m, profile, src) for m in o.metrics]
        text = _option_named(o, "Option")
        if facts:
            text += f"{',' if not _verb_led(o.name) else ''} has {join(facts)}"
        elif o.description:
            text += f": {lower_first(strip_period(o.description))}"
        else:
            text += f"{',' if not _verb_led(o.name) else ''} is the {_ORDINALS.get(t.options.index(o), 'next')} option"
        # Stated again, with both values, in the comparison sentence when the options share a metric.
        out.append(S(text, src, *[f"{src}.{m.id}" for m in o.metrics], trim=3 if facts and _shares_metric(t, o) else 0))
        # The option is named again: its lead sentence may be trimmed for length, and "in its favour"
        # would then belong to no option.
        if o.pros:
            # Pros and cons detail the choice the comparison and the recommendation state; they give
            # way after the caveats are summarised ("Against it" goes before its "In favour of").
            out.append(S(f"In favour of option {o.id}: {join([lower_first(strip_period(p)) for p in o.pros])}", src, trim=1))
        if o.cons:
            against = "Against it" if o.pros else f"Against option {o.id}"
            out.append(S(f"{against}: {join([lower_first(strip_period(c)) for c in o.cons])}", src, trim=1))
    out.extend(_option_gaps(doc, t, profile))
    for c in t.constraints:
        # With a recommendation and its reasons to weigh them, the constraints give way when space runs out.
        out.append(S(f"Any choice must respect this constraint: {lower_first(strip_period(c))}", t.id,
                     trim=1 if t.recommendation and t.rationale else 0))
    if t.recommendation:
        opt = t.option(t.recommendation)
        text = f"The recommendation is {_option_named(opt, 'option')}"
        if t.rationale:
            out.append(S(f"{text}: {lower_first(strip_period(t.rationale))}", t.id, f"{t.id}.{opt.id}"))
            set_short(out[-1], lambda: _shorter_rationale(doc, t, text))
        else:
            out.append(S(text, t.id, f"{t.id}.{opt.id}"))
    return out


def _shorter_rationale(doc: FindingsDocument, t: Tradeoff, lead: str):
    """The recommendation with its reasons cut to their main clause, when they read as supported so."""
    from engine.narrator.length import summarised  # the length stage imports this module

    from evals.faithfulness.index import index_for
    cut = summarised(index_for(doc), t.rationale, None, frame=lead + ": {}")
    if cut is None:
        return None
    return [S(f"{lead}: {lower_first(cut)}", t.id, f"{t.id}.{t.recommendation}")], []


def _option_fact(m, profile: AudienceProfile, src: str) -> str:
    """'accuracy of 86% on the holdout set'; a count of things reads '40 referrals per week'."""
    name, fig = metric_name(m, profile, src), figure(m, profile, with_gloss=False)
    return counted(m, profile, name, fig, on(m)) if counts_things(m, name) else f"{a_measure(name)} of {fig}{on(m)}"


# Option names that start with what to do ("Keep the model screen") take no article.
_OPTION_VERBS = frozenset("""keep use ship launch deploy delay pause stop add remove build buy retrain adopt switch stay wait
hold roll accept reject proceed defer continue replace run go do block allow limit restrict drop move migrate outsource
hire train release cap route require approve auto-approve review send offer open close extend expand reduce raise lower
show hide let give flag escalate refer fix patch hand rebook refund retire rewrite redesign automate integrate renew
upgrade downgrade enable disable suspend withdraw publish disclose notify tune recalibrate reweight retain delete
anonymise anonymize encrypt""".split())


_ORDINALS = dict(enumerate("first second third fourth fifth sixth seventh eighth ninth tenth".split()))


def _verb_led(name: str) -> bool:
    first = name.strip().split(" ", 1)[0].lower().rstrip(",;:")  # "Rebook, and refund ..."
    return first in _OPTION_VERBS or first in ("the", "a", "an")


def _option_named(o, word: str) -> str:
    """'Option A, the gradient-boosted ensemble,' or, for a name that is an action, 'Option keep (Keep the model screen)'."""
    if _verb_led(o.name):
        return f"{word} {o.id} ({o.name})"
    if _determined(o.name):  # "All policies for all employees" has its determiner: no "the all policies"
        return f"{word} {o.id}, {lower_first(o.name)}"
    return f"{word} {o.id}, the {lower_first(o.name)}"


_DETERMINERS = frozenset("""all every each both no any some either neither one two three four five six seven eight nine ten
our your their its his her this that these those another other several many most few""".split())


def _determined(name: str) -> bool:
    first = name.strip().split(" ", 1)[0].lower()
    return first in _DETERMINERS or first[:1].isdigit()


def _reference_option(t: Tradeoff):
    """The option the others are measured against: the recommended one, else the first."""
    return t.option(t.recommendation) if t.recommendation else t.options[0]


def _shared(o, ref):
    """Pairs of metrics o and ref both report (same name and unit)."""
    for m in o.metrics:
        n = next((x for x in ref.metrics if x.name.lower() == m.name.lower() and x.unit == m.unit), None)
        if n is not None:
            yield m, n


def _shares_metric(t: Tradeoff, o) -> bool:
    ref = _reference_option(t)
    others = [x for x in t.options if x is not ref]
    if o is ref:
        return any(next(_shared(x, ref), None) for x in others)
    return next(_shared(o, ref), None) is not None


def _option_gaps(doc: FindingsDocument, t: Tradeoff, profile: AudienceProfile) -> list[Sentence]:
    """Compare every other option with the recommended one (else the first) on each metric they share."""
    ref = _reference_option(t)
    out = []
    for o in t.options:
        if o is ref:
            continue
        told = 0
        for ma, mb in _shared(o, ref):
            ma, mb = shown(ma, profile), shown(mb, profile)
            g = N.gap(ma, mb)
            if g is None:
                continue
            better = "ahead" if not g.worse else "behind"
            # Each figure right after its option, so neither reads as the other option's. Past an option's
            # first comparison, the rest give way when the brief runs over its length.
            out.append(S(f"On {metric_name(ma, profile, f'{t.id}.{o.id}')}, option {o.id} ({N.metric_value(ma)}) is {g.diff_text} "
                         f"{'higher' if g.higher else 'lower'} than option {ref.id} ({N.metric_value(mb)}), so option {o.id} is {better}",
                         f"{t.id}.{o.id}.{ma.id}", f"{t.id}.{ref.id}.{mb.id}", trim=1 if told else 0))
            told += 1
    if out:
        # Told short, one sentence per measure gives every option's figure against the reference.
        set_short(out[0], lambda: _option_figures(doc, t, profile, ref, out[1:]))
    return out


def _option_figures(doc: FindingsDocument, t: Tradeoff, profile: AudienceProfile, ref, redundant: list[Sentence]):
    """'On X, option A has 84%, against 68% for option B and 90% for option C', per measure the
    options share with the reference, in the order of the reference's metrics (at most two); None
    when such a sentence would not read as supported (figures of several options the check cannot
    tell apart)."""
    from engine.narrator.length import reads_as_supported  # the length stage imports this module

    out = []
    for mb in ref.metrics:
        others = [(o, ma) for o in t.options if o is not ref for ma, mr in _shared(o, ref) if mr is mb
                  and N.gap(shown(ma, profile), shown(mb, profile)) is not None]
        if not others:
            continue
        name = metric_name(shown(mb, profile), profile, f"{t.id}.{ref.id}")
        against = join([f"{N.metric_value(shown(ma, profile))} for option {o.id}" for o, ma in others])
        # A second measure goes with the most serious finding's further figures.
        out.append(S(f"On {name}, option {ref.id} has {N.metric_value(shown(mb, profile))}, against {against}",
                     f"{t.id}.{ref.id}.{mb.id}", *(f"{t.id}.{o.id}.{ma.id}" for o, ma in others),
                     trim=FURTHER_FIGURES if out else 0))
        if not reads_as_supported(doc, out[-1].text):
            return None
        if len(out) == 2:
            break
    return (out, redundant) if out else None


def recommendation(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    out: list[Sentence] = []
    ctx = doc.context
    block = blockers(doc)
    neutral = profile.voice == "neutral"
    if block:
        titles = join([named(f) for f in block])
        when = "Before going ahead" if ctx and ctx.decision else "Before wider use"
        out.append(S(f"{when}, {titles} {'needs' if len(block) == 1 else 'need'} a named fix with an owner and a date",
                     *[f.id for f in block]))
    elif ctx and ctx.decision:
        out.append(S(pick(doc.system.name, ["We can go ahead, on these conditions", "Going ahead is reasonable if these conditions hold"])
                     if not neutral else "Approval can proceed only on these conditions", "context"))
    else:
        # No decision to attach conditions to: the steps still need a lead, or a list would start mid-thought.
        out.append(S("Each step below is listed with its owner and status where the findings give them",
                     *[f.id for f in doc.findings]))
    for i, f in enumerate(ranked(doc, profile)):
        start = len(out)
        for m in f.mitigations:
            out.append(_mitigation_sentence(f, m, profile))
        if not f.mitigations:
            if f.status == Status.accepted:
                who = upper_first(the_owner(f.owner)) if f.owner else "The business"
                out.append(S(f"{who} has accepted the risk in {named(f)}; no mitigation is planned", f.id))
            elif f.status == Status.closed:
                out.append(S(f"{upper_first(named(f))} is closed", f.id))
            else:
                who = the_owner(f.owner) if f.owner else "an owner yet to be named"
                out.append(S(f"No mitigation is planned yet for {named(f)}; {who} should propose one", f.id))
        # Steps go only when nothing else is left to shorten: those of findings the brief only lists,
        # then those beyond the two most serious (the full report has them all: see STEPS_ELSEWHERE).
        for s in out[start:]:
            set_trim_rank(s, STEP_RANKS[0] if i >= profile.max_findings else STEP_RANKS[1] if i >= 2
                          else SECOND_STEPS if i == 1 else 0)
    watch = _monitoring(doc, profile)
    if watch:
        out.append(watch)
    return out


# Said once in the recommendation section when the length limit left some findings' steps out.
STEPS_ELSEWHERE = "Further steps, for {}, are in the full report"
# Trim ranks of steps, outside the 1-5 of other droppable sentences: see engine/narrator/length.py.
STEP_RANKS = (7, 6)
# The trim rank of the most serious finding's figures past its key number (see engine/narrator/length.py).
FURTHER_FIGURES = 8
# ... and of the second finding's steps, the last sentences to go.
SECOND_STEPS = 9


def _mitigation_sentence(f: Finding, m, profile: AudienceProfile) -> Sentence:
    action = strip_period(m.action)
    owner = the_owner(m.owner) if m.owner else None
    due = N.date_text(m.due) if m.due else None
    status = m.status
    # The finding id ties the step to its row in the risk matrix (and to its finding for a reader of plain text).
    bits = [f"for {f.id}"]
    if owner:
        bits.append(f"owned by {owner}")
    if due:
        bits.append(f"due {due}" if status != MitigationStatus.done else f"due date {due}")
    detail = f" ({bits[0]}{'; ' + ', '.join(bits[1:]) if len(bits) > 1 else ''})"
    if status == MitigationStatus.done:
        text = f"{upper_first(action)}{detail}: done and already in place"
    elif status == MitigationStatus.in_progress:
        text = f"{upper_first(action)}{detail}: in progress, not yet complete"
    elif status == MitigationStatus.planned:
        tail = ", so it cannot yet be cited as a control in place" if "controls" in profile.emphasis else ", not yet in place"
        text = f"{upper_first(action)}{detail}: planned{tail}"
    else:
        text = f"{upper_first(action)}{detail}; its status is not recorded"
    if m.effect and profile.name in ("engineering", "product"):
        text += f"; expected effect: {lower_first(strip_period(m.effect))}"
    out = S(text, f.id)
    if status in _STATUS_WORDS:
        # Told short: the status alone, without what it means for the step.
        set_short(out, lambda: ([S(f"{upper_first(action)}{detail}: {_STATUS_WORDS[status]}", f.id)], []))
    return out


_STATUS_WORDS = {MitigationStatus.done: "done", MitigationStatus.in_progress: "in progress", MitigationStatus.planned: "planned"}


def _monitoring(doc: FindingsDocument, profile: AudienceProfile) -> Sentence | None:
    """Track the worst measured slice from now on (or after the stage the document names), so a further slide shows early."""
    for f in ranked(doc, profile):
        worse = []
        for m in f.metrics:
            base = f.metric(m.baseline) if m.baseline else None
            g = N.gap(m, base) if base else None
            if g is not None and g.worse:
                worse.append((abs(g.relative) if g.relative is not None else 0.0, m))
        if worse:
            # the largest relative slide; on a tie, the first listed
            m = max(worse, key=lambda x: x[0])[1]
            where = on(m)
            return S(f"Keep measuring {the_measure(metric_name(m, profile, f.id))}{where} {from_now(doc)}, so that any further slide shows up early",
                     f"{f.id}.{m.id}", trim=2)
    return None


def decision(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    ctx = doc.context
    owners = sorted({m.owner for f in doc.findings for m in f.mitigations if m.owner and m.status != MitigationStatus.done})
    rec = next((t for t in doc.tradeoffs if t.recommendation), None)
    out: list[Sentence] = []
    guarded = _guarded(doc, profile)
    if ctx and ctx.decision:
        when = _decision_date(ctx)
        act = decision_action(ctx.decision)
        if act and act.split(" ", 1)[0].lower() in _CHOICE_VERBS:
            # "Choose how to launch" is already the question: no "whether to choose how to launch"
            out.append(S(f"Decision needed{when}: {lower_first(act)}{_guardrails(guarded)}", "context"))
        elif act:
            how = " with the guardrails in this brief" if guarded else ", although no mitigation is planned yet"
            out.append(S(f"Decision needed{when}: whether to {lower_first(act)}{how}", "context"))
        else:
            out.append(S(f"Decision needed{when}{_guardrails(guarded)}: {upper_first(ctx.decision.strip().rstrip('.'))}", "context"))
    else:
        top = ranked(doc, profile)[:2]
        titles = join([named(f) for f in top])
        how = " with the guardrails in this brief" if guarded else \
            f", for which no mitigation is planned yet" if len(top) == 1 else ", for which no mitigations are planned yet"
        out.append(S(f"Decision needed: whether to accept the remaining risk from {titles}{how}", *[f.id for f in top]))
    if rec is not None:
        opt = rec.option(rec.recommendation)
        # The headline and the options section say it too: it is the first to go when space runs out.
        out.append(S(f"On the trade-off, the ask is to approve {_option_named(opt, 'option')}", rec.id, f"{rec.id}.{opt.id}",
                     trim=2))
    if owners:
        srcs = [f.id for f in doc.findings if any(m.owner in owners for m in f.mitigations)]
        # The mitigation steps name their owners too: this gives way when a brief runs long.
        out.append(S(f"It also needs time from {join([the_owner(o) for o in owners])} for the mitigations they own", *srcs,
                     trim=1))
    return out


def terse_decision(doc: FindingsDocument, profile: AudienceProfile) -> Sentence | None:
    """The decision line without the decision's words, when the headline already states them: for a
    brief still over its limit when all else has been shortened. None when the headline does not."""
    ctx = doc.context
    if not ctx or not ctx.decision:
        return None
    said = headline(doc, profile).text.lower()
    act = decision_action(ctx.decision)
    if decision_label(ctx.decision).lower() not in said and not (act and act.lower() in said):
        return None
    return S(f"Decision needed{_decision_date(ctx)}, as the headline sets out{_guardrails(_guarded(doc, profile))}", "context")


def _guarded(doc: FindingsDocument, profile: AudienceProfile) -> bool:
    """Does the brief have guardrails to offer ("with the guardrails in this brief" only then)?"""
    return any(f.mitigations for f in doc.findings) or _monitoring(doc, profile) is not None


def _guardrails(guarded: bool) -> str:
    return ", with the guardrails in this brief" if guarded else ", although no mitigation is planned yet"


def _decision_date(ctx) -> str:
    return f" by {N.date_text(ctx.deadline)}" if ctx.deadline else ""


def caveat_plan(doc: FindingsDocument) -> list[tuple[str, list[str], bool]]:
    """(caveat, finding ids, lesser) for each caveat once, in document order. The same caveat on
    several findings is said once, citing them all; a finding's first caveat is its main one, the
    rest are lesser (summarised first when a brief runs over its word limit)."""
    cited: dict[str, list[str]] = {}
    main: set[str] = set()
    for f in doc.findings:
        for i, c in enumerate(f.caveats):
            cited.setdefault(c.strip(), []).append(f.id)
            if i == 0:
                main.add(c.strip())
    return [(c, ids, c not in main) for c, ids in cited.items()]


def caveats(doc: FindingsDocument, profile: AudienceProfile) -> list[Sentence]:
    out: list[Sentence] = [S(c, *ids) for c, ids, _ in caveat_plan(doc)]
    unassessed = [f for f in doc.findings if not f.severity or not f.likelihood]
    if unassessed:
        out.append(S(f"Severity or likelihood is not yet assessed for {join([f.id for f in unassessed])}", *[f.id for f in unassessed]))
    if not out:
        out.append(S("The findings state no limits on their evidence; ask each owner whether the measurements cover everyone the system serves",
                     *[f.id for f in doc.findings]))
    return out


WRITERS = {
    "situation": situation,
    "findings": findings,
    "impact": impact,
    "options": options,
    "recommendation": recommendation,
    "decision": decision,
    "caveats": caveats,
}

DEFAULT_TITLES = {
    "situation": "Situation",
    "findings": "Findings",
    "impact": "Impact",
    "options": "Options and trade-offs",
    "recommendation": "Recommendation",
    "decision": "Decision needed",
    "caveats": "Caveats",
}
