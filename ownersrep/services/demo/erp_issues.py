"""The ERP roll-out's issue log (status date 13 Nov 2026). Party keys are those of
`parties.ERP_PARTIES` (plus "owner"), task keys those of `erp.WBS`."""

from __future__ import annotations

from ownersrep.services.demo.records import IssueSpec

ERP_ISSUES: tuple[IssueSpec, ...] = (
    IssueSpec(
        "issue",
        "Integrator's finance solution lead not on site at mobilization",
        "The statement of work names E. Kowalski as finance solution lead from week 1; she is "
        "finishing another engagement and a junior consultant is covering the workshops.",
        "2026-01-21",
        7,
        priority="high",
        status="closed",
        raised_by="finance",
        assigned_to="integrator",
        task="mobilize",
        closed_in=18,
        resolution="Named lead on site from 9 Feb; integrator credited two weeks of her "
        "rate ($28,000) against milestone 1.",
        cost="-28000.00",
    ),
    IssueSpec(
        "decision",
        "Decision: five-segment chart of accounts",
        "Finance must choose between keeping the legacy 3-segment account string and a new "
        "5-segment structure (entity, department, account, program, project) that supports "
        "grant and capital project reporting.",
        "2026-03-09",
        21,
        priority="high",
        status="closed",
        raised_by="integrator",
        assigned_to="finance",
        task="coa",
        closed_in=17,
        resolution="Steering committee approved the 5-segment structure on 26 Mar; mapping "
        "of 2,860 legacy accounts assigned to the Controller's team.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Receipt tolerances by item category in three-way match",
        "Supply chain needs different quantity and price tolerances for pharmacy, surgical "
        "supplies and capital items. Does the standard match engine support tolerances per "
        "category, or is an extension needed?",
        "2026-03-16",
        10,
        status="closed",
        raised_by="procurement",
        assigned_to="integrator",
        task="fg_scm",
        closed_in=8,
        resolution="Supported in standard configuration through tolerance templates per "
        "category; no RICEFW item needed.",
    ),
    IssueSpec(
        "decision",
        "Decision: defer lease accounting module to phase 2",
        "Lease accounting (ASC 842) for 60 clinic leases adds about 6 weeks to build and "
        "testing. The current spreadsheet process passed the last audit.",
        "2026-04-06",
        14,
        status="closed",
        raised_by="integrator",
        assigned_to="finance",
        task="ricefw",
        closed_in=10,
        resolution="Deferred to phase 2 (Q3 2027). Change request CR-03 reduces the "
        "integrator fee by $85,000.",
        cost="-85000.00",
    ),
    IssueSpec(
        "issue",
        "EHR vendor late delivering the charge interface specification",
        "The EHR vendor's interface specification for the daily charge feed was due 24 Apr; "
        "their team now promises mid-May. Integration design cannot be signed off without it.",
        "2026-04-27",
        14,
        priority="high",
        status="closed",
        raised_by="it",
        assigned_to="it",
        task="int_design",
        closed_in=24,
        resolution="Specification received 15 May after escalation by the CIO; design "
        "finished within the planned window by adding a second integration developer.",
        cost="18500.00",
        days=5,
    ),
    IssueSpec(
        "issue",
        "Vendor master has 38% duplicate or inactive records",
        "Profiling of 21,400 vendor records found 8,100 duplicates or vendors with no "
        "activity in 3 years, and 1,900 with missing tax IDs.",
        "2026-05-04",
        45,
        priority="high",
        status="closed",
        raised_by="integrator",
        assigned_to="procurement",
        task="clean_vendor",
        closed_in=62,
        resolution="Procurement purged inactive vendors and merged duplicates; 11,950 "
        "vendors migrate. Tax IDs collected for all active vendors.",
    ),
    IssueSpec(
        "issue",
        "Integrator invoiced milestone 3 before design sign-off",
        "Invoice NB-2026-014 ($480,000) bills milestone 3 'Design complete' although the "
        "design assurance review is still open.",
        "2026-05-26",
        7,
        priority="high",
        status="closed",
        raised_by="finance",
        assigned_to="integrator",
        closed_in=18,
        internal=True,
        resolution="Invoice rejected; resubmitted and paid after design sign-off on 5 Jun.",
    ),
    IssueSpec(
        "rfi",
        "RFI: Bank payment file format for positive pay",
        "The bank accepts BAI2 and ISO 20022 for positive pay. Which does the integrator's "
        "standard payment interface produce, and who owns testing with the bank?",
        "2026-06-15",
        10,
        status="closed",
        raised_by="it",
        assigned_to="integrator",
        task="build_int",
        closed_in=9,
        resolution="ISO 20022 pain.001 with the standard connector; treasury owns bank "
        "testing, scheduled in SIT cycle 2.",
    ),
    IssueSpec(
        "action",
        "Nominate UAT testers from each finance and supply chain team",
        "Thirty-two testers needed for four weeks at 60% of their time; department heads "
        "must confirm names and backfill.",
        "2026-08-31",
        21,
        status="closed",
        raised_by="integrator",
        assigned_to="finance",
        task="uat_prep",
        closed_in=25,
        resolution="31 testers confirmed; two agency temps backfill payables.",
    ),
    IssueSpec(
        "issue",
        "SIT cycle 1: 47 open defects, 6 critical",
        "SIT cycle 1 closed with 47 open defects, of which 6 critical (EHR charge feed "
        "rejects, inventory valuation rounding, approval workflow loops).",
        "2026-09-18",
        14,
        priority="critical",
        status="closed",
        raised_by="qa",
        assigned_to="integrator",
        task="sit_fix",
        closed_in=21,
        resolution="All critical and high defects fixed and retested in cycle 2; 9 low "
        "defects carried into UAT with workarounds.",
        days=3,
    ),
    IssueSpec(
        "issue",
        "Segregation of duties conflicts in the payables clerk role",
        "The SoD analysis shows the AP clerk role can both create vendors and enter "
        "invoices, which the external auditor will report as a control deficiency.",
        "2026-09-28",
        21,
        priority="high",
        status="in_progress",
        raised_by="qa",
        assigned_to="integrator",
        task="sod",
    ),
    IssueSpec(
        "issue",
        "QA review: SIT exit evidence incomplete",
        "Clearline's review found that 14% of SIT test cases have no screenshots or result "
        "evidence, contrary to the agreed exit criteria.",
        "2026-10-09",
        10,
        status="resolved",
        raised_by="qa",
        assigned_to="integrator",
        task="sit_exit",
        resolution="Evidence supplied for all but 11 low-risk cases, which QA accepted as "
        "re-tested in UAT. Awaiting QA's written confirmation.",
    ),
    IssueSpec(
        "decision",
        "Decision: approve CR-07, capital purchase approval workflow",
        "Capital purchases above $50,000 need a second approval by the CFO and a link to the "
        "capital plan. Not in the baseline scope; integrator quotes $42,000 and 8 days.",
        "2026-10-14",
        14,
        priority="high",
        status="open",
        raised_by="procurement",
        assigned_to="finance",
        task="uat",
        cost="42000.00",
        days=8,
    ),
    IssueSpec(
        "issue",
        "Key users pulled away by budget season during UAT",
        "Budget preparation for FY2027 overlaps UAT; finance testers completed only 55% of "
        "their planned scripts in the first two weeks.",
        "2026-10-26",
        10,
        priority="high",
        status="in_progress",
        raised_by="integrator",
        assigned_to="finance",
        task="uat",
        days=4,
    ),
    IssueSpec(
        "action",
        "Confirm the January month-end close calendar with finance",
        "Cutover needs the last legacy close (December) and the first ERP close (January) "
        "scheduled, with blackout dates for the final extract.",
        "2026-10-19",
        14,
        status="open",
        raised_by="integrator",
        assigned_to="finance",
        task="cut_plan",
    ),
    IssueSpec(
        "issue",
        "UAT environment refresh broke the payroll and bank interfaces",
        "The refresh of 2 Nov overwrote interface credentials; payroll journals and bank "
        "statements have not loaded since.",
        "2026-11-03",
        5,
        priority="critical",
        status="in_progress",
        raised_by="finance",
        assigned_to="it",
        task="uat_fix",
    ),
    IssueSpec(
        "rfi",
        "RFI: Retention period for the legacy system archive",
        "Compliance must confirm how long the legacy finance data must stay accessible "
        "(read-only) and who may access it after decommissioning.",
        "2026-11-02",
        21,
        status="open",
        raised_by="it",
        assigned_to="finance",
        task="handover",
    ),
    IssueSpec(
        "action",
        "Prepare go/no-go criteria and the readiness scorecard",
        "Steering committee wants the criteria agreed by mid-December: open defects by "
        "severity, data reconciliation, training completion, support readiness.",
        "2026-11-06",
        28,
        status="open",
        raised_by="qa",
        assigned_to="integrator",
        task="go_nogo",
    ),
    IssueSpec(
        "issue",
        "Mock conversion 3 open purchase order load failed",
        "1,240 of 3,900 open purchase orders failed to load in mock 3 because of closed "
        "cost centers in the new chart of accounts.",
        "2026-11-10",
        3,
        priority="high",
        status="open",
        raised_by="integrator",
        assigned_to="procurement",
        task="mock3",
    ),
    IssueSpec(
        "action",
        "Report contingency drawdown to the steering committee",
        "Contingency drawn to date: EHR interface ($18,500), extra UAT support; pending CR-07 "
        "($42,000). Prepare the forecast at completion for the November meeting.",
        "2026-11-04",
        7,
        status="open",
        raised_by="finance",
        assigned_to="finance",
        internal=True,
    ),
)
