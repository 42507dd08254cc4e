"""Cost: the budget summary, the S-curve, CPI and SPI, and the change-order log."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.platypus import Flowable

from ownersrep.reports.owner_report.charts import s_curve_image
from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import BOLD
from ownersrep.reports.owner_report.formats import day, idx, money
from ownersrep.reports.owner_report.tables import data_table, widths
from ownersrep.services.cost_types import ChangeOrderDTO
from ownersrep.services.report_types import Cost


def _budget(ctx: Ctx, c: Cost) -> list[Flowable]:
    t = c.ledger.line_totals
    rows = [
        ("Original budget", t.original, "As approved at contract award"),
        ("Approved changes", t.approved, "Change orders approved to date"),
        ("Revised budget", t.revised, "Original budget plus approved changes"),
        ("Committed", t.committed, "Contracts and purchase orders, with their changes"),
        ("Certified to date", t.certified, "Work certified for payment"),
        ("Paid to date", t.paid, ""),
        ("Retainage held", t.retainage, ""),
        ("Estimate at completion (EAC)", t.eac, "Forecast final cost"),
        (
            "Variance at completion (VAC)",
            t.vac_revised,
            "Revised budget less EAC; negative is an overrun",
        ),
        ("Contingency remaining", c.ledger.contingency.remaining, ""),
    ]
    bold = {2: [("FONT", 0, 1, BOLD, 8)], 7: [("FONT", 0, 1, BOLD, 8)]}
    return data_table(
        ["Figure", f"Amount ({c.currency})", "Note"],
        [[label, money(v), note or ""] for label, v, note in rows],
        widths(ctx.width, 4, 2.6, 5.4),
        right=(1,),
        row_commands=bold,
    )


def _evm(ctx: Ctx, c: Cost) -> list[Flowable]:
    e = c.evm
    if e is None:
        return [ctx.para("Earned value is not measured for this project yet.", "note")]
    rows = [
        ["Budget at completion (BAC)", money(e.bac), "Cost performance index (CPI)", idx(e.cpi)],
        ["Planned value (PV)", money(e.pv), "Schedule performance index (SPI)", idx(e.spi)],
        ["Earned value (EV)", money(e.ev), "Estimate at completion (EAC)", money(e.eac)],
        ["Actual cost (AC)", money(e.ac), "Variance at completion (VAC)", money(e.vac)],
    ]
    out = data_table(
        ["Earned value", f"Amount ({c.currency})", "Index or forecast", "Value"],
        rows,
        widths(ctx.width, 3.6, 2.4, 3.8, 2.4),
        right=(1, 3),
    )
    meaning = []
    if e.cpi is not None:
        meaning.append(
            f"CPI {idx(e.cpi)}: each {c.currency} 1.00 spent earned {c.currency} {idx(e.cpi)} "
            "of work"
        )
    if e.spi is not None:
        shown = idx(e.spi)  # judged as printed: 0.997 prints 1.00, which is on plan
        pace = "on" if shown == idx(1) else "ahead of" if e.spi > 1 else "behind"
        meaning.append(f"SPI {shown}: work is {pace} plan")
    if meaning:
        out.append(ctx.para("; ".join(meaning) + ".", "caption"))
    return out


def _changes(
    ctx: Ctx, orders: Sequence[ChangeOrderDTO], currency: str, pending: bool
) -> list[Flowable]:
    rows = []
    for co in orders:
        when = day(co.submitted_on) if pending else day(co.approved_on)
        rows.append(
            [
                co.number,
                co.title,
                co.status.label if pending else co.reason.label,
                money(co.cost),
                f"{co.time_impact_days} d" if co.time_impact_days else "–",
                when,
            ]
        )
    return data_table(
        [
            "No.",
            "Change",
            "Status" if pending else "Reason",
            f"Cost ({currency})",
            "Time",
            "Submitted" if pending else "Approved",
        ],
        rows,
        widths(ctx.width, 1.3, 5.2, 2.2, 2.2, 1.1, 2.1),
        right=(3, 4),
    )


def cost_section(ctx: Ctx, c: Cost | None, status_date: date | None = None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Cost")]
    if c is None:
        return [*out, ctx.nothing()]
    out.append(ctx.heading("Budget summary", 1))
    out += _budget(ctx, c) if c.ledger.lines else [ctx.nothing()]
    out.append(ctx.heading("Earned value: CPI and SPI", 1))
    out += _evm(ctx, c)
    out.append(ctx.heading("Cost S-curve", 1))
    if c.s_curve.dates:
        out.append(
            s_curve_image(
                c.s_curve, status_date=status_date, currency=c.currency, width_pt=ctx.width
            )
        )
    else:
        out.append(ctx.nothing())
    out.append(ctx.heading("Change orders approved this period", 1))
    out += (
        _changes(ctx, c.approved_this_period, c.currency, False)
        if c.approved_this_period
        else [ctx.nothing()]
    )
    out.append(ctx.heading("Pending change orders", 1))
    if c.pending:
        out.append(
            ctx.para(
                f"{len(c.pending)} change orders are pending or potential, an exposure of "
                f"{c.currency} {money(c.pending_exposure)}."
            )
        )
        out += _changes(ctx, c.pending, c.currency, True)
    else:
        out.append(ctx.nothing())
    return out
