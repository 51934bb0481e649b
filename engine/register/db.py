"""Opening the register database and bringing its schema up to date."""

from __future__ import annotations

import os
from importlib import resources

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from engine.errors import RiskbriefError

DEFAULT_URL = "sqlite:///riskbrief-register.db"
URL_ENV = "RISKBRIEF_REGISTER_URL"
# How long a writer waits for another writer's lock before giving up (seconds).
SQLITE_LOCK_TIMEOUT = 60


class RegisterUnavailable(RiskbriefError):
    """The register database cannot be opened."""


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


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.close()


def open_engine(url: str | None = None) -> Engine:
    url = register_url(url)
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise RegisterUnavailable(
            f"'{safe_url(url)}' is not a database URL; use e.g. sqlite:///riskbrief-register.db "
            "or postgresql+psycopg://user@host/dbname"
        )
    kwargs: dict = {}
    if parsed.get_backend_name() == "sqlite":
        kwargs["connect_args"] = {"timeout": SQLITE_LOCK_TIMEOUT}
    elif parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        # psycopg 3 is the driver riskbrief ships with (extra "postgres").
        parsed = parsed.set(drivername="postgresql+psycopg")
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
        event.listen(engine, "connect", _sqlite_pragmas)
    migrate(engine, url)
    return engine


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
        raise RegisterUnavailable(
            f"cannot open the register at {safe_url(url)}: {getattr(e, 'orig', e)}. "
            f"Check the path or server, or set {URL_ENV}."
        )
    except SQLAlchemyError as e:
        raise RegisterUnavailable(
            f"cannot bring the register at {safe_url(url)} up to date: {getattr(e, 'orig', e)}. "
            f"Is it a riskbrief register? Point --db or {URL_ENV} at an empty or riskbrief database."
        )
