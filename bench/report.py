"""The owner report: the demo clinic's report and a 20-project portfolio report.

Writes two demo workspaces in a temporary folder (the plain demo, and the demo with 18
synthetic projects of about 500 tasks and 250 issues each: 20 projects), then times,
as medians of 5 runs after one warm-up (the first, cold run is shown too):
  - gather: ReportService.bundle(), every figure of the period read from the workspace;
  - build: build_owner_report() writing the PDF (to memory);
  - the floor: a bare ReportLab canvas (reportlab.pdfgen.canvas) writing the SAME number
    of pages with 40 lines of text each, in the same embedded TrueType font, in the same
    run.
Targets: one project's report (gather + build) under 1.5 s, the portfolio's under 8 s.
Run by hand:  .venv/bin/python bench/report.py
"""

from __future__ import annotations

import io
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

TMP = Path(tempfile.mkdtemp(prefix="orep-bench-report-"))
os.environ.update(
    OWNERSREP_BACKUP_DIR=str(TMP / "backups"),
    OWNERSREP_LOG_DIR=str(TMP / "logs"),
    XDG_CONFIG_HOME=str(TMP / "config"),
)

from reportlab.lib.pagesizes import A4  # noqa: E402
from reportlab.pdfbase import pdfmetrics  # noqa: E402
from reportlab.pdfbase.ttfonts import TTFont  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

from ownersrep.db.workspace import open_workspace  # noqa: E402
from ownersrep.paths import resource_dir  # noqa: E402
from ownersrep.reports.owner_report import build_owner_report  # noqa: E402
from ownersrep.runtime import tune_gc  # noqa: E402
from ownersrep.services.app_services import AppServices  # noqa: E402
from ownersrep.services.context import ServiceContext  # noqa: E402
from ownersrep.services.demo import write_demo  # noqa: E402

RUNS = 5
TODAY = date(2026, 11, 20)  # the demo's status dates are in November 2026
SCALE = 18  # the demo's two projects + 18 synthetic ones = 20
TARGET_PROJECT_S = 1.5
TARGET_PORTFOLIO_S = 8.0
FLOOR_FONT = "BenchDejaVu"
LINES_PER_PAGE = 40


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(cold seconds, median seconds of RUNS after the cold run, last result)."""
    start = time.perf_counter()
    result = fn()
    cold = time.perf_counter() - start
    samples = []
    for _ in range(RUNS):
        start = time.perf_counter()
        result = fn()
        samples.append(time.perf_counter() - start)
    return cold, statistics.median(samples), result


def floor_pdf(pages: int) -> bytes:
    """A bare canvas: `pages` pages of 40 lines of text, no layout engine at all."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4, invariant=1)
    for page in range(1, pages + 1):
        c.setFont(FLOOR_FONT, 9)
        y = A4[1] - 60
        for line in range(LINES_PER_PAGE):
            c.drawString(
                50,
                y,
                f"ISS-{page * 100 + line:04d}  Coordination of services above the ceiling "
                f"grid, level {line % 3 + 1}  open  Summit Builders  21 Nov 2026",
            )
            y -= 17
        c.drawString(50, 30, f"Page {page} of {pages}")
        c.showPage()
    c.save()
    return out.getvalue()


def services_of(path: Path) -> tuple[Any, AppServices]:
    ws = open_workspace(path)
    return ws, AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))


def measure(
    name: str,
    services: AppServices,
    project_id: int | None,
    *,
    portfolio: bool,
) -> dict[str, Any]:
    reports = services.reports
    period = reports.default_period(project_id)

    def gather() -> Any:
        return reports.bundle(project_id, period, portfolio=portfolio)

    gather_cold, gather_s, bundle = timed(gather)

    def build() -> Any:
        out = io.BytesIO()
        result = build_owner_report(bundle, out)
        return result, out.getbuffer().nbytes

    build_cold, build_s, (result, size) = timed(build)
    _cold, floor_s, _ = timed(lambda: floor_pdf(result.pages))
    return {
        "name": name,
        "period": period,
        "pages": result.pages,
        "size": size,
        "gather": gather_s,
        "gather_cold": gather_cold,
        "build": build_s,
        "build_cold": build_cold,
        "floor": floor_s,
        "warnings": len(bundle.warnings) + len(result.warnings),
    }


def main() -> None:
    tune_gc()  # as the app runs (ownersrep.runtime)
    pdfmetrics.registerFont(TTFont(FLOOR_FONT, str(resource_dir() / "fonts" / "DejaVuSans.ttf")))
    clinic_path, portfolio_path = TMP / "clinic.orep", TMP / "portfolio.orep"
    for path, scale in ((clinic_path, 0), (portfolio_path, SCALE)):
        summary = write_demo(path, scale=scale)
        print(
            f"{path.name}: {summary.projects} projects, {summary.tasks:,} tasks, "
            f"{summary.issues:,} issues, {summary.risks:,} risks "
            f"(written in {summary.seconds:.1f} s)"
        )

    rows = []
    ws, services = services_of(clinic_path)
    try:
        clinic = services.reports.project_by_code("RMC")
        rows.append(measure("clinic (RMC)", services, clinic, portfolio=False))
    finally:
        ws.close()
    ws, services = services_of(portfolio_path)
    try:
        rows.append(measure("portfolio, 20 projects", services, None, portfolio=True))
    finally:
        ws.close()

    print()
    print(
        f"{'report':<24}{'pages':>6}{'KB':>7}{'gather':>9}{'build':>9}{'total':>9}"
        f"{'floor':>9}{'× floor':>9}{'ms/page':>9}{'target':>9}  verdict"
    )
    for row, target in zip(rows, (TARGET_PROJECT_S, TARGET_PORTFOLIO_S), strict=True):
        total = row["gather"] + row["build"]
        verdict = "ok" if total < target else "OVER TARGET"
        print(
            f"{row['name']:<24}{row['pages']:>6}{row['size'] / 1024:>7.0f}"
            f"{row['gather']:>8.2f}s{row['build']:>8.2f}s{total:>8.2f}s{row['floor']:>8.2f}s"
            f"{row['build'] / row['floor']:>8.1f}×{row['build'] * 1000 / row['pages']:>9.0f}"
            f"{target:>8.1f}s  {verdict}"
        )
    print()
    for row in rows:
        print(
            f"{row['name']}: period {row['period']}; first (cold) run: gather "
            f"{row['gather_cold']:.2f} s, build {row['build_cold']:.2f} s; "
            f"{row['warnings']} warnings"
        )
    print(
        f"Times are medians of {RUNS} runs after the cold one. The floor is a bare ReportLab "
        f"canvas writing the same number of pages of {LINES_PER_PAGE} lines of text "
        "(DejaVu Sans embedded); '× floor' is build / floor; ms/page is the build's."
    )


if __name__ == "__main__":
    main()
