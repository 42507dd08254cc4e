"""Every row of every table of a workspace, hashed: so that "nothing was written" is
checked exactly, not by counting a few tables."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from ownersrep.db.workspace import Workspace


def fingerprint(workspace: Workspace, skip: Iterable[str] = ()) -> str:
    left_out = set(skip)
    digest = hashlib.sha256()
    with workspace.engine.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        ).scalars()
        for table in [t for t in tables if t not in left_out]:
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr((table, tuple(row))).encode())
    return digest.hexdigest()
