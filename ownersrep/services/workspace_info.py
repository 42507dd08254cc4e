"""Workspace-wide settings: the portfolio's name and currency."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from ownersrep.db.models import Setting
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.validation import required_text

DEFAULTS = {"workspace_name": "Portfolio", "currency": "USD"}


@dataclass(frozen=True)
class WorkspaceInfo:
    name: str
    currency: str


class WorkspaceInfoService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self) -> WorkspaceInfo:
        with self._ctx.sessions() as s:
            values = {k: v for k, v in s.execute(select(Setting.key, Setting.value))}
        return WorkspaceInfo(
            name=values.get("workspace_name", DEFAULTS["workspace_name"]),
            currency=values.get("currency", DEFAULTS["currency"]),
        )

    def rename(self, name: str) -> Outcome[str]:
        clean = required_text(name, "Portfolio name", 200)
        with self._ctx.sessions.begin() as s:
            row = s.get(Setting, "workspace_name")
            old = row.value if row else DEFAULTS["workspace_name"]
            if row is None:
                s.add(Setting(key="workspace_name", value=clean))
            else:
                row.value = clean
        return Outcome(old, Changes.of("workspace"))
