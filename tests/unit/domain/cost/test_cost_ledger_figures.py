"""The ledger worked out from plain inputs, every figure checked against a hand-worked
example, plus the empty project and the reconciliation's messages on broken inputs."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownersrep.domain.cost.billing import Billing
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeStatus
from ownersrep.domain.cost.ledger import (
    ChangeInput,
    CommitmentInput,
    LedgerFigures,
    LineInput,
    compute_ledger,
)
from ownersrep.domain.cost.reconcile import reconcile

D = Decimal

COST, CONT = BudgetLineKind.COST, BudgetLineKind.CONTINGENCY
A, PE, P, R, V = (
    ChangeStatus.APPROVED,
    ChangeStatus.PENDING,
    ChangeStatus.POTENTIAL,
    ChangeStatus.REJECTED,
    ChangeStatus.VOID,
)
CONCRETE, STEEL, CONTINGENCY = 1, 2, 3
GC, PO = 10, 11

LINES = [
    LineInput(CONCRETE, COST, D("1000000.00")),
    LineInput(STEEL, COST, D("500000.00")),
    LineInput(CONTINGENCY, CONT, D("100000.00")),
]
COMMITMENTS = [
    # the general contract: 950,000 concrete + 450,000 steel; two pay applications,
    # certified 290,000 (paid) and 200,000 (not yet), 5 % retainage:
    #   claimed 500,000; certified 490,000; held 14,500 + 10,000 = 24,500;
    #   paid 290,000 − 14,500 = 275,500
    CommitmentInput(
        GC,
        D("1400000.00"),
        {CONCRETE: D("950000.00"), STEEL: D("450000.00")},
        Billing(D("500000.00"), D("490000.00"), D("24500.00"), D("0.00"), D("275500.00")),
    ),
    # a purchase order for steel, nothing billed yet
    CommitmentInput(PO, D("20000.00"), {STEEL: D("20000.00")}),
]
CHANGES = [
    # rock at footing F3: on the contract, concrete, drawn from contingency
    ChangeInput(A, D("25000.00"), CONCRETE, GC, CONTINGENCY),
    ChangeInput(PE, D("10000.00"), STEEL, GC),  # pending on the contract
    ChangeInput(P, D("-2000.00"), CONCRETE),  # a potential credit
    ChangeInput(R, D("7000.00"), CONCRETE),  # rejected: counts nowhere
    ChangeInput(V, D("3000.00"), STEEL),  # void: counts nowhere
    ChangeInput(A, D("5000.00"), CONTINGENCY),  # the owner tops up contingency
    ChangeInput(A, D("8000.00"), STEEL),  # owner-funded scope, no commitment
]


@pytest.fixture
def ledger() -> LedgerFigures:
    return compute_ledger(LINES, COMMITMENTS, CHANGES)


def test_line_budget_figures(ledger: LedgerFigures) -> None:
    concrete, steel, cont = (ledger.lines[i] for i in (CONCRETE, STEEL, CONTINGENCY))
    # approved: concrete +25,000 ; steel +8,000 ; contingency −25,000 drawn + 5,000 added
    assert (concrete.approved, steel.approved, cont.approved) == (
        D("25000.00"),
        D("8000.00"),
        D("-20000.00"),
    )
    # revised = original + approved: 1,025,000 ; 508,000 ; 80,000
    assert (concrete.revised, steel.revised, cont.revised) == (
        D("1025000.00"),
        D("508000.00"),
        D("80000.00"),
    )
    # committed: contract 950,000 + its approved 25,000 on concrete = 975,000 ;
    # steel 450,000 (contract) + 20,000 (PO) = 470,000 ; contingency 0
    assert (concrete.committed, steel.committed, cont.committed) == (
        D("975000.00"),
        D("470000.00"),
        D("0.00"),
    )
    # uncommitted = revised − committed: 50,000 ; 38,000 ; 80,000
    assert (concrete.uncommitted, steel.uncommitted, cont.uncommitted) == (
        D("50000.00"),
        D("38000.00"),
        D("80000.00"),
    )
    # exposure (pending + potential): concrete −2,000 ; steel 10,000
    assert (concrete.exposure, steel.exposure, cont.exposure) == (
        D("-2000.00"),
        D("10000.00"),
        D("0.00"),
    )


def test_line_billing_is_spread_by_revised_commitment(ledger: LedgerFigures) -> None:
    concrete, steel = ledger.lines[CONCRETE], ledger.lines[STEEL]
    # the contract's revised split is 975,000 : 450,000 (of 1,425,000); the PO bills
    # nothing. certified 490,000 → 335,263.157… / 154,736.842… → 335,263.16 / 154,736.84
    assert (concrete.certified, steel.certified) == (D("335263.16"), D("154736.84"))
    # retainage 24,500 → 16,763.157… / 7,736.842… → 16,763.16 / 7,736.84
    assert (concrete.retainage, steel.retainage) == (D("16763.16"), D("7736.84"))
    # paid 275,500 → 188,500 / 87,000 exactly
    assert (concrete.paid, steel.paid) == (D("188500.00"), D("87000.00"))
    # unpaid = certified − retainage − paid: 130,000 / 60,000
    assert (concrete.unpaid, steel.unpaid) == (D("130000.00"), D("60000.00"))


def test_line_forecast(ledger: LedgerFigures) -> None:
    concrete, steel, cont = (ledger.lines[i] for i in (CONCRETE, STEEL, CONTINGENCY))
    # concrete: ETC = 1,025,000 − 335,263.16 = 689,736.84 ; EAC 1,025,000 ;
    # VAC original 1,000,000 − 1,025,000 = −25,000 ; VAC revised 0
    assert (concrete.etc, concrete.eac) == (D("689736.84"), D("1025000.00"))
    assert (concrete.vac_original, concrete.vac_revised) == (D("-25000.00"), D("0.00"))
    # steel: ETC = 508,000 − 154,736.84 = 353,263.16 ; EAC 508,000 ; VAC orig −8,000
    assert (steel.etc, steel.eac, steel.vac_original) == (
        D("353263.16"),
        D("508000.00"),
        D("-8000.00"),
    )
    # contingency: the 80,000 left is forecast to be spent; VAC original +20,000
    assert (cont.etc, cont.eac, cont.vac_original, cont.vac_revised) == (
        D("80000.00"),
        D("80000.00"),
        D("20000.00"),
        D("0.00"),
    )


def test_totals(ledger: LedgerFigures) -> None:
    t = ledger.line_totals
    # 1,600,000 + 13,000 owner-funded (5,000 + 8,000) = 1,613,000 ; the 25,000 draw
    # moved money from contingency to concrete and changed nothing in total
    assert (t.original, t.approved, t.revised) == (
        D("1600000.00"),
        D("13000.00"),
        D("1613000.00"),
    )
    assert t.committed == D("1445000.00")  # 975,000 + 470,000
    assert t.certified == D("490000.00")
    assert t.paid + t.retainage + t.unpaid == t.certified
    assert t.eac == D("1613000.00")  # 1,025,000 + 508,000 + 80,000


def test_commitment_figures(ledger: LedgerFigures) -> None:
    gc = ledger.commitments[GC]
    assert (gc.amount, gc.approved, gc.revised) == (
        D("1400000.00"),
        D("25000.00"),
        D("1425000.00"),
    )
    assert gc.exposure == D("10000.00")
    assert (gc.claimed, gc.certified, gc.retainage_held, gc.retainage) == (
        D("500000.00"),
        D("490000.00"),
        D("24500.00"),
        D("24500.00"),
    )
    # paid 275,500 ; unpaid 490,000 − 24,500 − 275,500 = 190,000 ; remaining 935,000
    assert (gc.paid, gc.unpaid, gc.remaining) == (
        D("275500.00"),
        D("190000.00"),
        D("935000.00"),
    )
    assert gc.billed_percent == D("34.39")  # 490,000 / 1,425,000 = 34.385…%
    po = ledger.commitments[PO]
    assert (po.revised, po.certified, po.remaining, po.billed_percent) == (
        D("20000.00"),
        D("0.00"),
        D("20000.00"),
        D("0.00"),
    )
    assert ledger.commitment_totals.revised == D("1445000.00")


def test_contingency(ledger: LedgerFigures) -> None:
    c = ledger.contingency
    # 100,000 + 5,000 added − 25,000 drawn = 80,000 ; used 25,000 / 105,000 = 23.81 %
    assert (c.original, c.added, c.drawn, c.remaining) == (
        D("100000.00"),
        D("5000.00"),
        D("25000.00"),
        D("80000.00"),
    )
    assert c.used_percent == D("23.81")
    assert c.pending_draws == D("0.00")


def test_pending_draws_on_contingency() -> None:
    changes = [ChangeInput(PE, D("4000.00"), CONCRETE, None, CONTINGENCY)]
    c = compute_ledger(LINES, [], changes).contingency
    assert (c.drawn, c.pending_draws, c.remaining) == (D("0.00"), D("4000.00"), D("100000.00"))


def test_empty_project_is_all_zero() -> None:
    ledger = compute_ledger([], [], [])
    t = ledger.line_totals
    assert {str(getattr(t, f)) for f in t.__dataclass_fields__} == {"0.00"}
    assert ledger.commitment_totals.billed_percent is None  # no commitment
    assert ledger.contingency.used_percent is None  # no contingency
    assert reconcile(ledger, [], [], []) == []


def test_budget_but_no_commitments_or_payments() -> None:
    ledger = compute_ledger(LINES[:1], [], [])
    line = ledger.lines[CONCRETE]
    # nothing committed or billed: ETC = revised, EAC = revised, VAC 0
    assert (line.committed, line.certified, line.etc, line.eac, line.vac_revised) == (
        D("0.00"),
        D("0.00"),
        D("1000000.00"),
        D("1000000.00"),
        D("0.00"),
    )


def test_the_example_reconciles(ledger: LedgerFigures) -> None:
    assert reconcile(ledger, LINES, COMMITMENTS, CHANGES) == []


def _messages(
    lines: list[LineInput], commitments: list[CommitmentInput], changes: list[ChangeInput]
) -> list[str]:
    figures = compute_ledger(lines, commitments, changes)
    labels = {CONCRETE: "03-300", STEEL: "05-100", CONTINGENCY: "99-000"}
    return reconcile(figures, lines, commitments, changes, labels, {GC: "CT-001", PO: "PO-001"})


def test_reconcile_names_what_does_not_agree() -> None:
    # lines that do not add up to the commitment's amount
    short = CommitmentInput(PO, D("20000.00"), {STEEL: D("15000.00")})
    assert _messages(LINES, [short], []) == [
        "Commitment PO-001: its budget lines add up to 15,000.00, not its amount 20,000.00",
        "Committed: the budget lines carry 15,000.00, the commitments 20,000.00",
    ]
    # an approved change on no budget line revises nothing
    assert _messages(LINES, [], [ChangeInput(A, D("500.00"))]) == [
        "Budget: original 1,600,000.00 + approved changes not drawn from contingency "
        "500.00 ≠ revised 1,600,000.00"
    ]
    # a commitment on no line: its certificates land nowhere
    floating = CommitmentInput(
        PO, D("0.00"), {}, Billing(D("100.00"), D("100.00"), D("0.00"), D("0.00"), D("0.00"))
    )
    assert _messages(LINES, [floating], []) == [
        "Commitment PO-001: billing beyond the revised commitment: claims to date 100.00 "
        "against a revised commitment of 0.00",
        "Commitment PO-001: billing beyond the revised commitment: certificates to date "
        "100.00 against a revised commitment of 0.00",
        "Certified: the budget lines carry 0.00, the commitments 100.00",
    ]


def test_reconcile_flags_overbilling_releases_and_overdrawn_contingency() -> None:
    over = CommitmentInput(
        PO,
        D("20000.00"),
        {STEEL: D("20000.00")},
        Billing(D("20000.00"), D("19000.00"), D("950.00"), D("1000.00"), D("0.00")),
    )
    draw = ChangeInput(A, D("150000.00"), CONCRETE, None, CONTINGENCY)
    assert _messages(LINES, [over], [draw]) == [
        "Budget line 99-000: contingency overdrawn by 50,000.00",
        "Commitment PO-001: retainage released 1,000.00 exceeds retainage held 950.00",
    ]
