"""The demo's closed reporting periods: August to October 2026 for both projects.

A rep who has run a project since spring has closed a period each month, so the KPI
trend, "this period against the last" and the report's arrows have something to show.
The figures drift towards the live ones at the status date (13 Nov 2026): the clinic's
CPI slips from 1.01 to 0.96 as the façade and MEP overruns land, and its overdue issues
pile up; the ERP's early cost lead narrows while its schedule recovers.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

from ownersrep.services.demo.rows import DemoRows, Row

# (period, as of, closed on)
_PERIODS = (
    ("2026-08", date(2026, 8, 28), date(2026, 9, 2)),
    ("2026-09", date(2026, 9, 25), date(2026, 10, 2)),
    ("2026-10", date(2026, 10, 30), date(2026, 11, 4)),
)

# Per project, per period: KPIs and derived RAG per area (schedule, cost, issues, risk).
_CLINIC = (
    dict(spi="1.02", fv=0, cpi="1.01", vac="-82000.00", vacp="-0.6", cont="4.2",
         open=11, overdue=5, age="21.4", high=3, rag=("green", "green", "amber", "red")),
    dict(spi="1.01", fv=0, cpi="0.99", vac="-251300.00", vacp="-1.8", cont="6.9",
         open=13, overdue=8, age="24.0", high=3, rag=("green", "green", "red", "amber")),
    dict(spi="1.00", fv=1, cpi="0.97", vac="-418900.00", vacp="-3.1", cont="9.8",
         open=15, overdue=10, age="26.9", high=2, rag=("amber", "green", "red", "amber")),
)  # fmt: skip
_ERP = (
    dict(spi="0.98", fv=3, cpi="1.05", vac="251000.00", vacp="4.9", cont="2.0",
         open=6, overdue=2, age="12.5", high=2, rag=("amber", "green", "amber", "amber")),
    dict(spi="0.99", fv=1, cpi="1.03", vac="163400.00", vacp="3.1", cont="4.1",
         open=8, overdue=4, age="15.1", high=1, rag=("green", "green", "amber", "amber")),
    dict(spi="1.00", fv=0, cpi="1.02", vac="121800.00", vacp="2.3", cont="5.5",
         open=9, overdue=5, age="16.8", high=1, rag=("green", "green", "red", "amber")),
)  # fmt: skip

# Earned value per project at each period's as-of date: PV read off the demo's own PV
# curve, EV = SPI × PV and AC = EV / CPI with the period's indices above, so the
# S-curve's EV line has a point at every closed month.
_BAC = {"clinic": Decimal("13446150.00"), "erp": Decimal("5199500.00")}
_PV = {
    "clinic": (Decimal("8445000.00"), Decimal("10045000.00"), Decimal("11025000.00")),
    "erp": (Decimal("3553000.00"), Decimal("3895000.00"), Decimal("4295000.00")),
}

_AREAS = ("schedule", "cost", "issues", "risk")
_SEVERITY = {"none": 0, "green": 1, "amber": 2, "red": 3}


def _evm(bac: Decimal, pv: Decimal, f: dict) -> dict[str, str | None]:
    cent = Decimal("0.01")
    ev = (pv * Decimal(f["spi"])).quantize(cent)
    ac = (ev / Decimal(f["cpi"])).quantize(cent)
    return {
        "bac": str(bac),
        "pv": str(pv),
        "ev": str(ev),
        "ac": str(ac),
        "method": "cpi",
        "bottom_up_etc": None,
    }


def _texts(as_of: date, f: dict, evm: dict[str, str | None]) -> tuple[str, str]:
    """The kpis and rags JSON as ownersrep.services.period_codec writes them."""
    kpis = {
        "spi": f["spi"],
        "finish_variance_days": f["fv"],
        "milestones_missed": 0,
        "cpi": f["cpi"],
        "vac": f["vac"],
        "vac_percent": f["vacp"],
        "contingency_used_percent": f["cont"],
        "open_issues": f["open"],
        "overdue_issues": f["overdue"],
        "average_issue_age_days": f["age"],
        "high_risks": f["high"],
    }
    for key in ("spi", "cpi", "vac"):
        Decimal(kpis[key])  # a typo in the table above fails loudly here
    worst = max(f["rag"], key=_SEVERITY.__getitem__)
    areas = {
        area: {"derived": rag, "override": None, "commentary": ""}
        for area, rag in zip(_AREAS, f["rag"], strict=True)
    }
    dumps = {"ensure_ascii": False, "sort_keys": True}
    return (
        json.dumps({"as_of": as_of.isoformat(), "kpis": kpis, "evm": evm}, **dumps),
        json.dumps({"areas": areas, "overall": worst, "overall_derived": worst}, **dumps),
    )


def add_period_history(rows: DemoRows, clinic_id: int, erp_id: int) -> None:
    for project_id, key, history in ((clinic_id, "clinic", _CLINIC), (erp_id, "erp", _ERP)):
        for (period, as_of, closed_on), figures, pv in zip(
            _PERIODS, history, _PV[key], strict=True
        ):
            kpis, rags = _texts(as_of, figures, _evm(_BAC[key], pv, figures))
            row: Row = {
                "id": rows.new_id("period_snapshot"),
                "project_id": project_id,
                "period": period,
                "closed_on": closed_on,
                "kpis": kpis,
                "rags": rags,
            }
            rows.snapshots.append(row)
