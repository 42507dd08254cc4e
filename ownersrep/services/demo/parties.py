"""The organisations and people of the demo portfolio.

Names, e-mail domains (.example, reserved for documentation) and 555-01xx phone numbers
are fictitious.
"""

from __future__ import annotations

from ownersrep.services.demo.rows import DemoRows

# key: (name, role, notes, ((contact name, title, e-mail, phone), ...))
Contacts = tuple[tuple[str, str, str, str], ...]
PartySpec = tuple[str, str, str, Contacts]

CLINIC_PARTIES: dict[str, PartySpec] = {
    "owner": (
        "Riverside Health System",
        "owner",
        "Non-profit health system; owner and client of the clinic and the ERP roll-out.",
        (
            (
                "Margaret Okafor",
                "VP Facilities & Construction",
                "m.okafor@riversidehealth.example",
                "(951) 555-0112",
            ),
            (
                "David Chen",
                "Director of Ambulatory Operations",
                "d.chen@riversidehealth.example",
                "(951) 555-0118",
            ),
            (
                "Laura Whitfield",
                "Capital Projects Accountant",
                "l.whitfield@riversidehealth.example",
                "(951) 555-0121",
            ),
        ),
    ),
    "gc": (
        "Halvorsen Builders Inc.",
        "contractor",
        "Construction manager at risk; GMP contract, 5% retainage until substantial completion.",
        (
            (
                "Tom Halvorsen",
                "Project Executive",
                "tom.h@halvorsenbuilders.example",
                "(951) 555-0134",
            ),
            (
                "Rosa Delgado",
                "Project Manager",
                "rdelgado@halvorsenbuilders.example",
                "(951) 555-0136",
            ),
            (
                "Mike Brennan",
                "Superintendent",
                "mbrennan@halvorsenbuilders.example",
                "(951) 555-0139",
            ),
        ),
    ),
    "architect": (
        "Marsh & Odell Architects",
        "consultant",
        "Architect of record; construction administration (submittals, RFIs, site visits).",
        (
            (
                "Priya Raman",
                "Principal, Healthcare Studio",
                "praman@marshodell.example",
                "(951) 555-0143",
            ),
            ("Ben Sorensen", "Project Architect", "bsorensen@marshodell.example", "(951) 555-0145"),
        ),
    ),
    "mep": (
        "Kestrel MEP Engineers",
        "consultant",
        "Mechanical, electrical, plumbing, medical gas and fire protection design.",
        (
            (
                "Alan Whitaker",
                "Principal Mechanical Engineer",
                "awhitaker@kestrelmep.example",
                "(951) 555-0151",
            ),
            (
                "Nina Petrova",
                "Electrical Engineer",
                "npetrova@kestrelmep.example",
                "(951) 555-0153",
            ),
        ),
    ),
    "structural": (
        "Ridgeline Structural Engineers",
        "consultant",
        "Structural engineer of record (steel frame, composite deck, spread footings).",
        (
            (
                "Carlos Mendes",
                "Structural Engineer of Record",
                "cmendes@ridgelinese.example",
                "(951) 555-0162",
            ),
        ),
    ),
    "cx": (
        "Certus Commissioning Group",
        "consultant",
        "Owner's commissioning agent (ASHRAE Guideline 0 process).",
        (
            ("Janet Ruiz", "Commissioning Authority", "jruiz@certuscx.example", "(951) 555-0171"),
            (
                "Kevin Osei",
                "Field Commissioning Engineer",
                "kosei@certuscx.example",
                "(951) 555-0173",
            ),
        ),
    ),
}

ERP_PARTIES: dict[str, PartySpec] = {
    "finance": (
        "RHS Finance",
        "internal",
        "Business owner of the ERP roll-out (general ledger, payables, fixed assets).",
        (
            (
                "Susan Park",
                "Chief Financial Officer (sponsor)",
                "s.park@riversidehealth.example",
                "(951) 555-0181",
            ),
            (
                "Greg Lawson",
                "Controller, finance process lead",
                "g.lawson@riversidehealth.example",
                "(951) 555-0183",
            ),
        ),
    ),
    "it": (
        "RHS Information Technology",
        "internal",
        "Infrastructure, integrations, identity and the service desk.",
        (
            (
                "Anita Desai",
                "Director of Enterprise Applications",
                "a.desai@riversidehealth.example",
                "(951) 555-0186",
            ),
            (
                "Marcus Bell",
                "Integration Architect",
                "m.bell@riversidehealth.example",
                "(951) 555-0188",
            ),
        ),
    ),
    "procurement": (
        "RHS Supply Chain & Procurement",
        "internal",
        "Purchasing, inventory and vendor master data for 14 sites.",
        (
            (
                "Helen Ortiz",
                "Director of Supply Chain",
                "h.ortiz@riversidehealth.example",
                "(951) 555-0191",
            ),
        ),
    ),
    "integrator": (
        "Northbridge Consulting Group",
        "contractor",
        "System integrator; fixed-fee statement of work with milestone payments.",
        (
            (
                "James Whitmore",
                "Engagement Partner",
                "jwhitmore@northbridge.example",
                "(415) 555-0124",
            ),
            (
                "Elena Kowalski",
                "Solution Lead, Finance",
                "ekowalski@northbridge.example",
                "(415) 555-0127",
            ),
            (
                "Raj Malhotra",
                "Data Migration Lead",
                "rmalhotra@northbridge.example",
                "(415) 555-0129",
            ),
        ),
    ),
    "qa": (
        "Clearline Assurance Partners",
        "consultant",
        "Independent quality assurance of the ERP program; reports to the steering committee.",
        (("Olivia Grant", "QA Director", "ogrant@clearline.example", "(212) 555-0148"),),
    ),
}

BENCHMARK_PARTIES: dict[str, PartySpec] = {
    "bench_owner": (
        "Synthetic Owner LLC",
        "owner",
        "Owner of the synthetic benchmark projects.",
        (("Pat Synthetic", "Owner's Project Manager", "pat@synthetic-owner.example", ""),),
    ),
    "bench_gc": (
        "Synthetic Builders Co.",
        "contractor",
        "General contractor of the synthetic benchmark projects.",
        (("Sam Synthetic", "Project Manager", "sam@synthetic-builders.example", ""),),
    ),
    "bench_design": (
        "Synthetic Design Group",
        "consultant",
        "Designer of the synthetic benchmark projects.",
        (("Alex Synthetic", "Project Architect", "alex@synthetic-design.example", ""),),
    ),
}


def add_parties(rows: DemoRows, specs: dict[str, PartySpec]) -> dict[str, int]:
    """Append parties and their contacts; return party ids by key."""
    ids: dict[str, int] = {}
    for key, (name, role, notes, contacts) in specs.items():
        party_id = rows.new_id("party")
        ids[key] = party_id
        rows.parties.append({"id": party_id, "name": name, "role": role, "notes": notes})
        for contact_name, title, email, phone in contacts:
            rows.contacts.append(
                {
                    "id": rows.new_id("contact"),
                    "party_id": party_id,
                    "name": contact_name,
                    "title": title,
                    "email": email,
                    "phone": phone,
                }
            )
    return ids
