"""One sentence per change, with sources that say which side each fact comes from.

Sources carry a side prefix: `old:F1.acc` is metric acc of finding F1 in the
OLD document, `new:F1` finding F1 in the NEW one, `new:context` the NEW
document's decision. Numbers are formatted by engine.narrator.numbers and
jargon replaced per audience, as in a full brief.
"""

from __future__ import annotations

from schemas.audience import AudienceProfile
from schemas.findings import Finding, Metric, Mitigation, MitigationStatus, Tradeoff, Unit

from evals.changes.compare import (
    LevelMove, MetricMove, MitigationChange, RecommendationChange, TradeoffChange, ValueChange,
)
from engine.narrator import numbers as N
from engine.narrator.facts import S
from engine.narrator.slices import slice_phrase
from engine.narrator.wording import join, plain, the_owner, upper_first

STATUS_WORDS = {MitigationStatus.planned: "planned", MitigationStatus.in_progress: "in progress", MitigationStatus.done: "done"}


def level_word(value: str | None) -> str:
    return value.replace("_", " ") if value else "not assessed"


def title(f: Finding, profile: AudienceProfile) -> str:
    return f"“{plain(f.title.rstrip('.'), profile)}”"


def subject(m: Metric, profile: AudienceProfile) -> str:
    on = f" {slice_phrase(m.population)}" if m.population else ""
    return f"{plain(m.name, profile)}{on}"


def change_text(move: MetricMove) -> str:
    """The size of a move in its unit: percentage points for percentages."""
    size = abs(move.diff)
    places = max(N.decimals(move.old.value), N.decimals(move.new.value))
    if move.new.unit in (Unit.percent, Unit.pp):
        return f"{N.num(size, places)} percentage points"
    return N.value_text(round(size, places), move.new.unit)


def relative_text(move: MetricMove) -> str | None:
    rel = move.relative
    if rel is None:
        return None
    size = abs(rel)
    shown = N.num(round(size)) if size >= 10 else N.num(round(size, 1))
    return f"{shown}% {'higher' if move.rose else 'lower'} than before"


def metric_move(move: MetricMove, f: Finding, profile: AudienceProfile) -> object:
    verb = "rose" if move.rose else "fell"
    rel = relative_text(move)
    size = f"{'up' if move.rose else 'down'} {change_text(move)}" + (f" ({rel})" if rel else "")
    better = "higher" if move.new.better_when_higher else "lower"
    judged = "better" if move.better else "worse"
    text = (f"{upper_first(subject(move.new, profile))} {verb} from {N.metric_value(move.old)} to {N.metric_value(move.new)}, "
            f"{size}: {judged}, since {better} is better for {plain(move.new.name, profile)}")
    if profile.name != "engineering":
        text += f" ({title(f, profile)})"
    return S(text, move.old_ref, move.new_ref)


def level_move(move: LevelMove, f: Finding, profile: AudienceProfile):
    what = "Severity" if move.field == "severity" else "Likelihood"
    srcs = (f"old:{move.old_finding}", f"new:{move.finding}")
    if move.old is None:
        return S(f"{what} of {title(f, profile)} was not assessed before and is now rated {level_word(move.new)}", *srcs)
    if move.new is None:
        return S(f"{what} of {title(f, profile)} is no longer assessed; it was rated {level_word(move.old)}", *srcs)
    verb = "rose" if move.rose else "fell"
    return S(f"{what} of {title(f, profile)} {verb} from {level_word(move.old)} to {level_word(move.new)}", *srcs)


def value_change(ch: ValueChange, f: Finding, profile: AudienceProfile):
    srcs = (f"old:{ch.old_finding}", f"new:{ch.finding}")
    if ch.field == "owner":
        if not ch.old:
            return S(f"{title(f, profile)} now has an owner, {the_owner(ch.new)}; no owner was named before", *srcs)
        if not ch.new:
            return S(f"{title(f, profile)} no longer names an owner; it was {the_owner(ch.old)}", *srcs)
        return S(f"The owner of {title(f, profile)} changed from {the_owner(ch.old)} to {the_owner(ch.new)}", *srcs)
    old = ch.old or "not stated"
    new = ch.new or "not stated"
    return S(f"The status of {title(f, profile)} changed from {old} to {new}", *srcs)


def _who(m: Mitigation) -> str:
    return f" ({the_owner(m.owner)})" if m.owner else ""


def mitigation_change(ch: MitigationChange, f: Finding, profile: AudienceProfile, as_of) -> object:
    new_src = f"new:{ch.finding}"
    old_src = f"old:{ch.old_finding}" if ch.old_finding else None
    action = f"“{plain(ch.action.rstrip('.'), profile)}”"
    if ch.kind == "done":
        was = STATUS_WORDS.get(ch.old.status, "not marked done")
        return S(f"Done since the last brief: {action}{_who(ch.new)}, which was {was} before", old_src, new_src)
    if ch.kind == "new":
        m = ch.new
        parts = [the_owner(m.owner) if m.owner else "no owner named"]
        if m.due:
            parts.append(f"due {N.date_text(m.due)}")
        parts.append(STATUS_WORDS.get(m.status, "status not stated"))
        return S(f"New mitigation for {title(f, profile)}: {action} ({', '.join(parts)})", new_src)
    if ch.kind == "dropped":
        was = STATUS_WORDS.get(ch.old.status, "status not stated")
        return S(f"No longer listed for {title(f, profile)}: {action}, which was {was}", old_src, new_src)
    if ch.kind == "owner":
        return mitigation_owner(ch, f, action, profile, (old_src, new_src))
    if ch.kind == "moved":
        m = ch.new
        dates = f"from {N.date_text(ch.old.due)} to {N.date_text(m.due)}"
        if not ch.moved_later:
            return S(f"The due date for {action}{_who(m)} was brought forward {dates}", old_src, new_src)
        return S(f"The due date for {action}{_who(m)} moved later, {dates}; it is {STATUS_WORDS.get(m.status, 'done')}",
                 old_src, new_src)
    m = ch.new
    still = STATUS_WORDS.get(m.status, "not marked done")
    if ch.moved_later:
        text = (f"Slipped: the due date for {action}{_who(m)} moved from {N.date_text(ch.old.due)} to "
                f"{N.date_text(m.due)}, and it is still {still}")
        if ch.overdue:
            text += f" and overdue on {N.date_text(as_of)}"
        return S(text, old_src, new_src)
    return S(f"Slipped: {action}{_who(m)} was due {N.date_text(m.due)} and is still {still} on {N.date_text(as_of)}",
             old_src, new_src)


def mitigation_owner(ch: MitigationChange, f: Finding, action: str, profile: AudienceProfile, srcs):
    which = f"the mitigation {action} for {title(f, profile)}"
    old, new = ch.old.owner, ch.new.owner
    if not old:
        return S(f"{upper_first(which)} now has an owner, {the_owner(new)}; no owner was named before", *srcs)
    if not new:
        return S(f"{upper_first(which)} no longer names an owner; it was {the_owner(old)}", *srcs)
    return S(f"The owner of {which} changed from {the_owner(old)} to {the_owner(new)}", *srcs)


def option_text(t: Tradeoff, option_id: str) -> str:
    option = t.option(option_id)
    return f"option {option_id} ({option.name})" if option else f"option {option_id}"


def recommendation_change(ch: RecommendationChange, profile: AudienceProfile):
    srcs = (f"old:{ch.old.id}", f"new:{ch.tradeoff}")
    question = f"“{plain(ch.new.question.strip(), profile)}”"
    old, new = ch.old.recommendation, ch.new.recommendation
    if not old:
        return S(f"The trade-off {question} now recommends {option_text(ch.new, new)}; no option was recommended before",
                 *srcs)
    if not new:
        return S(f"The trade-off {question} no longer recommends an option; it recommended {option_text(ch.old, old)}",
                 *srcs)
    return S(f"The recommended option for {question} changed from {option_text(ch.old, old)} to "
             f"{option_text(ch.new, new)}", *srcs)


def options_text(t: Tradeoff) -> str:
    return join([option_text(t, o.id) for o in t.options])


def tradeoff_change(ch: TradeoffChange, profile: AudienceProfile):
    """A decision now on the table, or one no longer in the document: its options and the recommended one.

    Why a trade-off left the document (decided, withdrawn) is not in the findings, so it is not said.
    """
    t = ch.tradeoff
    question = f"“{plain(t.question.strip(), profile)}”"
    which = f" (trade-off {t.id})" if profile.name == "engineering" else ""
    if ch.kind == "added":
        rec = f"the findings recommend {option_text(t, t.recommendation)}" if t.recommendation else "no option is recommended"
        return S(f"New decision on the table{which}: {question}, choosing between {options_text(t)}; {rec}", ch.ref)
    rec = f"with {option_text(t, t.recommendation)} recommended" if t.recommendation else "with no option recommended"
    return S(f"The decision {question}{which} is no longer in the document; it was between {options_text(t)}, {rec}",
             ch.ref)


def new_finding(f: Finding, profile: AudienceProfile):
    sev = f"rated {level_word(f.severity.value)} severity" if f.severity else "severity not yet assessed"
    lik = f"likelihood {level_word(f.likelihood.value)}" if f.likelihood else "likelihood not yet assessed"
    owner = f"owned by {the_owner(f.owner)}" if f.owner else "no owner named"
    lead = f"New finding {f.id}" if profile.name == "engineering" else "New risk"
    return S(f"{lead}: {title(f, profile)}, {sev}, {lik}, {owner}", f"new:{f.id}")


def closed_finding(f: Finding, profile: AudienceProfile):
    sev = f", which was rated {level_word(f.severity.value)} severity" if f.severity else ""
    return S(f"No longer in the findings: {title(f, profile)} ({f.id}){sev}", f"old:{f.id}")


def renamed(old: Finding, new: Finding, profile: AudienceProfile):
    return S(f"Renamed, not new: finding {old.id} is now {new.id}, with the same title {title(new, profile)}",
             f"old:{old.id}", f"new:{new.id}")


def metric_added(fid: str, f: Finding, m: Metric, profile: AudienceProfile):
    return S(f"New measurement for {title(f, profile)}: {subject(m, profile)} is {N.metric_value(m)}", f"new:{fid}.{m.id}")


def metric_dropped(fid: str, f: Finding, m: Metric, profile: AudienceProfile):
    return S(f"No longer measured for {title(f, profile)}: {subject(m, profile)}, which was {N.metric_value(m)}",
             f"old:{fid}.{m.id}")


def caveat_added(fid: str, f: Finding, text: str, profile: AudienceProfile):
    return S(f"New caveat on {title(f, profile)}: {text.rstrip('.')}", f"new:{fid}")


def caveat_dropped(fid: str, f: Finding, text: str, profile: AudienceProfile):
    return S(f"Caveat no longer stated for {title(f, profile)}: {text.rstrip('.')}", f"old:{fid}")
