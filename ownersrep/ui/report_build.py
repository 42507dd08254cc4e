"""Build an owner report off the GUI thread, behind the usual progress dialog.

The worker gathers the report's data (`ReportService.bundle`, which opens its own read
session) and hands it to the PDF builder, which reads only that bundle. Sessions are
safe there: each service call takes its own connection from the engine's pool (SQLite
file engines use a QueuePool with `check_same_thread=False`), WAL lets that read run
beside the GUI thread's, and the progress dialog is window-modal, so nothing writes
meanwhile.

The PDF is written to a temporary file beside the target and moved over it only when
whole (and encrypted, if asked), so a failed build never leaves half a report, nor
destroys the previous one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QWidget

from ownersrep.services.app_services import AppServices
from ownersrep.services.report_types import PageSize, ReportChoices
from ownersrep.ui.background_task import Progress, run_with_progress

GATHER_STEPS = 1  # the progress bar's first step: reading the data


@dataclass(frozen=True)
class ReportRequest:
    """What the dialog asks for. `project_id` None (or `portfolio`) = the portfolio."""

    project_id: int | None
    period: str
    out: Path
    portfolio: bool = False
    choices: ReportChoices | None = None
    page_size: PageSize = PageSize.A4
    password: str = ""
    allow_print: bool = True


@dataclass(frozen=True)
class BuiltReport:
    path: Path
    pages: int
    warnings: tuple[str, ...]


def build_report(services: AppServices, request: ReportRequest, progress: Progress) -> BuiltReport:
    """Gather, build and (if a password is given) encrypt, in the calling thread."""
    from ownersrep.reports.owner_report import build_owner_report  # ReportLab: load late

    progress(0, 0)
    bundle = services.reports.bundle(
        None if request.portfolio else request.project_id,
        request.period,
        portfolio=request.portfolio,
        choices=request.choices,
        page_size=request.page_size,
    )

    def section_done(done: int, total: int, _what: str) -> None:
        progress(GATHER_STEPS + done, GATHER_STEPS + total)

    out = request.out
    temp = out.with_name(f".~{out.stem}.{os.getpid()}.part")
    temp.touch()  # a folder we cannot write to fails here, with the OS's own words
    try:
        result = build_owner_report(bundle, temp, section_done)
        if request.password:
            from ownersrep.reports.pdf_security import protect

            protect(temp, request.password, allow_print=request.allow_print)
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    warnings = tuple(dict.fromkeys((*bundle.warnings, *result.warnings)))
    return BuiltReport(out, result.pages, warnings)


def build_in_background(
    parent: QWidget | None, services: AppServices, request: ReportRequest
) -> BuiltReport:
    """`build_report` in a worker thread behind a progress dialog; raises its errors
    (ValidationError, OSError, ...) here, in the GUI thread."""
    return run_with_progress(
        parent,
        f"Building {request.out.name}…",
        lambda progress: build_report(services, request, progress),
    )
