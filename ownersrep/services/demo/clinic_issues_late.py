"""The clinic's issue log from procurement and structure to fit-out (status date
13 Nov 2026). Party keys are those of `parties.CLINIC_PARTIES`, task keys those of
`clinic.WBS`."""

from __future__ import annotations

from ownersrep.services.demo.clinic_issues import EARLY_ISSUES
from ownersrep.services.demo.records import IssueSpec

LATE_ISSUES: tuple[IssueSpec, ...] = (
    # -- procurement and structure --------------------------------------------------------
    IssueSpec(
        "issue",
        "Switchgear ship date slipped three weeks",
        "The manufacturer moved the switchgear ship date from 26 Jun to 17 Jul because of a "
        "factory backlog on breakers. Permanent power and generator testing depend on it.",
        "2026-05-18",
        14,
        priority="high",
        status="closed",
        raised_by="gc",
        assigned_to="gc",
        task="swgr_fab",
        closed_in=30,
        resolution="CM secured a partial shipment (main section) on 6 Jul; distribution "
        "sections followed on 17 Jul. Net delay to permanent power: 4 working days.",
        days=4,
    ),
    IssueSpec(
        "issue",
        "Failed special inspection of shear stud welds at Level 2 deck",
        "The special inspector's bend test failed 6 of 40 studs at the Level 2 deck "
        "between grids B and D. Concrete topping cannot be placed until resolved.",
        "2026-05-13",
        5,
        priority="high",
        status="closed",
        raised_by="owner",
        assigned_to="gc",
        task="deck_2",
        closed_in=6,
        resolution="Welding power settings corrected; 100% of studs in the area re-tested, "
        "14 replaced. Inspector released the pour on 19 May.",
        days=2,
    ),
    IssueSpec(
        "rfi",
        "RFI: Curtain wall embed spacing at Level 3 slab edge",
        "The curtain wall shop drawings need embeds at 5'-0\" centers at the Level 3 slab "
        "edge; S-301 shows 6'-0\". Confirm spacing before the Level 3 pour.",
        "2026-05-20",
        5,
        priority="high",
        status="closed",
        raised_by="gc",
        assigned_to="structural",
        task="deck_3",
        closed_in=4,
        resolution="SEOR accepted 5'-0\" spacing with the embed plate of detail 12/S-502.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Roof drain locations conflict with the AHU-2 curb",
        "Roof drains RD-4 and RD-5 fall inside the AHU-2 curb footprint on the approved "
        "curb drawing. Request relocation of the drains or the curb.",
        "2026-06-02",
        7,
        status="closed",
        raised_by="gc",
        assigned_to="mep",
        task="roofing",
        closed_in=6,
        resolution="Drains moved 4 ft north with tapered insulation revised; no cost change.",
    ),
    IssueSpec(
        "issue",
        "Late delivery of AHU-2 from manufacturer",
        "The manufacturer advised that AHU-2 will ship 18 days late because of a coil supplier "
        "delay. AHU-1 ships on time. The crane pick and roof work sequence need rework, and "
        "HVAC start-up for Levels 2 and 3 is at risk.",
        "2026-06-10",
        10,
        priority="critical",
        status="closed",
        raised_by="gc",
        assigned_to="gc",
        task="ahu_fab",
        closed_in=52,
        resolution="AHU-2 delivered 28 Jul and set with a second crane pick. CM recovered "
        "4 of 12 days with weekend work on duct connections, paid from the owner's "
        "contingency (DEC-0004).",
        cost="14200.00",
        days=8,
    ),
    IssueSpec(
        "decision",
        "Owner decision: fund AHU-2 recovery from the owner's contingency",
        "The CM quotes $14,200 for a second crane pick and weekend work to recover part of "
        "the AHU-2 delay. The delay is excusable under the contract (supplier-caused, "
        "notified in time), so the cost falls to the owner.",
        "2026-07-01",
        7,
        priority="high",
        status="closed",
        raised_by="owner",
        assigned_to="owner",
        task="ahu_set",
        closed_in=5,
        resolution="Approved by M. Okafor on 6 Jul 2026; drawn from owner's contingency "
        "(balance $608,100).",
        cost="14200.00",
        internal=True,
    ),
    IssueSpec(
        "issue",
        "Spray fireproofing thickness below specification at Level 3 beams",
        "Third-party inspection measured 1/2 inch average on Level 3 beams against a required "
        "11/16 inch for the 2-hour rating.",
        "2026-06-24",
        7,
        priority="high",
        status="closed",
        raised_by="owner",
        assigned_to="gc",
        task="fireproof",
        closed_in=9,
        resolution="Fireproofing sub re-sprayed Level 3 beams; re-inspection passed 2 Jul.",
    ),
    IssueSpec(
        "decision",
        "Owner decision: flooring finish in exam rooms",
        "Exam rooms are specified with luxury vinyl tile. Infection prevention asks for "
        "homogeneous sheet vinyl with heat-welded seams and integral cove base, which is "
        "easier to clean. The CM prices the change at $22,800 for 46 exam rooms.",
        "2026-04-20",
        14,
        priority="high",
        status="closed",
        raised_by="architect",
        assigned_to="owner",
        task="finish_sel",
        closed_in=10,
        resolution="Owner selected sheet vinyl with integral cove base in exam and procedure "
        "rooms; LVT stays in offices. CO-004, $22,800.",
        cost="22800.00",
    ),
    IssueSpec(
        "decision",
        "Owner decision: add rough-in for a second X-ray room",
        "Imaging leadership expects volume to justify a second X-ray room within 3 years. "
        "Shielding, blocking and power rough-in now cost much less than retrofitting later.",
        "2026-06-15",
        14,
        status="closed",
        raised_by="owner",
        assigned_to="owner",
        task="xray_shield",
        closed_in=21,
        resolution="Approved: shielding, ceiling strut and 480 V feeder roughed in at room "
        "1.27; equipment deferred. CO-006, $38,500.",
        cost="38500.00",
    ),
    IssueSpec(
        "rfi",
        "RFI: Generator exhaust too close to the AHU-1 fresh-air intake",
        "The generator exhaust is 14 ft from the AHU-1 outdoor air intake; the mechanical "
        "code requires 10 ft but the manufacturer recommends 25 ft. Please confirm routing.",
        "2026-07-08",
        7,
        status="closed",
        raised_by="gc",
        assigned_to="mep",
        task="gen_set",
        closed_in=9,
        resolution="Exhaust extended 12 ft vertically with a rain cap; distance now 26 ft.",
        cost="3900.00",
    ),
    IssueSpec(
        "issue",
        "Utility company delays energizing permanent power",
        "The utility cannot set the transformer before 5 Aug because of crew availability. "
        "Temporary power is sized for construction loads only, not for equipment start-up.",
        "2026-07-15",
        10,
        priority="high",
        status="closed",
        raised_by="gc",
        assigned_to="owner",
        task="utility",
        closed_in=21,
        resolution="Owner escalated through its utility account manager; transformer set "
        "3 Aug, service energized 5 Aug. Start-up resequenced floor by floor.",
        days=6,
    ),
    IssueSpec(
        "rfi",
        "RFI: Medical gas outlet count in procedure rooms 1.22 and 1.23",
        "The medical gas schedule shows one oxygen and one vacuum outlet per procedure room, "
        "the equipment plan shows two of each plus medical air. Confirm the count.",
        "2026-07-20",
        10,
        priority="high",
        status="resolved",
        raised_by="gc",
        assigned_to="mep",
        task="plumb_1",
        resolution="Clinical planner confirmed 2 O2, 2 VAC and 1 MA per room; ASI-11 issued. "
        "Awaiting the CM's pricing to close.",
        cost="6200.00",
    ),
    IssueSpec(
        "rfi",
        "RFI: Fire-rated ceiling assembly at Level 2 corridor conflicts with duct routing",
        "The 1-hour rated corridor ceiling at gridlines C–D/3–6 on Level 2 is at 9'-0\" AFF, "
        "but the 14x10 supply main on M-202 runs at 8'-10\" bottom of duct. Penetrations of "
        "the rated membrane would need fire dampers not shown on the drawings. May the duct "
        "be rerouted through the exam rooms, or the ceiling lowered to 8'-6\"?",
        "2026-08-06",
        7,
        priority="high",
        status="closed",
        raised_by="gc",
        assigned_to="architect",
        task="duct_2",
        closed_in=12,
        resolution="ASI-07: supply main rerouted through exam rooms 2.14 to 2.18; the rated "
        "membrane is kept intact. Two days of rework absorbed by the CM.",
        days=2,
    ),
    IssueSpec(
        "rfi",
        "RFI: Lead shielding height and door at the X-ray room",
        "Drawings show lead-lined gypsum board full height; the physicist's report asks for "
        "7 ft. Door type for room 1.26 is not shown as lead-lined.",
        "2026-08-25",
        7,
        status="closed",
        raised_by="gc",
        assigned_to="architect",
        task="xray_shield",
        closed_in=5,
        resolution="Per the physicist's report: 1/16 inch lead to 7'-0\" AFF, lead-lined door "
        "and control window. Door added to the hardware schedule.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Working clearance at Level 3 electrical room panels",
        "With the added panel L3-HB the 42-inch working clearance in front of panels in "
        "electrical room 3.40 is not met. Request a revised room layout.",
        "2026-08-31",
        14,
        priority="high",
        status="in_progress",
        raised_by="gc",
        assigned_to="mep",
        task="elec_3",
    ),
    IssueSpec(
        "issue",
        "Elevator state inspection not available until October",
        "The state elevator inspector's first available date was 14 Oct, three weeks after "
        "installation. The contractor needs the car for moving drywall to Level 3.",
        "2026-09-08",
        10,
        status="closed",
        raised_by="gc",
        assigned_to="owner",
        task="elev_insp",
        closed_in=14,
        resolution="Owner requested an expedited inspection; inspected and certified 22 Sep.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Exam room handwashing sink height and ADA clearances",
        "Sinks in standard exam rooms are shown at 36 inches with a knee space; accessible "
        "exam rooms need 34 inches. Confirm heights per room type before casework install.",
        "2026-09-15",
        10,
        status="open",
        raised_by="gc",
        assigned_to="architect",
        task="case_1",
    ),
    IssueSpec(
        "issue",
        "Curtain wall field water test failed at Level 3 east elevation",
        "The AAMA 501.2 field test leaked at two stack joints on the Level 3 east elevation. "
        "Interior finishes behind those bays are on hold.",
        "2026-09-22",
        21,
        priority="high",
        status="in_progress",
        raised_by="cx",
        assigned_to="gc",
        task="sealants",
        days=3,
    ),
    IssueSpec(
        "action",
        "Confirm owner-furnished equipment delivery dates with vendors",
        "The exam tables, ultrasound and X-ray equipment vendors need firm delivery windows "
        "so the CM can plan secure storage and installation by floor.",
        "2026-09-28",
        30,
        status="in_progress",
        raised_by="gc",
        assigned_to="owner",
        task="exam_eq",
    ),
    IssueSpec(
        "issue",
        "Contractor's October update leaves too little time for commissioning",
        "The CM's October schedule update keeps substantial completion on 4 Mar 2027 by "
        "compressing TAB to 20 days and overlapping functional testing with punch work. The "
        "commissioning agent considers 30 days of TAB the minimum for a clinic of this size.",
        "2026-10-02",
        10,
        priority="high",
        status="open",
        raised_by="owner",
        assigned_to="gc",
        task="tab",
        internal=True,
    ),
    IssueSpec(
        "rfi",
        "RFI: Sprinkler heads conflict with the X-ray tube ceiling rail",
        "Three sprinkler heads in X-ray room 1.26 fall on the ceiling-mounted tube rail "
        "path. Request a revised head layout that keeps coverage.",
        "2026-10-05",
        7,
        priority="high",
        status="open",
        raised_by="gc",
        assigned_to="mep",
        task="xray_install",
    ),
    IssueSpec(
        "issue",
        "Drywall crew shortage on Level 3",
        "The drywall subcontractor moved 8 of 14 hangers to another project just as Level 3 "
        "started; hanging is running 5 days behind the look-ahead and Level 2 taping is "
        "finishing with a reduced crew.",
        "2026-11-02",
        10,
        priority="high",
        status="in_progress",
        raised_by="owner",
        assigned_to="gc",
        task="drywall_3",
        days=5,
    ),
    IssueSpec(
        "action",
        "Submit a revised three-week look-ahead with the fit-out resequencing",
        "After the curtain wall leak held finishes on the Level 3 east bays, the CM is to "
        "show how Level 3 finishes will be resequenced to protect substantial completion.",
        "2026-10-19",
        7,
        priority="high",
        status="open",
        raised_by="owner",
        assigned_to="gc",
        task="drywall_3",
    ),
    IssueSpec(
        "rfi",
        "RFI: Flooring transition at exam room thresholds",
        "Sheet vinyl in exam rooms meets carpet tile in the corridors at a 1/8 inch height "
        "difference. Confirm the transition strip profile and color.",
        "2026-10-20",
        14,
        status="open",
        raised_by="gc",
        assigned_to="architect",
        task="floor_1",
    ),
    IssueSpec(
        "decision",
        "Owner decision: paint colors and accent walls for Level 3 administration",
        "The architect issued two color schemes for the Level 3 offices and break room. "
        "Painters reach Level 3 in early December.",
        "2026-10-26",
        14,
        status="open",
        raised_by="architect",
        assigned_to="owner",
        task="paint_3",
    ),
    IssueSpec(
        "issue",
        "Pay application 9 bills stored materials without bills of sale",
        "Pay application 9 includes $186,400 of stored materials (light fixtures, casework) "
        "held off-site without bills of sale or insurance certificates naming the owner.",
        "2026-10-28",
        7,
        priority="high",
        status="open",
        raised_by="owner",
        assigned_to="gc",
        internal=True,
    ),
    IssueSpec(
        "action",
        "Provide TAB agent qualifications and the pre-TAB report",
        "Commissioning agent needs the TAB firm's AABC/NEBB certification and the pre-TAB "
        "report before start-up of the Level 1 systems.",
        "2026-10-30",
        21,
        status="open",
        raised_by="cx",
        assigned_to="gc",
        task="tab",
    ),
    IssueSpec(
        "rfi",
        "RFI: Nurse call dome light locations in the Level 2 corridor",
        "Dome lights on E-402 conflict with corridor handrails and the wall protection. "
        "Confirm mounting location.",
        "2026-11-02",
        14,
        status="open",
        raised_by="gc",
        assigned_to="mep",
        task="lowvolt",
    ),
    IssueSpec(
        "decision",
        "Owner decision: exterior and wayfinding signage scope",
        "Signage was carried as an allowance of $60,000. The brand team wants an illuminated "
        "monument sign; the CM estimates $105,000 for the full package.",
        "2026-11-03",
        21,
        status="open",
        raised_by="gc",
        assigned_to="owner",
        cost="45000.00",
    ),
    IssueSpec(
        "issue",
        "Damaged sheet vinyl delivered for Level 1",
        "Two of nine rolls delivered on 4 Nov have crushed cores and creases. Replacement "
        "lead time is 3 weeks.",
        "2026-11-05",
        10,
        status="open",
        raised_by="gc",
        assigned_to="gc",
        task="floor_1",
        days=3,
    ),
    IssueSpec(
        "action",
        "Schedule the fire marshal pre-inspection walk",
        "Walk Levels 1 and 2 with the fire marshal before ceilings close, to confirm device "
        "locations and rated assemblies.",
        "2026-11-09",
        14,
        status="open",
        raised_by="owner",
        assigned_to="gc",
        task="fa_pre",
    ),
    IssueSpec(
        "action",
        "Update the contingency log after change orders 3 to 6",
        "Reconcile owner's and CM contingency balances after CO-003 to CO-006 for the "
        "monthly owner report.",
        "2026-09-02",
        7,
        status="closed",
        raised_by="owner",
        assigned_to="owner",
        closed_in=5,
        internal=True,
        resolution="Contingency log updated: owner's contingency $608,100 remaining "
        "(89%), CM contingency $512,000 (80%).",
    ),
)

CLINIC_ISSUES: tuple[IssueSpec, ...] = EARLY_ISSUES + LATE_ISSUES
