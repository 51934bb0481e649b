"""A system's findings as they stood in the register at a point in time.

    doc = snapshot(store, "Sentiment classifier", "2026-03-02")   # FindingsDocument

Each risk's history is replayed in version order, applying every change
recorded up to the time asked for (inclusive, at the precision given: a
date means the whole of that day, UTC). A risk first imported later is
absent. The register holds only some fields of a finding (see TRACKED and
NOT_TRACKED); the snapshot fills those, plus the summary the schema requires
(the title stands in for it), and nothing else.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap
from dataclasses import dataclass

from pydantic import ValidationError

from engine.errors import RiskbriefError
from engine.findings_yaml import comment_line, findings_yaml
from engine.register.models import Risk, RiskEvent
from engine.register.store import TRACKED, RegisterStore
from schemas.findings import FindingsDocument, Mitigation

# What a findings document can say that the register does not keep.
NOT_TRACKED = (
    "summary (the title stands in for it; the schema requires one)", "metrics", "affected", "caveats",
    "evidence", "detectability", "the system's version, owner and purpose", "context", "trade-offs",
)
WHEN_EXAMPLES = "e.g. 2026-03-02, 2026-03-02T14:30 or 2026-03-02T14:30:00+01:00"
_WHEN_RE = re.compile(
    r"^(?P<date>\d{4}-\d{2}-\d{2})"
    r"(?:[T ](?P<hour>\d{2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?P<fraction>\.\d{1,6})?)?"
    r"(?P<tz>Z|[+-]\d{2}:?\d{2})?)?$"
)


class SnapshotError(RiskbriefError):
    """A snapshot cannot be taken: unknown system, a time before it was imported, a malformed time."""


@dataclass(frozen=True)
class AsOf:
    """A point in time as the user wrote it, and the first instant it no longer covers (UTC)."""

    text: str
    until: dt.datetime

    def includes(self, stamp: dt.datetime) -> bool:
        return stamp < self.until

    @property
    def label(self) -> str:
        return f"{self.text} (changes recorded before {utc_text(self.until)})"


def utc_text(t: dt.datetime) -> str:
    return t.astimezone(dt.timezone.utc).isoformat().replace("+00:00", "Z")


def parse_when(text: str) -> AsOf:
    """An ISO 8601 date or date-time, inclusive at its precision; no time zone means UTC."""
    m = _WHEN_RE.match(text.strip())
    try:
        start = dt.datetime.fromisoformat(text.strip().replace(" ", "T")) if m else None
    except ValueError:
        start = None
    if m is None or start is None:
        raise SnapshotError(f"'{text}' is not an ISO 8601 date or date-time ({WHEN_EXAMPLES})")
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.timezone.utc)
    if m["hour"] is None:
        step = dt.timedelta(days=1)
    elif m["second"] is None:
        step = dt.timedelta(minutes=1)
    elif m["fraction"] is None:
        step = dt.timedelta(seconds=1)
    else:
        step = dt.timedelta(microseconds=1)
    return AsOf(text.strip(), (start + step).astimezone(dt.timezone.utc))


def resolve_when(at: str | dt.date | AsOf | None) -> AsOf | None:
    """`at` as an AsOf: text is parsed, a datetime is that instant (UTC when naive), a date that whole day."""
    if at is None or isinstance(at, AsOf):
        return at
    if isinstance(at, str):
        return parse_when(at)
    if isinstance(at, dt.datetime):
        t = at if at.tzinfo else at.replace(tzinfo=dt.timezone.utc)
        return AsOf(at.isoformat(), (t + dt.timedelta(microseconds=1)).astimezone(dt.timezone.utc))
    if isinstance(at, dt.date):
        return parse_when(at.isoformat())
    raise SnapshotError(f"{at!r} is not a date or time ({WHEN_EXAMPLES})")


def _stamp(text: str, what: str) -> dt.datetime:
    try:
        t = dt.datetime.fromisoformat(text)
    except (TypeError, ValueError):
        raise SnapshotError(f"{what}: the recorded time '{text}' is not an ISO 8601 time; "
                            "the register was changed outside riskbrief") from None
    return t if t.tzinfo else t.replace(tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class Snapshot:
    """One system's findings as of a time, as plain data, with what it was built from."""

    system: str
    as_of: AsOf | None
    data: dict
    risks: int
    last_change: str

    @property
    def document(self) -> FindingsDocument:
        return FindingsDocument.model_validate(self.data)

    def header(self, register: str) -> list[str]:
        when = self.as_of.label if self.as_of else "now"
        paragraphs = [
            f"Reconstructed from the riskbrief register at {comment_line(register)}: "
            f"{comment_line(self.system)} as of {when}; {self.risks} risk(s), last change {self.last_change}.",
            "The register tracks each finding's " + ", ".join(TRACKED) + ". It does not track, so this file "
            "leaves out: " + "; ".join(NOT_TRACKED) + ".",
        ]
        return [line for p in paragraphs for line in textwrap.wrap(p, 98, break_on_hyphens=False)]

    def yaml(self, register: str) -> str:
        """Findings YAML with the header comment, validated as `riskbrief validate` reads it."""
        from schemas.loading import FindingsError, load_text

        text = findings_yaml(self.data, self.header(register))
        try:
            load_text(text, f"<snapshot of {self.system}>", is_json=False)
        except FindingsError as e:
            raise SnapshotError(f"the register's record of {self.system} is not a valid findings document:\n{e}") from None
        return text


def resolve_system(store: RegisterStore, system: str) -> str:
    """The system's name as the register spells it (any case accepted when that is unambiguous)."""
    known = sorted({r.system for r in store.risks()})
    if system in known:
        return system
    same = [k for k in known if k.casefold() == system.strip().casefold()]
    if len(same) == 1:
        return same[0]
    listing = "; ".join(known) if known else "none; run `riskbrief register import FILE`"
    raise SnapshotError(f"no system '{system}' in the register (known: {listing})")


@dataclass(frozen=True)
class _Replayed:
    first: dt.datetime         # when the risk was first imported
    state: dict | None         # its tracked fields as of the time asked for; None: not imported yet
    last: dt.datetime | None   # the last change applied


def _replay(risk: Risk, events: list[RiskEvent], as_of: AsOf | None) -> _Replayed:
    """The risk's tracked fields after every change recorded up to as_of, in version order."""
    what = f"{risk.system}/{risk.finding_id}"
    if not events:  # written before history was kept: all we know is the row and when it was made
        created = _stamp(risk.created_at, what)
        if as_of is not None and not as_of.includes(created):
            return _Replayed(created, None, None)
        return _Replayed(created, {k: getattr(risk, k) for k in TRACKED}, created)
    stamps = [_stamp(e.at, f"{what} v{e.version}") for e in events]
    state: dict = {k: None for k in TRACKED} | {"mitigations": "[]"}
    last = None
    for event, at in zip(events, stamps):
        # Versions are applied as a prefix, so the result is a state the risk really had.
        if as_of is not None and not as_of.includes(at):
            break
        for field, (_old, new) in json.loads(event.changes or "{}").items():
            if field in state:
                state[field] = new
        last = at
    return _Replayed(stamps[0], state if last is not None else None, last)


def _finding(risk: Risk, state: dict) -> dict:
    return {
        "id": risk.finding_id,
        "title": state["title"],
        "category": state["category"],
        "severity": state["severity"],
        "likelihood": state["likelihood"],
        "summary": state["title"],
        "impact": state["impact"],
        "owner": state["owner"],
        "status": state["status"],
        # In the schema's field order, as a person would write them.
        "mitigations": [{k: m[k] for k in Mitigation.model_fields if k in m}
                        for m in json.loads(state["mitigations"] or "[]")],
    }


def take_snapshot(store: RegisterStore, system: str, at: str | dt.date | AsOf | None = None) -> Snapshot:
    """The system's findings as of `at` (ISO 8601 date or date-time, inclusive; None: now)."""
    when = resolve_when(at)
    name = resolve_system(store, system)
    replayed = [(risk, _replay(risk, events, when)) for risk, events in store.system_history(name)]
    present = [(risk, r) for risk, r in replayed if r.state is not None]
    if not present:
        since = utc_text(min(r.first for _, r in replayed))
        raise SnapshotError(f"{name} has nothing in the register as of {when.text if when else 'now'}: "
                            f"it was first imported at {since}; ask for a later time")
    findings = [_finding(risk, r.state) for risk, r in present]
    last = utc_text(max(r.last for _, r in present))
    data = {"schema_version": 1, "system": {"name": name}, "findings": findings}
    snap = Snapshot(name, when, data, len(findings), last)
    try:
        snap.document
    except ValidationError as e:
        raise SnapshotError(f"the register's record of {name} is not a valid findings document: "
                            f"{e.errors()[0]['msg']}") from None
    return snap


def snapshot(store: RegisterStore, system: str, at: str | dt.date | None = None) -> FindingsDocument:
    """The system's findings as they stood at `at` (ISO 8601 date or date-time, inclusive; None: now)."""
    return take_snapshot(store, system, at).document


def system_summaries(store: RegisterStore) -> list[dict]:
    """Per system in the register: its name, how many risks, when first imported and last changed."""
    out: dict[str, dict] = {}
    for r in store.risks():
        row = out.setdefault(r.system, {"system": r.system, "risks": 0, "first_imported": r.created_at,
                                        "last_changed": r.updated_at})
        row["risks"] += 1
        row["first_imported"] = min(row["first_imported"], r.created_at)
        row["last_changed"] = max(row["last_changed"], r.updated_at)
    return [out[k] for k in sorted(out, key=str.casefold)]
