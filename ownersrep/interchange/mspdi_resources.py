"""Which calendar MS Project schedules a task on, given its resources.

OwnersRep imports no resources, but their calendars matter: MS Project schedules a task
that has no calendar of its own on the calendar of the work resources assigned to it
(unless the task ignores resource calendars). A task with one such calendar keeps it;
a task whose resources work on different calendars is an approximation, and says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.interchange.mspdi_values import is_true
from ownersrep.interchange.mspdi_xml import XmlDocument

_NO_RESOURCE = "-65535"  # MS Project's placeholder assignment of a task with no resource
_WORK = ("", "1")  # Resource/Type: 0 material, 1 work, 2 cost


@dataclass(frozen=True)
class ResourceCalendar:
    resource: str  # the resource's name, for messages
    calendar_key: str


def assigned_calendars(
    doc: XmlDocument, calendars: dict[str, CalendarSpec]
) -> dict[str, list[ResourceCalendar]]:
    """Task UID -> the calendars of the work resources assigned to it."""

    def text(element, name: str) -> str:
        child = element.find(doc.tag(name))
        return (child.text or "").strip() if child is not None else ""

    resources: dict[str, ResourceCalendar] = {}
    for resource in doc.root.iterfind(f"{doc.tag('Resources')}/{doc.tag('Resource')}"):
        calendar = text(resource, "CalendarUID")
        if text(resource, "Type") in _WORK and calendar in calendars:
            uid = text(resource, "UID")
            resources[uid] = ResourceCalendar(text(resource, "Name") or f"UID {uid}", calendar)
    by_task: dict[str, list[ResourceCalendar]] = defaultdict(list)
    for assignment in doc.root.iterfind(f"{doc.tag('Assignments')}/{doc.tag('Assignment')}"):
        resource = text(assignment, "ResourceUID")
        if resource != _NO_RESOURCE and resource in resources:
            by_task[text(assignment, "TaskUID")].append(resources[resource])
    return by_task


class CalendarChooser:
    """Picks a task's scheduling calendar from its own and its resources'."""

    def __init__(
        self,
        doc: XmlDocument,
        calendars: dict[str, CalendarSpec],
        base_keys: list[str],
        default_key: str,
    ) -> None:
        self._calendars = calendars
        self._default = default_key
        self._assigned = assigned_calendars(doc, calendars)
        # A resource calendar that only restates a base calendar is that base calendar.
        bases = {_content(calendars[key]): key for key in reversed(base_keys)}
        self._same_as = {key: bases.get(_content(spec), key) for key, spec in calendars.items()}
        self.used: dict[str, list[str]] = defaultdict(list)  # calendar key -> task UIDs

    def choose(
        self, uid: str, own: str | None, ignores_resources: str | None
    ) -> tuple[str | None, str | None]:
        """(calendar key, warning or None) for task `uid` whose own calendar is `own`."""
        assigned = self._assigned.get(uid)
        if not assigned or is_true(ignores_resources):
            return own, None
        effective = self._same_as[own or self._default]
        differing = {self._same_as[a.calendar_key] for a in assigned} - {effective}
        if not differing:
            return own, None
        names = sorted({a.resource for a in assigned})
        if own is None and len({self._same_as[a.calendar_key] for a in assigned}) == 1:
            (key,) = differing
            self.used[key].append(uid)
            return key, None
        listed = ", ".join(f"'{name}'" for name in names)
        return own, (
            f"its resources {listed} work on other calendars than the task; OwnersRep "
            f"schedules it on calendar '{self._calendars[own or self._default].name}' "
            "and ignores the resources' working times"
        )

    def notes(self) -> list[str]:
        """One line per resource calendar that tasks were put on."""
        lines = []
        for key, uids in self.used.items():
            shown = ", ".join(uids[:10]) + (", ..." if len(uids) > 10 else "")
            lines.append(
                f"Calendar '{self._calendars[key].name}': {len(uids)} task(s) without a "
                f"calendar of their own are scheduled on it, the calendar of their assigned "
                f"resource, as MS Project does (UID {shown})"
            )
        return lines


def _content(spec: CalendarSpec) -> tuple:
    return (spec.week, spec.exceptions, spec.recurring)
