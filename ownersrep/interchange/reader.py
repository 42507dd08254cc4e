"""Read a contractor's schedule file, whatever its format: the one entry point the import
dialog and the CLI call. The format follows the file's extension."""

from __future__ import annotations

from pathlib import Path

from ownersrep.interchange.mspdi import read_mspdi
from ownersrep.interchange.schedule_file import ImportedSchedule, ScheduleFileError
from ownersrep.interchange.xer import list_xer_projects, read_xer

MSPDI_SUFFIX = ".xml"
XER_SUFFIX = ".xer"
FILE_FILTER = "Schedules (*.xml *.xer);;MS Project XML (*.xml);;Primavera P6 (*.xer)"


def _checked(path: str | Path) -> Path:
    file = Path(path)
    suffix = file.suffix.lower()
    if suffix not in (MSPDI_SUFFIX, XER_SUFFIX):
        raise ScheduleFileError(
            str(file),
            "file",
            "is not an MS Project XML (.xml) or Primavera (.xer) file",
        )
    if not file.is_file():
        raise ScheduleFileError(str(file), "file", "does not exist or is not a file")
    return file


def read_schedule(path: str | Path, project: str | None = None) -> ImportedSchedule:
    """Read an MS Project XML (.xml) or Primavera P6 (.xer) file. `project` picks one
    project of an XER file that holds several (its id or its short name); an XML file
    holds one. Raises ScheduleFileError naming the file, the element or table, and the
    row."""
    file = _checked(path)
    try:
        if file.suffix.lower() == XER_SUFFIX:
            return read_xer(file, project)
        return read_mspdi(file)
    except OSError as exc:  # unreadable, vanished, a folder: still a message, no trace
        raise ScheduleFileError(str(file), "file", f"cannot be read ({exc.strerror})") from None


def projects_in(path: str | Path) -> list[tuple[str, str]]:
    """The (id, name) of each project in an XER file, to let the user pick one; [] for an
    MS Project XML file, which holds one project."""
    file = _checked(path)
    if file.suffix.lower() != XER_SUFFIX:
        return []
    try:
        return list(list_xer_projects(file))
    except OSError as exc:
        raise ScheduleFileError(str(file), "file", f"cannot be read ({exc.strerror})") from None
