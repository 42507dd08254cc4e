from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ownersrep.db.base import Audited, Base


class Party(Audited, Base):
    """An organisation: owner/client, contractor, consultant or internal team."""

    __tablename__ = "party"
    __audit_entity__ = "party"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text, default="")

    contacts: Mapped[list[Contact]] = relationship(
        back_populates="party", cascade="all, delete-orphan", order_by="Contact.name"
    )


class Contact(Audited, Base):
    __tablename__ = "contact"
    __audit_entity__ = "contact"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("party.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")

    party: Mapped[Party] = relationship(back_populates="contacts")
