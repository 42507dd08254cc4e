"""The engine's input and answer for the project scheduled last, kept between edits.

A drag on a 10,000-task project should not read 10,000 tasks and 20,000 links again to
learn what one row now says. After a reschedule commits, its input (as stored, with the
write-back applied) and result stay here; the next edit of a few tasks' own fields
patches that input with those rows (`schedule_input.patch_schedule`).

It is trusted only while nothing else has been committed: any other commit through the
same sessions clears it, and a rolled-back transaction never installs what it staged.
The workspace is locked to one process, so no other writer can go unseen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

from ownersrep.domain.scheduling.model import ScheduleResult
from ownersrep.domain.scheduling.network import Network
from ownersrep.services.schedule_input import LoadedSchedule


@dataclass(frozen=True)
class Memo:
    loaded: LoadedSchedule  # the input, its `stored` and `link_state` as now written
    result: ScheduleResult
    network: Network | None = None  # what the engine ran on: the next run may reuse it


class ScheduleMemo:
    def __init__(self, sessions: sessionmaker[Session]) -> None:
        self._memo: Memo | None = None
        self._key = f"schedule_memo_{id(self)}"
        event.listen(sessions, "after_commit", self._on_commit)
        event.listen(sessions, "after_rollback", self._on_rollback)

    def get(self, project_id: int) -> Memo | None:
        memo = self._memo
        return memo if memo is not None and memo.loaded.project_id == project_id else None

    def stage(self, s: Session, memo: Memo) -> None:
        """Keep `memo` once `s` commits (and only then)."""
        s.info[self._key] = memo

    def clear(self) -> None:
        self._memo = None

    def _on_commit(self, session: Session, *_args: Any) -> None:
        self._memo = session.info.pop(self._key, None)

    def _on_rollback(self, session: Session, *_args: Any) -> None:
        session.info.pop(self._key, None)
