"""A small portfolio for tree tests: two programs (one nested), four projects, a WBS."""

from __future__ import annotations

from dataclasses import dataclass, field

from ownersrep.domain.enums import ProjectKind, TaskKind
from ownersrep.services.app_services import AppServices


@dataclass
class Portfolio:
    programs: dict[str, int] = field(default_factory=dict)
    projects: dict[str, int] = field(default_factory=dict)
    tasks: dict[str, int] = field(default_factory=dict)


def build_portfolio(services: AppServices) -> Portfolio:
    """Healthcare (Clinics: Riverside Medical Clinic; City Hospital Wing), Education
    (North High School) and HQ IT Refresh outside any program. Riverside has a WBS:
    Design (Schematic design, Design development, Permit set ◆), Construction
    (Foundations, Structure), Handover ◆."""
    p = Portfolio()
    portfolio, projects, tasks = services.portfolio, services.projects, services.tasks
    p.programs["Healthcare"] = portfolio.create_program("Healthcare").value
    p.programs["Education"] = portfolio.create_program("Education").value
    p.programs["Clinics"] = portfolio.create_program("Clinics", p.programs["Healthcare"]).value
    for name, kind, program in (
        ("Riverside Medical Clinic", ProjectKind.CONSTRUCTION, "Clinics"),
        ("City Hospital Wing", ProjectKind.CONSTRUCTION, "Healthcare"),
        ("North High School", ProjectKind.CONSTRUCTION, "Education"),
        ("HQ IT Refresh", ProjectKind.INTERNAL, None),
    ):
        program_id = None if program is None else p.programs[program]
        p.projects[name] = projects.create(name, kind, program_id=program_id).value.id
    riverside = p.projects["Riverside Medical Clinic"]

    def add(name: str, parent: str | None = None, kind: TaskKind = TaskKind.TASK) -> None:
        parent_id = None if parent is None else p.tasks[parent]
        p.tasks[name] = tasks.create_task(riverside, parent_id, name, kind).value.id

    add("Design")
    add("Schematic design", "Design")
    add("Design development", "Design")
    add("Permit set", "Design", TaskKind.MILESTONE)
    add("Construction")
    add("Foundations", "Construction")
    add("Structure", "Construction")
    add("Handover", None, TaskKind.MILESTONE)
    return p
