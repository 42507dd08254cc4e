"""The schedule: milestones with variance, forecast against contract completion, the
summary Gantt chart, the critical path and the look-ahead."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from reportlab.platypus import Flowable, KeepTogether, Spacer

from ownersrep.reports.owner_report import rag
from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import BOLD
from ownersrep.reports.owner_report.formats import day, percent, signed_days
from ownersrep.reports.owner_report.gantt_drawing import gantt_drawings
from ownersrep.reports.owner_report.styles import CRITICAL
from ownersrep.reports.owner_report.tables import data_table, key_value_table, widths
from ownersrep.services.report_types import Schedule, TaskLine


def completion_sentence(s: Schedule) -> str:
    if s.forecast_completion is None:
        return "There is no forecast completion yet: the schedule has no dated work."
    forecast = f"The forecast completion is {day(s.forecast_completion)}"
    if s.contract_completion is None:
        return forecast + "; there is no contract completion to compare it with."
    v = s.completion_variance_days
    against = f"the contract completion of {day(s.contract_completion)}"
    if v is None or v == 0:
        return f"{forecast}, on {against}."
    days = f"{abs(v)} working day{'' if abs(v) == 1 else 's'}"
    return f"{forecast}, {days} {'later' if v > 0 else 'earlier'} than {against}."


def _milestones(ctx: Ctx, s: Schedule) -> list[Flowable]:
    rows, commands = [], {}
    for i, m in enumerate(s.milestones):
        rows.append(
            [
                m.wbs,
                m.name,
                day(m.baseline),
                day(m.forecast) if m.actual is None else "–",
                day(m.actual),
                signed_days(m.variance_days),
            ]
        )
        if m.variance_days and m.variance_days > 0:
            commands[i] = [("FONT", 5, 5, BOLD, 8), ("TEXTCOLOR", 5, 5, rag.TINTS_INK)]
    return data_table(
        ["WBS", "Milestone", "Baseline", "Forecast", "Actual", "Variance"],
        rows,
        widths(ctx.width, 1.2, 6, 2.1, 2.1, 2.1, 1.6),
        right=(5,),
        row_commands=commands,
    )


def task_table(ctx: Ctx, tasks: Sequence[TaskLine], mark_critical: bool = False) -> list[Flowable]:
    rows, commands = [], {}
    for i, t in enumerate(tasks):
        rows.append(
            [
                t.wbs,
                t.name,
                day(t.start),
                day(t.finish),
                f"{t.duration_days} d" if t.duration_days is not None else "–",
                f"{t.total_float_days} d" if t.total_float_days is not None else "–",
                percent(t.percent_complete),
                t.responsible or "–",
            ]
        )
        if mark_critical and t.critical:
            commands[i] = [("TEXTCOLOR", 5, 5, CRITICAL), ("FONT", 5, 5, BOLD, 8)]
    return data_table(
        ["WBS", "Task", "Start", "Finish", "Duration", "Float", "Done", "Responsible"],
        rows,
        widths(ctx.width, 1.1, 5.2, 2.0, 2.0, 1.4, 1.2, 1.1, 2.4),
        right=(4, 5, 6),
        row_commands=commands,
    )


def schedule_section(ctx: Ctx, s: Schedule | None) -> list[Flowable]:
    out: list[Flowable] = [ctx.heading("Schedule")]
    if s is None:
        return [*out, ctx.nothing()]
    out.append(ctx.heading("Completion", 1))
    out.append(ctx.para(completion_sentence(s)))
    pairs = [
        ("Status date", day(s.status_date)),
        ("Baseline compared", s.baseline_name or "No baseline chosen"),
        ("Contract completion", day(s.contract_completion)),
        ("Forecast completion", day(s.forecast_completion)),
        ("Variance (working days)", signed_days(s.completion_variance_days)),
    ]
    out.append(key_value_table(pairs, widths(ctx.width * 0.6, 3, 2)))
    out.append(ctx.heading("Milestones", 1))
    out += _milestones(ctx, s) if s.milestones else [ctx.nothing()]
    out.append(ctx.heading("Summary programme", 1))
    drawings = gantt_drawings(s.gantt, s.status_date, ctx.width)
    if drawings:
        out.append(
            ctx.para(
                "Summary elements and milestones; the grey bar beneath each bar is the "
                "baseline, red marks the critical path, the dashed line the status date.",
                "caption",
            )
        )
        for drawing in drawings:
            out += [KeepTogether([drawing]), Spacer(1, 6)]
    else:
        out.append(ctx.nothing())
    out.append(ctx.heading("Critical path", 1))
    out += task_table(ctx, s.critical_path) if s.critical_path else [ctx.nothing()]
    if s.status_date is not None:
        end = s.status_date + timedelta(weeks=s.look_ahead_weeks)
        title = (
            f"Look-ahead: the next {s.look_ahead_weeks} weeks ({day(s.status_date)} to {day(end)})"
        )
    else:
        title = f"Look-ahead: the next {s.look_ahead_weeks} weeks"
    out.append(ctx.heading(title, 1))
    out += task_table(ctx, s.look_ahead, mark_critical=True) if s.look_ahead else [ctx.nothing()]
    return out
