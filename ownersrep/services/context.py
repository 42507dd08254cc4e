"""What every service needs: the session factory and a clock (replaceable in tests)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session, sessionmaker


@dataclass
class ServiceContext:
    sessions: sessionmaker[Session]
    today: Callable[[], date] = field(default=date.today)
