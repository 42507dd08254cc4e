"""Filtering and sorting of issue-log rows, in plain Python (no Qt).

A QSortFilterProxyModel is far too slow for thousands of rows; a list comprehension over
precomputed lowercase search blobs and one `sorted` call take a few milliseconds. The
column numbers live here so that the table model and this module agree on them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from operator import itemgetter
from typing import Any

from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.services.issue_service import IssueRow

(
    COL_NUMBER,
    COL_TYPE,
    COL_TITLE,
    COL_PRIORITY,
    COL_STATUS,
    COL_ASSIGNED_TO,
    COL_RAISED,
    COL_DUE,
    COL_AGE,
    COL_COST,
    COL_SCHEDULE,
    COL_INTERNAL,
) = range(12)
COLUMN_COUNT = 12

#: `IssueFilter.assignee_id` value that keeps only rows nobody is assigned to.
UNASSIGNED = 0


class SortOrder(IntEnum):
    """Same values as Qt.SortOrder, without importing Qt."""

    ASCENDING = 0
    DESCENDING = 1


@dataclass(frozen=True)
class IssueFilter:
    """What the user asked to see. Empty sets mean "any"."""

    text: str = ""
    types: frozenset[IssueType] = field(default_factory=frozenset)
    statuses: frozenset[IssueStatus] = field(default_factory=frozenset)
    priorities: frozenset[Priority] = field(default_factory=frozenset)
    assignee_id: int | None = None  # None: anyone; UNASSIGNED: nobody
    overdue_only: bool = False

    @property
    def is_empty(self) -> bool:
        return self == IssueFilter()


def search_blob(row: IssueRow) -> str:
    """The lowercase text a search matches against: number, title and both parties."""
    return f"{row.number}\n{row.title}\n{row.assigned_to}\n{row.raised_by}".casefold()


def _number_key(row: IssueRow) -> tuple[str, int, str]:
    """ISS-0009 < ISS-0010 < ISS-10000: by prefix, then digit count, then digits."""
    number = row.number
    cut = number.find("-") + 1
    return (number[:cut], len(number) - cut, number[cut:])


_STATUS_ORDER = {s: i for i, s in enumerate(IssueStatus)}
_TYPE_ORDER = {t: i for i, t in enumerate(IssueType)}

_SORT_KEYS: dict[int, Callable[[IssueRow], Any]] = {
    COL_NUMBER: _number_key,
    COL_TYPE: lambda r: _TYPE_ORDER[r.issue_type],
    COL_TITLE: lambda r: r.title.casefold(),
    COL_PRIORITY: lambda r: r.priority.rank,
    COL_STATUS: lambda r: _STATUS_ORDER[r.status],
    COL_ASSIGNED_TO: lambda r: r.assigned_to.casefold() or None,
    COL_RAISED: lambda r: r.raised_on,
    COL_DUE: lambda r: r.due_on,
    COL_AGE: lambda r: r.age_days,
    COL_COST: lambda r: r.cost_impact,
    COL_SCHEDULE: lambda r: r.schedule_impact_days,
    COL_INTERNAL: lambda r: r.internal,
}


def matches(row: IssueRow, flt: IssueFilter) -> bool:
    """Every criterion but the text (which `apply` checks against the blobs)."""
    if flt.types and row.issue_type not in flt.types:
        return False
    if flt.statuses and row.status not in flt.statuses:
        return False
    if flt.priorities and row.priority not in flt.priorities:
        return False
    if flt.assignee_id is not None:
        wanted = None if flt.assignee_id == UNASSIGNED else flt.assignee_id
        if row.assigned_to_id != wanted:
            return False
    return not flt.overdue_only or row.overdue


def sort_rows(
    rows: Sequence[IssueRow], sort_col: int, order: SortOrder | int = SortOrder.ASCENDING
) -> list[IssueRow]:
    """Sort by a column; empty values go last in either direction; ties keep the order
    the rows came in (the issues tab hands them in number order)."""
    key = _SORT_KEYS.get(sort_col)
    if key is None:
        return list(rows)
    descending = int(order) == SortOrder.DESCENDING
    keyed = [(key(r), r) for r in rows]
    present = [kr for kr in keyed if kr[0] is not None]
    present.sort(key=itemgetter(0), reverse=descending)
    return [r for _k, r in present] + [r for k, r in keyed if k is None]


def apply(
    rows: Sequence[IssueRow],
    flt: IssueFilter,
    sort_col: int = -1,
    order: SortOrder | int = SortOrder.ASCENDING,
    *,
    blobs: Sequence[str] | None = None,
) -> list[IssueRow]:
    """The rows that pass the filter, sorted. `blobs` (parallel to `rows`, from
    `search_blob`) saves rebuilding the search text on every keystroke.

    The text matches when every whitespace-separated word occurs in the blob."""
    words = flt.text.casefold().split()
    if words:
        texts = blobs if blobs is not None else [search_blob(r) for r in rows]
        pairs = zip(rows, texts, strict=True)
        if len(words) == 1:
            (word,) = words
            kept = [r for r, b in pairs if word in b]
        else:
            kept = [r for r, b in pairs if all(w in b for w in words)]
    else:
        kept = list(rows)
    if flt != IssueFilter(text=flt.text):
        kept = [r for r in kept if matches(r, flt)]
    if sort_col < 0:
        return kept
    return sort_rows(kept, sort_col, order)


__all__ = [
    "COLUMN_COUNT",
    "COL_AGE",
    "COL_ASSIGNED_TO",
    "COL_COST",
    "COL_DUE",
    "COL_INTERNAL",
    "COL_NUMBER",
    "COL_PRIORITY",
    "COL_RAISED",
    "COL_SCHEDULE",
    "COL_STATUS",
    "COL_TITLE",
    "COL_TYPE",
    "UNASSIGNED",
    "IssueFilter",
    "SortOrder",
    "apply",
    "matches",
    "search_blob",
    "sort_rows",
]
