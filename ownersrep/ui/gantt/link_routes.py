"""Dependency arrows: their orthogonal routes, and which of them a viewport must draw.

Pure (no Qt). A route is a polyline in viewport pixels whose last segment ends at the
arrow's tip and gives its direction.

- FS, forward: out of the predecessor's right end, right to just inside the successor's
  start, then down (or up) onto the successor's top (bottom).
- FS, backwards (the successor starts before the predecessor ends): right a stub, down
  half a row (to the row boundary), back left past the successor's start, down to its
  middle and right into its start.
- SS: out of both starts to the left of the earlier one, into the successor's start.
- FF: out of both ends to the right of the later one, into the successor's end.
- SF: out of the predecessor's start to the left, then into the successor's end from the
  right (with a jog along the row boundary when the successor ends to the right).

`LinkIndex` answers "which links touch or cross rows r0..r1" by a segment tree over
blocks of 64 rows: each link sits in O(log n) nodes, and a query visits the few blocks
of the viewport and their ancestors, so it does not grow with the number of links.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ownersrep.domain.enums import LinkType

Point = tuple[float, float]
STUB = 8.0  # length of the short horizontal run out of a bar
DROP_INSET = 5.0  # how far inside the successor's start an FS arrow drops onto it


@dataclass(frozen=True, slots=True)
class Anchor:
    """A bar as an arrow sees it: its ends, middle, top and bottom, and its row's band."""

    x0: float
    x1: float
    y: float
    top: float
    bottom: float
    row_top: float
    row_bottom: float


def route(
    link_type: LinkType | str, pred: Anchor, succ: Anchor, stub: float = STUB
) -> tuple[Point, ...]:
    """The polyline of one link, ending at the arrow's tip."""
    kind = LinkType(link_type)
    down = succ.y >= pred.y
    jog = pred.row_bottom if down else pred.row_top  # the row boundary next to pred
    if kind is LinkType.FS:
        drop = succ.x0 + min(DROP_INSET, max(0.0, (succ.x1 - succ.x0) / 2))
        if drop >= pred.x1 + stub / 2:
            return (
                (pred.x1, pred.y),
                (drop, pred.y),
                (drop, succ.top if down else succ.bottom),
            )
        right, left = pred.x1 + stub, succ.x0 - stub
        return (
            (pred.x1, pred.y),
            (right, pred.y),
            (right, jog),
            (left, jog),
            (left, succ.y),
            (succ.x0, succ.y),
        )
    if kind is LinkType.SS:
        left = min(pred.x0, succ.x0) - stub
        return ((pred.x0, pred.y), (left, pred.y), (left, succ.y), (succ.x0, succ.y))
    if kind is LinkType.FF:
        right = max(pred.x1, succ.x1) + stub
        return ((pred.x1, pred.y), (right, pred.y), (right, succ.y), (succ.x1, succ.y))
    # SF: predecessor's start → successor's finish.
    left = pred.x0 - stub
    if succ.x1 + stub <= left:
        return ((pred.x0, pred.y), (left, pred.y), (left, succ.y), (succ.x1, succ.y))
    right = succ.x1 + stub
    return (
        (pred.x0, pred.y),
        (left, pred.y),
        (left, jog),
        (right, jog),
        (right, succ.y),
        (succ.x1, succ.y),
    )


def head_direction(points: tuple[Point, ...]) -> tuple[int, int]:
    """The arrow's direction as a unit step: (1, 0) right, (0, 1) down, ..."""
    (ax, ay), (bx, by) = points[-2], points[-1]
    if abs(bx - ax) >= abs(by - ay):
        return (1 if bx >= ax else -1, 0)
    return (0, 1 if by >= ay else -1)


class LinkIndex:
    """Links by the rows they span (from the predecessor's row to the successor's)."""

    BLOCK = 64

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        """`spans` holds (predecessor row, successor row) per link; a link's number is
        its position in it."""
        pairs = list(spans)
        self._lo: list[int] = [a if a < b else b for a, b in pairs]
        self._hi: list[int] = [b if a < b else a for a, b in pairs]
        blocks = (max(self._hi, default=0) // self.BLOCK) + 1
        size = 1
        while size < blocks:
            size *= 2
        self._size = size
        self._nodes: dict[int, list[int]] = {}
        nodes = self._nodes
        block = self.BLOCK
        for i, (lo, hi) in enumerate(zip(self._lo, self._hi, strict=True)):
            left, right = lo // block + size, hi // block + size + 1
            if right - left == 1:  # most links stay within one block: its leaf
                found = nodes.get(left)
                if found is None:
                    nodes[left] = [i]
                else:
                    found.append(i)
                continue
            while left < right:
                if left & 1:
                    nodes.setdefault(left, []).append(i)
                    left += 1
                if right & 1:
                    right -= 1
                    nodes.setdefault(right, []).append(i)
                left >>= 1
                right >>= 1
        self.examined = 0  # candidates looked at by the last query (for tests and benches)

    def __len__(self) -> int:
        return len(self._lo)

    def query(self, r0: int, r1: int) -> list[int]:
        """Numbers of the links that touch or cross rows r0..r1 (inclusive), ascending."""
        if r1 < r0 or not self._lo:
            self.examined = 0
            return []
        first = max(0, r0) // self.BLOCK
        last = min(r1 // self.BLOCK, self._size - 1)
        seen_nodes: set[int] = set()
        found: set[int] = set()
        examined = 0
        lo, hi, nodes = self._lo, self._hi, self._nodes
        for block in range(first, last + 1):
            node = block + self._size
            while node >= 1 and node not in seen_nodes:
                seen_nodes.add(node)
                for i in nodes.get(node, ()):
                    examined += 1
                    if lo[i] <= r1 and hi[i] >= r0:
                        found.add(i)
                node >>= 1
        self.examined = examined
        return sorted(found)
