from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ownersrep.db.base import Audited, Base


class Setting(Audited, Base):
    """Workspace-wide settings (name, currency...) as key/value text."""

    __tablename__ = "setting"
    __audit_entity__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
