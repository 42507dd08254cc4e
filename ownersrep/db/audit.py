"""Write every change of an `Audited` row to `audit_entry`, in the same transaction.

Hooked on the session's after_flush: by then new rows have their ids, attribute history
still holds the old values, and a Core insert joins the flush's transaction, so the change
and its audit commit or roll back together.
"""

from __future__ import annotations

import getpass
import hashlib
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import bindparam, event, insert, inspect
from sqlalchemy.orm import Session, sessionmaker

from ownersrep.db.base import Audited
from ownersrep.db.bulk import execute_many
from ownersrep.db.models.audit import AuditEntry

_CORE_INSERT = insert(AuditEntry.__table__).values(
    {
        name: bindparam(name)
        for name in ("at", "user", "action", "entity", "entity_id", "field", "old", "new")
    }
)


def audit_text(value: Any) -> str | None:
    """A value as the audit trail stores it (dates ISO, booleans true/false)."""
    if value is None or type(value) is str:
        return value
    if value is True or value is False:
        return "true" if value else "false"
    return str(value)  # int, date, datetime, Decimal


_DUMPS = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def audit_json(row: Mapping[str, Any], fields: Iterable[str] | None = None) -> str:
    """A row (or some of its fields) as the JSON an insert or delete entry holds."""
    keys = row.keys() if fields is None else fields
    return _DUMPS({key: audit_text(row[key]) for key in keys})


def _row_json(obj: Any) -> str:
    mapper = inspect(obj).mapper
    return audit_json({c.key: getattr(obj, c.key) for c in mapper.column_attrs})


def _entity_id(obj: Any) -> int:
    # The identity key is only set after the flush completes; the mapper reads the
    # primary key straight from the instance, which the INSERT has already filled.
    key = inspect(obj).mapper.primary_key_from_instance(obj)[0]
    if isinstance(key, int):
        return key
    return text_key_id(str(key))


def text_key_id(key: str) -> int:
    """A stable audit id for a text-keyed row (settings), derived from its key."""
    return int.from_bytes(hashlib.sha1(key.encode()).digest()[:4], "big") >> 1


def _audit_rows(session: Session) -> list[dict[str, Any]]:
    now = datetime.now(UTC).replace(tzinfo=None)
    user = current_user(session)
    rows: list[dict[str, Any]] = []

    def add(action: str, obj: Any, field: str | None, old: str | None, new: str | None) -> None:
        rows.append(
            {
                "at": now,
                "user": user,
                "action": action,
                "entity": obj.__audit_entity__,
                "entity_id": _entity_id(obj),
                "field": field,
                "old": old,
                "new": new,
            }
        )

    for obj in session.new:
        if isinstance(obj, Audited):
            add("insert", obj, None, None, _row_json(obj))
    for obj in session.dirty:
        if not isinstance(obj, Audited) or not session.is_modified(obj):
            continue
        state = inspect(obj)
        for attr in state.mapper.column_attrs:
            hist = state.attrs[attr.key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old == new:
                continue
            add("update", obj, attr.key, audit_text(old), audit_text(new))
    for obj in session.deleted:
        if isinstance(obj, Audited):
            add("delete", obj, None, _row_json(obj), None)
    return rows


def _after_flush(session: Session, _flush_context: object) -> None:
    rows = _audit_rows(session)
    if rows:
        session.connection().execute(insert(AuditEntry), rows)


_USER: str | None = None


def current_user(session: Session) -> str:
    """Who is making the change, as the audit trail names them: the session's "user"
    (set by a caller that knows better), else the login name."""
    return session.info.get("user") or _login_name()


def _login_name() -> str:
    global _USER
    if _USER is None:
        try:
            _USER = getpass.getuser()
        except Exception:  # no login name (some containers): still audit the change
            _USER = "unknown"
    return _USER


def install_audit(factory: sessionmaker[Session]) -> None:
    event.listen(factory, "after_flush", _after_flush)


def audit_core_rows(
    session: Session,
    entity: str,
    action: str,
    rows: list[tuple[int, str | None, str | None, str | None]],
) -> None:
    """Audit a bulk Core write (demo, import) that bypassed the ORM unit of work.

    Each row is (entity_id, field, old, new)."""
    if not rows:
        return
    now = datetime.now(UTC).replace(tzinfo=None)
    user = current_user(session)
    # Straight to the driver's executemany: a reschedule may audit thousands of dates.
    execute_many(
        session,
        _CORE_INSERT,
        ("at", "user", "action", "entity", "entity_id", "field", "old", "new"),
        [(now, user, action, entity, eid, field, old, new) for eid, field, old, new in rows],
    )
