"""The cost ledger of Riverside Medical Clinic: about 14 million of budget by CSI division
plus soft costs and the owner's contingency, the CM's GMP and three consultants, eight
change orders, and monthly pay applications with 5 % retainage up to the status date.

The change orders follow the issue log (CO-002 curtain wall credit, CO-003 footing F3,
CO-004 sheet vinyl, CO-006 second X-ray room; the AHU-2 recovery of DEC-0004) and pay
application 9 holds back the stored materials the log questions.
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
from ownersrep.services.demo.rows import STATUS_DATE, DemoRows

GENERAL = "01 General Requirements"
STRUCTURE = "03–05 Concrete, Masonry & Metals"
ENVELOPE = "07–08 Thermal, Moisture & Openings"
FINISHES = "09–14 Finishes, Specialties & Conveying"
MEP = "21–28 Fire, Plumbing, HVAC & Electrical"
SITE = "31–33 Sitework"
SOFT = "Soft costs"
CONTINGENCY = "Contingency"
FIT_OUT = "Interior fit-out"
ROUGH_IN = "MEP rough-in"

# key, code, description, group, original, WBS element (None: the whole project)
GMP_LINES = (
    LineSpec(
        "gen",
        "01 3100",
        "General conditions: CM staff, site office, temporary works",
        GENERAL,
        "986400.00",
    ),
    LineSpec("fee", "01 7000", "CM fee, insurance and bonds", GENERAL, "468250.00"),
    LineSpec(
        "conc",
        "03 3000",
        "Cast-in-place concrete: footings, slab, deck topping",
        STRUCTURE,
        "642800.00",
        "Substructure",
    ),
    LineSpec(
        "mas",
        "04 2000",
        "Brick veneer and metal wall panels",
        STRUCTURE,
        "412500.00",
        "Brick veneer and metal wall panels",
    ),
    LineSpec(
        "steel",
        "05 1200",
        "Structural steel, metal deck and stairs",
        STRUCTURE,
        "1238600.00",
        "Superstructure",
    ),
    LineSpec(
        "roof",
        "07 5000",
        "Roofing, air barrier, fireproofing and sealants",
        ENVELOPE,
        "563900.00",
        "Envelope",
    ),
    LineSpec(
        "cw", "08 4400", "Curtain wall, windows and storefront", ENVELOPE, "781300.00", "Envelope"
    ),
    LineSpec("doors", "08 7100", "Doors, frames and hardware", ENVELOPE, "188700.00", FIT_OUT),
    LineSpec("dry", "09 2900", "Metal stud framing and drywall", FINISHES, "608400.00", FIT_OUT),
    LineSpec("fin", "09 6500", "Flooring, ceilings and paint", FINISHES, "431200.00", FIT_OUT),
    LineSpec(
        "spec",
        "10 1400",
        "Signage and specialties (signage allowance $60,000)",
        FINISHES,
        "158300.00",
        FIT_OUT,
    ),
    LineSpec(
        "elev",
        "14 2000",
        "Hydraulic passenger elevator",
        FINISHES,
        "236500.00",
        "Elevator installation",
    ),
    LineSpec("fire", "21 1300", "Fire sprinkler system", MEP, "214700.00", ROUGH_IN),
    LineSpec("plumb", "22 1000", "Plumbing and medical gas piping", MEP, "452600.00", ROUGH_IN),
    LineSpec(
        "fixt", "22 4000", "Plumbing fixtures and medical gas outlets", MEP, "186900.00", FIT_OUT
    ),
    LineSpec(
        "hvac", "23 3000", "Air handlers, ductwork and VAV boxes", MEP, "1296400.00", ROUGH_IN
    ),
    LineSpec(
        "tab",
        "23 0900",
        "Building controls, testing and balancing",
        MEP,
        "228300.00",
        "Commissioning",
    ),
    LineSpec(
        "elec",
        "26 0500",
        "Switchgear, generator and electrical rough-in",
        MEP,
        "948700.00",
        ROUGH_IN,
    ),
    LineSpec("light", "26 5000", "Lighting fixtures and wiring devices", MEP, "309800.00", FIT_OUT),
    LineSpec(
        "lv",
        "27 0000",
        "Data cabling, nurse call, fire alarm and access control",
        MEP,
        "281600.00",
        "Nurse call, IT network and access control",
    ),
    LineSpec(
        "earth",
        "31 0000",
        "Site clearing, excavation and grading",
        SITE,
        "287400.00",
        "Site preparation",
    ),
    LineSpec(
        "paving",
        "32 0000",
        "Paving, curbs, site lighting and landscaping",
        SITE,
        "356200.00",
        "Site improvements",
    ),
    LineSpec(
        "util",
        "33 0000",
        "Storm, sewer, water and electrical site utilities",
        SITE,
        "238900.00",
        "Site preparation",
    ),
)
OWNER_LINES = (
    LineSpec(
        "design",
        "SC-01",
        "Architectural and engineering design (SD to CD)",
        SOFT,
        "688000.00",
        "Design reviews",
    ),
    LineSpec("ca", "SC-02", "Construction administration, architect", SOFT, "214000.00"),
    LineSpec(
        "mep",
        "SC-03",
        "MEP and fire protection engineering: design",
        SOFT,
        "176500.00",
        "Design reviews",
    ),
    LineSpec(
        "mep_ca",
        "SC-04",
        "MEP and fire protection engineering: construction administration",
        SOFT,
        "70000.00",
    ),
    LineSpec("cx", "SC-05", "Commissioning authority", SOFT, "118400.00", "Commissioning"),
    LineSpec(
        "permits",
        "SC-06",
        "Permits, plan check and utility connection fees",
        SOFT,
        "164000.00",
        "Permits and approvals",
    ),
    LineSpec(
        "ffe",
        "SC-07",
        "Furniture, fixtures and owner-furnished medical equipment",
        SOFT,
        "425000.00",
        "Furniture, fixtures and equipment move-in",
    ),
    LineSpec(
        "cont",
        "CON-01",
        "Owner's construction contingency",
        CONTINGENCY,
        "680000.00",
        kind="contingency",
    ),
)

RETAINAGE = "5.00"
GMP = CommitmentSpec(
    "gmp",
    CommitmentKind.CONTRACT,
    "Construction manager at risk: GMP amendment",
    "gc",
    RETAINAGE,
    tuple((spec.key, spec.original) for spec in GMP_LINES),
)
CONSULTANTS = (
    CommitmentSpec(
        "architect",
        CommitmentKind.CONTRACT,
        "Architectural services: design and construction administration",
        "architect",
        RETAINAGE,
        (("design", "688000.00"), ("ca", "214000.00")),
    ),
    CommitmentSpec(
        "engineer",
        CommitmentKind.CONTRACT,
        "MEP, medical gas and fire protection engineering",
        "mep",
        RETAINAGE,
        (("mep", "176500.00"), ("mep_ca", "70000.00")),
    ),
    CommitmentSpec(
        "cx",
        CommitmentKind.CONTRACT,
        "Commissioning authority services (ASHRAE Guideline 0)",
        "cx",
        RETAINAGE,
        (("cx", "118400.00"),),
    ),
)
PERMITS = CommitmentSpec(
    "permits",
    CommitmentKind.PURCHASE_ORDER,
    "City of Riverside: plan check, building permit and utility connection fees",
    None,
    "0.00",
    (("permits", "164000.00"),),
)

OKAFOR = "Margaret Okafor"
R, S = ChangeReason, ChangeStatus
CHANGES = (
    ChangeSpec(
        "Extended general conditions for the building permit date",
        "The CM claims ten days of general conditions because the building permit was "
        "issued on 13 Feb rather than 30 Jan. Rejected: the GMP schedule runs from notice "
        "to proceed, which was issued with the permit, so there is no delay to compensate.",
        R.OTHER, S.REJECTED, "48600.00", "gen", "gmp", days=10, submitted="2026-02-20",
    ),
    ChangeSpec(
        "Curtain wall system substitution (credit)",
        "Equivalent unitized curtain wall from an alternate manufacturer, same U-value; "
        "accepted by the owner on 10 Mar 2026. The credit returns to the contingency.",
        R.SCOPE_CHANGE, S.APPROVED, "-12000.00", "cw", "gmp", submitted="2026-03-03",
        approved="2026-03-10", approved_by=OKAFOR, contingency=True,
    ),
    ChangeSpec(
        "Lower footing F3 and relocate the existing storm line",
        "Existing 12-inch storm line found 2 ft above the bottom of footing F3 at the "
        "elevator pit. SEOR sketch SK-04: footing lowered 18 inches, line moved 6 ft east.",
        R.UNFORESEEN_CONDITION, S.APPROVED, "8400.00", "conc", "gmp", days=1,
        submitted="2026-04-03", approved="2026-04-07", approved_by=OKAFOR, contingency=True,
    ),
    ChangeSpec(
        "Sheet vinyl with integral cove base in exam and procedure rooms",
        "Infection prevention asked for homogeneous sheet vinyl with heat-welded seams in "
        "46 exam and procedure rooms instead of luxury vinyl tile.",
        R.OWNER_REQUEST, S.APPROVED, "22800.00", "fin", "gmp", submitted="2026-04-24",
        approved="2026-04-30", approved_by=OKAFOR, contingency=True,
    ),
    ChangeSpec(
        "AHU-2 delay recovery: second crane pick and weekend work",
        "AHU-2 shipped 18 days late (coil supplier). Second crane pick and weekend work on "
        "the duct connections recover 4 of the 12 days lost (DEC-0004).",
        R.UNFORESEEN_CONDITION, S.APPROVED, "14200.00", "hvac", "gmp", days=-4,
        submitted="2026-07-01", approved="2026-07-06", approved_by=OKAFOR, contingency=True,
    ),
    ChangeSpec(
        "Rough-in for a future second X-ray room",
        "Lead shielding, ceiling strut and a 480 V feeder at room 1.27 so a second X-ray "
        "room can be fitted later without opening finished walls; equipment deferred.",
        R.OWNER_REQUEST, S.APPROVED, "38500.00", "elec", "gmp", submitted="2026-06-30",
        approved="2026-07-06", approved_by=OKAFOR, contingency=True,
    ),
    ChangeSpec(
        "Additional medical gas outlets in procedure rooms 1.22 and 1.23",
        "ASI-11: two oxygen, two vacuum and one medical air outlet per procedure room "
        "instead of one oxygen and one vacuum. The CM priced it on 6 Nov.",
        R.DESIGN_ERROR, S.PENDING, "6200.00", "plumb", "gmp", submitted="2026-11-06",
        contingency=True,
    ),
    ChangeSpec(
        "Illuminated monument sign and wayfinding package",
        "The brand team wants an illuminated monument sign and a full wayfinding package; "
        "the CM estimates $105,000 against the $60,000 signage allowance. Owner to decide.",
        R.OWNER_REQUEST, S.POTENTIAL, "45000.00", "spec", "gmp", days=5, contingency=True,
    ),
)  # fmt: skip

PERMIT_FEES = (
    ("2025-12-09", "58600.00", "58600.00", "2025-12-12"),
    ("2026-02-13", "72350.00", "72350.00", "2026-02-13"),
    ("2026-07-24", "21480.00", "21480.00", "2026-07-31"),
)
# The value billed above the work in place: the CM front-loads general conditions, bonds
# and stored materials; the consultants bill design phases ahead of the drawings.
GMP_FACTOR = "1.075"
CONSULTANT_FACTOR = "1.02"
# Pay application 9 claims $186,400 of stored materials without bills of sale.
GMP_HELD_BACK = {4: "23750.00", 9: "186400.00"}


def add_clinic_cost(rows: DemoRows, project_id: int, parties: dict[str, int]) -> None:
    book = CostBook(rows, project_id, parties, WbsProgress(rows, project_id, STATUS_DATE))
    book.add_lines(GMP_LINES + OWNER_LINES)
    book.add_commitment(GMP)
    for spec in CONSULTANTS:
        book.add_commitment(spec)
    book.add_commitment(PERMITS)
    book.add_changes(CHANGES)

    construction = month_ends(date(2026, 2, 16), STATUS_DATE, day=25)
    book.add_pay_applications(
        "gmp",
        progress_billing(
            book,
            "gmp",
            construction,
            factor=GMP_FACTOR,
            status_date=STATUS_DATE,
            held_back=GMP_HELD_BACK,
        ),
    )
    design = month_ends(date(2025, 9, 8), STATUS_DATE)
    for spec in CONSULTANTS:
        pays = progress_billing(
            book, spec.key, design, factor=CONSULTANT_FACTOR, status_date=STATUS_DATE
        )
        book.add_pay_applications(spec.key, pays)
    book.add_pay_applications("permits", fixed_billing(PERMIT_FEES))
    book.finish()
