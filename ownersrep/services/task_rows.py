"""The rows a view shows of a project's WBS: `TaskRow` (a task) and `LinkRow` (a
dependency). Built by `task_tree.build_rows`; many callers import them from `task_tree`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from ownersrep.domain.enums import LinkType, TaskKind


@dataclass(slots=True)
class TaskRow:
    """One WBS element as a view shows it. A summary with children carries the dates,
    duration and percent rolled up from the tasks below it (computed, never stored).

    Read-only by convention (change one with `dataclasses.replace`). Not frozen: a
    frozen dataclass sets each field through object.__setattr__, and building the
    10,000 rows of a big project took ten times as long."""

    id: int
    project_id: int
    parent_id: int | None
    sort_order: int
    wbs: str  # "1.2.3", computed from tree order
    depth: int  # 0 for top level
    name: str
    kind: TaskKind
    start: date | None
    duration_days: int
    finish: date | None
    percent_complete: int
    responsible_id: int | None
    responsible_name: str
    predecessors: str  # e.g. "1.2FS+3, 4SS": WBS codes of the predecessors
    has_children: bool
    # -- from the scheduling engine (None until the project is first scheduled) --------
    total_float_days: float | None = None  # working days; negative when late
    free_float_days: float | None = None
    critical: bool = False
    # -- what the user (or the file) set -------------------------------------------------
    constraint_type: str = "asap"  # ConstraintType value
    constraint_date: date | None = None
    deadline: date | None = None
    actual_start: date | None = None
    actual_finish: date | None = None
    manual: bool = False  # dates typed, not computed (MS Project's manual tasks)
    # -- the baseline chosen for comparison (None when none is chosen or it lacks the task)
    baseline_start: date | None = None
    baseline_finish: date | None = None
    finish_variance_days: float | None = None  # working days, positive = later than planned

    @property
    def rolled_up(self) -> bool:
        """True when dates and percent are computed from the children."""
        return self.kind is TaskKind.SUMMARY and self.has_children


class LinkRow(NamedTuple):
    """One dependency as the Gantt chart draws it. `driving` is true when this link
    sets the successor's date (no slack between them). (A tuple: a project may have
    20,000, read whenever the chart opens.)"""

    id: int
    predecessor_id: int
    successor_id: int
    link_type: LinkType
    lag_days: float
    driving: bool = False
