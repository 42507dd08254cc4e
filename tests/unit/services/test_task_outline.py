"""The project tree's cheap one-level read agrees with the full WBS listing."""

from __future__ import annotations

from ownersrep.domain.enums import TaskKind
from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService
from ownersrep.services.task_service import TaskService


def test_outline_levels_match_the_full_listing(ctx: ServiceContext) -> None:
    pid = ProjectService(ctx).create("Clinic").value.id
    tasks = TaskService(ctx)
    pre = tasks.create_task(pid, None, "Preconstruction").value.id
    tasks.create_task(pid, pre, "Design review")
    permits = tasks.create_task(pid, pre, "Permits").value.id
    tasks.create_task(pid, permits, "Building permit issued", TaskKind.MILESTONE)
    tasks.create_task(pid, None, "Substructure")
    tasks.create_task(pid, pre, "GMP agreed", TaskKind.MILESTONE, index=0)  # becomes 1.1

    full = {r.id: r for r in tasks.list_tasks(pid)}
    for parent in (None, pre, permits):
        level = tasks.outline_children(pid, parent)
        assert [n.id for n in level] == [r.id for r in tasks.children(pid, parent)]
        for node in level:
            row = full[node.id]
            assert (node.wbs, node.name, node.kind, node.has_children) == (
                row.wbs,
                row.name,
                row.kind,
                row.has_children,
            )
    assert [n.wbs for n in tasks.outline_children(pid, permits)] == ["1.3.1"]
    assert tasks.outline_children(pid, pre)[0].name == "GMP agreed"
