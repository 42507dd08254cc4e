"""`ownersrep import WORKSPACE FILE [--project ID] [--name NAME]`: import a contractor's
MS Project XML or Primavera P6 XER schedule as a new project, headless.

The file is read and checked before the workspace is even opened, so a bad file leaves
the workspace untouched (not even backed up). Exit codes: 0 imported, 1 refused (the
message names the file, the element or table, and the row).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownersrep.domain.errors import OwnersRepError

if TYPE_CHECKING:
    from ownersrep.interchange.importer import ImportResult

# The readers, the engine and the importer are imported inside the functions that use
# them: every start of `ownersrep`, the GUI's included, builds this parser.

EXIT_OK, EXIT_FAILED = 0, 1


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "import",
        help="import an MS Project XML or Primavera P6 XER schedule as a new project",
        description="Read a schedule file (MS Project XML .xml, Primavera P6 .xer), "
        "schedule it with OwnersRep's engine and add it to the workspace as a new project, "
        "all or nothing. The file's own early and late dates, floats and critical flags are "
        "kept beside ours, for comparison.",
    )
    parser.add_argument("workspace", type=Path, metavar="WORKSPACE", help="workspace (.orep)")
    parser.add_argument("file", type=Path, metavar="FILE", help="schedule file (.xml or .xer)")
    parser.add_argument(
        "--project",
        metavar="ID",
        help="the project to import from an XER file that holds several (its id or short name)",
    )
    parser.add_argument(
        "--name",
        metavar="NAME",
        help="name of the new project (default: the file's project name; a name already "
        "used gets a number)",
    )
    parser.set_defaults(handler=run_import)


def _pick_project(file: Path, wanted: str | None) -> str | None:
    from ownersrep.interchange.reader import projects_in

    projects = projects_in(file)
    if wanted is not None or len(projects) <= 1:
        return wanted
    listed = "; ".join(f"{key} ({name})" for key, name in projects)
    raise _UsageError(f"{file} holds {len(projects)} projects; choose one with --project: {listed}")


class _UsageError(OwnersRepError):
    pass


def _plural(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"


def _summary(result: ImportResult) -> str:
    return (
        f"Imported {result.file_name} as project “{result.project_name}”: "
        f"{_plural(result.tasks, 'task')}, {_plural(result.links, 'link')}, "
        f"{_plural(result.calendars, 'calendar')}, {_plural(result.baselines, 'baseline')}. "
        f"{result.comparison.sentence()}"
    )


def run_import(args: argparse.Namespace) -> int:
    from ownersrep.interchange.import_preview import ImportPreview
    from ownersrep.interchange.importer import ScheduleImporter
    from ownersrep.interchange.reader import read_schedule
    from ownersrep.services.workspace_access import open_workspace_for_use

    try:
        schedule = read_schedule(args.file, _pick_project(args.file, args.project))
        preview = ImportPreview.of(schedule)
        for line in preview.lines():
            print(line)
        opened = open_workspace_for_use(args.workspace)
        try:
            for warning in opened.warnings:
                print(f"Warning: {warning}", file=sys.stderr)
            importer = ScheduleImporter(opened.services.ctx)
            result = importer.import_schedule(schedule, name=args.name).value
        finally:
            opened.close()
    except OwnersRepError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    for warning in result.warnings[len(schedule.warnings) :]:
        print(f"Warning: {warning}")
    print(_summary(result))
    return EXIT_OK
