"""The issue log's filter and sort, in plain Python (ownersrep.ui.issue_filter)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest

from ownersrep.domain.enums import IssueStatus, IssueType, Priority
from ownersrep.services.issue_service import IssueRow
from ownersrep.ui.issue_filter import (
    COL_ASSIGNED_TO,
    COL_COST,
    COL_DUE,
    COL_NUMBER,
    COL_PRIORITY,
    COL_STATUS,
    COL_TITLE,
    UNASSIGNED,
    IssueFilter,
    SortOrder,
    apply,
    search_blob,
    sort_rows,
)

BASE = IssueRow(
    id=0,
    number="ISS-0001",
    issue_type=IssueType.ISSUE,
    title="",
    priority=Priority.MEDIUM,
    status=IssueStatus.OPEN,
    raised_by_id=None,
    raised_by="",
    assigned_to_id=None,
    assigned_to="",
    raised_on=date(2026, 11, 1),
    due_on=None,
    closed_on=None,
    cost_impact=None,
    schedule_impact_days=None,
    task_id=None,
    internal=False,
    age_days=19,
    overdue=False,
)


def row(n: int, **kw: object) -> IssueRow:
    kind = kw.get("issue_type", IssueType.ISSUE)
    assert isinstance(kind, IssueType)
    values = {"id": n, "number": f"{kind.prefix}-{n:04d}", **kw}
    return replace(BASE, **values)  # type: ignore[arg-type]


@pytest.fixture
def rows() -> list[IssueRow]:
    return [
        row(
            1,
            title="Late delivery of AHU-2",
            priority=Priority.CRITICAL,
            assigned_to_id=7,
            assigned_to="Apex Mechanical",
            due_on=date(2026, 11, 2),
            overdue=True,
            cost_impact=Decimal("48250.00"),
        ),
        row(
            2,
            issue_type=IssueType.RFI,
            title="Clarify fire-rated ceiling at level 2 corridor",
            priority=Priority.HIGH,
            assigned_to_id=8,
            assigned_to="Halden Architects",
            raised_by="Northbridge Construction",
            due_on=date(2026, 12, 1),
        ),
        row(
            3,
            title="Curtain wall mullion damaged",
            status=IssueStatus.CLOSED,
            priority=Priority.LOW,
            cost_impact=Decimal("-500.00"),
        ),
        row(
            4,
            issue_type=IssueType.ACTION,
            title="Circulate look-ahead",
            status=IssueStatus.IN_PROGRESS,
            assigned_to_id=7,
            assigned_to="Apex Mechanical",
            due_on=date(2026, 11, 10),
            overdue=True,
        ),
    ]


def numbers(found: list[IssueRow]) -> list[str]:
    return [r.number for r in found]


def test_empty_filter_keeps_everything_in_given_order(rows: list[IssueRow]) -> None:
    assert numbers(apply(rows, IssueFilter())) == ["ISS-0001", "RFI-0002", "ISS-0003", "ACT-0004"]


def test_text_matches_number_title_and_parties_case_insensitively(rows: list[IssueRow]) -> None:
    def hits(text: str) -> list[str]:
        return numbers(apply(rows, IssueFilter(text=text), COL_NUMBER))

    assert hits("rfi-0002") == ["RFI-0002"]
    assert hits("AHU") == ["ISS-0001"]
    assert hits("apex") == ["ACT-0004", "ISS-0001"]
    assert hits("northbridge") == ["RFI-0002"]  # raised by
    assert hits("  ceiling   corridor ") == ["RFI-0002"]  # every word must occur
    assert hits("ceiling ahu") == []


def test_precomputed_blobs_give_the_same_answer(rows: list[IssueRow]) -> None:
    blobs = [search_blob(r) for r in rows]
    flt = IssueFilter(text="apex")
    assert apply(rows, flt, COL_TITLE, blobs=blobs) == apply(rows, flt, COL_TITLE)


def test_sets_assignee_and_overdue(rows: list[IssueRow]) -> None:
    def hits(**kw: object) -> list[str]:
        return numbers(apply(rows, IssueFilter(**kw), COL_NUMBER))  # type: ignore[arg-type]

    assert hits(types=frozenset({IssueType.RFI, IssueType.ACTION})) == ["ACT-0004", "RFI-0002"]
    assert hits(statuses=frozenset({IssueStatus.CLOSED})) == ["ISS-0003"]
    assert hits(priorities=frozenset({Priority.HIGH, Priority.CRITICAL})) == [
        "ISS-0001",
        "RFI-0002",
    ]
    assert hits(assignee_id=7) == ["ACT-0004", "ISS-0001"]
    assert hits(assignee_id=UNASSIGNED) == ["ISS-0003"]
    assert hits(overdue_only=True) == ["ACT-0004", "ISS-0001"]
    assert hits(overdue_only=True, text="look") == ["ACT-0004"]


def test_sort_by_number_is_numeric_within_prefix() -> None:
    many = [row(n) for n in (10, 9, 10000, 2)]
    assert numbers(sort_rows(many, COL_NUMBER)) == ["ISS-0002", "ISS-0009", "ISS-0010", "ISS-10000"]


def test_sort_priority_and_status_by_rank(rows: list[IssueRow]) -> None:
    by_priority = sort_rows(rows, COL_PRIORITY, SortOrder.DESCENDING)
    assert [r.priority for r in by_priority] == [
        Priority.CRITICAL,
        Priority.HIGH,
        Priority.MEDIUM,
        Priority.LOW,
    ]
    by_status = sort_rows(rows, COL_STATUS)
    assert numbers(by_status) == ["ISS-0001", "RFI-0002", "ACT-0004", "ISS-0003"]


def test_empty_values_sort_last_in_both_directions(rows: list[IssueRow]) -> None:
    assert numbers(sort_rows(rows, COL_DUE)) == ["ISS-0001", "ACT-0004", "RFI-0002", "ISS-0003"]
    assert numbers(sort_rows(rows, COL_DUE, SortOrder.DESCENDING)) == [
        "RFI-0002",
        "ACT-0004",
        "ISS-0001",
        "ISS-0003",
    ]
    assert numbers(sort_rows(rows, COL_COST, 1))[:2] == ["ISS-0001", "ISS-0003"]
    assert numbers(sort_rows(rows, COL_ASSIGNED_TO))[-1] == "ISS-0003"


def test_five_thousand_rows() -> None:
    """A realistic size (timings are measured by hand, never asserted in tests)."""
    today = date(2026, 11, 20)
    many = [
        row(
            n,
            title=f"Item {n} about {'ceiling' if n % 7 else 'ductwork'} at grid {n % 40}",
            assigned_to=f"Party {n % 25}",
            assigned_to_id=n % 25 or None,
            due_on=today - timedelta(days=n % 60 - 30),
            priority=list(Priority)[n % 4],
        )
        for n in range(1, 5001)
    ]
    blobs = [search_blob(r) for r in many]
    flt = IssueFilter(text="DUCT grid", priorities=frozenset({Priority.HIGH}))
    found = apply(many, flt, COL_DUE, SortOrder.DESCENDING, blobs=blobs)
    expected = [r for r in many if "ductwork" in r.title and r.priority is Priority.HIGH]
    assert found and sorted(found, key=lambda r: r.id) == expected
    dues = [r.due_on for r in found]
    assert dues == sorted(dues, reverse=True)
