"""The clinic's issue log, preconstruction to substructure: RFIs, issues, owner decisions
and action items (status date 13 Nov 2026). Party keys are those of
`parties.CLINIC_PARTIES`, task keys those of `clinic.WBS`."""

from __future__ import annotations

from ownersrep.services.demo.records import IssueSpec

EARLY_ISSUES: tuple[IssueSpec, ...] = (
    # -- preconstruction ------------------------------------------------------------------
    IssueSpec(
        "issue",
        "50% CDs omit clean and soiled utility rooms on Level 2",
        "Review of the 50% construction documents found no clean or soiled utility room "
        "serving the Level 2 specialty clinics. Both are required for outpatient facilities "
        "under the FGI Guidelines and the health department will cite the omission in plan "
        "review.",
        "2025-10-14",
        14,
        priority="high",
        status="closed",
        raised_by="owner",
        assigned_to="architect",
        task="rev50",
        closed_in=24,
        resolution="Architect relocated storage room 2.31 and split it into clean (2.31A) and "
        "soiled (2.31B) utility rooms in the 95% set; plumbing added for the soiled room "
        "flushing-rim sink.",
    ),
    IssueSpec(
        "issue",
        "GMP proposal exceeds the construction budget by $1.1 M",
        "The CM's GMP proposal on the 95% documents came in at $12.6 M against an $11.5 M "
        "construction budget. Main drivers: curtain wall (+$420 k), MEP escalation (+$380 k) "
        "and general conditions for a 14-month duration (+$210 k).",
        "2025-12-22",
        14,
        priority="critical",
        status="closed",
        raised_by="owner",
        assigned_to="gc",
        task="gmp_rev",
        closed_in=26,
        resolution="Reconciled to $11.5 M: curtain wall system substitution (-$310 k), "
        "ceramic tile limited to wet areas (-$180 k), VRF option rejected, CM fee reduced "
        "0.25% (-$95 k), balance from scope clarifications. Board approved 23 Jan 2026.",
    ),
    IssueSpec(
        "action",
        "Close out plan check comments and upload the approved permit set",
        "City plan check returned 23 comments (life safety 9, structural 4, accessibility 10). "
        "Architect to respond, resubmit and distribute the stamped approved set to the CM.",
        "2026-01-28",
        14,
        status="closed",
        raised_by="owner",
        assigned_to="architect",
        task="plan_resp",
        closed_in=16,
        resolution="All comments answered; permit issued 13 Feb 2026. Approved set posted to "
        "the project site and issued to the CM as Bulletin 02.",
    ),
    IssueSpec(
        "decision",
        "Owner decision: accept the CM's substitution for the curtain wall system",
        "The CM proposes an equivalent pressure-equalized unitized curtain wall system from "
        "an alternate manufacturer, with the same thermal performance (U-0.38) and a credit "
        "of $12,000. Architect has reviewed the data sheets and has no objection.",
        "2026-03-03",
        10,
        priority="high",
        status="closed",
        raised_by="gc",
        assigned_to="owner",
        task="cw_shop",
        closed_in=7,
        resolution="Accepted by Riverside Health System on 10 Mar 2026 (CO-002, credit "
        "$12,000). Warranty terms unchanged: 10 years on system, 5 on finish.",
        cost="-12000.00",
    ),
    # -- site and substructure ------------------------------------------------------------
    IssueSpec(
        "issue",
        "Noise complaints from adjacent residential neighbors",
        "Two complaints to the city about demolition noise before 7:00 am. The city has "
        "warned that a third complaint will trigger a stop-work notice.",
        "2026-03-10",
        7,
        status="closed",
        raised_by="owner",
        assigned_to="gc",
        task="clear",
        closed_in=5,
        resolution="CM limited noisy work to 7:00 am – 6:00 pm weekdays, posted a hotline "
        "number on the fence and sends a weekly neighbor notice. No further complaints.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Elevator pit footing conflicts with existing storm line",
        "Excavation at the elevator pit exposed an existing 12-inch storm line 2 ft above the "
        "bottom of footing F3, not shown on the survey. Request direction to relocate the "
        "line or redesign the footing.",
        "2026-04-01",
        5,
        priority="high",
        status="closed",
        raised_by="gc",
        assigned_to="structural",
        task="elev_pit",
        closed_in=6,
        resolution="SEOR sketch SK-04: footing F3 lowered 18 inches; storm line relocated "
        "6 ft east by the site contractor. Change order CO-003.",
        cost="8400.00",
        days=1,
    ),
    IssueSpec(
        "issue",
        "Concrete cylinder breaks below specified strength at footing F7",
        "28-day breaks for the pour of 16 Apr averaged 3,710 psi against the specified "
        "4,000 psi. The testing agency flagged footings F5 to F9.",
        "2026-05-15",
        14,
        priority="high",
        status="closed",
        raised_by="owner",
        assigned_to="gc",
        task="footings",
        closed_in=15,
        resolution="Three cores taken at F7 tested at an average of 4,350 psi; SEOR accepted "
        "the footings in writing. Coring and testing at the CM's cost.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Slab depression for lobby terrazzo is not dimensioned",
        "A-101 shows terrazzo at the main lobby but S-101 shows no slab depression. "
        "Confirm the depression depth and extent before the slab-on-grade pour.",
        "2026-04-28",
        5,
        status="closed",
        raised_by="gc",
        assigned_to="architect",
        task="sog",
        closed_in=4,
        resolution="1-1/2 inch depression over lobby 1.01 and vestibule 1.00, per revised "
        "detail 8/S-501.",
    ),
)
