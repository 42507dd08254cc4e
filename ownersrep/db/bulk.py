"""Many rows through one statement, without SQLAlchemy's per-row parameter handling.

`session.execute(stmt, [dict, ...])` builds and processes a parameter dict per row; for
the 10,000 rows a reschedule may write, that costs more than SQLite's own work. Here the
statement is compiled once, the column types' bind processors run once per value that
needs one, and the rows go to the driver's `executemany` as tuples (or dicts for a
driver with named parameters).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Select
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable
from sqlalchemy.types import TypeEngine


def execute_many(
    session: Session, stmt: Executable, names: Sequence[str], rows: Sequence[Sequence[Any]]
) -> None:
    """Run `stmt` once per row; each row holds the values of the bind parameters
    `names`, in that order (every bind parameter of `stmt` must be named)."""
    if not rows:
        return
    conn = session.connection()
    dialect = conn.dialect
    compiled = stmt.compile(dialect=dialect)
    missing = set(compiled.binds) - set(names)
    if missing:
        raise ValueError(f"no value for the parameters {sorted(missing)}")
    order = list(compiled.positiontup or ()) if compiled.positional else list(names)
    slot = {name: n for n, name in enumerate(names)}
    picks = [slot[name] for name in order]
    processors = [_processor(compiled.binds[name].type, dialect) for name in order]
    plain = all(p is None for p in processors)
    params: list[Any] = []
    for row in rows:
        values = [row[i] for i in picks]
        if not plain:
            values = [
                v if p is None or v is None else p(v)
                for v, p in zip(values, processors, strict=True)
            ]
        params.append(
            tuple(values) if compiled.positional else dict(zip(order, values, strict=True))
        )
    conn.exec_driver_sql(compiled.string, params)


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The type's bind processor; for SQLite's dates the same text made by `isoformat`,
    several times faster than the general formatter (a test holds them equal)."""
    if dialect.name == "sqlite" and type(type_) in (Date, DateTime):
        return _sqlite_datetime if isinstance(type_, DateTime) else date.isoformat
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _sqlite_datetime(value: datetime) -> str:
    return value.isoformat(" ", "microseconds")


def read_all(session: Session, stmt: Select[Any]) -> list[tuple[Any, ...]]:
    """`session.execute(stmt).all()` as plain tuples, for a hot list of thousands of rows.

        On SQLite the statement goes to the driver and each date column is parsed with
        `date.fromisoformat` / `datetime.fromisoformat`, in C, where SQLAlchemy's result
        machinery took twice as long for a 10,000-task WBS; other columns keep their type's
        own result processing. Other databases, and statements with an IN list, take the
    ordinary path."""
    conn = session.connection()
    dialect = conn.dialect
    compiled = stmt.compile(dialect=dialect)
    if dialect.name != "sqlite" or any(b.expanding for b in compiled.binds.values()):
        # Other databases, and IN lists (expanded at execution): the ordinary path.
        return [tuple(r) for r in conn.execute(stmt)]
    params = compiled.construct_params()
    binds = []
    for name in compiled.positiontup or ():
        value, process = params[name], _processor(compiled.binds[name].type, dialect)
        binds.append(value if process is None or value is None else process(value))
    converters = [_converter(col.type, dialect) for col in stmt.selected_columns]
    rows = conn.exec_driver_sql(compiled.string, tuple(binds)).fetchall()
    convert = [(n, c) for n, c in enumerate(converters) if c is not None]
    if not convert:
        return rows  # the driver's rows are tuples already
    out = []
    for r in rows:  # only the columns that need it: most rows are mostly ints and text
        row = list(r)
        for n, c in convert:
            v = row[n]
            if v is not None:
                row[n] = c(v)
        out.append(tuple(row))
    return out


def _converter(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    kind = type(type_)
    if kind is Date:
        return date.fromisoformat
    if kind is DateTime:
        return datetime.fromisoformat
    return type_.dialect_impl(dialect).result_processor(dialect, None)
