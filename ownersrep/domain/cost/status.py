"""The life of a change order: which status may follow which.

    potential ──► pending ──► approved
        │            ├──────► rejected
        └──► void ◄──┘

Approved, rejected and void are final. An approved change is part of the contract and
the budget; to take it back the rep records a new change order with the opposite cost.
"""

from __future__ import annotations

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.errors import ValidationError

ALLOWED_TRANSITIONS: dict[ChangeStatus, frozenset[ChangeStatus]] = {
    ChangeStatus.POTENTIAL: frozenset({ChangeStatus.PENDING, ChangeStatus.VOID}),
    ChangeStatus.PENDING: frozenset(
        {ChangeStatus.APPROVED, ChangeStatus.REJECTED, ChangeStatus.VOID}
    ),
    ChangeStatus.APPROVED: frozenset(),
    ChangeStatus.REJECTED: frozenset(),
    ChangeStatus.VOID: frozenset(),
}


def next_statuses(status: ChangeStatus) -> list[ChangeStatus]:
    """The statuses a change order in `status` may move to, in the enum's order."""
    allowed = ALLOWED_TRANSITIONS[status]
    return [s for s in ChangeStatus if s in allowed]


def can_move(old: ChangeStatus, new: ChangeStatus) -> bool:
    return new in ALLOWED_TRANSITIONS[old]


def check_transition(old: ChangeStatus, new: ChangeStatus) -> None:
    """Refuse a move the table does not allow, naming both states."""
    if can_move(old, new):
        return
    if old == new:
        raise ValidationError("Status", f"the change order is already {old.label.lower()}")
    allowed = next_statuses(old)
    if allowed:
        hint = "it can only become " + " or ".join(s.label.lower() for s in allowed)
    else:
        hint = f"{old.label.lower()} is final"
    raise ValidationError(
        "Status", f"cannot go from {old.label.lower()} to {new.label.lower()} ({hint})"
    )
