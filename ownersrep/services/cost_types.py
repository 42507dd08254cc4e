"""What the cost services return: frozen dataclasses a Qt table can show as they are
and a report can print (attributes, no lazy loading, Decimal amounts)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ownersrep.domain.cost.enums import (
    BudgetLineKind,
    ChangeReason,
    ChangeStatus,
    CommitmentKind,
)
from ownersrep.domain.cost.ledger import CommitmentFigures, ContingencyFigures, LineFigures
from ownersrep.domain.cost.status import next_statuses

ENTITY_LINE = "budget_line"
ENTITY_COMMITMENT = "commitment"
ENTITY_CHANGE = "change_order"
ENTITY_PAYMENT = "pay_application"
COST_ENTITIES = (ENTITY_LINE, ENTITY_COMMITMENT, ENTITY_CHANGE, ENTITY_PAYMENT)


# -- records, for edit dialogs -----------------------------------------------------------
@dataclass(frozen=True)
class BudgetLineDTO:
    id: int
    project_id: int
    code: str
    description: str
    group: str
    kind: BudgetLineKind
    original: Decimal
    etc_override: Decimal | None
    sort_order: int
    task_id: int | None = None  # the WBS element the line pays for (earned value)


@dataclass(frozen=True)
class CommitmentLineDTO:
    """What a commitment draws on one budget line."""

    budget_line_id: int
    code: str
    description: str
    amount: Decimal


@dataclass(frozen=True)
class CommitmentDTO:
    id: int
    project_id: int
    number: str
    title: str
    kind: CommitmentKind
    party_id: int | None
    party_name: str
    amount: Decimal
    retainage_percent: Decimal
    lines: tuple[CommitmentLineDTO, ...]


@dataclass(frozen=True)
class ChangeOrderDTO:
    """One change order, also one row of the change log."""

    id: int
    project_id: int
    number: str
    title: str
    description: str
    reason: ChangeReason
    status: ChangeStatus
    commitment_id: int | None
    commitment_number: str
    budget_line_id: int | None
    budget_line_code: str
    cost: Decimal
    time_impact_days: int
    submitted_on: date | None
    approved_on: date | None
    approved_by: str
    from_contingency: bool
    contingency_line_id: int | None
    contingency_line_code: str

    @property
    def next_statuses(self) -> list[ChangeStatus]:
        """The statuses it may move to (for a menu of status actions)."""
        return next_statuses(self.status)


@dataclass(frozen=True)
class PayApplicationDTO:
    """One pay application, also one row of the payments table."""

    id: int
    project_id: int
    commitment_id: int
    commitment_number: str
    party_name: str
    number: int
    period_end: date
    claimed: Decimal
    certified: Decimal
    retainage_held: Decimal
    retainage_released: Decimal
    net: Decimal  # certified − retainage held + retainage released
    paid_on: date | None
    certified_to_date: Decimal  # this commitment's certificates up to and including this one

    @property
    def paid(self) -> Decimal:
        """What was paid on it: the net amount once it has a paid date, else 0.00."""
        return self.net if self.paid_on is not None else Decimal("0.00")


# -- the ledger --------------------------------------------------------------------------
@dataclass(frozen=True)
class BudgetLineRow(LineFigures):
    """A budget line with its figures (the LineFigures fields: original, approved,
    revised, committed, uncommitted, exposure, certified, paid, retainage, unpaid, etc,
    eac, vac_original, vac_revised)."""

    id: int
    code: str
    description: str
    group: str
    kind: BudgetLineKind
    sort_order: int
    etc_entered: bool  # the ETC is the rep's figure, not derived


@dataclass(frozen=True)
class CommitmentRow(CommitmentFigures):
    """A commitment with its figures (amount, approved, revised, exposure, claimed,
    certified, retainage_held, retainage_released, retainage, paid, unpaid, remaining)."""

    id: int
    number: str
    title: str
    kind: CommitmentKind
    party_id: int | None
    party_name: str
    retainage_percent: Decimal
    line_codes: str  # "03-300, 05-100"


@dataclass(frozen=True)
class LineGroup:
    """Subtotals of the lines of one group (a CSI division, a workstream); "" for lines
    without a group."""

    name: str
    totals: LineFigures


@dataclass(frozen=True)
class StatusTotal:
    """The change log by status: how many change orders and their cost."""

    status: ChangeStatus
    count: int
    cost: Decimal


@dataclass(frozen=True)
class CostLedger:
    project_id: int
    currency: str
    lines: tuple[BudgetLineRow, ...]  # in sort order
    groups: tuple[LineGroup, ...]  # in the order groups first appear
    line_totals: LineFigures
    commitments: tuple[CommitmentRow, ...]  # by number
    commitment_totals: CommitmentFigures
    contingency: ContingencyFigures
    change_log: tuple[StatusTotal, ...]  # every status, in the enum's order


@dataclass(frozen=True)
class ExportSummary:
    lines: int
    commitments: int
    change_orders: int
    pay_applications: int
