"""The rows a drag patches (`TaskService.rows_of`) carry the WBS codes the whole outline
gives, though only the edited tasks, their predecessors and their ancestors are read:
`sibling_places` + `partial_outline` agree with `outline`."""

from __future__ import annotations

from random import Random

from ownersrep.services.context import ServiceContext
from ownersrep.services.project_service import ProjectService
from ownersrep.services.task_queries import partial_outline, sibling_places
from ownersrep.services.task_service import TaskService
from ownersrep.services.task_tree import outline


def _pairs(rng: Random, n: int) -> list[tuple[int, int | None]]:
    """A random forest, with a few rows under missing parents and a parent loop, in
    sibling order (by parent, sort order, id) as the shape query gives them."""
    rows: list[tuple[int | None, int, int]] = []  # (parent, sort order, id)
    for tid in range(1, n + 1):
        parent = None if tid < 4 or rng.random() < 0.1 else rng.randint(1, tid - 1)
        rows.append((parent, rng.randint(0, 5), tid))
    rows.append((9999, 0, n + 1))  # its parent does not exist
    rows.append((n + 1, 0, n + 2))  # under that one
    rows.append((n + 4, 0, n + 3))  # a loop of two
    rows.append((n + 3, 0, n + 4))
    rows.sort(key=lambda r: (r[0] is not None, r[0] or 0, r[1], r[2]))
    return [(tid, parent) for parent, _, tid in rows]


def test_it_agrees_with_the_whole_outline() -> None:
    rng = Random(11)
    for n in (5, 40, 300):
        pairs = _pairs(rng, n)
        whole = outline(pairs)
        ids = [*rng.sample(range(1, n + 5), min(n, 25)), n + 1, n + 2, n + 3, 4242]
        part = partial_outline(sibling_places(pairs), ids)
        assert part.order == [t for t in whole.order if t in set(ids)]
        assert part.wbs == {t: whole.wbs[t] for t in ids if t in whole.wbs}
        assert part.depth == {t: whole.depth[t] for t in ids if t in whole.depth}
        assert not part.children


def test_codes_count_siblings_from_one() -> None:
    pairs = [(1, None), (2, None), (3, 2), (4, 2), (5, 4)]
    part = partial_outline(sibling_places(pairs), [5, 1, 3])
    assert part.order == [1, 3, 5]
    assert part.wbs == {1: "1", 3: "2.1", 5: "2.2.1"}
    assert part.depth == {1: 0, 3: 1, 5: 2}


def test_rows_of_equal_the_listed_rows_deep_in_a_reordered_tree(ctx: ServiceContext) -> None:
    tasks = TaskService(ctx)
    pid = ProjectService(ctx).create("Deep").value.id
    other = ProjectService(ctx).create("Other").value.id
    tasks.create_task(other, None, "Elsewhere")  # a top-level task of another project
    a = tasks.create_task(pid, None, "A").value.id
    b = tasks.create_task(pid, None, "B").value.id
    b1 = tasks.create_task(pid, b, "B1").value.id
    b2 = tasks.create_task(pid, b, "B2", duration_days=2).value.id
    leaves = [tasks.create_task(pid, b2, f"L{k}", duration_days=k + 1).value.id for k in range(4)]
    tasks.create_task(pid, b, "B0", index=0)  # now first under B: B1 and B2 move down
    tasks.set_predecessors(leaves[2], "1, 2.1")
    tasks.set_predecessors(leaves[3], "2.3.3FS+2")
    listed = {r.id: r for r in tasks.list_tasks(pid)}
    wanted = [leaves[3], a, leaves[2], b1]
    got = tasks.rows_of(pid, wanted)
    assert got == [listed[i] for i in (a, b1, leaves[2], leaves[3])]
    assert [r.wbs for r in got] == ["1", "2.2", "2.3.3", "2.3.4"]
    assert got[2].predecessors == "1, 2.1"  # A and B0
    assert got[3].predecessors.startswith("2.3.3")
