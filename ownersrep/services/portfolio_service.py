"""The portfolio's structure: programs (optional, nestable folders) and the projects in
them, their order, and the counts a delete confirmation names."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from sqlalchemy import func, literal, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Issue, Program, Project, Risk, Task
from ownersrep.domain.enums import ProjectKind, ProjectStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_removal import remove_projects, restore_projects
from ownersrep.services.snapshot import Snapshot, capture, delete_deepest_first, parents_first
from ownersrep.services.snapshot import restore as restore_rows
from ownersrep.services.validation import required_text


@dataclass(frozen=True)
class ProjectNode:
    id: int
    name: str
    kind: ProjectKind
    status: ProjectStatus
    program_id: int | None
    sort_order: int
    task_count: int


@dataclass(frozen=True)
class ProgramNode:
    """A program; `children` holds its sub-programs first, then its projects, each in
    their own order."""

    id: int
    name: str
    parent_id: int | None
    sort_order: int
    children: tuple[TreeNode, ...]


TreeNode = ProgramNode | ProjectNode


@dataclass(frozen=True)
class PortfolioTree:
    """Top-level programs first, then the projects outside any program."""

    children: tuple[TreeNode, ...]

    def walk(self) -> Iterator[TreeNode]:
        stack = list(reversed(self.children))
        while stack:
            node = stack.pop()
            yield node
            if isinstance(node, ProgramNode):
                stack.extend(reversed(node.children))

    def projects(self) -> list[ProjectNode]:
        return [n for n in self.walk() if isinstance(n, ProjectNode)]

    def programs(self) -> list[ProgramNode]:
        return [n for n in self.walk() if isinstance(n, ProgramNode)]


@dataclass(frozen=True)
class ContentCounts:
    """What a delete would take with it (the node itself not included)."""

    programs: int = 0
    projects: int = 0
    tasks: int = 0
    issues: int = 0
    risks: int = 0


def _program_changes(program_ids: Sequence[int], project_ids: Sequence[int] = ()) -> Changes:
    changes = Changes.of("program", program_ids, structural=True)
    if project_ids:
        changes = changes | Changes(
            entities=frozenset({"project"}),
            project_ids=frozenset(project_ids),
            ids=frozenset(("project", i) for i in project_ids),
            structural=True,
        )
    return changes


def _renumber(rows: Sequence[Program] | Sequence[Project]) -> None:
    for number, row in enumerate(rows, start=1):
        if row.sort_order != number:
            row.sort_order = number


def _place(rows: list, row: object, index: int | None) -> list:
    """`rows` with `row` inserted at `index` (clamped; None appends)."""
    at = len(rows) if index is None else max(0, min(index, len(rows)))
    return [*rows[:at], row, *rows[at:]]


class PortfolioService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def tree(self) -> PortfolioTree:
        """Programs and projects, nested and ordered: three column queries in all."""
        with self._ctx.sessions() as s:
            programs = s.execute(
                select(Program.id, Program.name, Program.parent_id, Program.sort_order).order_by(
                    Program.sort_order, Program.id
                )
            ).all()
            projects = s.execute(
                select(
                    Project.id,
                    Project.name,
                    Project.kind,
                    Project.status,
                    Project.program_id,
                    Project.sort_order,
                ).order_by(Project.sort_order, Project.id)
            ).all()
            counts = dict(
                s.execute(select(Task.project_id, func.count()).group_by(Task.project_id)).all()
            )
        known = {p.id for p in programs}
        sub_programs: dict[int | None, list] = {}
        for p in programs:
            parent = p.parent_id if p.parent_id in known else None
            sub_programs.setdefault(parent, []).append(p)
        projects_in: dict[int | None, list[ProjectNode]] = {}
        for p in projects:
            node = ProjectNode(
                p.id,
                p.name,
                ProjectKind(p.kind),
                ProjectStatus(p.status),
                p.program_id,
                p.sort_order,
                counts.get(p.id, 0),
            )
            projects_in.setdefault(p.program_id if p.program_id in known else None, []).append(node)

        def children_of(program_id: int | None) -> tuple[TreeNode, ...]:
            subs = tuple(
                ProgramNode(p.id, p.name, p.parent_id, p.sort_order, children_of(p.id))
                for p in sub_programs.get(program_id, [])
            )
            return subs + tuple(projects_in.get(program_id, []))

        return PortfolioTree(children_of(None))

    def count_contents(self, kind: str, node_id: int) -> ContentCounts:
        """What deleting a "program", "project" or "task" would also delete."""
        with self._ctx.sessions() as s:
            if kind == "task":
                if s.get(Task, node_id) is None:
                    raise NotFoundError("task", node_id)
                tree = select(Task.id).where(Task.parent_id == node_id).cte(recursive=True)
                tree = tree.union_all(select(Task.id).where(Task.parent_id == tree.c.id))
                return ContentCounts(tasks=s.scalar(select(func.count()).select_from(tree)) or 0)
            if kind == "project":
                if s.get(Project, node_id) is None:
                    raise NotFoundError("project", node_id)
                return self._project_counts(s, [node_id])
            if kind == "program":
                program_ids = self._program_tree_ids(s, node_id)
                project_ids = list(
                    s.scalars(select(Project.id).where(Project.program_id.in_(program_ids)))
                )
                counts = self._project_counts(s, project_ids)
                return ContentCounts(
                    len(program_ids) - 1,
                    len(project_ids),
                    counts.tasks,
                    counts.issues,
                    counts.risks,
                )
        raise ValueError(f"unknown tree node kind {kind!r}")

    # -- programs --------------------------------------------------------------------
    def create_program(
        self, name: str, parent_id: int | None = None, index: int | None = None
    ) -> Outcome[int]:
        clean = required_text(name, "Program name", 200)
        with self._ctx.sessions.begin() as s:
            if parent_id is not None and s.get(Program, parent_id) is None:
                raise NotFoundError("program", parent_id)
            program = Program(name=clean, parent_id=parent_id, sort_order=0)
            siblings = _place(self._programs_in(s, parent_id), program, index)
            s.add(program)
            _renumber(siblings)
            s.flush()
            new_id = program.id
        return Outcome(new_id, _program_changes([new_id]))

    def rename_program(self, program_id: int, name: str) -> Outcome[str]:
        """Returns the previous name, for undo."""
        clean = required_text(name, "Program name", 200)
        with self._ctx.sessions.begin() as s:
            program = self._program(s, program_id)
            old = program.name
            program.name = clean
        return Outcome(old, Changes.of("program", [program_id]))

    def delete_program(self, program_id: int) -> Outcome[Snapshot]:
        """Delete a program, its sub-programs and their projects with all they hold."""
        with self._ctx.sessions.begin() as s:
            program_ids = self._program_tree_ids(s, program_id)
            programs = list(s.scalars(select(Program).where(Program.id.in_(program_ids))))
            project_ids = list(
                s.scalars(select(Project.id).where(Project.program_id.in_(program_ids)))
            )
            projects = remove_projects(s, project_ids)
            snap = Snapshot((*capture([(Program, parents_first(programs))]).parts, *projects.parts))
            delete_deepest_first(s, programs)
        return Outcome(snap, _program_changes(program_ids, project_ids))

    def restore_program(self, snapshot: Snapshot) -> Changes:
        """Undo of `delete_program`: the same rows with the same ids."""
        with self._ctx.sessions.begin() as s:
            programs = Snapshot(tuple((m, rows) for m, rows in snapshot.parts if m is Program))
            restore_rows(s, programs)
            restore_projects(s, snapshot)
        program_ids = [r["id"] for m, rows in snapshot.parts if m is Program for r in rows]
        project_ids = [r["id"] for m, rows in snapshot.parts if m is Project for r in rows]
        return _program_changes(program_ids, project_ids)

    def move_program(
        self, program_id: int, new_parent_id: int | None, index: int | None
    ) -> Outcome[tuple[int | None, int]]:
        """Move a program under `new_parent_id` (None: top level) at `index` among the
        programs there. Returns (old parent id, old index), for undo."""
        with self._ctx.sessions.begin() as s:
            program = self._program(s, program_id)
            if new_parent_id is not None:
                if s.get(Program, new_parent_id) is None:
                    raise NotFoundError("program", new_parent_id)
                if new_parent_id in self._program_tree_ids(s, program_id):
                    raise ValidationError(
                        "Program",
                        f"“{program.name}” cannot be moved into itself or one of its sub-programs",
                    )
            old_parent = program.parent_id
            old_siblings = self._programs_in(s, old_parent)
            old_index = old_siblings.index(program)
            old_siblings.remove(program)
            if new_parent_id == old_parent:
                _renumber(_place(old_siblings, program, index))
            else:
                _renumber(old_siblings)
                program.parent_id = new_parent_id
                others = [p for p in self._programs_in(s, new_parent_id) if p is not program]
                _renumber(_place(others, program, index))
        return Outcome((old_parent, old_index), _program_changes([program_id]))

    # -- projects --------------------------------------------------------------------
    def move_project(
        self, project_id: int, program_id: int | None, index: int | None
    ) -> Outcome[tuple[int | None, int]]:
        """Move a project into `program_id` (None: outside any program) at `index` among
        the projects there. Returns (old program id, old index), for undo."""
        with self._ctx.sessions.begin() as s:
            project = s.get(Project, project_id)
            if project is None:
                raise NotFoundError("project", project_id)
            if program_id is not None and s.get(Program, program_id) is None:
                raise NotFoundError("program", program_id)
            old_program = project.program_id
            old_siblings = self._projects_in(s, old_program)
            old_index = old_siblings.index(project)
            old_siblings.remove(project)
            if program_id == old_program:
                _renumber(_place(old_siblings, project, index))
            else:
                _renumber(old_siblings)
                project.program_id = program_id
                others = [p for p in self._projects_in(s, program_id) if p is not project]
                _renumber(_place(others, project, index))
        changes = Changes.of("project", [project_id], project_id, structural=True)
        return Outcome((old_program, old_index), changes)

    # -- helpers (inside a transaction) ----------------------------------------------
    @staticmethod
    def _program(s: Session, program_id: int) -> Program:
        program = s.get(Program, program_id)
        if program is None:
            raise NotFoundError("program", program_id)
        return program

    @staticmethod
    def _programs_in(s: Session, parent_id: int | None) -> list[Program]:
        where = Program.parent_id.is_(None) if parent_id is None else Program.parent_id == parent_id
        return list(
            s.scalars(select(Program).where(where).order_by(Program.sort_order, Program.id))
        )

    @staticmethod
    def _projects_in(s: Session, program_id: int | None) -> list[Project]:
        where = (
            Project.program_id.is_(None) if program_id is None else Project.program_id == program_id
        )
        return list(
            s.scalars(select(Project).where(where).order_by(Project.sort_order, Project.id))
        )

    @staticmethod
    def _program_tree_ids(s: Session, program_id: int) -> list[int]:
        """The program and all its sub-programs, at any depth (the program first)."""
        if s.get(Program, program_id) is None:
            raise NotFoundError("program", program_id)
        tree = select(literal(program_id).label("id")).cte(recursive=True)
        tree = tree.union_all(select(Program.id).where(Program.parent_id == tree.c.id))
        return list(s.scalars(select(tree.c.id)))

    @staticmethod
    def _project_counts(s: Session, project_ids: Sequence[int]) -> ContentCounts:
        if not project_ids:
            return ContentCounts()

        def count(model: type[Task] | type[Issue] | type[Risk]) -> int:
            stmt = select(func.count()).select_from(model).where(model.project_id.in_(project_ids))
            return s.scalar(stmt) or 0

        return ContentCounts(tasks=count(Task), issues=count(Issue), risks=count(Risk))


__all__ = [
    "ContentCounts",
    "PortfolioService",
    "PortfolioTree",
    "ProgramNode",
    "ProjectNode",
    "TreeNode",
]
