"""The cover of a project's report: who, which period, which number, by whom."""

from __future__ import annotations

from ownersrep.services.report_inputs import ProjectInputs
from ownersrep.services.report_types import Cover


def cover_of(inp: ProjectInputs) -> Cover:
    head, period, record = inp.head, inp.period, inp.record
    return Cover(
        project_name=head.name,
        project_code=head.code,
        client_name=head.client_name,
        period=period.text,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        report_number=record.report_number,
        prepared_by=record.prepared_by,
        reviewed_by=record.reviewed_by,
        report_date=record.issued_on or inp.today,
        status_date=head.status_date,
    )
