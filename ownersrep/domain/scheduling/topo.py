"""Finding and naming a loop in a network (the order itself is built in network.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence


def find_loop(succs: Sequence[Sequence[int]]) -> list[int]:
    """One cycle of the graph as a node list [a, b, ..., a→back to a]; [] if none."""
    n = len(succs)
    state = [0] * n  # 0 new, 1 on the stack, 2 done
    for root in range(n):
        if state[root]:
            continue
        stack: list[tuple[int, int]] = [(root, 0)]
        path: list[int] = []
        state[root] = 1
        path.append(root)
        while stack:
            node, pos = stack[-1]
            targets = succs[node]
            if pos < len(targets):
                stack[-1] = (node, pos + 1)
                t = targets[pos]
                if state[t] == 1:
                    return path[path.index(t) :]
                if state[t] == 0:
                    state[t] = 1
                    path.append(t)
                    stack.append((t, 0))
            else:
                state[node] = 2
                path.pop()
                stack.pop()
    return []


def describe_loop(loop: list[int], name_of: Callable[[int], str]) -> str:
    """'A → B → C → A' with consecutive repeats (a summary's two nodes) collapsed."""
    names: list[str] = []
    for node in loop:
        name = name_of(node)
        if not names or names[-1] != name:
            names.append(name)
    if len(names) > 1 and names[0] == names[-1]:
        names.pop()
    return " → ".join([*names, names[0]])
