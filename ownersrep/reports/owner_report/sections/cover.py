"""The cover: logos, the project and period, who prepared and reviewed the report, and
the confidentiality marking. A logo that cannot be read is left out with a warning."""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable, Image, Spacer, Table, TableStyle

from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import BOLD
from ownersrep.reports.owner_report.formats import day
from ownersrep.reports.owner_report.styles import ACCENT, INK, RULE
from ownersrep.reports.owner_report.tables import para
from ownersrep.services.report_types import Branding, Cover, PortfolioReport

LOGO_BOX = (62 * mm, 24 * mm)


def logo(path: Path | None, what: str, ctx: Ctx, known: tuple[str, ...]) -> Flowable | None:
    """The logo scaled to fit the box, or None (with a warning) when it cannot be read."""
    if path is None:
        return None
    try:
        reader = ImageReader(str(path))
        w, h = reader.getSize()
    except Exception as err:  # unreadable file or image: the report builds without it
        reason = "file not found" if not Path(path).exists() else f"cannot be read ({err})"
        message = f"{what}: {reason}: {path}"
        if not any(str(path) in k for k in known):
            ctx.warnings.append(message)
        return None
    scale = min(LOGO_BOX[0] / w, LOGO_BOX[1] / h)
    image = Image(str(path), width=w * scale, height=h * scale)
    image.hAlign = "LEFT"
    return image


def _logos(branding: Branding, ctx: Ctx) -> list[Flowable]:
    known = branding.warnings
    client = logo(branding.client_logo, "Client logo", ctx, known)
    ours = logo(branding.our_logo, "Our logo", ctx, known)
    if client is None and ours is None:
        return [Spacer(1, LOGO_BOX[1])]
    if ours is not None:
        ours.hAlign = "RIGHT"
    table = Table(
        [[client or "", ours or ""]],
        colWidths=[ctx.width / 2] * 2,
        rowHeights=[LOGO_BOX[1]],
        style=TableStyle(
            [
                ("ALIGN", (1, 0), (1, 0), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        ),
    )
    return [table]


def _details(rows: list[tuple[str, str]], ctx: Ctx) -> Table:
    return Table(
        [[para(k, "cover_label"), para(v, "cover_value")] for k, v in rows],
        colWidths=[45 * mm, ctx.width - 45 * mm],
        style=TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ("LEFTPADDING", (0, 0), (0, -1), 0),
            ]
        ),
        hAlign="LEFT",
    )


def _marking(text: str, ctx: Ctx) -> Table:
    return Table(
        [[para(text.upper() if len(text) < 60 else text, "cover_value")]],
        colWidths=[ctx.width],
        style=TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1, INK),
                ("FONT", (0, 0), (-1, -1), BOLD, 10),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        ),
    )


def _rule(ctx: Ctx) -> Table:
    return Table(
        [[""]],
        colWidths=[ctx.width],
        rowHeights=[3],
        style=TableStyle([("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT)]),
    )


def _cover_page(
    ctx: Ctx,
    branding: Branding,
    kind: str,
    title: str,
    subtitle: str,
    rows: list[tuple[str, str]],
) -> list[Flowable]:
    """The cover's layout, the same for a project and a portfolio: logos, what the
    report is, the title, the period, the details and the confidentiality marking."""
    if branding.organisation:
        rows = [*rows, ("Prepared for the owner by", branding.organisation)]
    return [
        *_logos(branding, ctx),
        Spacer(1, 28 * mm),
        para(kind, "cover_sub"),
        Spacer(1, 3 * mm),
        para(title, "cover_title"),
        Spacer(1, 3 * mm),
        para(subtitle, "cover_sub"),
        Spacer(1, 6 * mm),
        _rule(ctx),
        Spacer(1, 8 * mm),
        _details(rows, ctx),
        Spacer(1, 14 * mm),
        _marking(branding.confidentiality, ctx),
    ]


def cover_section(ctx: Ctx, cover: Cover, branding: Branding) -> list[Flowable]:
    period = f"{day(cover.period_start)} to {day(cover.period_end)}"
    rows = [
        ("Project number", cover.project_code or "–"),
        ("Client", cover.client_name or "–"),
        ("Reporting period", f"{cover.period_label} ({period})"),
        ("Report number", str(cover.report_number)),
        ("Status date", day(cover.status_date)),
        ("Prepared by", cover.prepared_by or "–"),
        ("Reviewed by", cover.reviewed_by or "–"),
        ("Date", day(cover.report_date)),
    ]
    subtitle = f"{cover.period_label} · Report No. {cover.report_number}"
    return _cover_page(ctx, branding, "Owner's report", cover.project_name, subtitle, rows)


def portfolio_cover(ctx: Ctx, report: PortfolioReport, branding: Branding) -> list[Flowable]:
    rows = [
        ("Reporting period", report.period_label),
        ("Projects", str(len(report.lines))),
        ("Date", day(report.report_date)),
    ]
    return _cover_page(ctx, branding, "Portfolio report", report.title, report.period_label, rows)
