"""The engine's promises: real transactions (DDL included), safe pragmas, ids that are
never reused, and an audit row for every change in the same transaction."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text

from ownersrep.db.models import AuditEntry, Party
from ownersrep.db.workspace import Workspace


def test_pragmas(workspace: Workspace) -> None:
    with workspace.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA application_id").scalar() == 0x4F524550


def test_ddl_is_transactional(workspace: Workspace) -> None:
    # pysqlite on its own commits around DDL; our engine must keep it in the transaction.
    with pytest.raises(RuntimeError), workspace.engine.begin() as conn:
        conn.execute(text("CREATE TABLE scratch (x INTEGER)"))
        conn.execute(text("INSERT INTO party (name, role, notes) VALUES ('A', 'owner', '')"))
        raise RuntimeError("abort")
    with workspace.engine.connect() as conn:
        tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name='scratch'")
        assert tables.all() == []
        assert conn.exec_driver_sql("SELECT count(*) FROM party").scalar() == 0


def test_deleted_ids_are_never_handed_out_again(workspace: Workspace) -> None:
    with workspace.sessions.begin() as s:
        s.add_all([Party(name="A", role="owner"), Party(name="B", role="contractor")])
    with workspace.sessions.begin() as s:
        s.delete(s.scalars(select(Party).where(Party.name == "B")).one())
    with workspace.sessions.begin() as s:
        c = Party(name="C", role="consultant")
        s.add(c)
        s.flush()
        assert c.id == 3  # not 2: the audit trail's "party 2" stays the deleted B


def test_audit_records_insert_update_delete_with_old_and_new(workspace: Workspace) -> None:
    with workspace.sessions.begin() as s:
        p = Party(name="Summit Builders", role="contractor")
        s.add(p)
    with workspace.sessions.begin() as s:
        row = s.get(Party, p.id)
        assert row is not None
        row.name = "Summit Builders Inc."
    with workspace.sessions.begin() as s:
        s.delete(s.get(Party, p.id))
    with workspace.sessions() as s:
        rows = s.execute(
            select(
                AuditEntry.action,
                AuditEntry.entity,
                AuditEntry.entity_id,
                AuditEntry.field,
                AuditEntry.old,
                AuditEntry.new,
            ).order_by(AuditEntry.id)
        ).all()
    assert [tuple(r[:4]) for r in rows] == [
        ("insert", "party", p.id, None),
        ("update", "party", p.id, "name"),
        ("delete", "party", p.id, None),
    ]
    assert tuple(rows[1][4:]) == ("Summit Builders", "Summit Builders Inc.")
    assert '"name": "Summit Builders"' in rows[0][5]
    assert '"name": "Summit Builders Inc."' in rows[2][4]


def test_a_rolled_back_change_leaves_no_audit(workspace: Workspace) -> None:
    with pytest.raises(RuntimeError), workspace.sessions.begin() as s:
        s.add(Party(name="Ghost", role="owner"))
        s.flush()
        raise RuntimeError("abort")
    with workspace.sessions() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == 0
        assert s.scalar(select(func.count()).select_from(Party)) == 0
