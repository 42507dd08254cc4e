"""The executive summary: the rep's narrative, overall and per-area RAG against last
period with trend arrows, key achievements and the decisions the owner must take."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Table, TableStyle

from ownersrep.reports.owner_report import rag
from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import BOLD
from ownersrep.reports.owner_report.formats import day
from ownersrep.reports.owner_report.styles import INK
from ownersrep.reports.owner_report.tables import data_table, widths
from ownersrep.reports.owner_report.text import markup
from ownersrep.services.report_types import Summary, TextBlock


def _runs_markup(block: TextBlock) -> str:
    parts = []
    for run in block.runs:
        text = markup(run.text).replace("\n", "<br/>")
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.underline:
            text = f"<u>{text}</u>"
        parts.append(text)
    return "".join(parts)


def bullets(ctx: Ctx, items: Sequence[Paragraph]) -> ListFlowable:
    return ListFlowable(
        [ListItem(p, leftIndent=14, value="•") for p in items],
        bulletType="bullet",
        start="•",
        leftIndent=14,
        bulletFontSize=8,
        bulletOffsetY=-1,
    )


def narrative(ctx: Ctx, blocks: Sequence[TextBlock]) -> list[Flowable]:
    out: list[Flowable] = []
    items: list[Paragraph] = []
    for block in blocks:
        text = _runs_markup(block)
        if block.kind == "li":
            items.append(Paragraph(text, ctx.st.bullet))
            continue
        if items:
            out.append(bullets(ctx, items))
            items = []
        if text.strip():
            out.append(Paragraph(text, ctx.st.body))
    if items:
        out.append(bullets(ctx, items))
    return out


def _overall(ctx: Ctx, s: Summary) -> Table:
    last = f"last period {rag.word(s.overall_last)}" if s.overall_last else "no earlier period"
    row = [
        "Overall status",
        rag.word(s.overall),
        f"{rag.trend(s.overall, s.overall_last)} ({last})",
    ]
    return Table(
        [row],
        colWidths=widths(ctx.width, 3, 2, 6),
        style=TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), BOLD, 11, 14),
                ("TEXTCOLOR", (0, 0), (-1, -1), INK),
                ("BACKGROUND", (1, 0), (1, 0), rag.tint(s.overall)),
                ("ALIGN", (1, 0), (1, 0), "CENTRE"),
                ("BOX", (0, 0), (-1, -1), 0.8, INK),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        ),
        hAlign="LEFT",
    )


def _areas(ctx: Ctx, s: Summary) -> list[Flowable]:
    rows, commands = [], {}
    for i, line in enumerate(s.areas):
        this = rag.word(line.this) + (" (override)" if line.overridden else "")
        note = line.commentary
        if line.overridden and line.derived != line.this:
            note = f"{note} (thresholds give {rag.word(line.derived)})".strip()
        rows.append(
            [
                line.area.label,
                rag.word(line.last) if line.last else "–",
                this,
                rag.trend(line.this, line.last),
                note or "",
            ]
        )
        commands[i] = [("BACKGROUND", 2, 2, rag.tint(line.this))]
        if line.last is not None:
            commands[i].append(("BACKGROUND", 1, 1, rag.tint(line.last)))
    return data_table(
        ["Area", "Last period", "This period", "Trend", "Commentary"],
        rows,
        widths(ctx.width, 2, 2, 2.6, 2, 7),
        row_commands=commands,
    )


def summary_section(ctx: Ctx, s: Summary | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Executive summary")]
    if s is None:
        return [*out, ctx.nothing()]
    out.append(ctx.heading("Narrative", 1))
    text = narrative(ctx, s.narrative)
    out += text or [ctx.nothing()]
    out.append(ctx.heading("Status against last period", 1))
    out.append(_overall(ctx, s))
    out.append(ctx.para(""))
    out += _areas(ctx, s) if s.areas else [ctx.nothing()]
    out.append(ctx.heading("Key achievements", 1))
    if s.achievements:
        out.append(bullets(ctx, [Paragraph(markup(a), ctx.st.bullet) for a in s.achievements]))
    else:
        out.append(ctx.nothing())
    out.append(ctx.heading("Decisions required in the next 30 days", 1))
    if not s.decisions:
        return [*out, ctx.nothing()]
    rows, commands = [], {}
    for i, d in enumerate(s.decisions):
        rows.append(
            [
                d.number,
                d.title,
                d.owner or "–",
                day(d.due_on),
                "Overdue" if d.overdue else "",
            ]
        )
        if d.overdue:
            commands[i] = [("FONT", 4, 4, BOLD, 8), ("TEXTCOLOR", 4, 4, rag.TINTS_INK)]
    out += data_table(
        ["No.", "Decision", "Owner", "Needed by", ""],
        rows,
        widths(ctx.width, 1.6, 6.7, 2.6, 2, 1.6),
        row_commands=commands,
    )
    return out
