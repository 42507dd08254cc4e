"""The demo's owner-report records: the rep's words for each project's reports.

October's reports were issued on 6 November (their RAG overrides frozen: none); November's
are drafts the rep is writing, with the narrative, achievements and reviewers filled, so
Report → Owner report… on the demo prints a finished-looking report at once. The words
match the demo's figures: the clinic's CPI of 0.96, the failed curtain-wall water test,
the drywall crew shortage and the two owner decisions due this month.
"""

from __future__ import annotations

from datetime import date

from ownersrep.services.demo.rows import DemoRows

PREPARED_BY = "Alex Morgan, Owner's Representative"

_CLINIC_NOVEMBER = (
    "<p>Interior fit-out is under way on all three levels. The building has been dried in "
    "since August and permanent power is on, so the work now runs in conditioned space. "
    "<b>Substantial completion is forecast for 5 March 2027</b>, one working day behind "
    "the contract baseline; the slip sits in the Level 3 drywall and is recoverable if the "
    "contractor's added crew arrives as promised.</p>"
    "<p>Cost performance has slipped for the fourth month running: <b>CPI is 0.96</b> "
    "and the forecast at completion exceeds the budget by about $0.55 M. The overrun is "
    "concentrated in the curtain wall and the mechanical rough-in. Owner's contingency is "
    "10.6 % used; a further $51,200 of pending change orders would draw on it.</p>"
    "<p>Points for the owner's attention:</p>"
    "<ul><li>The curtain wall failed its field water test at the Level 3 east elevation; "
    "the retest is booked for 24 November and the contractor carries the cost.</li>"
    "<li>Overdue items in the issue log keep growing (see Issues). RFI answers from the "
    "architect average eleven days against the seven the contract allows.</li>"
    "<li>Two owner decisions are due this month (paint colours for Level 3 and the "
    "signage scope); fit-out finishes wait on the first.</li></ul>"
)
_CLINIC_OCTOBER = (
    "<p>The roof and envelope were completed and the building was dried in ahead of the "
    "rains. Mechanical and electrical rough-in continued on Levels 1 and 2. CPI fell to "
    "0.97 on the curtain wall's extra anchors (CO-004).</p>"
)
_ERP_NOVEMBER = (
    "<p>System integration testing cycle 2 closed with <b>96 % of scripts passed</b>; the "
    "remaining defects are in the supplier-invoice interface and are scheduled for the "
    "cycle 3 build. Data migration rehearsal 2 reconciled the general ledger to the "
    "cent.</p>"
    "<p>The project remains under budget (CPI 1.02) but the margin is narrowing as the "
    "vendor's change requests for the warehouse module land. Go-live readiness depends on "
    "the finance team releasing key users for user acceptance testing in January.</p>"
)

_RECORDS = (
    # (project key, period, number, narrative, achievements, reviewed by, issued on)
    (
        "clinic",
        "2026-10",
        9,
        _CLINIC_OCTOBER,
        ("Building dried in (3 Aug) and roofing complete", "Permanent power energized"),
        "Margaret Okafor, VP Facilities & Construction",
        date(2026, 11, 6),
    ),
    (
        "clinic",
        "2026-11",
        10,
        _CLINIC_NOVEMBER,
        (
            "Level 1 and Level 2 drywall hung and taped",
            "Imaging room shielding inspected and approved",
            "Pay application 9 certified within five working days",
        ),
        "Margaret Okafor, VP Facilities & Construction",
        None,
    ),
    (
        "erp",
        "2026-10",
        6,
        "<p>Build complete for finance and procurement; SIT cycle 1 finished.</p>",
        ("Build complete for finance and procurement",),
        "David Chen, Director of Ambulatory Operations",
        date(2026, 11, 6),
    ),
    (
        "erp",
        "2026-11",
        7,
        _ERP_NOVEMBER,
        ("SIT cycle 2 closed at 96 % passed", "Data migration rehearsal 2 reconciled"),
        "David Chen, Director of Ambulatory Operations",
        None,
    ),
)


def add_report_records(rows: DemoRows, clinic_id: int, erp_id: int) -> None:
    projects = {"clinic": clinic_id, "erp": erp_id}
    for key, period, number, narrative, achievements, reviewer, issued in _RECORDS:
        rows.report_periods.append(
            {
                "id": rows.new_id("report_period"),
                "project_id": projects[key],
                "period": period,
                "report_number": number,
                "narrative_html": narrative,
                "achievements": "\n".join(achievements),
                "prepared_by": PREPARED_BY,
                "reviewed_by": reviewer,
                "issued_on": issued,
                "frozen_overrides": "[]" if issued else None,
            }
        )
    rows.settings += [
        {"key": "report.organisation", "value": "Morgan Owner Advisory"},
        {
            "key": "report.confidentiality",
            "value": "Confidential: prepared for Riverside Health System",
        },
    ]
