"""build_owner_report: a ReportBundle in, a PDF out. One layout pass: the deferred
canvas writes "Page X of Y" and the contents' page numbers once every page is known."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO

from reportlab import rl_config
from reportlab.lib.pagesizes import A4, letter
from reportlab.platypus import Flowable, NextPageTemplate, PageBreak

from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.document import ReportDoc, SetHeader, TocLine
from ownersrep.reports.owner_report.fonts import register_fonts
from ownersrep.reports.owner_report.formats import day
from ownersrep.reports.owner_report.keep import keep_headings
from ownersrep.reports.owner_report.page_template import (
    BODY,
    BOTTOM,
    LEFT,
    RIGHT,
    TOP,
    DeferredCanvas,
    Marks,
)
from ownersrep.reports.owner_report.result import BuildResult
from ownersrep.reports.owner_report.sections.appendix import (
    appendix_audit,
    appendix_issues,
    appendix_risks,
)
from ownersrep.reports.owner_report.sections.cost import cost_section
from ownersrep.reports.owner_report.sections.cover import cover_section, portfolio_cover
from ownersrep.reports.owner_report.sections.issues import issues_section
from ownersrep.reports.owner_report.sections.kpis import kpis_section
from ownersrep.reports.owner_report.sections.portfolio import portfolio_summary
from ownersrep.reports.owner_report.sections.risks import risks_section
from ownersrep.reports.owner_report.sections.schedule import schedule_section
from ownersrep.reports.owner_report.sections.summary import summary_section
from ownersrep.services.report_types import (
    ALL_SECTIONS,
    PageSize,
    ProjectReport,
    ReportBundle,
    Section,
)

Progress = Callable[[int, int, str], None]
SectionFn = Callable[[Ctx, ProjectReport], list[Flowable]]

_SECTIONS: dict[Section, SectionFn] = {
    Section.SUMMARY: lambda ctx, p: summary_section(ctx, p.summary),
    Section.SCHEDULE: lambda ctx, p: schedule_section(ctx, p.schedule),
    Section.COST: lambda ctx, p: cost_section(
        ctx, p.cost, p.schedule.status_date if p.schedule else p.cover.status_date
    ),
    Section.ISSUES: lambda ctx, p: issues_section(ctx, p.issues),
    Section.RISKS: lambda ctx, p: risks_section(ctx, p.risks),
    Section.KPIS: lambda ctx, p: kpis_section(ctx, p.kpis),
    Section.APPENDIX_ISSUES: lambda ctx, p: appendix_issues(ctx, p.appendix),
    Section.APPENDIX_RISKS: lambda ctx, p: appendix_risks(ctx, p.appendix),
    Section.APPENDIX_AUDIT: lambda ctx, p: appendix_audit(ctx, p.appendix),
}


def body_sections(project: ProjectReport) -> list[Section]:
    """The chosen sections after the cover, in print order."""
    chosen = set(project.choices.sections)
    return [s for s in ALL_SECTIONS if s in chosen and s is not Section.COVER]


def _project_body(ctx: Ctx, project: ProjectReport, tick: Callable[[str], None]) -> list[Flowable]:
    out: list[Flowable] = []
    ctx.currency = project.currency
    for n, section in enumerate(body_sections(project)):
        if n:
            out.append(PageBreak())
        out += _SECTIONS[section](ctx, project)
        tick(section.label)
    return out


def _contents(ctx: Ctx) -> list[Flowable]:
    lines: list[Flowable] = [ctx.para("Contents", "h1")]
    lines += [TocLine(title, level, key, ctx.marks) for title, level, key in ctx.toc]
    return [*lines, PageBreak()]


def _sizes(bundle: ReportBundle) -> tuple[float, float]:
    return letter if bundle.page_size == PageSize.LETTER else A4


def build_owner_report(
    bundle: ReportBundle, out: Path | BinaryIO, progress: Progress | None = None
) -> BuildResult:
    """Write the owner report of `bundle` to `out` (a path or a binary file) and return
    the page count and warnings. progress(done, total, what) is called per section."""
    register_fonts()
    page_size = _sizes(bundle)
    branding = bundle.branding
    project, portfolio = bundle.project, bundle.portfolio
    if project is None and portfolio is None:
        raise ValueError("The bundle holds neither a project nor a portfolio")
    if portfolio is not None:
        header, right, printed = portfolio.title, portfolio.period_label, portfolio.report_date
        steps = 2 + sum(len(body_sections(p)) for p in portfolio.projects)
        with_cover = True
        title = f"{portfolio.title}: portfolio report, {portfolio.period_label}"
    else:
        assert project is not None
        cover = project.cover
        header, right, printed = cover.project_name, cover.period_label, cover.report_date
        with_cover = Section.COVER in project.choices.sections
        steps = 1 + len(body_sections(project)) + int(with_cover)
        title = f"{cover.project_name}: owner's report, {cover.period_label}"
    marks = Marks(
        header=header,
        header_right=right,
        confidentiality=branding.confidentiality,
        printed=f"Printed {day(printed)}",
    )
    ctx = Ctx(marks=marks, width=page_size[0] - LEFT - RIGHT)
    done = 0

    def tick(what: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(done, steps, what)

    front: list[Flowable] = []
    body: list[Flowable] = []
    if portfolio is not None:
        front += portfolio_cover(ctx, portfolio, branding)
        tick("Cover")
        body += portfolio_summary(ctx, portfolio)
        for p in portfolio.projects:
            body += [PageBreak(), SetHeader(marks, p.cover.project_name, portfolio.period_label)]
            name = f"{p.cover.project_code} · {p.cover.project_name}".strip(" ·")
            body.append(ctx.heading(name, 0, absolute=True))
            ctx.base_level = 1
            body += _project_body(ctx, p, tick)
            ctx.base_level = 0
    else:
        assert project is not None
        if with_cover:
            front += cover_section(ctx, project.cover, branding)
            tick("Cover")
        body += _project_body(ctx, project, tick)
    story: list[Flowable] = []
    if with_cover:
        story += [*front, NextPageTemplate(BODY), PageBreak()]
    frame_height = page_size[1] - TOP - BOTTOM
    story += _contents(ctx) + keep_headings(body, ctx.width, frame_height)

    target: Any = str(out) if isinstance(out, Path) else out
    doc = ReportDoc(
        target, page_size, marks, title=title, author=branding.organisation, subject=title
    )
    if not with_cover:
        doc.pageTemplates.reverse()  # the body's template first
    canvases: list[DeferredCanvas] = []

    def make_canvas(*args: Any, **kwargs: Any) -> DeferredCanvas:
        canv = DeferredCanvas(marks, *args, **kwargs)
        canvases.append(canv)
        return canv

    # Binary streams: ASCII85 (pure Python here) would cost ~60 ms per chart image.
    a85 = rl_config.useA85
    rl_config.useA85 = 0
    try:
        doc.build(story, canvasmaker=make_canvas)
    finally:
        rl_config.useA85 = a85
    tick("Pages laid out")
    warnings = tuple(dict.fromkeys([*bundle.warnings, *branding.warnings, *ctx.warnings]))
    return BuildResult(pages=canvases[-1].page_count, warnings=warnings)
