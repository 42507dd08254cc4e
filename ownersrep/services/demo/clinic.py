"""Riverside Medical Clinic: a three-story outpatient clinic under a CM-at-risk GMP.

The outline runs from preconstruction to handover. Durations are working days; links
carry the logic a scheduler would expect (long-lead procurement driving installation,
floor-by-floor MEP and fit-out flows, commissioning before substantial completion).
"""

from __future__ import annotations

from datetime import date
from random import Random

from ownersrep.services.demo.clinic_issues_late import CLINIC_ISSUES
from ownersrep.services.demo.clinic_risks import CLINIC_RISKS
from ownersrep.services.demo.records import add_issues, add_risks
from ownersrep.services.demo.rows import DemoRows
from ownersrep.services.demo.schedule import Group, add_schedule, group, milestone, task

START = date(2025, 9, 8)

DESCRIPTION = (
    "Three-story, 2,400 m² (26,000 sf) outpatient clinic for Riverside Health System: "
    "primary care and urgent care on Level 1 with imaging (X-ray, ultrasound), specialty "
    "clinics and a lab on Level 2, administration and staff areas on Level 3. Steel frame "
    "with composite deck on spread footings; brick veneer, metal panel and curtain wall "
    "envelope; rooftop air handlers; emergency generator.\n\n"
    "Delivery: construction manager at risk (Halvorsen Builders), GMP $11.5 M including "
    "$640 k CM contingency; owner's construction contingency $680 k; total project budget "
    "$14.1 M. Owner's representative engaged from design development through final "
    "completion."
)


def _mep_floor(n: int, after: str, flow: str) -> Group:
    """Overhead rough-in of one floor; `after` is the structure it needs, `flow` the
    same trade one floor below (SS lag keeps the crews moving up the building)."""
    level = f"Level {n}"
    duct_preds = f"{after}, {flow}:SS+20" if flow else after
    return group(
        level,
        task(f"duct_{n}", f"Overhead ductwork and VAV boxes, {level}", 30, duct_preds),
        task(f"plumb_{n}", f"Plumbing and medical gas rough-in, {level}", 30, f"duct_{n}:SS+5"),
        task(f"elec_{n}", f"Electrical and low-voltage rough-in, {level}", 35, f"duct_{n}:SS+5"),
        task(f"spk_{n}", f"Fire sprinkler mains and branch lines, {level}", 20, f"duct_{n}:SS+10"),
        task(
            f"aci_{n}",
            f"Above-ceiling inspection, {level}",
            2,
            f"duct_{n}, plumb_{n}, elec_{n}, spk_{n}",
            who="architect",
        ),
    )


def _interior_floor(n: int, start_after: str) -> Group:
    level = f"Level {n}"
    return group(
        level,
        task(f"frame_{n}", f"Interior metal stud framing, {level}", 25, start_after),
        task(
            f"inwall_{n}",
            f"In-wall MEP rough-in and cover inspection, {level}",
            20,
            f"frame_{n}:SS+10, plumb_{n}, elec_{n}:FF+5",
        ),
        task(f"drywall_{n}", f"Drywall hang, tape and finish, {level}", 30, f"inwall_{n}"),
        task(f"paint_{n}", f"Prime and paint, {level}", 20, f"drywall_{n}"),
        task(
            f"ceil_{n}",
            f"Ceiling grid, tiles and MEP trim-out, {level}",
            25,
            f"drywall_{n}:SS+15, aci_{n}, paint_{n}:SS+10",
        ),
        task(f"floor_{n}", f"Resilient sheet flooring and base, {level}", 15, f"paint_{n}"),
        task(
            f"case_{n}",
            f"Casework, doors, hardware and specialties, {level}",
            20,
            f"paint_{n}:SS+10, floor_{n}:FF+5",
        ),
    )


WBS = (
    group(
        "Preconstruction",
        milestone("kickoff", "Preconstruction kickoff"),
        group(
            "Design reviews",
            task("cd50", "Architect completes 50% construction documents", 25, "kickoff"),
            task("rev50", "Review of 50% construction documents", 10, "cd50", who="owner"),
            task("ve", "Value engineering workshop and cost reconciliation", 5, "rev50", who="gc"),
            task("cd95", "Architect completes 95% construction documents", 25, "ve"),
            task("rev95", "Review of 95% construction documents", 8, "cd95", who="owner"),
            task("ifc", "Issued-for-construction documents", 10, "rev95, cd95:FF+5"),
            who="architect",
        ),
        group(
            "Permits and approvals",
            task("permit_sub", "Submit building permit application", 2, "cd95"),
            task("plan_check", "City plan check review", 35, "permit_sub"),
            task("plan_resp", "Respond to plan check comments", 8, "plan_check"),
            milestone("permit", "Building permit issued", "plan_resp+5"),
            task("health_rev", "State health department plan review", 30, "permit_sub"),
            task("swppp", "Stormwater plan (SWPPP) and grading permit", 20, "cd95", who="gc"),
            who="architect",
        ),
        group(
            "Contract and GMP",
            task("gmp_prep", "CM prepares GMP proposal on 95% documents", 20, "cd95"),
            task("gmp_rev", "GMP review and reconciliation", 10, "gmp_prep", who="owner"),
            task("gmp_board", "Board approval of GMP amendment", 5, "gmp_rev", who="owner"),
            milestone("gmp", "GMP amendment executed", "gmp_board", who="owner"),
            task("bonds", "Payment and performance bonds, builder's risk insurance", 5, "gmp"),
            milestone("ntp", "Notice to proceed", "bonds, permit, swppp", who="owner"),
            who="gc",
        ),
        who="owner",
    ),
    group(
        "Procurement",
        group(
            "Long-lead equipment",
            task("elev_sub", "Elevator submittals and approval", 25, "gmp"),
            task("elev_fab", "Elevator fabrication and delivery", 70, "elev_sub"),
            task("swgr_sub", "Main switchgear submittals and approval", 25, "gmp"),
            task("swgr_fab", "Switchgear fabrication and delivery", 95, "swgr_sub"),
            task("ahu_sub", "AHU-1 and AHU-2 submittals and approval", 25, "gmp"),
            task("ahu_fab", "AHU fabrication and delivery", 90, "ahu_sub"),
            task("gen_sub", "Emergency generator and ATS submittals", 20, "gmp"),
            task("gen_fab", "Generator fabrication and delivery", 80, "gen_sub+5"),
            task("cw_shop", "Curtain wall shop drawings and engineering", 30, "gmp"),
            task("cw_fab", "Curtain wall fabrication", 55, "cw_shop+10"),
        ),
        group(
            "Structure and finishes",
            task("steel_shop", "Structural steel shop drawings and approval", 30, "gmp"),
            task("steel_fab", "Structural steel fabrication", 35, "steel_shop"),
            task("finish_sel", "Interior finish submittals and owner selections", 30, "gmp+20"),
        ),
        who="gc",
    ),
    group(
        "Site works",
        group(
            "Site preparation",
            task("mob", "Mobilization, fencing and erosion controls", 8, "ntp"),
            task("clear", "Demolish existing paving and clear site", 8, "mob"),
            task("grading", "Mass excavation and rough grading", 12, "clear"),
            task("ug_storm", "Storm drain and sanitary sewer", 15, "grading"),
            task("ug_water", "Domestic water and fire service laterals", 8, "ug_storm:SS+5"),
            task("ductbank", "Electrical duct bank and transformer pad", 10, "grading"),
        ),
        group(
            "Site improvements",
            task("curbs", "Curbs, gutters and sidewalks", 12, "brick"),
            task("paving", "Parking lot paving and striping", 10, "curbs"),
            task("site_light", "Site lighting", 6, "curbs:SS+5"),
            task("landscape", "Landscaping and irrigation", 15, "paving:SS+5"),
        ),
        who="gc",
    ),
    group(
        "Substructure",
        task("fdn_exc", "Foundation excavation", 6, "grading"),
        task("footings", "Spread footings and grade beams", 15, "fdn_exc"),
        task("elev_pit", "Elevator pit and sump", 6, "fdn_exc"),
        task("ug_plumb", "Underslab plumbing and electrical", 10, "footings, ug_storm"),
        task("sog", "Vapor retarder and slab-on-grade", 8, "ug_plumb, elev_pit"),
        who="gc",
    ),
    group(
        "Superstructure",
        group(
            "Level 1 to Level 2",
            task("steel_12", "Erect structural steel, Level 1 to 2", 10, "steel_fab, footings"),
            task("deck_2", "Metal deck, studs and concrete topping, Level 2", 8, "steel_12"),
        ),
        group(
            "Level 2 to Level 3",
            task("steel_23", "Erect structural steel, Level 2 to 3", 8, "steel_12"),
            task(
                "deck_3", "Metal deck, studs and concrete topping, Level 3", 8, "steel_23, deck_2"
            ),
        ),
        group(
            "Level 3 to roof",
            task("steel_3r", "Erect structural steel, Level 3 to roof", 8, "steel_23"),
            task("deck_r", "Roof deck", 5, "steel_3r, deck_3"),
            milestone("topped", "Structure topped out", "steel_3r", who="gc"),
        ),
        task("fireproof", "Spray-applied fireproofing", 15, "deck_3, deck_r"),
        task("stairs", "Steel stairs and railings", 10, "deck_3"),
        who="gc",
    ),
    group(
        "Envelope",
        task("ext_frame", "Exterior wall framing and sheathing", 30, "deck_3"),
        task("roofing", "Roof insulation and membrane roofing", 15, "deck_r"),
        task("awb", "Air and water-resistive barrier", 25, "ext_frame:SS+10"),
        task("windows", "Punched windows and storefront", 20, "awb:SS+15"),
        task("cw_install", "Curtain wall installation", 30, "cw_fab, deck_3"),
        milestone("dried_in", "Building dried in", "roofing, windows, cw_install"),
        task("brick", "Brick veneer and metal wall panels", 55, "awb:SS+15"),
        task("sealants", "Exterior sealants and water testing", 10, "brick:FF+5, cw_install"),
        who="gc",
    ),
    group(
        "MEP rough-in",
        group(
            "Building systems",
            task(
                "ahu_set", "Set AHU-1 and AHU-2 on roof curbs (crane pick)", 3, "ahu_fab, roofing"
            ),
            task("swgr_set", "Set main switchgear and distribution panels", 8, "swgr_fab, sog"),
            task(
                "utility", "Utility transformer set and service energized", 5, "swgr_set, ductbank"
            ),
            milestone("power", "Permanent power energized", "utility"),
            task("gen_set", "Set emergency generator and transfer switches", 5, "gen_fab, sog"),
            task("elev_install", "Elevator installation", 30, "elev_fab, dried_in, elev_pit"),
        ),
        _mep_floor(1, "deck_2, fireproof:SS+5", ""),
        _mep_floor(2, "deck_3", "duct_1"),
        _mep_floor(3, "deck_r, roofing", "duct_2"),
        who="gc",
    ),
    group(
        "Interior fit-out",
        _interior_floor(1, "dried_in, duct_1:SS+5"),
        _interior_floor(2, "frame_1:SS+10, duct_2:SS+5"),
        _interior_floor(3, "frame_2:SS+10, duct_3:SS+5"),
        who="gc",
    ),
    group(
        "Medical equipment",
        task(
            "ofe_coord", "Owner-furnished equipment coordination", 20, "finish_sel", who="architect"
        ),
        task(
            "xray_shield", "Lead-lined walls and shielding, imaging suite", 5, "frame_1", who="gc"
        ),
        task("xray_install", "X-ray room equipment installation", 10, "xray_shield, paint_1"),
        task("physics", "Radiation physicist shielding survey", 3, "xray_install"),
        task(
            "exam_eq",
            "Exam room equipment and wall-mounted diagnostics",
            10,
            "case_1, case_2, case_3",
        ),
        task("medgas", "Medical gas verification and certification", 4, "ceil_3, ceil_2", who="gc"),
        task("lowvolt", "Nurse call, IT network and access control", 15, "ceil_2:SS+5", who="gc"),
        who="owner",
    ),
    group(
        "Commissioning",
        task(
            "prefunc",
            "Pre-functional checklists and equipment start-up",
            10,
            "power, ahu_set, duct_3",
        ),
        task("bas", "Building automation point-to-point checkout", 10, "prefunc:SS+5"),
        task("tab", "Testing, adjusting and balancing (TAB)", 20, "prefunc, ceil_3:SS+5"),
        task("fpt", "Functional performance testing, HVAC", 15, "tab, bas"),
        task("fa_pre", "Fire alarm pretest", 3, "ceil_3, lowvolt"),
        task("fa_accept", "Fire alarm acceptance test with the fire marshal", 2, "fa_pre+5"),
        task("elev_insp", "Elevator state inspection", 2, "elev_install+5"),
        task("cx_report", "Commissioning report and systems manual", 10, "fpt, fa_accept"),
        who="cx",
    ),
    group(
        "Handover",
        task("punch_gc", "Contractor punch list", 15, "case_1, case_2, case_3, sealants"),
        task("punch_walk", "Owner and architect punch walk", 3, "punch_gc", who="architect"),
        task("punch_fix", "Complete punch list items", 20, "punch_walk"),
        task(
            "final_insp",
            "Final inspections: building, fire and health",
            5,
            "fa_accept, elev_insp, medgas, gen_set, punch_walk, landscape, site_light",
        ),
        milestone("sub_comp", "Substantial completion", "final_insp, fpt", who="owner"),
        milestone("co", "Certificate of occupancy", "final_insp+3", who="owner"),
        task("closeout", "O&M manuals, warranties and as-built drawings", 15, "sub_comp"),
        task("training", "Owner staff training on building systems", 5, "fpt", who="cx"),
        task("ffe", "Furniture, fixtures and equipment move-in", 10, "co, exam_eq", who="owner"),
        milestone("opening", "Clinic opens to patients", "ffe, physics, training", who="owner"),
        milestone(
            "final",
            "Final completion and release of retainage",
            "punch_fix, closeout, cx_report",
            who="owner",
        ),
        who="gc",
    ),
)


def add_clinic(rows: DemoRows, program_id: int, parties: dict[str, int], rng: Random) -> int:
    project_id = rows.add_project(
        program_id,
        name="Riverside Medical Clinic",
        code="RMC",
        kind="construction",
        client_id=parties["owner"],
        contractor_id=parties["gc"],
        location="2250 Riverbend Drive, Riverside, CA",
        description=DESCRIPTION,
    )
    tasks = add_schedule(rows, project_id, WBS, START, parties, rng=rng)
    add_issues(rows, project_id, CLINIC_ISSUES, parties, tasks)
    add_risks(rows, project_id, CLINIC_RISKS, parties)
    return project_id
