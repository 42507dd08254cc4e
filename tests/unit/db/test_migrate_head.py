from __future__ import annotations

from contextlib import closing
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine
from sqlalchemy.pool import NullPool

from ownersrep.db import migrate
from ownersrep.db.engine import APPLICATION_ID, make_engine
from ownersrep.db.workspace import connect_read_only, open_for_use
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.workspace_service import schema_differences

EARLIER = ("0001", "0002", "0003", "0004", "0005")


def test_head_constant_matches_alembic_head() -> None:
    # HEAD_REVISION lets a workspace at head open without importing Alembic; it must be
    # bumped with every new migration.
    assert migrate.alembic_head() == migrate.HEAD_REVISION
    assert migrate.is_known(migrate.HEAD_REVISION)
    assert not migrate.is_known("ffff9999")


def test_every_earlier_revision_is_known() -> None:
    assert set(EARLIER) | {migrate.HEAD_REVISION} == migrate.known_revisions()


def revision(path: Path) -> str:
    with closing(connect_read_only(path)) as conn:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]


def test_empty_file_migrates_to_head_with_the_report_period_table(tmp_path: Path) -> None:
    path = tmp_path / "bare.sqlite"
    path.touch()
    engine = create_engine(f"sqlite:///{path}", poolclass=NullPool)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
    finally:
        engine.dispose()
    assert revision(path) == "0006"
    assert schema_differences(path) == []
    with closing(connect_read_only(path)) as conn:
        columns = [r[1] for r in conn.execute("PRAGMA table_info(report_period)")]
    assert columns == [
        "id", "project_id", "period", "report_number", "narrative_html", "achievements",
        "prepared_by", "reviewed_by", "issued_on", "frozen_overrides",
    ]  # fmt: skip


def write_at(path: Path, target: str) -> None:
    """A workspace as an older version wrote it: a project with a task and an issue."""
    engine = make_engine(path)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            migrate.upgrade(conn, target)
            conn.exec_driver_sql(
                "INSERT INTO project (id, sort_order, name, code, kind, status, currency, "
                "location, description, status_date) VALUES (1, 1, 'Clinic', 'RC', "
                "'construction', 'active', 'USD', '', '', '2026-11-13')"
            )
            conn.exec_driver_sql(
                "INSERT INTO task (id, project_id, sort_order, name, kind, duration_days, "
                "percent_complete, notes) VALUES (1, 1, 1, 'Excavate', 'task', 5, 0, '')"
            )
            conn.exec_driver_sql(
                "INSERT INTO issue (id, project_id, issue_type, number, title, description, "
                "priority, status, raised_on, resolution, internal) VALUES (1, 1, 'issue', "
                "'ISS-0001', 'Rock at footing F3', '', 'high', 'open', '2026-11-02', '', 0)"
            )
    finally:
        engine.dispose()


@pytest.mark.parametrize("earlier", EARLIER)
def test_every_earlier_schema_upgrades_keeping_its_data(
    tmp_path: Path, earlier: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("OWNERSREP_BACKUP_DIR", str(tmp_path / "backups"))
    path = tmp_path / "older.orep"
    write_at(path, earlier)
    with open_for_use(path) as ws:
        assert ws.upgraded_from == earlier
        app = AppServices(ServiceContext(ws.sessions, today=lambda: date(2026, 11, 20)))
        assert [t.name for t in app.tasks.list_tasks(1)] == ["Excavate"]
        assert [i.title for i in app.issues.list_issues(1)] == ["Rock at footing F3"]
        app.report_periods.save(1, "2026-11", {"narrative_html": "<p>Upgraded</p>"})
        built = app.reports.project_report(1, "2026-11")
        assert built.issues is not None and [i.number for i in built.issues.open] == ["ISS-0001"]
    assert revision(path) == migrate.HEAD_REVISION
    assert schema_differences(path) == []
    with closing(connect_read_only(path)) as conn:
        assert conn.execute("SELECT period, narrative_html FROM report_period").fetchall() == [
            ("2026-11", "<p>Upgraded</p>")
        ]
