"""The `<Task>` elements of an MSPDI file as rows, in file order, with the rows that are
not tasks set aside: blank rows, inactive and external tasks, the project summary."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from ownersrep.interchange.mspdi_values import is_false, is_true
from ownersrep.interchange.mspdi_xml import XmlDocument
from ownersrep.interchange.schedule_file import ScheduleFileError

LINKS_OF_DROPPED = "links to or from blank, inactive or external tasks"


@dataclass
class Row:
    """One `<Task>` element, its single-valued children as text."""

    element: Element
    line: int | None
    uid: str
    fields: dict[str, str]
    links: list[Element] = field(default_factory=list)
    baselines: list[Element] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.fields.get("Name", "")

    def where(self, element: str | None = None) -> str:
        line = f"line {self.line}, " if self.line else ""
        inner = f", <{element}>" if element else ""
        return f"{line}Task UID {self.uid} '{self.name}'{inner}"


@dataclass
class TaskRows:
    kept: list[Row]
    dropped: dict[str, str]  # UID -> why ("inactive task", ...)
    all_uids: set[str]
    summary_name: str | None
    counts: Counter


def read_rows(doc: XmlDocument, path: str) -> TaskRows:
    """Every `<Task>` in file order; blank rows, inactive and external tasks and the
    project summary task are set aside."""
    kept: list[Row] = []
    dropped: dict[str, str] = {}
    seen: dict[str, Row] = {}
    counts: Counter = Counter()
    summary_name = None
    repeated = {"PredecessorLink", "Baseline", "ExtendedAttribute", "OutlineCode"}
    for element in doc.root.iterfind(f"{doc.tag('Tasks')}/{doc.tag('Task')}"):
        row = Row(element, doc.line(element), "", {})
        for child in element:
            name = doc.local(child)
            if name == "PredecessorLink":
                row.links.append(child)
            elif name == "Baseline":
                row.baselines.append(child)
            elif name in repeated:
                counts[name] += 1
            elif name not in row.fields:
                row.fields[name] = (child.text or "").strip()
        row.uid = row.fields.get("UID", "")
        if not row.uid:
            raise ScheduleFileError(path, row.where(), "the task has no <UID>")
        if row.uid in seen:
            raise ScheduleFileError(
                path, row.where(), f"UID {row.uid} is already used by {seen[row.uid].where()}"
            )
        seen[row.uid] = row
        why = _set_aside(row)
        if why is None:
            kept.append(row)
            continue
        dropped[row.uid] = why
        counts[why] += 1
        counts[LINKS_OF_DROPPED] += len(row.links)
        if why == "project summary task":
            summary_name = row.name or None
    return TaskRows(kept, dropped, set(seen), summary_name, counts)


def _set_aside(row: Row) -> str | None:
    get = row.fields.get
    if is_true(get("IsNull")):
        return "blank rows"
    if row.uid == "0" or get("OutlineLevel") == "0":
        return "project summary task"
    if is_false(get("Active")):
        return "inactive tasks"
    if is_true(get("ExternalTask")):
        return "external tasks (from other projects)"
    return None
