"""Appendices: the full issue log, the risk register and the changes of the period."""

from __future__ import annotations

from reportlab.platypus import Flowable

from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.formats import day
from ownersrep.reports.owner_report.sections.issues import full_table
from ownersrep.reports.owner_report.sections.risks import risk_table
from ownersrep.reports.owner_report.tables import data_table, widths
from ownersrep.services.report_types import Appendix, Section


def appendix_issues(ctx: Ctx, a: Appendix | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading(Section.APPENDIX_ISSUES.label)]
    if a is None or not a.issues:
        return [*out, ctx.nothing()]
    out.append(ctx.para(f"{len(a.issues)} items, by number.", "note"))
    return out + full_table(ctx, a.issues)


def appendix_risks(ctx: Ctx, a: Appendix | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading(Section.APPENDIX_RISKS.label)]
    if a is None or not a.risks:
        return [*out, ctx.nothing()]
    return out + risk_table(ctx, a.risks, with_status=True)


def appendix_audit(ctx: Ctx, a: Appendix | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading(Section.APPENDIX_AUDIT.label)]
    if a is None or not a.audit:
        return [*out, ctx.nothing()]
    rows = [[line.entity, line.action, str(line.count), day(line.last_on)] for line in a.audit]
    return out + data_table(
        ["Record", "Change", "Count", "Last on"],
        rows,
        widths(ctx.width, 4, 3, 2, 3),
        right=(2,),
    )
