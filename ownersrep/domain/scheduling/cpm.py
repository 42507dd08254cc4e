"""Critical path method: `schedule(project) -> ScheduleResult`.

Rules (MS Project's, and P6's where they agree; `SchedProject.convention` picks where
they differ — see `Convention`):

- Time is the working-minute ordinal of each task's own calendar (`calendar.py`), so a
  task's finish is its start plus its duration, always. A link between tasks on
  different calendars, an elapsed lag, or a parent on another calendar passes through
  the wall clock: a finish leaves as its finish face (Friday 17:00), a start as its
  start face (Monday 08:00).
- Forward pass: a task starts at the latest of the project start, the status date (for
  work not yet done), its SNET/FNET date and what its links and its summary's links
  allow; MSO and MFO pin it to their date even against its links, which then shows as
  negative float. Links into a summary hold back all of its children.
- Backward pass from the project finish (the latest early finish, or
  `finish_constraint` if later): a task finishes by the earliest of that, its deadline,
  its SNLT/FNLT/MSO/MFO date and what its successors and its summary's successors allow.
  Deadlines and those constraints never move a task: they make its float negative.
- Total float = late finish − early finish in working minutes of the task's calendar;
  free float = the least gap to any successor (to the project finish when it has none),
  never above total float nor below zero. Critical = total float ≤ 0 and not finished.
- Progress: a finished task keeps its actual dates (late = early, no float, never
  critical). A started task keeps its actual start; with a status date its remaining
  work (which may exceed the plan) resumes no earlier than the status date and what
  its predecessors allow (retained logic), else it runs on from its start. A started
  task's late finish comes from its finish-type successors (FS, FF).
- Where P6 differs (`Convention.P6`): a finished activity stays in the network, at its
  actual dates unless an unfinished predecessor holds it back, and passes its
  successors' late dates on to its predecessors (MS Project: it holds back nothing);
  a started activity's remaining work must also resume by its start-to-start
  successors' late starts, less what is left of the lag; lags count on the
  predecessor's calendar; a started activity reports its remaining work's dates.
- ALAP: after both passes the task moves later by its free float, so that no other
  task moves (P6's rule).
- Summaries roll up: earliest start and latest finish of their children, early and
  late alike.
- A loop is refused naming its tasks; links to missing tasks and unknown calendars are
  refused too (`ScheduleError`), never dropped.
"""

from __future__ import annotations

import gc

from ownersrep.domain.scheduling.model import SchedProject, ScheduleResult
from ownersrep.domain.scheduling.network import Network, build_network
from ownersrep.domain.scheduling.passes import Scheduler


def schedule(project: SchedProject) -> ScheduleResult:
    """Early and late dates, floats and the critical path of every task."""
    return schedule_with(project)[0]


def schedule_with(
    project: SchedProject, previous: Network | None = None
) -> tuple[ScheduleResult, Network]:
    """`schedule`, and the network it ran on. With the `previous` run's network, when
    the project still has its shape (the same links, outline and calendars: see
    `Network.for_project`), that network is used again rather than built anew."""
    collecting = gc.isenabled()
    gc.disable()  # the passes allocate many small objects and free none of them early
    try:
        net = previous.for_project(project) if previous is not None else None
        if net is None:
            net = build_network(project)
        return Scheduler(net).run(), net
    finally:
        if collecting:
            gc.enable()
