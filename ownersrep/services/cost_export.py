"""The cost ledger as one CSV file: budget lines, commitments, change orders and pay
applications, each a section with a title row and a header row, separated by a blank
row. Amounts are exact Decimal strings ("12500.00", "-300.00"), dates ISO 8601 (see
issue_csv.csv_cell)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ownersrep.domain.cost.ledger import CommitmentFigures, LineFigures
from ownersrep.services.cost_types import (
    ChangeOrderDTO,
    CostLedger,
    ExportSummary,
    PayApplicationDTO,
)
from ownersrep.services.issue_csv import write_csv

LINE_HEADERS = (
    "Code",
    "Description",
    "Group",
    "Kind",
    "Original",
    "Approved changes",
    "Revised",
    "Committed",
    "Uncommitted",
    "Exposure",
    "Certified",
    "Paid",
    "Retainage",
    "Unpaid",
    "ETC",
    "ETC entered",
    "EAC",
    "VAC original",
    "VAC revised",
)
COMMITMENT_HEADERS = (
    "Number",
    "Title",
    "Kind",
    "Party",
    "Retainage %",
    "Budget lines",
    "Amount",
    "Approved changes",
    "Revised",
    "Exposure",
    "Claimed",
    "Certified",
    "Retainage held",
    "Retainage released",
    "Retainage outstanding",
    "Paid",
    "Unpaid",
    "Remaining",
)
CHANGE_HEADERS = (
    "Number",
    "Title",
    "Reason",
    "Status",
    "Commitment",
    "Budget line",
    "Cost",
    "Time impact (days)",
    "From contingency",
    "Contingency line",
    "Submitted on",
    "Approved on",
    "Approved by",
)
PAYMENT_HEADERS = (
    "Commitment",
    "Party",
    "Number",
    "Period end",
    "Claimed",
    "Certified",
    "Retainage held",
    "Retainage released",
    "Net",
    "Paid on",
    "Certified to date",
)


def _line_money(f: LineFigures) -> list[Any]:
    return [
        f.original,
        f.approved,
        f.revised,
        f.committed,
        f.uncommitted,
        f.exposure,
        f.certified,
        f.paid,
        f.retainage,
        f.unpaid,
        f.etc,
    ]


def _line_forecast(f: LineFigures) -> list[Any]:
    return [f.eac, f.vac_original, f.vac_revised]


def _commitment_money(f: CommitmentFigures) -> list[Any]:
    return [
        f.amount,
        f.approved,
        f.revised,
        f.exposure,
        f.claimed,
        f.certified,
        f.retainage_held,
        f.retainage_released,
        f.retainage,
        f.paid,
        f.unpaid,
        f.remaining,
    ]


def export_rows(
    ledger: CostLedger,
    changes: Sequence[ChangeOrderDTO],
    payments: Sequence[PayApplicationDTO],
) -> list[list[Any]]:
    rows: list[list[Any]] = [list(LINE_HEADERS)]
    for r in ledger.lines:
        rows.append(
            [
                r.code,
                r.description,
                r.group,
                r.kind.label,
                *_line_money(r),
                r.etc_entered,
                *_line_forecast(r),
            ]
        )
    t = ledger.line_totals
    rows.append(["Total", "", "", "", *_line_money(t), "", *_line_forecast(t)])
    rows += [[], ["Commitments"], list(COMMITMENT_HEADERS)]
    for c in ledger.commitments:
        head = [c.number, c.title, c.kind.label, c.party_name, c.retainage_percent, c.line_codes]
        rows.append(head + _commitment_money(c))
    rows.append(["Total", "", "", "", "", "", *_commitment_money(ledger.commitment_totals)])
    rows += [[], ["Change orders"], list(CHANGE_HEADERS)]
    for co in changes:
        rows.append(
            [
                co.number,
                co.title,
                co.reason.label,
                co.status.label,
                co.commitment_number,
                co.budget_line_code,
                co.cost,
                co.time_impact_days,
                co.from_contingency,
                co.contingency_line_code,
                co.submitted_on,
                co.approved_on,
                co.approved_by,
            ]
        )
    rows += [[], ["Pay applications"], list(PAYMENT_HEADERS)]
    for p in payments:
        rows.append(
            [
                p.commitment_number,
                p.party_name,
                p.number,
                p.period_end,
                p.claimed,
                p.certified,
                p.retainage_held,
                p.retainage_released,
                p.net,
                p.paid_on,
                p.certified_to_date,
            ]
        )
    return rows


def write_ledger_csv(
    path: Path | str,
    ledger: CostLedger,
    changes: Sequence[ChangeOrderDTO],
    payments: Sequence[PayApplicationDTO],
) -> ExportSummary:
    """Write the file (atomically, see issue_csv.write_csv); returns what it holds."""
    write_csv(path, ["Budget lines"], export_rows(ledger, changes, payments))
    return ExportSummary(
        lines=len(ledger.lines),
        commitments=len(ledger.commitments),
        change_orders=len(changes),
        pay_applications=len(payments),
    )
