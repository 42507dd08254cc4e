"""The cost ledger of the Finance & Supply Chain ERP roll-out: internal labour by
workstream (charged monthly from timesheets through internal orders), the integrator's
fixed fee paid on milestones, the software subscription paid quarterly in advance (no
retainage on licences), independent QA, a 12 % contingency and the change requests the
issue log mentions (CR-01 credit, CR-03 deferral, CR-05 EHR interface, CR-06 UAT
support, CR-07 capital approval workflow).
"""

from __future__ import annotations

from datetime import date

from ownersrep.domain.cost.enums import ChangeReason, ChangeStatus, CommitmentKind
from ownersrep.services.demo.cost import (
    ChangeSpec,
    CommitmentSpec,
    CostBook,
    LineSpec,
    WbsProgress,
    fixed_billing,
    month_ends,
    progress_billing,
)
from ownersrep.services.demo.parties import PartySpec, add_parties
from ownersrep.services.demo.rows import STATUS_DATE, DemoRows

LABOUR = "Internal labour"
VENDORS = "Vendors"

VENDOR_PARTIES: dict[str, PartySpec] = {
    "software": (
        "Cirrus Cloud Software Inc.",
        "contractor",
        "Cloud ERP vendor: subscription licences billed quarterly in advance.",
        (
            (
                "Dana Whitcombe",
                "Account Executive, Healthcare",
                "dwhitcombe@cirruscloud.example",
                "(650) 555-0163",
            ),
        ),
    ),
}

LINES = (
    LineSpec("fin", "L-100", "Finance workstream: process leads and backfill", LABOUR, "360000.00"),
    LineSpec(
        "scm", "L-200", "Supply chain workstream: process leads and backfill", LABOUR, "260000.00"
    ),
    LineSpec(
        "data",
        "L-300",
        "Data migration: cleansing, mapping and reconciliation",
        LABOUR,
        "160000.00",
        "Data migration",
    ),
    LineSpec(
        "test", "L-400", "Testing: UAT testers and test management", LABOUR, "130000.00", "Testing"
    ),
    LineSpec(
        "ocm", "L-500", "Change management and end-user training", LABOUR, "180000.00", "Training"
    ),
    LineSpec("si", "V-100", "System integration services (fixed fee)", VENDORS, "3400000.00"),
    LineSpec("lic", "V-200", "Cloud ERP subscriptions, year 1 (420 users)", VENDORS, "560000.00"),
    LineSpec("qa", "V-300", "Independent quality assurance", VENDORS, "220000.00"),
    LineSpec(
        "cont",
        "C-900",
        "Project contingency (12 %)",
        "Contingency",
        "632400.00",
        kind="contingency",
    ),
)

K = CommitmentKind
INTEGRATOR = CommitmentSpec(
    "si",
    K.CONTRACT,
    "System integration: fixed-fee statement of work, milestone payments",
    "integrator",
    "5.00",
    (("si", "3400000.00"),),
)
QA = CommitmentSpec(
    "qa",
    K.CONTRACT,
    "Independent quality assurance (time and materials, capped)",
    "qa",
    "5.00",
    (("qa", "220000.00"),),
)
LICENCES = CommitmentSpec(
    "lic",
    K.PURCHASE_ORDER,
    "Cloud ERP subscription, year 1: financials and supply chain, 420 users",
    "software",
    "0.00",
    (("lic", "560000.00"),),
)
INTERNAL = (
    CommitmentSpec(
        "int_fin",
        K.PURCHASE_ORDER,
        "Internal order: finance, testing and change management time",
        "finance",
        "0.00",
        (("fin", "360000.00"), ("test", "130000.00"), ("ocm", "180000.00")),
    ),
    CommitmentSpec(
        "int_scm",
        K.PURCHASE_ORDER,
        "Internal order: supply chain time and data cleansing",
        "procurement",
        "0.00",
        (("scm", "260000.00"), ("data", "100000.00")),
    ),
    CommitmentSpec(
        "int_it",
        K.PURCHASE_ORDER,
        "Internal order: IT data extracts and interface support",
        "it",
        "0.00",
        (("data", "60000.00"),),
    ),
)

PARK = "Susan Park"
R, S = ChangeReason, ChangeStatus
CHANGES = (
    ChangeSpec(
        "CR-01: credit for the late finance solution lead",
        "The named finance solution lead joined on 9 Feb instead of week 1; the integrator "
        "credits two weeks of her rate against milestone 2.",
        R.OTHER, S.APPROVED, "-28000.00", "si", "si", submitted="2026-02-02",
        approved="2026-02-09", approved_by=PARK,
    ),
    ChangeSpec(
        "CR-03: defer lease accounting (ASC 842) to phase 2",
        "Steering committee deferred the lease accounting module to phase 2 (Q3 2027).",
        R.SCOPE_CHANGE, S.APPROVED, "-85000.00", "si", "si", submitted="2026-04-09",
        approved="2026-04-16", approved_by=PARK,
    ),
    ChangeSpec(
        "CR-04: convert 60 clinic leases into the lease module",
        "Raised with the lease accounting scope; void once the module moved to phase 2.",
        R.SCOPE_CHANGE, S.VOID, "31000.00", "si", "si", days=6, contingency=True,
    ),
    ChangeSpec(
        "CR-05: second integration developer for the EHR charge interface",
        "The EHR vendor delivered the charge interface specification three weeks late; a "
        "second developer kept the integration design within its window.",
        R.UNFORESEEN_CONDITION, S.APPROVED, "18500.00", "si", "si", submitted="2026-05-18",
        approved="2026-05-21", approved_by=PARK, contingency=True,
    ),
    ChangeSpec(
        "CR-06: extra UAT support during budget season",
        "Two integrator testers for three weeks while finance key users prepare the FY2027 "
        "budget.",
        R.OTHER, S.APPROVED, "24000.00", "si", "si", submitted="2026-10-27",
        approved="2026-10-30", approved_by=PARK, contingency=True,
    ),
    ChangeSpec(
        "CR-07: capital purchase approval workflow",
        "Second approval by the CFO for capital purchases above $50,000, linked to the "
        "capital plan. Not in the baseline scope.",
        R.SCOPE_CHANGE, S.PENDING, "42000.00", "si", "si", days=8, submitted="2026-10-14",
        contingency=True,
    ),
    ChangeSpec(
        "CR-08: additional mock conversion for closed cost centers",
        "Mock 3 failed to load 1,240 open purchase orders on closed cost centers; the "
        "integrator proposes a fourth mock before the dress rehearsal.",
        R.UNFORESEEN_CONDITION, S.POTENTIAL, "36000.00", "si", "si", days=5,
        contingency=True,
    ),
)  # fmt: skip

# Milestones of the statement of work (3,400,000: M1 340,000, M2 510,000, M3 480,000,
# M4 850,000, M5 510,000, then UAT 240,000, go-live 300,000, closure 170,000), with the
# approved change requests billed alongside: (period end, claimed, certified, paid on).
MILESTONES = (
    ("2026-01-30", "340000.00", "340000.00", "2026-02-27"),  # M1 initiation gate
    ("2026-04-10", "482000.00", "482000.00", "2026-05-08"),  # M2 requirements, less CR-01
    ("2026-06-05", "480000.00", "480000.00", "2026-07-02"),  # M3 design sign-off
    ("2026-08-21", "868500.00", "868500.00", "2026-09-18"),  # M4 build complete + CR-05
    ("2026-10-09", "510000.00", "510000.00", None),  # M5 SIT exit, certified, not yet paid
)
# The year's subscription is invoiced in advance when the tenant is provisioned.
SUBSCRIPTION = (("2026-03-01", "560000.00", "560000.00", "2026-03-27"),)
# Backfill overtime: internal time runs a little above the plan.
INTERNAL_FACTOR = "1.06"


def add_erp_cost(rows: DemoRows, project_id: int, parties: dict[str, int]) -> None:
    parties = {**parties, **add_parties(rows, VENDOR_PARTIES)}
    book = CostBook(rows, project_id, parties, WbsProgress(rows, project_id, STATUS_DATE))
    book.add_lines(LINES)
    for spec in (INTEGRATOR, QA, LICENCES, *INTERNAL):
        book.add_commitment(spec)
    book.add_changes(CHANGES)
    book.add_pay_applications("si", fixed_billing(MILESTONES))
    book.add_pay_applications("lic", fixed_billing(SUBSCRIPTION))
    months = month_ends(date(2026, 1, 12), STATUS_DATE)
    book.add_pay_applications("qa", progress_billing(book, "qa", months, status_date=STATUS_DATE))
    for spec in INTERNAL:  # journals post ten days after the month closes
        pays = progress_billing(
            book, spec.key, months, factor=INTERNAL_FACTOR, pay_days=10, status_date=STATUS_DATE
        )
        book.add_pay_applications(spec.key, pays)
    book.finish()
