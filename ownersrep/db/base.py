"""Declarative base. The naming convention gives every constraint a stable name, so
Alembic batch migrations on SQLite can alter or drop it later."""

from __future__ import annotations

from sqlalchemy import MetaData
from sqlalchemy.orm import DeclarativeBase

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Audited:
    """Marker mixin: inserts, updates and deletes of these rows are written to the audit
    table in the same transaction (see `ownersrep.db.audit`)."""

    __audit_entity__: str = ""
