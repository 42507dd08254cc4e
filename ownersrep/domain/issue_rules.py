"""Derived facts about issues: numbering, ageing and overdue. None of these are stored."""

from __future__ import annotations

from datetime import date

from ownersrep.domain.enums import IssueStatus, IssueType


def format_issue_number(issue_type: IssueType, sequence: int) -> str:
    return f"{issue_type.prefix}-{sequence:04d}"


def age_days(raised: date, closed: date | None, today: date) -> int:
    """Days open: to the closing date when closed, else to today."""
    end = closed or today
    return max(0, (end - raised).days)


def is_overdue(status: IssueStatus, due: date | None, today: date) -> bool:
    return due is not None and status.is_active and due < today
