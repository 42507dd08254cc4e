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

from sqlalchemy import Boolean, Date, DateTime, Select
from sqlalchemy.dialects import sqlite as _sqlite
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
    # Column by column: the per-value work (a date's text) runs over one column at a
    # time, most of it inside `map`, and the rows are put together again by `zip`.
    columns = list(zip(*rows, strict=True))
    if len(columns) != len(names):
        raise ValueError(f"rows of {len(columns)} values for {len(names)} parameters")
    picked: list[Any] = []
    for name in order:
        values = columns[slot[name]]
        process = _processor(compiled.binds[name].type, dialect)
        if process is _sqlite_bool and set(map(type, values)) <= {bool}:
            process = int  # what the processor makes of True and False, in C
        if process is not None:
            if None in values:
                values = [v if v is None else process(v) for v in values]
            else:
                values = list(map(process, values))
        picked.append(values)
    params: list[Any] = list(zip(*picked, strict=True))
    if not compiled.positional:
        params = [dict(zip(order, values, strict=True)) for values in params]
    conn.exec_driver_sql(compiled.string, params)


def _processor(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    """The type's bind processor; for SQLite's dates the same text made by `isoformat`,
    several times faster than the general formatter (a test holds them equal)."""
    if dialect.name == "sqlite" and type(type_) in (Date, DateTime):
        return _sqlite_datetime if isinstance(type_, DateTime) else date.isoformat
    if dialect.name == "sqlite" and type(type_) is Boolean:
        return _sqlite_bool
    return type_.dialect_impl(dialect).bind_processor(dialect)


def _sqlite_bool(value: Any) -> Any:
    """SQLite's Boolean bind processor (it refuses what is not a bool, 0 or 1); a
    column of bools alone goes through `int` instead."""
    return _BOOL(value)


_BOOL = Boolean().dialect_impl(_sqlite.dialect()).bind_processor(_sqlite.dialect())


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
    if not rows or all(c is None for c in converters):
        return rows  # the driver's rows are tuples already
    # Column by column (see `execute_many`): most rows are mostly ints and text, and a
    # date column is often all set (a start) or all empty (a deadline).
    columns: list[Any] = list(zip(*rows, strict=True))
    for n, c in enumerate(converters):
        if c is None:
            continue
        values = columns[n]
        empty = values.count(None)
        if empty == len(values):
            continue
        columns[n] = (
            list(map(c, values)) if not empty else [v if v is None else c(v) for v in values]
        )
    return list(zip(*columns, strict=True))


def _converter(type_: TypeEngine[Any], dialect: Dialect) -> Callable[[Any], Any] | None:
    kind = type(type_)
    if kind is Date:
        return date.fromisoformat
    if kind is DateTime:
        return datetime.fromisoformat
    return type_.dialect_impl(dialect).result_processor(dialect, None)
