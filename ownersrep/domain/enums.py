"""Closed vocabularies. Values are stored as their `.value` strings."""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class PartyRole(_Labelled):
    OWNER = "owner"
    CONTRACTOR = "contractor"
    CONSULTANT = "consultant"
    INTERNAL = "internal"


class ProjectKind(_Labelled):
    CONSTRUCTION = "construction"
    INTERNAL = "internal"


class ProjectStatus(_Labelled):
    PLANNED = "planned"
    ACTIVE = "active"
    ON_HOLD = "on_hold"
    COMPLETE = "complete"


class TaskKind(_Labelled):
    SUMMARY = "summary"
    TASK = "task"
    MILESTONE = "milestone"


class LinkType(StrEnum):
    FS = "FS"
    SS = "SS"
    FF = "FF"
    SF = "SF"


class IssueType(_Labelled):
    ISSUE = "issue"
    RFI = "rfi"
    DECISION = "decision"
    ACTION = "action"

    @property
    def prefix(self) -> str:
        return _ISSUE_PREFIX[self]

    @property
    def label(self) -> str:
        return _ISSUE_LABEL[self]


_ISSUE_PREFIX = {
    IssueType.ISSUE: "ISS",
    IssueType.RFI: "RFI",
    IssueType.DECISION: "DEC",
    IssueType.ACTION: "ACT",
}
_ISSUE_LABEL = {
    IssueType.ISSUE: "Issue",
    IssueType.RFI: "RFI",
    IssueType.DECISION: "Decision",
    IssueType.ACTION: "Action item",
}


class IssueStatus(_Labelled):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    RESOLVED = "resolved"
    CLOSED = "closed"

    @property
    def is_active(self) -> bool:
        return self in (IssueStatus.OPEN, IssueStatus.IN_PROGRESS)


class Priority(_Labelled):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"

    @property
    def rank(self) -> int:
        return list(Priority).index(self)


class RiskResponse(_Labelled):
    AVOID = "avoid"
    MITIGATE = "mitigate"
    TRANSFER = "transfer"
    ACCEPT = "accept"


class RiskStatus(_Labelled):
    OPEN = "open"
    MONITORING = "monitoring"
    OCCURRED = "occurred"
    CLOSED = "closed"


class RiskCategory(_Labelled):
    DESIGN = "design"
    CONSTRUCTION = "construction"
    COMMERCIAL = "commercial"
    SCHEDULE = "schedule"
    REGULATORY = "regulatory"
    SITE = "site"
    TECHNICAL = "technical"
    ORGANISATIONAL = "organisational"
    EXTERNAL = "external"
