"""The rows a demo workspace is made of, gathered in memory before one bulk write.

Ids are assigned here, explicitly and in insertion order (parents before children), so
the writer can insert every table with Core `executemany` and audit each row by its id.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

Row = dict[str, Any]

# The workspace-wide status (data) date of the demo: a Friday.
STATUS_DATE = date(2026, 11, 13)


@dataclass
class DemoRows:
    settings: list[Row] = field(default_factory=list)
    parties: list[Row] = field(default_factory=list)
    contacts: list[Row] = field(default_factory=list)
    programs: list[Row] = field(default_factory=list)
    projects: list[Row] = field(default_factory=list)
    tasks: list[Row] = field(default_factory=list)
    links: list[Row] = field(default_factory=list)
    issues: list[Row] = field(default_factory=list)
    risks: list[Row] = field(default_factory=list)
    budget_lines: list[Row] = field(default_factory=list)
    commitments: list[Row] = field(default_factory=list)
    commitment_lines: list[Row] = field(default_factory=list)
    change_orders: list[Row] = field(default_factory=list)
    pay_applications: list[Row] = field(default_factory=list)
    snapshots: list[Row] = field(default_factory=list)
    report_periods: list[Row] = field(default_factory=list)
    counters: list[Row] = field(default_factory=list)
    _last_id: dict[str, int] = field(default_factory=dict)

    def new_id(self, table: str) -> int:
        value = self._last_id.get(table, 0) + 1
        self._last_id[table] = value
        return value

    def add_program(self, name: str) -> int:
        pid = self.new_id("program")
        self.programs.append(
            {"id": pid, "parent_id": None, "name": name, "sort_order": len(self.programs) + 1}
        )
        return pid

    def add_project(self, program_id: int, **values: Any) -> int:
        """A project at the end of its program; dates are filled in by `set_project_dates`."""
        pid = self.new_id("project")
        order = 1 + sum(1 for p in self.projects if p["program_id"] == program_id)
        row: Row = {
            "id": pid,
            "program_id": program_id,
            "sort_order": order,
            "name": values["name"],
            "code": values.get("code", ""),
            "kind": values["kind"],
            "status": values.get("status", "active"),
            "client_id": values.get("client_id"),
            "contractor_id": values.get("contractor_id"),
            "planned_start": None,
            "planned_finish": None,
            "status_date": values.get("status_date", STATUS_DATE),
            "currency": values.get("currency", "USD"),
            "location": values.get("location", ""),
            "description": values.get("description", ""),
        }
        self.projects.append(row)
        return pid

    def project(self, project_id: int) -> Row:
        for row in self.projects:
            if row["id"] == project_id:
                return row
        raise KeyError(project_id)

    def set_counter(self, project_id: int, prefix: str, last: int) -> None:
        self.counters.append({"project_id": project_id, "prefix": prefix, "last": last})
