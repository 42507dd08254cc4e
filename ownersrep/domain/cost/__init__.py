"""Cost control rules: budget lines, commitments, change orders, pay applications and the
forecast, as pure functions on Decimal amounts (no database, no Qt)."""

from ownersrep.domain.cost.amounts import (
    allocate,
    cents,
    net_payment,
    percent_of,
    retainage_on,
    revised,
)
from ownersrep.domain.cost.billing import Billing, PayFigures
from ownersrep.domain.cost.enums import (
    BudgetLineKind,
    ChangeReason,
    ChangeStatus,
    CommitmentKind,
)
from ownersrep.domain.cost.forecast import Forecast, forecast
from ownersrep.domain.cost.ledger import (
    ChangeInput,
    CommitmentFigures,
    CommitmentInput,
    ContingencyFigures,
    LedgerFigures,
    LineFigures,
    LineInput,
    compute_ledger,
)
from ownersrep.domain.cost.reconcile import reconcile
from ownersrep.domain.cost.status import ALLOWED_TRANSITIONS, check_transition, next_statuses

__all__ = [
    "ALLOWED_TRANSITIONS",
    "Billing",
    "BudgetLineKind",
    "ChangeInput",
    "ChangeReason",
    "ChangeStatus",
    "CommitmentFigures",
    "CommitmentInput",
    "CommitmentKind",
    "ContingencyFigures",
    "Forecast",
    "LedgerFigures",
    "LineFigures",
    "LineInput",
    "PayFigures",
    "allocate",
    "cents",
    "check_transition",
    "compute_ledger",
    "forecast",
    "net_payment",
    "next_statuses",
    "percent_of",
    "reconcile",
    "retainage_on",
    "revised",
]
