"""Reader for MS Project XML (MSPDI), as saved by Project 2003 to 2019 and by other
tools that write the format.

`read_mspdi(path)` returns an `ImportedSchedule` or raises `ScheduleFileError` naming the
file, the element or line, and the task; nothing is half-read. The file's own computed
dates (EarlyStart ... LateFinish, TotalSlack, FreeSlack, Critical) are kept in each task's
`source`, so our engine can be checked against MS Project.

Notes on the format:
- Tasks are keyed by UID and nested by OutlineLevel in file order; the project summary
  task (UID 0) is not a task, but gives the project's name when the file has no Title
  or Name.
- Durations are xsd durations of working time (PT16H0M0S = 960 minutes); slack and
  LinkLag are tenths of a minute.
- The data date is the project's StatusDate only. CurrentDate (the "today" of the
  machine that saved the file) is not a status date and is not used.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from ownersrep.domain.scheduling.model import CalendarSpec
from ownersrep.interchange.mspdi_calendars import CalendarReader, CalendarSet
from ownersrep.interchange.mspdi_links import LinkReader
from ownersrep.interchange.mspdi_resources import CalendarChooser
from ownersrep.interchange.mspdi_rows import LINKS_OF_DROPPED, TaskRows, read_rows
from ownersrep.interchange.mspdi_tasks import TaskBuilder
from ownersrep.interchange.mspdi_values import is_false, parse_datetime, parse_int
from ownersrep.interchange.mspdi_xml import XmlDocument, load_document
from ownersrep.interchange.schedule_file import ImportedSchedule, ImportedTask, ScheduleFileError

DEFAULT_MINUTES_PER_DAY = 480

# Order of the "skipped" list in the import preview.
_SKIPPED_ORDER = (
    "blank rows",
    "inactive tasks",
    "external tasks (from other projects)",
    LINKS_OF_DROPPED,
    "links to other projects",
    "resources",
    "resource assignments",
    "resource calendars",
    "baseline cost and work values",
    "extended attributes",
    "extended attribute values",
    "outline codes",
    "VBA macros",
)


def read_mspdi(path: Path | str) -> ImportedSchedule:
    """Read an MS Project XML file. Raises `ScheduleFileError` if it is malformed."""
    return _MspdiReader(Path(path)).read()


class _MspdiReader:
    def __init__(self, path: Path) -> None:
        self._path = path
        self._where = str(path)
        self._warnings: list[str] = []
        self._skipped: Counter = Counter()

    def read(self) -> ImportedSchedule:
        doc = load_document(self._path)
        self._doc = doc
        minutes_per_day = self._minutes_per_day()
        rows = read_rows(doc, self._where)
        start = self._project_date("StartDate") or _earliest_start(rows)
        if start is None:
            raise ScheduleFileError(self._where, "<Project>", "the project has no <StartDate>")

        calendars = CalendarReader(doc, self._where, minutes_per_day, start.date()).read()
        self._warnings.extend(calendars.warnings)
        default_key = self._default_calendar(calendars, minutes_per_day)

        chooser = CalendarChooser(doc, calendars.specs, calendars.base_keys, default_key)
        builder = TaskBuilder(self._where, calendars.specs, default_key, minutes_per_day, chooser)
        tasks = builder.build(rows.kept)
        links = LinkReader(doc, self._where, minutes_per_day)
        imported_links = links.read(rows, tasks)

        self._warnings.extend(chooser.notes())
        self._warnings.extend(builder.warnings)
        self._warnings.extend(links.warnings)
        self._skipped.update(rows.counts)
        self._skipped.update(builder.skipped)
        self._skipped.update(links.skipped)
        self._count_unread(doc, calendars, default_key, tasks)
        status_date = self._project_date("StatusDate")
        self._project_notes(tasks, status_date)

        return ImportedSchedule(
            path=self._where,
            format="mspdi",
            project_name=self._project_name(rows),
            start=start,
            status_date=status_date,
            calendars=self._calendars_used(calendars, default_key, tasks),
            default_calendar=default_key,
            tasks=tuple(tasks),
            links=tuple(imported_links),
            warnings=tuple(self._warnings),
            skipped=self._skipped_list(),
            finish=self._project_date("FinishDate"),
        )

    # -- project header ------------------------------------------------------------

    def _text(self, name: str) -> str | None:
        element = self._doc.root.find(self._doc.tag(name))
        return element.text.strip() if element is not None and element.text else None

    def _project_date(self, name: str) -> datetime | None:
        text = self._text(name)
        try:
            return parse_datetime(text) if text else None
        except ValueError as err:
            raise ScheduleFileError(self._where, f"<Project>, <{name}>", str(err)) from None

    def _minutes_per_day(self) -> int:
        text = self._text("MinutesPerDay")
        try:
            value = parse_int(text) if text else DEFAULT_MINUTES_PER_DAY
        except ValueError as err:
            raise ScheduleFileError(self._where, "<Project>, <MinutesPerDay>", str(err)) from None
        if not 0 < value <= 1440:
            self._warnings.append(
                f"Project: {value} minutes per day is not possible; "
                f"{DEFAULT_MINUTES_PER_DAY} is used"
            )
            return DEFAULT_MINUTES_PER_DAY
        return value

    def _project_name(self, rows: TaskRows) -> str:
        for name in (self._text("Title"), self._text("Name"), rows.summary_name):
            if name:
                stem, dot, suffix = name.rpartition(".")
                return stem if dot and suffix.lower() in ("xml", "mpp") and stem else name
        return self._path.stem

    def _default_calendar(self, calendars: CalendarSet, minutes_per_day: int) -> str:
        uid = self._text("CalendarUID")
        if uid and uid in calendars.specs:
            return uid
        fallback = next(
            (k for k in calendars.base_keys if calendars.specs[k].name.lower() == "standard"),
            calendars.base_keys[0] if calendars.base_keys else None,
        )
        if fallback is None:
            fallback = "standard"
            calendars.specs[fallback] = CalendarSpec(
                key=fallback, name="Standard", minutes_per_day=minutes_per_day
            )
            calendars.base_keys.append(fallback)
            self._warnings.append(
                "Project: the file has no calendars; a standard Monday-Friday 8:00-17:00 "
                "calendar is used"
            )
        elif uid:
            self._warnings.append(
                f"Project: its calendar UID {uid} is not in the file; calendar "
                f"'{calendars.specs[fallback].name}' is used instead"
            )
        return fallback

    def _calendars_used(
        self, calendars: CalendarSet, default_key: str, tasks: list[ImportedTask]
    ) -> tuple[CalendarSpec, ...]:
        """Base calendars, plus any resource calendar a task or the project uses."""
        used = set(calendars.base_keys) | {default_key}
        used |= {t.calendar_key for t in tasks if t.calendar_key is not None}
        return tuple(spec for key, spec in calendars.specs.items() if key in used)

    # -- what is not imported --------------------------------------------------------

    def _count_unread(
        self, doc: XmlDocument, calendars: CalendarSet, default_key: str, tasks: list
    ) -> None:
        def count(path: str, keep=lambda element: True) -> int:
            steps = "/".join(doc.tag(step) for step in path.split("/"))
            return sum(1 for element in doc.root.iterfind(steps) if keep(element))

        def child_text(element, name: str) -> str:
            child = element.find(doc.tag(name))
            return (child.text or "").strip() if child is not None else ""

        self._skipped["resources"] += count(
            "Resources/Resource",
            lambda r: child_text(r, "UID") not in ("", "0") and child_text(r, "IsNull") != "1",
        )
        self._skipped["resource assignments"] += count(
            "Assignments/Assignment",
            lambda a: child_text(a, "ResourceUID") not in ("", "-65535"),
        )
        used = {default_key} | {t.calendar_key for t in tasks}
        self._skipped["resource calendars"] += sum(
            1 for key in calendars.specs if key not in calendars.base_keys and key not in used
        )
        self._skipped["extended attributes"] += count("ExtendedAttributes/ExtendedAttribute")
        self._skipped["extended attribute values"] += self._skipped.pop("ExtendedAttribute", 0)
        self._skipped["outline codes"] += count("OutlineCodes/OutlineCode")
        self._skipped.pop("OutlineCode", None)
        self._skipped["VBA macros"] += count("VBAProjects")

    def _skipped_list(self) -> tuple[tuple[str, int], ...]:
        self._skipped.pop("project summary task", None)
        known = [(name, self._skipped[name]) for name in _SKIPPED_ORDER if self._skipped[name]]
        others = [
            (name, n) for name, n in self._skipped.items() if n and name not in _SKIPPED_ORDER
        ]
        return tuple(known + sorted(others))

    def _project_notes(self, tasks: list[ImportedTask], status_date: datetime | None) -> None:
        if is_false(self._text("ScheduleFromStart")):
            self._warnings.append(
                "Project: the file is scheduled back from its finish date; OwnersRep "
                "schedules forward from the start date"
            )
        progressed = any(t.actual_start is not None or t.percent_complete > 0 for t in tasks)
        if progressed and status_date is None:
            current = self._text("CurrentDate")
            also = f" (its current date {current} is not a status date)" if current else ""
            self._warnings.append(
                f"Project: tasks have progress but the file has no status date{also}; "
                "set a status date before scheduling"
            )


def _earliest_start(rows: TaskRows) -> datetime | None:
    starts = []
    for row in rows.kept:
        text = row.fields.get("Start")
        if text:
            try:
                starts.append(parse_datetime(text))
            except ValueError:
                continue  # reported with its task later
    return min(starts, default=None)
