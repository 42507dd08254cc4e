"""KPIs: value, thresholds, RAG word on its tint, and the trend over earlier periods."""

from __future__ import annotations

from datetime import datetime

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from ownersrep.reports.owner_report import rag
from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import REGULAR
from ownersrep.reports.owner_report.styles import CELL_SIZE
from ownersrep.reports.owner_report.tables import data_table
from ownersrep.services.report_types import Kpis

MIN_TEXT = 160.0


def _month(period: str) -> str:
    """ "2026-08" → "Aug 2026"."""
    try:
        return datetime.strptime(period, "%Y-%m").strftime("%b %Y")
    except ValueError:
        return period


def _column_widths(total: float, header: list[str], rows: list[list], n: int) -> list[float]:
    """Figure columns as wide as their widest figure; the KPI name and the thresholds
    share what is left."""
    figures = []
    for c in range(2, n + 3):
        texts = [header[c], *(row[c] for row in rows if isinstance(row[c], str))]
        figures.append(max(40.0, max(stringWidth(t, REGULAR, CELL_SIZE) for t in texts) + 9))
    # The KPI name and thresholds keep at least MIN_TEXT; wide figures (money) wrap.
    room = total - 48.0 - 50.0 - MIN_TEXT
    if sum(figures) > room:
        cap = room / len(figures)
        figures = [min(f, max(cap, 40.0)) for f in figures]
    rest = total - 48.0 - 50.0 - sum(figures)
    return [rest * 0.45, 48.0, *figures, rest * 0.55, 50.0]


def kpis_section(ctx: Ctx, kpis: Kpis | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Key performance indicators")]
    if kpis is None or not kpis.lines:
        return [*out, ctx.nothing()]
    source = (
        "Figures are this period's stored snapshot."
        if kpis.from_snapshot
        else "Figures are as of the status date (the period is not closed yet)."
    )
    out.append(ctx.para(source, "note"))
    periods = list(kpis.periods)
    header = ["KPI", "Area", *[_month(p) for p in periods], "This period", "Thresholds", "Status"]
    n = len(periods)
    rows, commands = [], {}
    for i, line in enumerate(kpis.lines):
        trend = list(line.trend[-n:]) if n else []
        trend += [""] * (n - len(trend))
        figures = [*trend, line.value]
        label = line.label
        prefix = f"{ctx.currency} " if ctx.currency else ""
        if prefix and any(f.startswith(prefix) for f in figures):
            # Money: the currency goes to the label, so the figures stay on one line.
            figures = [f.removeprefix(prefix) for f in figures]
            label = f"{label} ({ctx.currency})"
        rows.append(
            [
                label,
                line.area.label,
                *[f or "–" for f in figures],
                line.thresholds,
                rag.word(line.rag),
            ]
        )
        commands[i] = [("BACKGROUND", n + 5 - 1, n + 5 - 1, rag.tint(line.rag))]
    out += data_table(
        header,
        rows,
        _column_widths(ctx.width, header, rows, n),
        right=tuple(range(2, n + 3)),
        row_commands=commands,
    )
    return out
