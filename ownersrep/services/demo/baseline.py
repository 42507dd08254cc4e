"""The demo projects' baseline: their dates as planned, saved before the engine places the
work against the status date, so that the slips show as finish variance and in the
schedule performance index (SPI), as they would on a real project."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ownersrep.db.models import Baseline, BaselineTask, Setting
from ownersrep.services.baseline_dates import copy_rows
from ownersrep.services.baseline_service import compared_key

NAME = "Contract baseline"


def save_planned_baseline(s: Session, project_id: int, saved_at: datetime) -> None:
    """Baseline 0 of the project from its rows as written, compared from the start."""
    b = Baseline(project_id=project_id, name=NAME, number=0, saved_at=saved_at)
    s.add(b)
    s.flush()
    rows = copy_rows(s, project_id, b.id)
    if rows:
        s.execute(insert(BaselineTask.__table__), rows)
    s.add(Setting(key=compared_key(project_id), value=str(b.id)))
