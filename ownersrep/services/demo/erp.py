"""Finance & Supply Chain ERP Roll-out: an internal project of Riverside Health System,
delivered by a system integrator with an independent QA consultant."""

from __future__ import annotations

from datetime import date
from random import Random

from ownersrep.services.demo.erp_issues import ERP_ISSUES
from ownersrep.services.demo.erp_risks import ERP_RISKS
from ownersrep.services.demo.records import add_issues, add_risks
from ownersrep.services.demo.rows import DemoRows
from ownersrep.services.demo.schedule import add_schedule, group, milestone, task

START = date(2026, 1, 12)

DESCRIPTION = (
    "Replacement of the 2009 on-premise finance system and the stand-alone materials "
    "management system with a cloud ERP: general ledger, payables, fixed assets, "
    "purchasing and inventory for 14 sites and about 420 users.\n\n"
    "Integrator: Northbridge Consulting Group, fixed fee $3.4 M paid on milestones. "
    "Independent QA: Clearline Assurance Partners. Total budget $5.9 M including "
    "licences for the first year and a 12% contingency. Cutover over the last "
    "week of January 2027, first business day in the new system 1 February, followed by "
    "eight weeks of hypercare."
)

WBS = (
    group(
        "Initiation",
        milestone("charter", "Project charter approved", who="finance"),
        task("mobilize", "Mobilize integrator team, governance and project office", 10, "charter"),
        task("plan", "Integrated plan and RAID log baseline", 10, "mobilize:SS+5"),
        milestone("gate0", "Initiation gate approved", "plan", who="finance"),
        who="integrator",
    ),
    group(
        "Requirements and fit-gap",
        task(
            "asis_r2r", "Current-state walkthroughs: record to report", 15, "gate0", who="finance"
        ),
        task(
            "asis_p2p",
            "Current-state walkthroughs: procure to pay and inventory",
            15,
            "gate0",
            who="procurement",
        ),
        task("fg_fin", "Fit-gap workshops: finance", 25, "asis_r2r"),
        task("fg_scm", "Fit-gap workshops: supply chain", 25, "asis_p2p"),
        task("ricefw", "Gap prioritization and RICEFW inventory", 10, "fg_fin, fg_scm"),
        milestone("req_ok", "Requirements baseline signed off", "ricefw", who="finance"),
        who="integrator",
    ),
    group(
        "Design",
        task("coa", "Chart of accounts redesign", 20, "fg_fin", who="finance"),
        task("sdd_fin", "Solution design: finance", 35, "req_ok, coa:FF+5"),
        task("sdd_scm", "Solution design: supply chain", 35, "req_ok"),
        task(
            "int_design", "Integration design: EHR charges, payroll, bank", 25, "req_ok", who="it"
        ),
        task("sod", "Security roles and segregation of duties design", 15, "sdd_fin:SS+15"),
        task("design_qa", "Design assurance review", 5, "sdd_fin, sdd_scm, int_design", who="qa"),
        milestone("design_ok", "Design signed off", "design_qa, sod", who="finance"),
        who="integrator",
    ),
    group(
        "Build and configuration",
        task("cfg_gl", "Configure general ledger and fixed assets", 35, "design_ok"),
        task("cfg_ap", "Configure payables and expenses", 30, "cfg_gl:SS+10"),
        task("cfg_scm", "Configure purchasing and inventory", 45, "design_ok"),
        task("build_int", "Build interfaces: EHR, payroll, bank", 50, "design_ok", who="it"),
        task("build_rpt", "Build reports and dashboards", 30, "cfg_gl:SS+15"),
        task(
            "unit_test",
            "Unit testing and build sign-off",
            10,
            "cfg_ap, cfg_scm, build_int:FF+5, build_rpt",
        ),
        milestone("build_ok", "Build complete", "unit_test"),
        who="integrator",
    ),
    group(
        "Data migration",
        task("clean_vendor", "Data cleansing: vendor master", 60, "req_ok", who="procurement"),
        task("clean_item", "Data cleansing: item master", 70, "req_ok", who="procurement"),
        task("mapping", "Extraction and mapping specifications", 15, "design_ok"),
        task("mock1", "Mock conversion 1", 10, "mapping, cfg_gl"),
        task("mock2", "Mock conversion 2", 10, "mock1+10, clean_vendor, clean_item"),
        task("mock3", "Mock conversion 3 (dress rehearsal)", 8, "mock2+15, uat:SS+20"),
        who="integrator",
    ),
    group(
        "Testing",
        group(
            "System integration testing",
            task("sit_scripts", "SIT test scripts", 15, "design_ok+10"),
            task("sit1", "SIT cycle 1", 20, "sit_scripts, build_ok, mock1"),
            task("sit_fix", "SIT defect resolution", 15, "sit1:SS+5"),
            task("sit2", "SIT cycle 2 and regression", 15, "sit_fix"),
            milestone("sit_exit", "SIT exit criteria met", "sit2", who="qa"),
        ),
        group(
            "User acceptance testing",
            task("uat_prep", "UAT scripts and tester nomination", 10, "sit1", who="finance"),
            task("uat", "UAT execution", 25, "uat_prep, sit_exit, mock2", who="finance"),
            task("uat_fix", "UAT defect resolution and regression", 10, "uat:FF+5"),
            milestone("uat_ok", "UAT sign-off", "uat_fix", who="finance"),
        ),
        task("perf", "Performance and security testing", 10, "sit2", who="it"),
        who="integrator",
    ),
    group(
        "Training",
        task("tna", "Training needs analysis", 5, "design_ok", who="finance"),
        task("materials", "Training materials and training environment", 20, "sit1"),
        task("ttt", "Train the trainers", 5, "materials, uat:SS+10"),
        task("eut", "End-user training (420 users)", 35, "ttt, uat_ok"),
        who="integrator",
    ),
    group(
        "Cutover",
        task("cut_plan", "Cutover plan and runbook", 10, "mock3:SS, uat_ok"),
        task(
            "dress",
            "Business readiness checks and cutover dress rehearsal",
            10,
            "cut_plan, mock3, eut",
        ),
        milestone("go_nogo", "Go/no-go decision", "dress", who="finance"),
        task("freeze", "Freeze legacy system and final extract", 2, "go_nogo"),
        task("load", "Load opening balances and open items", 3, "freeze"),
        milestone("golive", "Go-live", "load", who="finance"),
        who="integrator",
    ),
    group(
        "Hypercare",
        task("warroom", "Hypercare support and daily triage", 40, "golive"),
        task("close1", "First month-end close in the new ERP", 5, "golive+20", who="finance"),
        task("handover", "Handover to IT support; decommission legacy", 10, "warroom:FF", who="it"),
        milestone("closure", "Project closure", "handover, close1", who="finance"),
        who="integrator",
    ),
)


def add_erp(rows: DemoRows, program_id: int, parties: dict[str, int], rng: Random) -> int:
    project_id = rows.add_project(
        program_id,
        name="Finance & Supply Chain ERP Roll-out",
        code="ERP",
        kind="internal",
        client_id=parties["owner"],
        contractor_id=parties["integrator"],
        location="Riverside Health System, corporate office",
        description=DESCRIPTION,
    )
    tasks = add_schedule(rows, project_id, WBS, START, parties, rng=rng)
    add_issues(rows, project_id, ERP_ISSUES, parties, tasks)
    add_risks(rows, project_id, ERP_RISKS, parties)
    return project_id
