"""Proof that the ledger's totals agree, worked out a second way from the raw inputs.

An empty list means: on every budget line original + approved changes = revised; the
project's revised budget is its original budget plus the approved changes that were not
drawn from contingency; the lines carry exactly what the commitments commit, certify,
pay and retain; on every commitment paid + retainage + unpaid = certified, billing
stays within the revised commitment and releases within retainage held; contingency
remaining = original + added − drawn, and no contingency line is overdrawn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeStatus
from ownersrep.domain.cost.ledger import (
    ChangeInput,
    CommitmentFigures,
    CommitmentInput,
    LedgerFigures,
    LineFigures,
    LineInput,
)
from ownersrep.domain.money import format_money as fm


def _paid_retained(name: str, f: LineFigures | CommitmentFigures) -> list[str]:
    if f.paid + f.retainage + f.unpaid == f.certified:
        return []
    return [
        f"{name}: paid {fm(f.paid)} + retainage {fm(f.retainage)} + unpaid {fm(f.unpaid)} "
        f"≠ certified {fm(f.certified)}"
    ]


def _line_messages(
    figures: LedgerFigures, lines: Sequence[LineInput], labels: Mapping[int, str]
) -> list[str]:
    out: list[str] = []
    for line in lines:
        f = figures.lines[line.id]
        name = f"Budget line {labels.get(line.id, f'#{line.id}')}"
        if f.original + f.approved != f.revised:
            out.append(
                f"{name}: original {fm(f.original)} + approved changes {fm(f.approved)} "
                f"≠ revised {fm(f.revised)}"
            )
        out += _paid_retained(name, f)
        if line.kind is BudgetLineKind.CONTINGENCY and f.revised < 0:
            out.append(f"{name}: contingency overdrawn by {fm(-f.revised)}")
    return out


def _commitment_messages(
    figures: LedgerFigures, commitments: Sequence[CommitmentInput], labels: Mapping[int, str]
) -> list[str]:
    out: list[str] = []
    for m in commitments:
        f = figures.commitments[m.id]
        name = f"Commitment {labels.get(m.id, f'#{m.id}')}"
        allocated = total(m.allocations.values())
        if allocated != m.amount:
            out.append(
                f"{name}: its budget lines add up to {fm(allocated)}, not its amount {fm(m.amount)}"
            )
        out += _paid_retained(name, f)
        if f.certified > f.claimed:
            out.append(f"{name}: certified {fm(f.certified)} exceeds claimed {fm(f.claimed)}")
        for what, to_date in (("claims", f.claimed), ("certificates", f.certified)):
            if to_date > f.revised:
                out.append(
                    f"{name}: billing beyond the revised commitment: {what} to date "
                    f"{fm(to_date)} against a revised commitment of {fm(f.revised)}"
                )
        if f.retainage_released > f.retainage_held:
            out.append(
                f"{name}: retainage released {fm(f.retainage_released)} exceeds retainage "
                f"held {fm(f.retainage_held)}"
            )
    return out


def _total_messages(figures: LedgerFigures, changes: Sequence[ChangeInput]) -> list[str]:
    out: list[str] = []
    lines, comms, cont = figures.line_totals, figures.commitment_totals, figures.contingency
    approved = [c for c in changes if c.status is ChangeStatus.APPROVED]
    funded = total(c.cost for c in approved if c.contingency_line_id is None)
    if lines.original + funded != lines.revised:
        out.append(
            f"Budget: original {fm(lines.original)} + approved changes not drawn from "
            f"contingency {fm(funded)} ≠ revised {fm(lines.revised)}"
        )
    pairs: tuple[tuple[str, Decimal, Decimal], ...] = (
        ("Committed", lines.committed, comms.revised),
        ("Certified", lines.certified, comms.certified),
        ("Paid", lines.paid, comms.paid),
        ("Retainage", lines.retainage, comms.retainage),
    )
    for name, on_lines, on_commitments in pairs:
        if on_lines != on_commitments:
            out.append(
                f"{name}: the budget lines carry {fm(on_lines)}, the commitments "
                f"{fm(on_commitments)}"
            )
    if cont.original + cont.added - cont.drawn != cont.remaining:
        out.append(
            f"Contingency: original {fm(cont.original)} + added {fm(cont.added)} − drawn "
            f"{fm(cont.drawn)} ≠ remaining {fm(cont.remaining)}"
        )
    return out


def reconcile(
    figures: LedgerFigures,
    lines: Sequence[LineInput],
    commitments: Sequence[CommitmentInput],
    changes: Sequence[ChangeInput],
    line_labels: Mapping[int, str] | None = None,
    commitment_labels: Mapping[int, str] | None = None,
) -> list[str]:
    """Messages for every figure that does not agree; empty when the ledger reconciles.

    Labels (a line's code, a commitment's number) name the rows in the messages."""
    return [
        *_line_messages(figures, lines, line_labels or {}),
        *_commitment_messages(figures, commitments, commitment_labels or {}),
        *_total_messages(figures, changes),
    ]
