"""Baselines: named, frozen copies of a project's schedule, and the variance of the
current schedule against the one the project is compared with.

A baseline copies every task's start, finish and duration (summaries rolled up from
the tasks under them, as the schedule shows them). Its task rows are written and read
with Core statements, since a project may hold 10,000 tasks; the baseline's own row is
written through the ORM, and that insert is the audit record of the whole copy.

Which baseline the project is compared against lives in the `setting` table under
`baseline.compared.<project id>` (the baseline id as text; absent = none).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Baseline, BaselineTask, Project, Setting
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.baseline_dates import baseline_task_dates, copy_rows
from ownersrep.services.baseline_types import BaselineDates, BaselineRef, BaselineSnapshot
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.snapshot import Snapshot, row_values
from ownersrep.services.validation import required_text

COMPARED_PREFIX = "baseline.compared."
NAME_FIELD = "Name"
NAME_MAX = 200


def compared_key(project_id: int) -> str:
    """The setting that names the baseline a project is compared against."""
    return f"{COMPARED_PREFIX}{project_id}"


def default_name(number: int) -> str:
    """MS Project's names: "Baseline" for number 0, then "Baseline 1", "Baseline 2"..."""
    return "Baseline" if number == 0 else f"Baseline {number}"


class BaselineService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def list_baselines(self, project_id: int) -> list[BaselineRef]:
        """The project's baselines by number, then name."""
        with self._ctx.sessions() as s:
            compared = compared_baseline_id(s, project_id)
            counts = dict(
                s.execute(
                    select(BaselineTask.baseline_id, func.count())
                    .join(Baseline, Baseline.id == BaselineTask.baseline_id)
                    .where(Baseline.project_id == project_id)
                    .group_by(BaselineTask.baseline_id)
                ).all()
            )
            rows = s.execute(
                select(Baseline.id, Baseline.name, Baseline.number, Baseline.saved_at)
                .where(Baseline.project_id == project_id)
                .order_by(Baseline.number, Baseline.name, Baseline.id)
            ).all()
        return [
            BaselineRef(
                r.id,
                project_id,
                r.name,
                r.number,
                r.saved_at,
                counts.get(r.id, 0),
                r.id == compared,
            )
            for r in rows
        ]

    def compared_baseline(self, project_id: int) -> int | None:
        """The id of the baseline the project is compared against, if any."""
        with self._ctx.sessions() as s:
            return compared_baseline_id(s, project_id)

    def task_dates(self, baseline_id: int) -> dict[int, BaselineDates]:
        """Task id → the task's baseline dates and finish variance. Tasks added since the
        baseline was saved are absent."""
        with self._ctx.sessions() as s:
            b = _baseline(s, baseline_id)
            return baseline_task_dates(s, b.project_id, baseline_id)

    def compared_task_dates(self, project_id: int) -> dict[int, BaselineDates]:
        """`task_dates` of the compared baseline, or {} when none is chosen."""
        with self._ctx.sessions() as s:
            baseline_id = compared_baseline_id(s, project_id)
            return {} if baseline_id is None else baseline_task_dates(s, project_id, baseline_id)

    def suggest_name(self, project_id: int) -> str:
        """A free name for the next baseline: "Baseline 2 — 21 Nov 2026"."""
        with self._ctx.sessions() as s:
            number = _next_number(s, project_id)
            taken = _names(s, project_id)
        name = f"{default_name(number)} — {self._ctx.today():%d %b %Y}"
        candidate, n = name, 1
        while candidate.casefold() in taken:
            n += 1
            candidate = f"{name} ({n})"
        return candidate

    # -- edits -----------------------------------------------------------------------
    def save_baseline(self, project_id: int, name: str) -> Outcome[BaselineRef]:
        """Copy the project's current schedule into a new baseline. The project's first
        baseline (while none is compared) becomes the compared one."""
        clean = required_text(name, NAME_FIELD, NAME_MAX)
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            _check_unique(s, project_id, clean)
            b = Baseline(
                project_id=project_id,
                name=clean,
                number=_next_number(s, project_id),
                saved_at=datetime.now().replace(microsecond=0),
            )
            s.add(b)
            s.flush()
            rows = copy_rows(s, project_id, b.id)
            if rows:
                s.execute(insert(BaselineTask.__table__), rows)
            compared = compared_baseline_id(s, project_id)
            if compared is None:
                _set_compared(s, project_id, b.id)
                compared = b.id
            ref = BaselineRef(
                b.id, project_id, b.name, b.number, b.saved_at, len(rows), compared == b.id
            )
        return Outcome(ref, Changes.of("baseline", [ref.id], project_id, structural=True))

    def rename_baseline(self, baseline_id: int, name: str) -> Outcome[str]:
        """Returns the old name."""
        clean = required_text(name, NAME_FIELD, NAME_MAX)
        with self._ctx.sessions.begin() as s:
            b = _baseline(s, baseline_id)
            old = b.name
            if clean != old:
                _check_unique(s, b.project_id, clean, except_id=b.id)
                b.name = clean
            project_id = b.project_id
        return Outcome(old, Changes.of("baseline", [baseline_id], project_id))

    def delete_baseline(self, baseline_id: int) -> Outcome[Snapshot]:
        """Delete a baseline with its task rows; if it was the compared one, the project
        is compared with none. The snapshot brings it all back."""
        with self._ctx.sessions.begin() as s:
            b = _baseline(s, baseline_id)
            project_id = b.project_id
            compared = compared_baseline_id(s, project_id) == baseline_id
            table: Any = BaselineTask.__table__
            task_rows = tuple(
                dict(r._mapping)
                for r in s.execute(select(table).where(table.c.baseline_id == baseline_id))
            )
            snap = BaselineSnapshot(
                ((Baseline, (row_values(b),)), (BaselineTask, task_rows)), compared=compared
            )
            s.execute(delete(table).where(table.c.baseline_id == baseline_id))
            if compared:
                _set_compared(s, project_id, None)
            s.delete(b)
        return Outcome(snap, Changes.of("baseline", [baseline_id], project_id, structural=True))

    def restore_baseline(self, snapshot: Snapshot) -> Changes:
        """Undo a delete: the same id, task rows and compared choice."""
        ids: list[int] = []
        project_id = None
        with self._ctx.sessions.begin() as s:
            for model, rows in snapshot.parts:
                if model is Baseline:
                    for values in rows:
                        s.add(Baseline(**values))
                        ids.append(values["id"])
                        project_id = values["project_id"]
                    s.flush()
                elif model is BaselineTask and rows:
                    s.execute(insert(BaselineTask.__table__), list(rows))
            if project_id is not None and getattr(snapshot, "compared", False):
                _set_compared(s, project_id, ids[0])
        return Changes.of("baseline", ids, project_id, structural=True)

    def set_compared_baseline(
        self, project_id: int, baseline_id: int | None
    ) -> Outcome[int | None]:
        """Compare the project against this baseline (None: against none). Returns the
        previous choice, for undo."""
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            if baseline_id is not None:
                b = _baseline(s, baseline_id)
                if b.project_id != project_id:
                    raise ValidationError("Baseline", f"“{b.name}” belongs to another project")
            old = compared_baseline_id(s, project_id)
            if old != baseline_id:
                _set_compared(s, project_id, baseline_id)
        ids = [i for i in (old, baseline_id) if i is not None]
        return Outcome(old, Changes.of("baseline", ids, project_id))


# -- helpers (inside a session) ------------------------------------------------------
def _baseline(s: Session, baseline_id: int) -> Baseline:
    b = s.get(Baseline, baseline_id)
    if b is None:
        raise NotFoundError("baseline", baseline_id)
    return b


def _names(s: Session, project_id: int, except_id: int | None = None) -> set[str]:
    rows = s.execute(select(Baseline.id, Baseline.name).where(Baseline.project_id == project_id))
    return {name.casefold() for bid, name in rows if bid != except_id}


def _check_unique(s: Session, project_id: int, name: str, except_id: int | None = None) -> None:
    if name.casefold() in _names(s, project_id, except_id):
        raise ValidationError(NAME_FIELD, f"a baseline called “{name}” already exists")


def _next_number(s: Session, project_id: int) -> int:
    top = s.scalar(select(func.max(Baseline.number)).where(Baseline.project_id == project_id))
    return 0 if top is None else top + 1


def compared_baseline_id(s: Session, project_id: int) -> int | None:
    """The compared baseline's id, if the setting names one of the project's. Public
    for services that fill the schedule's rows inside their own session (with
    `baseline_dates.baseline_task_dates`)."""
    value = s.scalar(select(Setting.value).where(Setting.key == compared_key(project_id)))
    if value is None or not value.strip().isdigit():
        return None
    baseline_id = int(value)
    owner = s.scalar(select(Baseline.project_id).where(Baseline.id == baseline_id))
    return baseline_id if owner == project_id else None


def _set_compared(s: Session, project_id: int, baseline_id: int | None) -> None:
    row = s.get(Setting, compared_key(project_id))
    if baseline_id is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(Setting(key=compared_key(project_id), value=str(baseline_id)))
    elif row.value != str(baseline_id):
        row.value = str(baseline_id)
    s.flush()
