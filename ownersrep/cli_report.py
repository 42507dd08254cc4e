"""`ownersrep report WORKSPACE (--project CODE | --portfolio) [--period 2026-10] ... -o OUT.pdf`:
build the owner report headless, so that reports can be batched.

No Qt is imported: the services gather the period's data and ReportLab writes the PDF.
The PDF is written to a temporary file beside OUT and moved over it only when complete
(and encrypted, when a password is given), so a failure leaves no half-written report
and an earlier OUT untouched. After a successful build the period is marked issued (its
RAG overrides are frozen with it), as the GUI does. Exit codes: 0 written, 1 refused
(one line "error: <message>" on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ownersrep.domain.errors import OwnersRepError, ValidationError

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices
    from ownersrep.services.report_types import ReportBundle, ReportChoices, Section

# The report types, the services and the builder are imported inside the functions that
# use them: every start of `ownersrep`, the GUI's included, builds this parser, and
# report_types alone pulls in the cost, EVM and health rules. The names below are the
# ones of report_types (Section, PageSize, LOOK_AHEAD_WEEKS); a test keeps them equal.
SECTION_NAMES = (
    "cover", "summary", "schedule", "cost", "issues", "risks", "kpis",
    "appendix_issues", "appendix_risks", "appendix_audit",
)  # fmt: skip
PAGE_SIZES = ("A4", "Letter")
LOOK_AHEAD_RANGE = (2, 6)

EXIT_OK, EXIT_FAILED = 0, 1


class _UsageError(OwnersRepError):
    pass


def register(subparsers: Any) -> None:
    sections = ", ".join(SECTION_NAMES)
    parser = subparsers.add_parser(
        "report",
        help="build the owner report (PDF) of a project or of the portfolio",
        description="Build the client's owner report for a period as a PDF, headless. "
        "The sections and the look-ahead default to the ones saved with the project. "
        "After a successful build the period is marked issued: its RAG overrides are "
        "stored with it, so the report can be rebuilt identically later.",
    )
    parser.add_argument("workspace", type=Path, metavar="WORKSPACE", help="workspace (.orep)")
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--project", metavar="CODE", help="the project's code (or exact name)")
    which.add_argument(
        "--portfolio",
        action="store_true",
        help="one summary page of every project, then a section per project",
    )
    parser.add_argument(
        "--period",
        metavar="YYYY-MM",
        help="the month reported on, e.g. 2026-10 (default: the month of the status date, "
        "or the month before when the status date falls in a month's first week)",
    )
    parser.add_argument(
        "--sections",
        metavar="LIST",
        help=f"comma-separated sections to print, always in report order ({sections}); "
        "default: the project's saved choice",
    )
    parser.add_argument(
        "--look-ahead",
        type=int,
        metavar="N",
        help=f"weeks of the schedule's look-ahead, {LOOK_AHEAD_RANGE[0]} to "
        f"{LOOK_AHEAD_RANGE[1]} (default: the project's saved choice)",
    )
    parser.add_argument(
        "--page-size",
        type=_page_size,
        default="A4",
        metavar="A4|Letter",
        help="paper size (default A4)",
    )
    secret = parser.add_mutually_exclusive_group()
    secret.add_argument(
        "--password",
        metavar="PW",
        help="encrypt the PDF (AES-256); PW opens it (visible in the process list: "
        "prefer --password-file)",
    )
    secret.add_argument(
        "--password-file",
        type=Path,
        metavar="FILE",
        help="encrypt the PDF with the password on the first line of FILE",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="a draft for review: the period is not marked issued",
    )
    parser.add_argument(
        "-o", "--output", type=Path, required=True, metavar="OUT.pdf", help="the PDF to write"
    )
    parser.set_defaults(handler=run_report)


def _page_size(text: str) -> str:
    for size in PAGE_SIZES:
        if text.casefold() == size.casefold():
            return size
    raise argparse.ArgumentTypeError(f"choose A4 or Letter, not “{text}”")


def parse_sections(text: str) -> tuple[Section, ...]:
    """`cover,summary,cost` → the sections in print order; an unknown name lists the
    valid ones."""
    from ownersrep.services.report_types import Section

    by_name = {s.value: s for s in Section}
    names = [n.strip().lower().replace("-", "_") for n in text.split(",") if n.strip()]
    unknown = [n for n in names if n not in by_name]
    if unknown:
        raise ValidationError(
            "Sections",
            f"unknown {'section' if len(unknown) == 1 else 'sections'} "
            f"{', '.join(repr(n) for n in unknown)}; choose from {', '.join(by_name)}",
        )
    if not names:
        raise ValidationError("Sections", f"name at least one of {', '.join(by_name)}")
    chosen = set(names)
    return tuple(s for s in Section if s.value in chosen)


def _password(args: argparse.Namespace) -> str | None:
    if args.password_file is not None:
        try:
            text = args.password_file.read_text(encoding="utf-8")
        except OSError as exc:
            raise _UsageError(
                f"cannot read the password file {args.password_file}: {exc.strerror or exc}"
            ) from None
        lines = text.splitlines()
        password = lines[0] if lines else ""
    else:
        password = args.password
    if password is not None and password == "":
        raise ValidationError("Password", "must not be empty")
    return password


def _check_output(out: Path) -> None:
    """Refuse an output that cannot be written before anything is gathered."""
    if out.is_dir():
        raise _UsageError(f"cannot write {out}: it is a folder")
    folder = out.parent
    if not folder.is_dir():
        raise _UsageError(f"cannot write {out}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise _UsageError(f"cannot write {out}: permission denied")


def _look_ahead(weeks: int | None) -> int | None:
    from ownersrep.services.report_types import LOOK_AHEAD_WEEKS

    if weeks is not None and weeks not in LOOK_AHEAD_WEEKS:
        raise ValidationError(
            "Look-ahead",
            f"must be {LOOK_AHEAD_WEEKS[0]} to {LOOK_AHEAD_WEEKS[-1]} weeks, not {weeks}",
        )
    return weeks


def _choices(
    services: AppServices, project_id: int | None, sections: str | None, weeks: int | None
) -> ReportChoices | None:
    """None (the saved choices) unless the command line says otherwise."""
    from ownersrep.services.report_types import ReportChoices

    if sections is None and weeks is None:
        return None
    saved = services.report_settings.choices(project_id) if project_id is not None else None
    base = saved or ReportChoices()
    return ReportChoices(
        sections=parse_sections(sections) if sections is not None else base.sections,
        look_ahead_weeks=weeks if weeks is not None else base.look_ahead_weeks,
    )


def _write(bundle: ReportBundle, out: Path, password: str | None) -> tuple[int, tuple[str, ...]]:
    """Build into a temporary file beside `out`, encrypt it, then move it over `out`."""
    from ownersrep.reports.owner_report import build_owner_report
    from ownersrep.reports.pdf_security import protect

    fd, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".part", dir=out.parent)
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as stream:
            result = build_owner_report(bundle, stream)
        if password is not None:
            protect(tmp, password)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, out)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return result.pages, result.warnings


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _print_warnings(warnings: tuple[str, ...] | list[str]) -> None:
    seen: set[str] = set()
    for warning in warnings:
        if warning not in seen:
            seen.add(warning)
            print(f"Warning: {warning}", file=sys.stderr)


def run_report(args: argparse.Namespace) -> int:
    from ownersrep.services.report_types import PageSize
    from ownersrep.services.workspace_access import open_workspace_for_use

    out: Path = args.output
    started = time.perf_counter()
    try:
        weeks = _look_ahead(args.look_ahead)
        if args.sections is not None:
            parse_sections(args.sections)  # refuse a bad list before opening anything
        password = _password(args)
        _check_output(out)
        opened = open_workspace_for_use(args.workspace)
        try:
            _print_warnings(opened.warnings)
            services = opened.services
            reports = services.reports
            project_id = None if args.portfolio else reports.project_by_code(args.project)
            period = reports.default_period(project_id) if args.period is None else args.period
            bundle = reports.bundle(
                project_id,
                period,
                portfolio=args.portfolio,
                choices=_choices(services, project_id, args.sections, weeks),
                page_size=PageSize(args.page_size),
            )
            pages, build_warnings = _write(bundle, out, password)
            issued = (
                []
                if args.draft
                else [line.project_id for line in bundle.portfolio.lines]
                if bundle.portfolio is not None
                else [project_id]
            )
            for pid in issued:
                if pid is not None:
                    reports.mark_issued(pid, period)
        finally:
            opened.close()
    except OwnersRepError as exc:
        print(f"error: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except OSError as exc:
        where = exc.filename or out
        print(f"error: cannot write {where}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_FAILED
    _print_warnings((*bundle.warnings, *build_warnings))
    what = "portfolio" if args.portfolio else f"project {args.project}"
    seconds = time.perf_counter() - started
    print(
        f"Wrote {out}: {pages} {'page' if pages == 1 else 'pages'} ({what}, period {period}"
        f"{', encrypted' if password else ''}) in {seconds:.1f} s"
    )
    return EXIT_OK
