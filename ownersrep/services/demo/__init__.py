"""Write a demo workspace: a realistic construction project and an internal project with
their parties, plus optional synthetic projects for benchmarks.

`write_demo` builds every row in memory first (deterministic: seeded random), then creates
the file and writes everything in ONE transaction. If anything fails the new file is
removed, so there is never a half-written demo.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from random import Random

from ownersrep.db.workspace import create_workspace
from ownersrep.services.demo.baseline import save_planned_baseline
from ownersrep.services.demo.clinic import add_clinic
from ownersrep.services.demo.cost_clinic import add_clinic_cost
from ownersrep.services.demo.cost_erp import add_erp_cost
from ownersrep.services.demo.erp import add_erp
from ownersrep.services.demo.health_history import add_period_history
from ownersrep.services.demo.parties import (
    BENCHMARK_PARTIES,
    CLINIC_PARTIES,
    ERP_PARTIES,
    add_parties,
)
from ownersrep.services.demo.report_records import add_report_records
from ownersrep.services.demo.rows import STATUS_DATE, DemoRows
from ownersrep.services.demo.synthetic import add_synthetic
from ownersrep.services.demo.writer import write_rows
from ownersrep.services.schedule_run import reschedule

__all__ = ["DemoSummary", "build_demo_rows", "write_demo"]

SEED = 20261113
# When the demo's baseline was "saved": the day the clinic's GMP schedule was agreed.
BASELINE_SAVED = datetime(2026, 1, 23, 17, 0)


@dataclass(frozen=True)
class DemoSummary:
    projects: int
    tasks: int
    links: int
    issues: int
    risks: int
    parties: int
    seconds: float


def build_demo_rows(scale: int = 0, progress: Callable[[str], None] | None = None) -> DemoRows:
    """Every row of the demo, in memory, ids assigned. Same scale → same rows."""
    if scale < 0:
        raise ValueError("scale must be 0 or more")
    say = progress or (lambda _msg: None)
    rng = Random(SEED)
    rows = DemoRows()
    rows.settings += [
        {"key": "workspace_name", "value": "Demo portfolio"},
        {"key": "currency", "value": "USD"},
    ]
    parties = add_parties(rows, CLINIC_PARTIES)
    parties |= add_parties(rows, ERP_PARTIES)
    say("Building Riverside Medical Clinic")
    clinic = add_clinic(rows, rows.add_program("Capital Projects"), parties, rng)
    add_clinic_cost(rows, clinic, parties)
    say("Building Finance & Supply Chain ERP Roll-out")
    erp = add_erp(rows, rows.add_program("Corporate Transformation"), parties, rng)
    add_erp_cost(rows, erp, parties)
    add_period_history(rows, clinic, erp)
    add_report_records(rows, clinic, erp)
    if scale:
        parties |= add_parties(rows, BENCHMARK_PARTIES)
        bench = rows.add_program("Benchmark")
        for number in range(1, scale + 1):
            say(f"Building Synthetic project {number:02d} of {scale}")
            add_synthetic(rows, bench, number, parties, Random(SEED + number))
    return rows


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def write_demo(
    path: Path, scale: int = 0, progress: Callable[[str], None] | None = None
) -> DemoSummary:
    """Create a new workspace at `path` holding the demo portfolio.

    Raises WorkspaceError if `path` already exists (the existing file is not touched)."""
    started = time.perf_counter()
    path = Path(path)
    workspace = create_workspace(path)  # refuses an existing path
    try:
        rows = build_demo_rows(scale, progress)
        with workspace.sessions.begin() as session:
            write_rows(session, rows, progress)
            # The engine places every task, as it will after any edit; written rows
            # the engine leaves where the demo put them are not touched again.
            for project in rows.projects:
                save_planned_baseline(session, project["id"], BASELINE_SAVED)
                reschedule(session, project["id"], STATUS_DATE)
    except BaseException:
        workspace.close()
        _remove(path)
        raise
    workspace.close()
    return DemoSummary(
        projects=len(rows.projects),
        tasks=len(rows.tasks),
        links=len(rows.links),
        issues=len(rows.issues),
        risks=len(rows.risks),
        parties=len(rows.parties),
        seconds=time.perf_counter() - started,
    )
