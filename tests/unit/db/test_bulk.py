"""`execute_many`: the driver-level executemany writes what the ORM would have written."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import bindparam, select, update
from sqlalchemy.dialects import sqlite

from ownersrep.db.bulk import _processor, execute_many, read_all
from ownersrep.db.models import AuditEntry, Task
from ownersrep.db.workspace import Workspace
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService


@pytest.mark.parametrize(
    ("column", "value"),
    [
        (Task.__table__.c.start, date(2026, 1, 5)),
        (Task.__table__.c.start, date(1, 1, 1)),
        (AuditEntry.__table__.c.at, datetime(2026, 11, 22, 8, 5, 3, 12)),
        (AuditEntry.__table__.c.at, datetime(2026, 11, 22)),
    ],
)
def test_the_fast_sqlite_date_text_equals_sqlalchemys(column, value) -> None:  # type: ignore[no-untyped-def]
    dialect = sqlite.dialect()
    general = column.type.dialect_impl(dialect).bind_processor(dialect)
    assert _processor(column.type, dialect)(value) == general(value)


def _two_tasks(ws: Workspace) -> tuple[int, int]:
    pid = ProjectService(ServiceContext(ws.sessions)).create("Bulk").value.id
    with ws.sessions.begin() as s:
        a = Task(project_id=pid, name="A", start=date(2026, 1, 5), finish=date(2026, 1, 5))
        b = Task(project_id=pid, name="B", start=date(2026, 1, 5), finish=date(2026, 1, 5))
        s.add_all([a, b])
        s.flush()
        return a.id, b.id


_UPDATE = (
    update(Task.__table__)
    .where(Task.__table__.c.id == bindparam("b_id"))
    .values(finish=bindparam("b_finish"), critical=bindparam("b_crit"))
)


def test_rows_are_written_in_the_order_of_the_names(workspace: Workspace) -> None:
    a, b = _two_tasks(workspace)
    with workspace.sessions.begin() as s:
        execute_many(
            s,
            _UPDATE,
            ("b_id", "b_crit", "b_finish"),
            [(a, True, date(2026, 2, 2)), (b, False, date(2026, 3, 3))],
        )
    with workspace.sessions() as s:
        got = s.execute(select(Task.id, Task.finish, Task.critical).order_by(Task.id)).all()
    assert [tuple(r) for r in got] == [(a, date(2026, 2, 2), True), (b, date(2026, 3, 3), False)]


def test_a_parameter_without_a_value_is_refused(workspace: Workspace) -> None:
    a, _ = _two_tasks(workspace)
    with workspace.sessions.begin() as s, pytest.raises(ValueError, match="b_crit"):
        execute_many(s, _UPDATE, ("b_id", "b_finish"), [(a, date(2026, 2, 2))])


def test_read_all_gives_the_rows_sqlalchemy_gives(workspace: Workspace) -> None:
    a, b = _two_tasks(workspace)
    with workspace.sessions.begin() as s:
        t = s.get(Task, a)
        assert t is not None
        t.actual_start, t.critical, t.deadline = datetime(2026, 1, 5, 8), True, None
    columns = (Task.id, Task.start, Task.actual_start, Task.deadline, Task.critical, Task.name)
    by_project = select(*columns).where(Task.project_id == t.project_id).order_by(Task.id)
    by_ids = select(*columns).where(Task.id.in_([a, b])).order_by(Task.id)  # the plain path
    with workspace.sessions() as s:
        for query in (by_project, by_ids):
            assert read_all(s, query) == [tuple(r) for r in s.execute(query)]
        got = read_all(s, by_project)
    assert got[0][2] == datetime(2026, 1, 5, 8) and got[0][4] is True
    assert isinstance(got[0][1], date) and got[0][3] is None
