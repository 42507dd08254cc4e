"""Word pools and templates for the synthetic benchmark projects. Plausible enough to read,
varied enough that sorting and searching a 5,000-row issue log is realistic."""

from __future__ import annotations

ZONES = ("Zone A", "Zone B", "Zone C", "Zone D", "Zone E")

PHASES: dict[str, tuple[str, ...]] = {
    "Substructure": (
        "Excavation",
        "Footings",
        "Foundation walls",
        "Underslab utilities",
        "Slab on grade",
        "Below-grade waterproofing",
    ),
    "Superstructure": (
        "Columns",
        "Beams and bracing",
        "Metal deck",
        "Concrete topping",
        "Stairs",
        "Fireproofing",
    ),
    "Envelope": (
        "Framing and sheathing",
        "Air barrier",
        "Windows",
        "Cladding",
        "Roofing",
        "Sealants",
    ),
    "Interiors": (
        "Partitions",
        "MEP rough-in",
        "Drywall",
        "Ceilings",
        "Finishes",
        "Doors and hardware",
    ),
}

AREAS = (
    "Level 1 lobby",
    "Level 2 corridor",
    "Stair 2",
    "grid C/4",
    "the loading dock",
    "the roof",
    "the mechanical room",
    "the electrical room",
    "the east elevation",
    "the north parking lot",
    "the Level 3 east wing",
    "core B",
    "the podium deck",
    "the elevator lobby",
    "the server room",
    "grid F/7",
    "the main entrance canopy",
    "the central plant",
)
COMPONENTS = (
    "ductwork",
    "sprinkler main",
    "cable tray",
    "curtain wall anchors",
    "slab edge",
    "fire damper",
    "door frame",
    "ceiling grid",
    "roof drain",
    "expansion joint",
    "shear wall",
    "beam penetration",
    "storefront",
    "handrail",
    "transfer beam",
    "plumbing riser",
    "light fixture layout",
    "access floor",
)
EQUIPMENT = (
    "main switchgear",
    "AHU-3",
    "chiller CH-1",
    "elevator controller",
    "emergency generator",
    "cooling tower",
    "fire pump",
    "curtain wall units",
    "rooftop units",
    "pad-mounted transformer",
    "boiler B-2",
    "kitchen hoods",
)
TRADES = (
    "drywall",
    "electrical",
    "plumbing",
    "concrete",
    "steel erection",
    "roofing",
    "painting",
    "glazing",
    "HVAC",
    "fire protection",
)

# (title, description) per issue type; fields: area, component, component2, equipment,
# trade, n.
ISSUE_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    "issue": (
        (
            "Late delivery of the {equipment}",
            "The supplier moved delivery of the {equipment} by {n} weeks. Installation at {area} "
            "waits on it and the follow-on trades are being resequenced.",
        ),
        (
            "Rework of {component} at {area}",
            "The {component} at {area} was installed out of tolerance and must be reworked before "
            "follow-on trades can start.",
        ),
        (
            "Failed inspection: {component} at {area}",
            "The inspector rejected the {component} at {area}. Corrections and a re-inspection "
            "are needed before the area can be closed in.",
        ),
        (
            "{trade} crew short-handed",
            "The {trade} subcontractor has {n} fewer workers on site than planned; the "
            "three-week look-ahead is slipping.",
        ),
        (
            "Damaged {component} delivered for {area}",
            "Material for the {component} at {area} arrived damaged. Replacement lead time is "
            "{n} weeks.",
        ),
        (
            "Water intrusion at {area}",
            "Water entered at {area} after heavy rain. Finishes nearby must be checked and the "
            "{component} protected.",
        ),
    ),
    "rfi": (
        (
            "RFI: {component} conflicts with {component2} at {area}",
            "Field coordination found the {component} clashes with the {component2} at {area}. "
            "Please advise on routing or elevation.",
        ),
        (
            "RFI: Missing dimension for {component} at {area}",
            "The drawings give no dimension for the {component} at {area}. Please confirm before "
            "layout.",
        ),
        (
            "RFI: Clarify detail for {component} at {area}",
            "The detail for the {component} at {area} differs between the architectural and "
            "structural sets. Which governs?",
        ),
    ),
    "decision": (
        (
            "Owner decision: finish selection at {area}",
            "Two finish options for {area} have been priced. The owner must choose before "
            "ordering; lead time is {n} weeks.",
        ),
        (
            "Owner decision: accept substitution for the {component}",
            "The contractor proposes an equal product for the {component} with a shorter lead "
            "time. Designer has no objection.",
        ),
    ),
    "action": (
        (
            "Submit revised shop drawings for the {component}",
            "Shop drawings for the {component} were returned 'revise and resubmit'. Resubmit "
            "with the designer's comments addressed.",
        ),
        (
            "Provide a recovery schedule for {area}",
            "Work at {area} is {n} weeks behind the baseline. Contractor to submit a recovery "
            "schedule with crew loading.",
        ),
        (
            "Confirm the delivery date of the {equipment}",
            "Obtain written confirmation of the {equipment} ship date from the supplier.",
        ),
    ),
}

RESOLUTIONS: dict[str, tuple[str, ...]] = {
    "issue": (
        "Corrected and re-inspected; passed.",
        "Contractor added a second crew; the look-ahead is back on plan.",
        "Supplier confirmed a revised date; sequence adjusted without delay to the milestone.",
        "Change order issued and executed.",
    ),
    "rfi": (
        "Resolved in the field per the designer's sketch; no cost or time impact.",
        "Answered by ASI; contractor proceeded the same week.",
        "Designer confirmed the detail on the structural set governs.",
    ),
    "decision": (
        "Owner approved; change order issued and executed.",
        "Owner chose the base option; no change to cost or time.",
        "Recorded at the OAC meeting; minutes record the decision.",
    ),
    "action": (
        "Done and confirmed at the OAC meeting.",
        "Submitted and reviewed without further comments.",
    ),
}

# (category, title, cause, effect, mitigation)
RISK_TEMPLATES = (
    (
        "schedule",
        "Late delivery of the {equipment}",
        "Long manufacturer lead times.",
        "Installation and start-up delayed.",
        "Expedite submittals; weekly supplier calls.",
    ),
    (
        "construction",
        "Labor shortage in {trade}",
        "Competing projects in the region.",
        "Slower progress and overtime costs.",
        "Backup subcontractor; daily manpower tracking.",
    ),
    (
        "design",
        "Design coordination gaps at {area}",
        "Late changes in the design model.",
        "RFIs, rework and delay.",
        "Clash detection before each area is released.",
    ),
    (
        "site",
        "Unforeseen ground conditions at {area}",
        "Limited geotechnical borings.",
        "Redesign of foundations; delay.",
        "Additional borings; contingency earmarked.",
    ),
    (
        "commercial",
        "Escalation on the {trade} package",
        "Material price volatility.",
        "Cost overrun against the budget.",
        "Early buy-out; escalation clause in the contract.",
    ),
    (
        "regulatory",
        "Inspection backlog delays occupancy",
        "Authority short of inspectors.",
        "Certificate of occupancy late.",
        "Book inspections early; pre-inspection walks.",
    ),
    (
        "external",
        "Severe weather during {trade} work",
        "Seasonal storms.",
        "Lost days and damage to installed work.",
        "Weather protection; float kept for it.",
    ),
    (
        "technical",
        "Systems integration problems with the {equipment}",
        "Controls from several vendors.",
        "Commissioning delayed.",
        "Integration workshop; factory acceptance test.",
    ),
    (
        "organisational",
        "Owner decisions late at {area}",
        "Many stakeholders on the owner side.",
        "Design changes late in construction.",
        "Decision log with due dates; sponsor reviews.",
    ),
)
