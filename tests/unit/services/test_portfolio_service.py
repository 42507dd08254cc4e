from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import event, func, select

from ownersrep.db.models import AuditEntry, Issue, Program, Project, Risk, Task
from ownersrep.domain.enums import ProjectKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.context import ServiceContext
from ownersrep.services.portfolio_service import (
    ContentCounts,
    PortfolioService,
    PortfolioTree,
    ProgramNode,
    ProjectNode,
)
from ownersrep.services.project_service import ProjectService


@pytest.fixture
def portfolio(ctx: ServiceContext) -> PortfolioService:
    return PortfolioService(ctx)


@pytest.fixture
def projects(ctx: ServiceContext) -> ProjectService:
    return ProjectService(ctx)


def add_tasks(ctx: ServiceContext, project_id: int, names: list[str]) -> list[int]:
    """Top-level tasks, each with one sub-task."""
    ids = []
    with ctx.sessions.begin() as s:
        for order, name in enumerate(names):
            parent = Task(project_id=project_id, name=name, sort_order=order)
            s.add(parent)
            s.flush()
            child = Task(project_id=project_id, parent_id=parent.id, name=f"{name}.1")
            s.add(child)
            s.flush()
            ids += [parent.id, child.id]
    return ids


def add_issue_and_risk(ctx: ServiceContext, project_id: int) -> None:
    with ctx.sessions.begin() as s:
        day = date(2026, 11, 1)
        s.add(Issue(project_id=project_id, issue_type="issue", number="ISS-0001", title="Leak",
                    raised_on=day))  # fmt: skip
        s.add(Risk(project_id=project_id, number="R-001", title="Rain", category="site",
                   probability=3, impact=4, raised_on=day))  # fmt: skip


def names(tree: PortfolioTree | ProgramNode) -> list:
    """The tree as nested lists of names, for readable assertions."""
    out: list = []
    for node in tree.children:
        if isinstance(node, ProgramNode):
            out.append((node.name, names(node)))
        else:
            out.append(node.name)
    return out


def count(ctx: ServiceContext, model: type) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


# -- tree ------------------------------------------------------------------------------
def test_tree_nests_programs_and_orders_siblings(
    ctx: ServiceContext, portfolio: PortfolioService, projects: ProjectService
) -> None:
    health = portfolio.create_program("Healthcare").value
    schools = portfolio.create_program("Schools").value
    clinics = portfolio.create_program("Clinics", health).value
    first = portfolio.create_program("Hospitals", health, index=0).value
    projects.create("Riverside Clinic", program_id=clinics)
    projects.create("North High School", program_id=schools)
    loose = projects.create("HQ IT refresh", ProjectKind.INTERNAL).value.id
    add_tasks(ctx, loose, ["Plan", "Roll out"])

    tree = portfolio.tree()

    assert names(tree) == [
        ("Healthcare", [("Hospitals", []), ("Clinics", ["Riverside Clinic"])]),
        ("Schools", ["North High School"]),
        "HQ IT refresh",
    ]
    hq = tree.children[2]
    assert isinstance(hq, ProjectNode)
    assert (hq.kind, hq.task_count, hq.program_id) == (ProjectKind.INTERNAL, 4, None)
    assert [p.id for p in tree.programs()] == [health, first, clinics, schools]
    assert len(tree.projects()) == 3


def test_tree_reads_with_three_queries(
    ctx: ServiceContext, portfolio: PortfolioService, projects: ProjectService
) -> None:
    for i in range(5):
        program = portfolio.create_program(f"Program {i}").value
        pid = projects.create(f"Project {i}", program_id=program).value.id
        add_tasks(ctx, pid, ["A", "B"])
    statements: list[str] = []

    def record(*args: object) -> None:
        statements.append(str(args[2]))

    engine = ctx.sessions.kw["bind"]
    event.listen(engine, "before_cursor_execute", record)
    try:
        tree = portfolio.tree()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert len([s for s in statements if s.lstrip().upper().startswith("SELECT")]) == 3
    assert [p.task_count for p in tree.projects()] == [4] * 5


# -- programs --------------------------------------------------------------------------
def test_create_program_validates(portfolio: PortfolioService) -> None:
    with pytest.raises(ValidationError, match="Program name: is required"):
        portfolio.create_program("   ")
    with pytest.raises(NotFoundError):
        portfolio.create_program("Orphan", parent_id=99)


def test_create_program_reports_structural_change(portfolio: PortfolioService) -> None:
    out = portfolio.create_program("  Healthcare ")
    assert out.changes.structural
    assert out.changes.ids_of("program") == {out.value}
    assert names(portfolio.tree()) == [("Healthcare", [])]


def test_rename_program_returns_old_name(portfolio: PortfolioService) -> None:
    pid = portfolio.create_program("Helthcare").value
    out = portfolio.rename_program(pid, "Healthcare")
    assert out.value == "Helthcare"
    assert out.changes.touches("program")
    assert names(portfolio.tree()) == [("Healthcare", [])]
    with pytest.raises(ValidationError, match="Program name"):
        portfolio.rename_program(pid, "")
    with pytest.raises(NotFoundError):
        portfolio.rename_program(42, "X")


def test_delete_program_takes_everything_and_restore_brings_it_back(
    ctx: ServiceContext, portfolio: PortfolioService, projects: ProjectService
) -> None:
    health = portfolio.create_program("Healthcare").value
    clinics = portfolio.create_program("Clinics", health).value
    keep = portfolio.create_program("Schools").value
    clinic = projects.create("Riverside Clinic", program_id=clinics).value.id
    hospital = projects.create("City Hospital", program_id=health).value.id
    school = projects.create("North High", program_id=keep).value.id
    add_tasks(ctx, clinic, ["Design", "Build"])
    add_tasks(ctx, school, ["Survey"])
    add_issue_and_risk(ctx, clinic)
    before = portfolio.tree()

    assert portfolio.count_contents("program", health) == ContentCounts(
        programs=1, projects=2, tasks=4, issues=1, risks=1
    )
    out = portfolio.delete_program(health)

    assert names(portfolio.tree()) == [("Schools", ["North High"])]
    assert (count(ctx, Task), count(ctx, Issue), count(ctx, Risk)) == (2, 0, 0)
    assert out.changes.ids_of("program") == {health, clinics}
    assert out.changes.ids_of("project") == {clinic, hospital}
    assert out.changes.structural
    with ctx.sessions() as s:
        deleted = s.scalars(select(AuditEntry.entity).where(AuditEntry.action == "delete")).all()
    assert sorted(deleted).count("task") == 4
    assert sorted(deleted).count("program") == 2

    changes = portfolio.restore_program(out.value)
    assert portfolio.tree() == before
    assert (count(ctx, Task), count(ctx, Issue), count(ctx, Risk)) == (6, 1, 1)
    assert changes.ids_of("project") == {clinic, hospital}


def test_delete_missing_program(portfolio: PortfolioService) -> None:
    with pytest.raises(NotFoundError):
        portfolio.delete_program(7)


def test_move_program_reorders_and_reparents(
    ctx: ServiceContext, portfolio: PortfolioService
) -> None:
    a = portfolio.create_program("A").value
    b = portfolio.create_program("B").value
    c = portfolio.create_program("C").value

    out = portfolio.move_program(c, None, 0)
    assert out.value == (None, 2)
    assert names(portfolio.tree()) == [("C", []), ("A", []), ("B", [])]

    out2 = portfolio.move_program(b, a, 0)
    assert out2.value == (None, 2)
    assert names(portfolio.tree()) == [("C", []), ("A", [("B", [])])]

    # Undo order: each move back with the values the service returned.
    portfolio.move_program(b, *out2.value)
    portfolio.move_program(c, *out.value)
    assert names(portfolio.tree()) == [("A", []), ("B", []), ("C", [])]
    with ctx.sessions() as s:
        orders = s.scalars(select(Program.sort_order).order_by(Program.id)).all()
    assert orders == [1, 2, 3]


def test_move_program_refuses_itself_and_descendants(portfolio: PortfolioService) -> None:
    a = portfolio.create_program("Healthcare").value
    b = portfolio.create_program("Clinics", a).value
    c = portfolio.create_program("Rural", b).value
    for target in (a, b, c):
        with pytest.raises(ValidationError, match="cannot be moved into itself"):
            portfolio.move_program(a, target, 0)
    with pytest.raises(NotFoundError):
        portfolio.move_program(a, 99, 0)
    assert names(portfolio.tree()) == [("Healthcare", [("Clinics", [("Rural", [])])])]


def test_move_program_index_is_clamped_and_none_appends(portfolio: PortfolioService) -> None:
    a = portfolio.create_program("A").value
    portfolio.create_program("B")
    portfolio.move_program(a, None, 99)
    assert names(portfolio.tree()) == [("B", []), ("A", [])]
    portfolio.move_program(a, None, None)
    assert names(portfolio.tree()) == [("B", []), ("A", [])]


# -- projects --------------------------------------------------------------------------
def test_move_project_between_programs_renumbers_both(
    ctx: ServiceContext, portfolio: PortfolioService, projects: ProjectService
) -> None:
    a = portfolio.create_program("A").value
    b = portfolio.create_program("B").value
    p1, p2, p3 = (projects.create(n, program_id=a).value.id for n in ("P1", "P2", "P3"))
    q1 = projects.create("Q1", program_id=b).value.id

    out = portfolio.move_project(p1, b, 1)
    assert out.value == (a, 0)
    assert out.changes.touches("project", p1) and out.changes.structural
    assert names(portfolio.tree()) == [("A", ["P2", "P3"]), ("B", ["Q1", "P1"])]
    with ctx.sessions() as s:
        orders = dict(s.execute(select(Project.id, Project.sort_order)).all())
    assert (orders[p2], orders[p3], orders[q1], orders[p1]) == (1, 2, 1, 2)

    out2 = portfolio.move_project(p3, None, 0)
    assert out2.value == (a, 1)
    assert names(portfolio.tree()) == [("A", ["P2"]), ("B", ["Q1", "P1"]), "P3"]

    portfolio.move_project(p3, *out2.value)
    portfolio.move_project(p1, *out.value)
    assert names(portfolio.tree()) == [("A", ["P1", "P2", "P3"]), ("B", ["Q1"])]


def test_move_project_within_its_program(
    portfolio: PortfolioService, projects: ProjectService
) -> None:
    p1, _p2, _p3 = (projects.create(n).value.id for n in ("P1", "P2", "P3"))
    assert portfolio.move_project(p1, None, 2).value == (None, 0)
    assert names(portfolio.tree()) == ["P2", "P3", "P1"]
    with pytest.raises(NotFoundError):
        portfolio.move_project(p1, 5, 0)
    with pytest.raises(NotFoundError):
        portfolio.move_project(77, None, 0)


def test_count_contents(
    ctx: ServiceContext, portfolio: PortfolioService, projects: ProjectService
) -> None:
    pid = projects.create("Riverside").value.id
    design, _sub, _build, _ = add_tasks(ctx, pid, ["Design", "Build"])
    add_issue_and_risk(ctx, pid)
    assert portfolio.count_contents("project", pid) == ContentCounts(tasks=4, issues=1, risks=1)
    assert portfolio.count_contents("task", design) == ContentCounts(tasks=1)
    empty = portfolio.create_program("Empty").value
    assert portfolio.count_contents("program", empty) == ContentCounts()
    with pytest.raises(NotFoundError):
        portfolio.count_contents("project", 999)
    with pytest.raises(NotFoundError):
        portfolio.count_contents("task", 999)
