"""The cost ledger of one project, worked out from plain inputs (no database here).

Budget lines
- approved changes: the cost of approved change orders on the line; a change drawn
  from contingency also counts, negatively, on the contingency line it draws on, so the
  draw moves money from contingency to the line and leaves the project total unchanged.
- revised = original + approved changes.
- committed: what commitments draw on the line, plus their approved changes there.
- exposure: the cost of pending and potential change orders on the line.
- certified, paid, retainage and unpaid: each commitment's billing to date spread over
  the lines it draws on in proportion to its revised amount on each line, to the cent
  (see `amounts.allocate`), so that the lines add up to the commitments exactly.
- ETC, EAC and VAC: see `forecast`.

Commitments: revised = amount + approved changes; remaining = revised − certified.
Contingency: remaining = original + added (approved changes on contingency lines) −
drawn (approved changes drawn from contingency).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import Any, TypeVar

from ownersrep.domain.cost.amounts import ZERO, allocate, percent_of, revised, total
from ownersrep.domain.cost.billing import Billing
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeStatus
from ownersrep.domain.cost.forecast import forecast

F = TypeVar("F")


# -- inputs ------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineInput:
    id: int
    kind: BudgetLineKind
    original: Decimal
    etc_override: Decimal | None = None


@dataclass(frozen=True)
class ChangeInput:
    status: ChangeStatus
    cost: Decimal
    budget_line_id: int | None = None
    commitment_id: int | None = None
    contingency_line_id: int | None = None  # the contingency line it draws on, if any


@dataclass(frozen=True)
class CommitmentInput:
    id: int
    amount: Decimal
    allocations: Mapping[int, Decimal]  # budget line id → amount drawn on it
    billing: Billing = field(default_factory=Billing)


# -- results -----------------------------------------------------------------------------
@dataclass(frozen=True)
class LineFigures:
    original: Decimal
    approved: Decimal
    revised: Decimal
    committed: Decimal
    uncommitted: Decimal
    exposure: Decimal
    certified: Decimal
    paid: Decimal
    retainage: Decimal
    unpaid: Decimal
    etc: Decimal
    eac: Decimal
    vac_original: Decimal
    vac_revised: Decimal


@dataclass(frozen=True)
class CommitmentFigures:
    amount: Decimal
    approved: Decimal
    revised: Decimal
    exposure: Decimal
    claimed: Decimal
    certified: Decimal
    retainage_held: Decimal
    retainage_released: Decimal
    retainage: Decimal  # held and not yet released
    paid: Decimal
    unpaid: Decimal  # certified, net of retainage, not yet paid
    remaining: Decimal  # revised − certified: still to be billed

    @property
    def billed_percent(self) -> Decimal | None:
        return percent_of(self.certified, self.revised)


@dataclass(frozen=True)
class ContingencyFigures:
    original: Decimal
    added: Decimal
    drawn: Decimal
    remaining: Decimal
    pending_draws: Decimal  # pending and potential changes that would draw on it

    @property
    def available(self) -> Decimal:
        return self.original + self.added

    @property
    def used_percent(self) -> Decimal | None:
        """Drawn as a share of the contingency there was; None with no contingency."""
        return percent_of(self.drawn, self.available)


@dataclass(frozen=True)
class LedgerFigures:
    lines: Mapping[int, LineFigures]
    line_totals: LineFigures
    commitments: Mapping[int, CommitmentFigures]
    commitment_totals: CommitmentFigures
    contingency: ContingencyFigures


def sum_figures(cls: type[F], items: Iterable[Any]) -> F:
    """Add up every field of `cls` over items (rows that have those attributes)."""
    rows = list(items)
    return cls(**{f.name: total(getattr(r, f.name) for r in rows) for f in fields(cls)})  # type: ignore[arg-type]


# -- the computation ---------------------------------------------------------------------
def _sums() -> defaultdict[int, Decimal]:
    return defaultdict(lambda: ZERO)


def commitment_weights(
    commitment: CommitmentInput, changes: Iterable[ChangeInput]
) -> dict[int, Decimal]:
    """A commitment's revised amount per budget line: its allocations plus its approved
    changes on each line."""
    weights = dict(commitment.allocations)
    for c in changes:
        if (
            c.status is ChangeStatus.APPROVED
            and c.commitment_id == commitment.id
            and c.budget_line_id is not None
        ):
            weights[c.budget_line_id] = weights.get(c.budget_line_id, ZERO) + c.cost
    return weights


def compute_ledger(
    lines: Sequence[LineInput],
    commitments: Sequence[CommitmentInput],
    changes: Sequence[ChangeInput],
) -> LedgerFigures:
    approved, exposure = _sums(), _sums()
    comm_approved, comm_exposure = _sums(), _sums()
    drawn = pending_draws = ZERO
    for c in changes:
        if c.status is ChangeStatus.APPROVED:
            if c.budget_line_id is not None:
                approved[c.budget_line_id] += c.cost
            if c.contingency_line_id is not None:
                approved[c.contingency_line_id] -= c.cost
                drawn += c.cost
            if c.commitment_id is not None:
                comm_approved[c.commitment_id] += c.cost
        elif c.status.is_exposure:
            if c.budget_line_id is not None:
                exposure[c.budget_line_id] += c.cost
            if c.contingency_line_id is not None:
                pending_draws += c.cost
            if c.commitment_id is not None:
                comm_exposure[c.commitment_id] += c.cost

    committed, certified, paid, retainage = _sums(), _sums(), _sums(), _sums()
    by_commitment: dict[int, CommitmentFigures] = {}
    for m in commitments:
        weights = commitment_weights(m, changes)
        for line_id, amount in weights.items():
            committed[line_id] += amount
        b = m.billing
        for target, amount in ((certified, b.certified), (paid, b.paid), (retainage, b.retainage)):
            for line_id, part in allocate(amount, weights).items():
                target[line_id] += part
        rev = revised(m.amount, comm_approved[m.id])
        by_commitment[m.id] = CommitmentFigures(
            amount=m.amount,
            approved=comm_approved[m.id],
            revised=rev,
            exposure=comm_exposure[m.id],
            claimed=b.claimed,
            certified=b.certified,
            retainage_held=b.retainage_held,
            retainage_released=b.retainage_released,
            retainage=b.retainage,
            paid=b.paid,
            unpaid=b.unpaid,
            remaining=rev - b.certified,
        )

    by_line: dict[int, LineFigures] = {}
    for line in lines:
        i = line.id
        rev = revised(line.original, approved[i])
        fc = forecast(line.original, rev, certified[i], line.etc_override)
        by_line[i] = LineFigures(
            original=line.original,
            approved=approved[i],
            revised=rev,
            committed=committed[i],
            uncommitted=rev - committed[i],
            exposure=exposure[i],
            certified=certified[i],
            paid=paid[i],
            retainage=retainage[i],
            unpaid=certified[i] - retainage[i] - paid[i],
            etc=fc.etc,
            eac=fc.eac,
            vac_original=fc.vac_original,
            vac_revised=fc.vac_revised,
        )

    contingency_ids = {ln.id for ln in lines if ln.kind is BudgetLineKind.CONTINGENCY}
    contingency = ContingencyFigures(
        original=total(by_line[i].original for i in contingency_ids),
        added=total(
            c.cost
            for c in changes
            if c.status is ChangeStatus.APPROVED and c.budget_line_id in contingency_ids
        ),
        drawn=drawn,
        remaining=total(by_line[i].revised for i in contingency_ids),
        pending_draws=pending_draws,
    )
    return LedgerFigures(
        lines=by_line,
        line_totals=sum_figures(LineFigures, by_line.values()),
        commitments=by_commitment,
        commitment_totals=sum_figures(CommitmentFigures, by_commitment.values()),
        contingency=contingency,
    )
