"""What every service needs: the session factory and a clock (replaceable in tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session, sessionmaker

from ownersrep.services.schedule_memo import ScheduleMemo


@dataclass
class ServiceContext:
    sessions: sessionmaker[Session]
    today: Callable[[], date] = field(default=date.today)
    # Shared by the services that schedule, so an edit can patch the last run's input.
    schedule_memo: ScheduleMemo = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.schedule_memo = ScheduleMemo(self.sessions)
