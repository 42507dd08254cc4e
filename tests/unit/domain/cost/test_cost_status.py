"""The change order's life: which status may follow which, and the refusal messages."""

from __future__ import annotations

import pytest

from ownersrep.domain.cost.enums import ChangeReason, ChangeStatus, CommitmentKind
from ownersrep.domain.cost.status import (
    ALLOWED_TRANSITIONS,
    can_move,
    check_transition,
    next_statuses,
)
from ownersrep.domain.errors import ValidationError

P, PE, A, R, V = (
    ChangeStatus.POTENTIAL,
    ChangeStatus.PENDING,
    ChangeStatus.APPROVED,
    ChangeStatus.REJECTED,
    ChangeStatus.VOID,
)
LEGAL = {(P, PE), (P, V), (PE, A), (PE, R), (PE, V)}


def test_the_table_holds_exactly_the_moves_of_the_issue() -> None:
    table = {(old, new) for old, targets in ALLOWED_TRANSITIONS.items() for new in targets}
    assert table == LEGAL
    assert set(ALLOWED_TRANSITIONS) == set(ChangeStatus)


@pytest.mark.parametrize("old", list(ChangeStatus))
@pytest.mark.parametrize("new", list(ChangeStatus))
def test_every_pair_is_either_allowed_or_refused_naming_both(
    old: ChangeStatus, new: ChangeStatus
) -> None:
    if (old, new) in LEGAL:
        assert can_move(old, new)
        check_transition(old, new)
        return
    assert not can_move(old, new)
    with pytest.raises(ValidationError) as err:
        check_transition(old, new)
    assert err.value.field == "Status"
    if old == new:
        assert str(err.value) == f"Status: the change order is already {old.value}"
    else:
        assert f"from {old.value} to {new.value}" in str(err.value)


def test_messages_say_what_is_possible_instead() -> None:
    with pytest.raises(
        ValidationError,
        match=r"^Status: cannot go from potential to approved "
        r"\(it can only become pending or void\)$",
    ):
        check_transition(P, A)
    with pytest.raises(
        ValidationError,
        match=r"^Status: cannot go from approved to void "
        r"\(approved is final\)$",
    ):
        check_transition(A, V)


def test_next_statuses_in_enum_order_and_final_states() -> None:
    assert next_statuses(P) == [PE, V]
    assert next_statuses(PE) == [A, R, V]
    assert next_statuses(A) == next_statuses(R) == next_statuses(V) == []
    assert [s for s in ChangeStatus if s.is_final] == [A, R, V]
    assert [s for s in ChangeStatus if s.is_exposure] == [P, PE]


def test_labels_and_prefixes() -> None:
    assert ChangeReason.UNFORESEEN_CONDITION.label == "Unforeseen condition"
    assert CommitmentKind.PURCHASE_ORDER.label == "Purchase order"
    assert CommitmentKind.CONTRACT.prefix == "CT"
    assert CommitmentKind.PURCHASE_ORDER.prefix == "PO"
    assert [r.value for r in ChangeReason] == [
        "owner_request",
        "design_error",
        "unforeseen_condition",
        "scope_change",
        "regulatory",
        "other",
    ]
