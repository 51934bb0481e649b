"""The register's operations: import, list, show, update, history.

Every write is a compare-and-set: ``UPDATE risks ... WHERE id = :id AND
version = :version_read``, with the history row inserted in the same
transaction. If another writer got there first the UPDATE matches no row and
nothing is written; the caller either fails (it pinned a version) or re-reads
and applies its change again on top of the newer state. So no update is lost
and every one appears in the history with its own version number.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import getpass
import json
import os
import random
import time
from dataclasses import dataclass
from typing import Callable, Iterator

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from engine.errors import RiskbriefError
from engine.register.db import (RegisterLocked, RegisterUnavailable, engine_given_url, engine_lock_wait,
                                is_lock_timeout, open_engine, safe_url)
from engine.register.models import Risk, RiskEvent
from schemas.findings import Finding, FindingsDocument, MitigationStatus, Severity, Status

# Fields a findings file sets; owner and status can also be changed by hand.
TRACKED = ("title", "category", "severity", "likelihood", "impact", "owner", "status", "mitigations")
MAX_ATTEMPTS = 1000



def _same_value(field: str, old: object, new: object) -> bool:
    if field == "mitigations":  # JSON text: the same list whatever its key order
        return json.loads(old or "[]") == json.loads(new or "[]")  # type: ignore[arg-type]
    return old == new

class RiskNotFound(RiskbriefError):
    """No risk, or more than one, matches an ID given on the command line."""


class StaleUpdate(RiskbriefError):
    """Another writer changed the risk after it was read."""

    exit_code = 1


@dataclass(frozen=True)
class MitigationChange:
    """One mitigation's new status and/or due date; `which` is its number (from 1, as `show` lists
    them) or words of its action, and may be left out when the risk has one mitigation."""

    which: str | None = None
    status: str | None = None
    due: str | None = None

    @property
    def changes(self) -> dict:
        return {k: v for k, v in (("status", self.status), ("due", self.due)) if v is not None}

    def applied(self, risk: Risk, display_id: str) -> str:
        """The risk's mitigations (JSON, as stored) with this change made."""
        items = json.loads(risk.mitigations or "[]")
        if not items:
            raise RiskbriefError(f"{display_id} has no mitigations to update; add them to its findings file and import it")
        listed = "; ".join(f"{i}. {m['action']}" for i, m in enumerate(items, 1))
        if self.which is None:
            if len(items) > 1:
                raise RiskbriefError(f"which mitigation of {display_id}? give --mitigation NUMBER or words of its "
                                     f"action: {listed}")
            index = 0
        elif self.which.strip().isdigit():
            index = int(self.which) - 1
            if not 0 <= index < len(items):
                raise RiskbriefError(f"{display_id} has no mitigation {self.which}; it has: {listed}")
        else:
            words = self.which.casefold().strip()
            hits = [i for i, m in enumerate(items) if m["action"].casefold() == words] or \
                   [i for i, m in enumerate(items) if words in m["action"].casefold()]
            if len(hits) != 1:
                raise RiskbriefError(f"'{self.which}' matches {len(hits) or 'no'} mitigation(s) of {display_id}; "
                                     f"give its number: {listed}")
            index = hits[0]
        items[index] = {**items[index], **self.changes}
        return json.dumps(items, sort_keys=True)


def check_mitigation_change(status: str | None, due: str | None) -> None:
    if status is not None and status not in {s.value for s in MitigationStatus}:
        raise RiskbriefError(f"unknown mitigation status '{status}'; use one of: "
                             f"{', '.join(s.value for s in MitigationStatus)}")
    if due is not None:
        try:
            dt.date.fromisoformat(due)
        except ValueError:
            raise RiskbriefError(f"--due {due!r} is not a date; write it as YYYY-MM-DD") from None


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    unchanged: int
    # Finding ids the register holds for the system that this file no longer lists; their risks are kept.
    absent: tuple[str, ...] = ()


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


def current_user(by: str | None = None) -> str:
    if by:
        return by
    name = os.environ.get("USER") or os.environ.get("USERNAME")
    if name:
        return name
    try:
        return getpass.getuser()
    except Exception:  # no passwd entry (containers): say so rather than guess
        return "unknown"


def _finding_fields(f: Finding) -> dict:
    return {
        "title": f.title,
        "category": f.category.value,
        "severity": f.severity.value if f.severity else None,
        "likelihood": f.likelihood.value if f.likelihood else None,
        "impact": f.impact,
        "owner": f.owner,
        "status": f.status.value if f.status else None,
        "mitigations": json.dumps([m.model_dump(mode="json", exclude_none=True) for m in f.mitigations],
                                  sort_keys=True),
    }


def _row_fields(r: Risk) -> dict:
    return {k: getattr(r, k) for k in TRACKED}


def _db_errors(method):
    """A database failure (server gone, lock held too long) as a clear error, not a traceback."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except SQLAlchemyError as e:
            if is_lock_timeout(e):
                raise RegisterLocked(engine_given_url(self.engine), engine_lock_wait(self.engine)) from None
            reason = getattr(e, "orig", None) or type(e).__name__
            where = safe_url(engine_given_url(self.engine))
            if "readonly" in str(reason).lower() or "read-only" in str(reason).lower():
                raise RegisterUnavailable(
                    f"the register at {where} is read-only here ({reason}): list, show, history and export "
                    "work; to change it, use a register you may write to, or ask whoever keeps it"
                ) from None
            raise RegisterUnavailable(
                f"the register at {where} failed: {reason}. "
                "If another process holds it, try again; otherwise check the database."
            ) from None

    return wrapper


class RegisterStore:
    def __init__(self, url: str | None = None, *, engine: Engine | None = None,
                 clock: Callable[[], str] | None = None, lock_wait: float | None = None):
        self.engine = engine or open_engine(url, wait=lock_wait)
        # The time stamped on each change (ISO 8601 UTC); tests pass their own.
        self.clock = clock or now

    def close(self) -> None:
        """Close the database connections; SQLite then folds its write-ahead log back into the file."""
        self.engine.dispose()

    # ---- reading -------------------------------------------------------

    @_db_errors
    def risks(self) -> list[Risk]:
        with self.engine.connect() as conn:
            rows = conn.execute(select(Risk.__table__).order_by(Risk.system, Risk.finding_id)).all()
        return [Risk(**row._mapping) for row in rows]

    def display_id(self, risk: Risk, risks: list[Risk] | None = None) -> str:
        risks = risks if risks is not None else self.risks()
        clash = sum(1 for r in risks if r.finding_id == risk.finding_id) > 1
        return f"{risk.system}/{risk.finding_id}" if clash else risk.finding_id

    @_db_errors
    def resolve(self, ref: str) -> Risk:
        """A risk from its finding id (when unique) or SYSTEM/FINDING_ID."""
        risks = self.risks()
        matches = [r for r in risks if r.finding_id == ref]
        if not matches and "/" in ref:
            system, _, fid = ref.rpartition("/")
            matches = [r for r in risks if r.finding_id == fid and r.system.casefold() == system.casefold()]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            known = ", ".join(self.display_id(r, risks) for r in risks[:20]) or "none; run `riskbrief register import FILE`"
            raise RiskNotFound(f"no risk '{ref}' in the register (known: {known})")
        options = ", ".join(f"{r.system}/{r.finding_id}" for r in matches)
        raise RiskNotFound(f"'{ref}' is ambiguous: it is a finding id in {len(matches)} systems; use one of: {options}")

    def list(self, *, status: str | None = None, owner: str | None = None, severity: str | None = None) -> list[Risk]:
        out = self.risks()
        if status:
            out = [r for r in out if r.status == status]
        if severity:
            out = [r for r in out if r.severity == severity]
        if owner:
            out = [r for r in out if r.owner and owner.casefold() in r.owner.casefold()]
        return out

    @_db_errors
    def history(self, ref: str) -> tuple[Risk, list[RiskEvent]]:
        risk = self.resolve(ref)
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(RiskEvent.__table__).where(RiskEvent.risk_id == risk.id).order_by(RiskEvent.version)
            ).all()
        return risk, [RiskEvent(**row._mapping) for row in rows]

    @_db_errors
    def system_history(self, system: str) -> list[tuple[Risk, list[RiskEvent]]]:
        """Every risk of one system (in the order first imported) with its changes in version order."""
        with self.engine.connect() as conn:
            risks = [Risk(**row._mapping) for row in conn.execute(
                select(Risk.__table__).where(Risk.system == system).order_by(Risk.id)).all()]
            rows = conn.execute(
                select(RiskEvent.__table__).join(Risk.__table__, RiskEvent.risk_id == Risk.id)
                .where(Risk.system == system).order_by(RiskEvent.risk_id, RiskEvent.version)
            ).all()
        events: dict[int, list[RiskEvent]] = {r.id: [] for r in risks}
        for row in rows:
            events[row.risk_id].append(RiskEvent(**row._mapping))
        return [(r, events[r.id]) for r in risks]

    @_db_errors
    def get(self, risk_id: int) -> Risk | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(Risk.__table__).where(Risk.id == risk_id)).first()
        return Risk(**row._mapping) if row else None

    # ---- writing -------------------------------------------------------

    @contextlib.contextmanager
    def _writing(self) -> Iterator[Connection]:
        """One write transaction: all of it commits or none. On SQLite it takes the write lock at once
        (BEGIN IMMEDIATE), so a lock another process holds is met before anything is read or written."""
        with self.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            yield conn

    def _write(self, risk: Risk, values: dict, *, by: str, action: str, note: str | None,
               conn: Connection | None = None) -> bool:
        """Compare-and-set one change plus its history row; False when the risk moved on.

        With `conn` the change joins that transaction; without, it is a transaction of its own.
        """
        if conn is None:
            with self._writing() as own:
                return self._write(risk, values, by=by, action=action, note=note, conn=own)
        changes = {k: [getattr(risk, k), v] for k, v in values.items() if k in TRACKED and getattr(risk, k) != v}
        stamp = self.clock()
        new_version = risk.version + 1
        res = conn.execute(
            update(Risk.__table__)
            .where(Risk.id == risk.id, Risk.version == risk.version)
            .values(**values, updated_at=stamp, version=new_version)
        )
        if res.rowcount != 1:
            return False
        conn.execute(insert(RiskEvent.__table__).values(
            risk_id=risk.id, version=new_version, at=stamp, by=by, action=action,
            changes=json.dumps(changes, sort_keys=True), note=note,
        ))
        return True

    @_db_errors
    def update(self, ref: str, *, status: str | None = None, owner: str | None = None, note: str | None = None,
               by: str | None = None, expect_version: int | None = None,
               mitigation: MitigationChange | None = None) -> Risk:
        """Change a risk's status and/or owner and/or one mitigation's status or due date, and/or
        add a note, recording who and when.

        With expect_version the change applies only to that version (else StaleUpdate);
        without it a lost race is retried on the fresh row, so the change is never dropped.
        """
        if mitigation is not None and not mitigation.changes:
            mitigation = None
        if status is None and owner is None and not note and mitigation is None:
            raise RiskbriefError("nothing to update: give --status, --owner or --note, or --mitigation-status or --due "
                                 "for a mitigation")
        if status is not None and status not in {s.value for s in Status}:
            raise RiskbriefError(f"unknown status '{status}'; use one of: {', '.join(s.value for s in Status)}")
        who = current_user(by)
        risk = self.resolve(ref)
        for attempt in range(MAX_ATTEMPTS):
            if expect_version is not None and risk.version != expect_version:
                raise StaleUpdate(self._stale_message(risk, expect_version))
            values = {}
            if status is not None:
                values["status"] = status
            if owner is not None:
                values["owner"] = owner
            if mitigation is not None:
                values["mitigations"] = mitigation.applied(risk, self.display_id(risk))
            values = {k: v for k, v in values.items() if not _same_value(k, getattr(risk, k), v)}
            if not values and not note:
                return risk  # already so: a new version would record a change that did not happen
            if self._write(risk, values, by=who, action="update", note=note):
                return self.get(risk.id)
            fresh = self.get(risk.id)
            if expect_version is not None:
                raise StaleUpdate(self._stale_message(fresh, expect_version))
            risk = fresh
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 20)))  # back off under contention
        raise StaleUpdate(f"gave up on {ref} after {MAX_ATTEMPTS} attempts: other writers keep changing it; try again")

    def _stale_message(self, risk: Risk, expected: int) -> str:
        ref = self.display_id(risk)
        return (f"{ref} is at version {risk.version}, not {expected}: someone changed it "
                f"since you read it. Run `riskbrief register show '{ref}'` and retry with "
                f"--expect-version {risk.version}, or leave --expect-version out to apply on top.")

    @_db_errors
    def import_document(self, doc: FindingsDocument, *, source_file: str | None = None,
                        by: str | None = None) -> ImportSummary:
        """Upsert each finding as a risk keyed by system + finding id, in one transaction.

        A re-import changes only the fields the file changed since the last
        import, so a status or owner set by hand in the register is kept.
        """
        who = current_user(by)
        created = updated = unchanged = 0
        with self._writing() as conn:
            for f in doc.findings:
                new = _finding_fields(f)
                outcome = self._upsert(conn, doc.system.name, f.id, new, source_file=source_file, by=who)
                created += outcome == "created"
                updated += outcome == "updated"
                unchanged += outcome == "unchanged"
            listed = {f.id for f in doc.findings}
            held = conn.execute(select(Risk.finding_id).where(Risk.system == doc.system.name).order_by(Risk.id)).scalars()
            absent = tuple(fid for fid in held if fid not in listed)
        return ImportSummary(created, updated, unchanged, absent)

    @staticmethod
    def _find(conn: Connection, system: str, finding_id: str) -> Risk | None:
        row = conn.execute(
            select(Risk.__table__).where(Risk.system == system, Risk.finding_id == finding_id)
        ).first()
        return Risk(**row._mapping) if row else None

    def _upsert(self, conn: Connection, system: str, finding_id: str, new: dict, *, source_file: str | None,
                by: str) -> str:
        # SQLite holds the write lock for the whole import, so only PostgreSQL can meet another
        # writer here: a row it created first (savepoint rolled back, then updated) or changed first.
        for attempt in range(MAX_ATTEMPTS):
            risk = self._find(conn, system, finding_id)
            if risk is None:
                stamp = self.clock()
                try:
                    with conn.begin_nested():
                        rid = conn.execute(insert(Risk.__table__).values(
                            system=system, finding_id=finding_id, **new, source=json.dumps(new, sort_keys=True),
                            source_file=source_file, created_at=stamp, updated_at=stamp, version=1,
                        )).inserted_primary_key[0]
                        conn.execute(insert(RiskEvent.__table__).values(
                            risk_id=rid, version=1, at=stamp, by=by, action="import",
                            changes=json.dumps({k: [None, v] for k, v in new.items() if v not in (None, "[]")},
                                               sort_keys=True),
                            note=f"imported from {source_file}" if source_file else "imported",
                        ))
                    return "created"
                except IntegrityError:
                    continue  # another process created it first: update that row instead
            last = json.loads(risk.source or "{}")
            values = {k: v for k, v in new.items() if last.get(k, object()) != v and getattr(risk, k) != v}
            if last == new and not values:
                return "unchanged"
            values["source"] = json.dumps(new, sort_keys=True)
            values["source_file"] = source_file
            if self._write(risk, values, by=by, action="import",
                           note=f"re-imported from {source_file}" if source_file else "re-imported", conn=conn):
                return "updated" if any(k in TRACKED for k in values) else "unchanged"
            time.sleep(random.uniform(0, 0.002 * min(attempt + 1, 20)))
        raise StaleUpdate(f"gave up importing {system}/{finding_id}: other writers keep changing it; try again")


SEVERITY_CHOICES = [s.value for s in Severity]
STATUS_CHOICES = [s.value for s in Status]
