"""Opening the register database and bringing its schema up to date."""

from __future__ import annotations

import os
import sqlite3
import weakref
from importlib import resources

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from engine.errors import RiskbriefError

DEFAULT_URL = "sqlite:///riskbrief-register.db"
URL_ENV = "RISKBRIEF_REGISTER_URL"
LOCK_WAIT_ENV = "RISKBRIEF_REGISTER_LOCK_WAIT"
# How long a writer waits for another writer's lock before giving up (seconds): long enough to
# ride out another command's short transaction, short enough that a held lock is reported, not hung on.
DEFAULT_LOCK_WAIT = 5.0


class RegisterUnavailable(RiskbriefError):
    """The register database cannot be opened."""


class RegisterLocked(RegisterUnavailable):
    """Another process held the register's write lock for longer than we wait."""

    def __init__(self, url: str, waited: float):
        super().__init__(
            f"the register {database_name(url)} is locked: another process holds it (waited {waited:g} s). "
            f"Nothing was changed; try again when it has finished, or wait longer with --lock-wait or {LOCK_WAIT_ENV}."
        )


def lock_wait(seconds: float | None = None) -> float:
    """How long to wait for a lock: the argument, else the environment, else the default."""
    if seconds is None:
        raw = os.environ.get(LOCK_WAIT_ENV, "").strip()
        if not raw:
            return DEFAULT_LOCK_WAIT
        try:
            seconds = float(raw)
        except ValueError:
            raise RegisterUnavailable(f"{LOCK_WAIT_ENV}={raw!r} is not a number of seconds") from None
    if not 0 <= seconds < 86400 or seconds != seconds:
        raise RegisterUnavailable(f"a lock wait of {seconds:g} s is out of range; give 0 to 86400 seconds")
    return seconds


# The lock wait each engine was opened with, for the message when it runs out.
_LOCK_WAITS: "weakref.WeakKeyDictionary[Engine, float]" = weakref.WeakKeyDictionary()


def engine_lock_wait(engine: Engine) -> float:
    return _LOCK_WAITS.get(engine, DEFAULT_LOCK_WAIT)


# The URL the user gave, for messages: a register opened read-only has another URL of its own.
_GIVEN_URLS: "weakref.WeakKeyDictionary[Engine, str]" = weakref.WeakKeyDictionary()


def engine_given_url(engine: Engine) -> str:
    return _GIVEN_URLS.get(engine) or str(engine.url)


def database_name(url: str) -> str:
    """The register as a person knows it: the file for SQLite, the URL (no password) otherwise."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return "<invalid URL>"
    if parsed.get_backend_name() == "sqlite" and parsed.database and parsed.database != ":memory:":
        return os.path.abspath(parsed.database.removeprefix("file:").split("?", 1)[0])
    return safe_url(url)


def is_lock_timeout(error: BaseException) -> bool:
    """Whether a database error means another transaction held a lock past our wait."""
    orig = getattr(error, "orig", error)
    if getattr(orig, "sqlstate", None) == "55P03":  # PostgreSQL lock_not_available (our lock_timeout)
        return True
    text = str(orig).lower()
    return "database is locked" in text or "database table is locked" in text


def register_url(url: str | None = None) -> str:
    return url or os.environ.get(URL_ENV) or DEFAULT_URL


def require_existing(url: str | None = None) -> None:
    """Refuse a SQLite register file that does not exist (reading must not create an empty one)."""
    url = register_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        return  # open_engine says what is wrong with it
    path = parsed.database
    if parsed.get_backend_name() == "sqlite" and path and path != ":memory:" and not os.path.exists(path):
        raise RegisterUnavailable(
            f"there is no register at {safe_url(url)}: import findings with `riskbrief register import FILE`, "
            f"or point --db or {URL_ENV} at the register to read"
        )


def safe_url(url: str) -> str:
    """The URL as it may be shown: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<invalid URL>"


def _sqlite_pragmas(wait: float):
    def on_connect(dbapi_conn, _record) -> None:
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        # Write-ahead logging: readers keep reading while a writer holds the lock (in the default
        # rollback journal a committing writer shuts them out). The mode is stored in the file, so
        # this converts an older register once; a read-only file, or one another process is using
        # right now, keeps its mode (tried without waiting, so it never holds anyone up).
        try:
            if cur.execute("PRAGMA journal_mode").fetchone()[0].lower() not in ("wal", "memory"):
                cur.execute("PRAGMA busy_timeout=0")
                cur.execute("PRAGMA journal_mode=WAL")
        except sqlite3.DatabaseError:
            pass
        finally:
            cur.execute(f"PRAGMA busy_timeout={int(wait * 1000)}")
            cur.close()

    return on_connect


def open_engine(url: str | None = None, *, wait: float | None = None) -> Engine:
    """An engine on the register, migrated to the current schema.

    `wait` is how many seconds a statement waits for another writer's lock before the
    command fails with RegisterLocked (default: RISKBRIEF_REGISTER_LOCK_WAIT, else 5).
    """
    url = register_url(url)
    wait = lock_wait(wait)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RegisterUnavailable(
            f"'{safe_url(url)}' is not a database URL; use e.g. sqlite:///riskbrief-register.db "
            "or postgresql+psycopg://user@host/dbname"
        )
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": wait}
    elif parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            # psycopg 3 is the driver riskbrief ships with (extra "postgres").
            parsed = parsed.set(drivername="postgresql+psycopg")
        # A row or table lock held by another session fails after `wait` instead of hanging; added to
        # any options the URL already gives (a search_path, say), and never over a lock_timeout of its own.
        options = parsed.query.get("options") or ""
        options = " ".join(options) if isinstance(options, tuple) else options
        if "lock_timeout" not in options:
            # at least 1 ms: PostgreSQL reads a lock_timeout of 0 as "wait for ever"
            options = f"{options} -c lock_timeout={max(1, int(wait * 1000))}".strip()
            parsed = parsed.update_query_dict({"options": options})
    try:
        engine = create_engine(parsed, **kwargs)
    except NoSuchModuleError:
        raise RegisterUnavailable(
            f"no database of kind '{parsed.drivername}' ({safe_url(url)}); use a SQLite file "
            "(sqlite:///riskbrief-register.db) or PostgreSQL (postgresql+psycopg://user@host/dbname)"
        ) from None
    except (ImportError, ModuleNotFoundError) as e:
        raise RegisterUnavailable(
            f"no database driver for {parsed.drivername} ({e.name or e}); for PostgreSQL run "
            "`pip install 'riskbrief[postgres]'`"
        )
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas(wait))
    _LOCK_WAITS[engine] = wait
    try:
        migrate(engine, url)
    except RegisterUnavailable:
        fallback = _read_only_sqlite(parsed, wait)
        if fallback is None:
            raise
        engine.dispose()
        engine = fallback
        _LOCK_WAITS[engine] = wait
        _GIVEN_URLS[engine] = url
        migrate(engine, url)
    return engine


def _read_only_sqlite(parsed, wait: float) -> Engine | None:
    """The register opened read-only, when it is a SQLite file in a directory this process cannot write.

    A register in write-ahead-log mode needs its -wal and -shm files beside it even to read, so
    on a read-only share it cannot be opened the usual way; opened as immutable it still reads
    (writes then fail as read-only, which the store reports as such).
    """
    path = parsed.database if parsed.get_backend_name() == "sqlite" else None
    if not path or path == ":memory:" or path.startswith("file:") or not os.path.isfile(path):
        return None
    if _can_create_files_in(os.path.dirname(os.path.abspath(path))):
        return None
    from urllib.parse import quote

    engine = create_engine(f"sqlite:///file:{quote(os.path.abspath(path))}?mode=ro&immutable=1&uri=true",
                           connect_args={"timeout": wait})
    event.listen(engine, "connect", _sqlite_pragmas(wait))
    return engine


def _can_create_files_in(folder: str) -> bool:
    """Tried, not asked: os.access says yes to root on a read-only or immutable directory."""
    import tempfile

    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def _migration_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(resources.files("engine.register") / "migrations"))
    cfg.attributes["connection"] = connection
    return cfg


def _current_and_head(engine: Engine) -> tuple[str | None, str]:
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    with engine.connect() as conn:
        current = MigrationContext.configure(conn).get_current_revision()
        head = ScriptDirectory.from_config(_migration_config(conn)).get_current_head()
    return current, head


def migrate(engine: Engine, url: str) -> None:
    """Apply any pending migrations; tolerate another process doing it at the same moment."""
    from alembic import command

    try:
        current, head = _current_and_head(engine)
        if current == head:
            return
        try:
            with engine.begin() as conn:
                command.upgrade(_migration_config(conn), "head")
        except SQLAlchemyError:
            # Another process may have migrated first; fine if we are now at head.
            current, head = _current_and_head(engine)
            if current != head:
                raise
    except OperationalError as e:
        if is_lock_timeout(e):
            raise RegisterLocked(url, engine_lock_wait(engine)) from None
        raise RegisterUnavailable(
            f"cannot open the register at {safe_url(url)}: {getattr(e, 'orig', e)}. "
            f"Check the path or server, or set {URL_ENV}."
        )
    except SQLAlchemyError as e:
        raise RegisterUnavailable(
            f"cannot bring the register at {safe_url(url)} up to date: {getattr(e, 'orig', e)}. "
            f"Is it a riskbrief register? Point --db or {URL_ENV} at an empty or riskbrief database."
        )
