"""The closed vocabularies of the cost ledger. Values are stored as their `.value` strings."""

from __future__ import annotations

from enum import StrEnum


class _Labelled(StrEnum):
    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


class BudgetLineKind(_Labelled):
    """A line of cost (a CSI division, a workstream) or the project's contingency, which
    change orders draw on and which no commitment may draw on directly."""

    COST = "cost"
    CONTINGENCY = "contingency"


class CommitmentKind(_Labelled):
    CONTRACT = "contract"
    PURCHASE_ORDER = "purchase_order"

    @property
    def prefix(self) -> str:
        """Of the automatic number: CT-001 for contracts, PO-001 for purchase orders."""
        return "CT" if self is CommitmentKind.CONTRACT else "PO"


class ChangeReason(_Labelled):
    OWNER_REQUEST = "owner_request"
    DESIGN_ERROR = "design_error"
    UNFORESEEN_CONDITION = "unforeseen_condition"
    SCOPE_CHANGE = "scope_change"
    REGULATORY = "regulatory"
    OTHER = "other"


class ChangeStatus(_Labelled):
    """potential → pending → approved | rejected; potential or pending → void."""

    POTENTIAL = "potential"
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"
    VOID = "void"

    @property
    def is_exposure(self) -> bool:
        """Not decided yet: the cost may still come (pending and potential changes)."""
        return self in (ChangeStatus.POTENTIAL, ChangeStatus.PENDING)

    @property
    def is_final(self) -> bool:
        return self in (ChangeStatus.APPROVED, ChangeStatus.REJECTED, ChangeStatus.VOID)
