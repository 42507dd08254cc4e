"""`<PredecessorLink>` elements of each task as `ImportedLink`s.

`Type` 0 = FF, 1 = FS, 2 = SF, 3 = SS. `LinkLag` is in tenths of a minute of working
time, or of elapsed time when `LagFormat` is an elapsed unit (4, 6, 8, 10, 12); for the
percent formats (19, 20) it is a percentage of the predecessor's duration.
"""

from __future__ import annotations

from collections import Counter
from xml.etree.ElementTree import Element

from ownersrep.domain.enums import LinkType
from ownersrep.domain.scheduling.model import LagUnit
from ownersrep.interchange.mspdi_rows import LINKS_OF_DROPPED, Row, TaskRows
from ownersrep.interchange.mspdi_values import LINK_TYPES, is_true, parse_int, parse_lag
from ownersrep.interchange.mspdi_xml import XmlDocument
from ownersrep.interchange.schedule_file import ImportedLink, ImportedTask, ScheduleFileError

_DROPPED_AS = {
    "blank rows": "a blank row",
    "inactive tasks": "inactive",
    "external tasks (from other projects)": "an external task from another project",
    "project summary task": "the project summary task",
}


class LinkReader:
    def __init__(self, doc: XmlDocument, path: str, minutes_per_day: int) -> None:
        self._doc = doc
        self._path = path
        self._minutes_per_day = minutes_per_day
        self.warnings: list[str] = []
        self.skipped: Counter = Counter()

    def read(self, rows: TaskRows, tasks: list[ImportedTask]) -> list[ImportedLink]:
        by_key = {task.key: task for task in tasks}
        links: list[ImportedLink] = []
        for row in rows.kept:
            for element in row.links:
                link = self._link(row, element, rows, by_key)
                if link is not None:
                    links.append(link)
        return links

    def _link(
        self, row: Row, element: Element, rows: TaskRows, tasks: dict[str, ImportedTask]
    ) -> ImportedLink | None:
        values = {self._doc.local(child): (child.text or "").strip() for child in element}
        where = self._where(row, element)
        pred = values.get("PredecessorUID", "")
        if not pred:
            raise ScheduleFileError(self._path, where, "the link has no <PredecessorUID>")
        if is_true(values.get("CrossProject")):
            self.skipped["links to other projects"] += 1
            self._warn(
                row,
                f"its link from '{values.get('CrossProjectName', '')}' in another "
                "project is not imported",
            )
            return None
        if pred not in rows.all_uids:
            raise ScheduleFileError(
                self._path,
                where,
                f"predecessor UID {pred} does not exist in the file; the link cannot be imported",
            )
        if pred in rows.dropped:
            what = _DROPPED_AS.get(rows.dropped[pred], rows.dropped[pred])
            self.skipped[LINKS_OF_DROPPED] += 1
            self._warn(row, f"its link from UID {pred} is dropped: that task is {what}")
            return None
        type_text = values.get("Type", "")
        try:
            code = parse_int(type_text) if type_text else 1
            lag = parse_lag(values.get("LinkLag"), values.get("LagFormat"))
        except ValueError as err:
            raise ScheduleFileError(self._path, where, str(err)) from None
        link_type = LINK_TYPES.get(code)
        if link_type is None:
            raise ScheduleFileError(
                self._path, where, f"link type {code} is not 0 (FF), 1 (FS), 2 (SF) or 3 (SS)"
            )
        minutes = lag.value
        if lag.percent:
            predecessor = tasks[pred]
            minutes = lag.value / 100 * predecessor.duration
            if lag.unit is LagUnit.ELAPSED:  # days of the duration, as 24-hour days
                minutes = minutes / self._minutes_per_day * 1440
            self._warn(
                row,
                f"its lag of {lag.describe(self._minutes_per_day)} from UID {pred} "
                f"'{predecessor.name}' is read as {round(minutes)} minutes "
                f"({lag.value:g}% of that task's duration as the file gives it)",
            )
        elif minutes != round(minutes):
            self._warn(row, f"its lag from UID {pred} of {minutes:g} minutes is rounded")
        return ImportedLink(
            predecessor_key=pred,
            successor_key=row.uid,
            type=LinkType(link_type),
            lag=round(minutes),
            lag_unit=lag.unit,
        )

    def _where(self, row: Row, element: Element) -> str:
        line = self._doc.line(element) or row.line
        prefix = f"line {line}, " if line else ""
        return f"{prefix}Task UID {row.uid} '{row.name}', <PredecessorLink>"

    def _warn(self, row: Row, message: str) -> None:
        self.warnings.append(f"Task UID {row.uid} '{row.name}': {message}")
