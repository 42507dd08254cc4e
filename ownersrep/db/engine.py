"""The SQLite engine with the pragmas that keep a workspace safe.

pysqlite (Python's sqlite3) starts transactions late and never for DDL, so SQLAlchemy's
BEGIN/COMMIT would not be real. Following the SQLAlchemy SQLite dialect docs
("Serializable isolation / Savepoints / Transactional DDL"), the driver's own
transaction handling is switched off and SQLAlchemy emits BEGIN itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from ownersrep.db.audit import install_audit

# 'OREP' in ASCII: marks a file as an OwnersRep workspace (PRAGMA application_id).
APPLICATION_ID = 0x4F524550


def make_engine(path: Path) -> Engine:
    engine = create_engine(f"sqlite:///{path.as_posix()}", connect_args={"timeout": 5})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves (see module doc)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = FULL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN")

    return engine


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    # expire_on_commit=False: services copy rows into DTOs after commit without reloading.
    factory = sessionmaker(engine, expire_on_commit=False)
    install_audit(factory)
    return factory
