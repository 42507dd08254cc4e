"""Arrow routes for the four link types and the index of links by visible rows."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest

from ownersrep.domain.enums import LinkType
from ownersrep.ui.gantt.link_routes import Anchor, LinkIndex, head_direction, route

H = 24


def anchor(x0: float, x1: float, row: int) -> Anchor:
    top = row * H
    return Anchor(x0, x1, top + 12, top + 6, top + 18, top, top + H)


def orthogonal(points: tuple[tuple[float, float], ...]) -> bool:
    return all(a[0] == b[0] or a[1] == b[1] for a, b in pairwise(points))


def test_fs_forward_drops_onto_the_successor_top() -> None:
    pts = route(LinkType.FS, anchor(0, 100, 0), anchor(150, 200, 2))
    assert pts[0] == (100, 12)
    assert pts[-1] == (155, 2 * H + 6)  # the successor's top, just inside its start
    assert head_direction(pts) == (0, 1)
    assert orthogonal(pts)


def test_fs_to_a_row_above_drops_onto_its_bottom() -> None:
    pts = route(LinkType.FS, anchor(0, 100, 3), anchor(150, 200, 1))
    assert pts[-1] == (155, H + 18)
    assert head_direction(pts) == (0, -1)


def test_fs_backwards_goes_down_half_a_row_back_left_then_into_the_start() -> None:
    pred, succ = anchor(0, 100, 0), anchor(40, 90, 1)
    pts = route(LinkType.FS, pred, succ)
    assert pts == (
        (100, 12),
        (108, 12),
        (108, H),  # the row boundary: half a row down
        (32, H),  # back left, past the successor's start
        (32, H + 12),
        (40, H + 12),
    )
    assert head_direction(pts) == (1, 0)
    assert orthogonal(pts)


def test_fs_to_the_next_day_still_drops_and_an_overlap_goes_backwards() -> None:
    """A successor starting where the predecessor ends (the next day) gets the short
    drop; one that starts a little before the end takes the backwards route."""
    pts = route(LinkType.FS, anchor(0, 100, 0), anchor(100, 150, 1))
    assert pts == ((100, 12), (105, 12), (105, H + 6))
    pts = route(LinkType.FS, anchor(0, 100, 0), anchor(98, 150, 1))
    assert len(pts) == 6 and pts[-1] == (98, H + 12)


def test_ss_leaves_and_enters_the_starts_from_the_left() -> None:
    pts = route(LinkType.SS, anchor(50, 100, 0), anchor(30, 80, 2))
    assert pts == ((50, 12), (22, 12), (22, 2 * H + 12), (30, 2 * H + 12))
    assert head_direction(pts) == (1, 0)


def test_ff_leaves_and_enters_the_ends_from_the_right() -> None:
    pts = route(LinkType.FF, anchor(0, 100, 0), anchor(30, 120, 1))
    assert pts == ((100, 12), (128, 12), (128, H + 12), (120, H + 12))
    assert head_direction(pts) == (-1, 0)


def test_sf_into_a_finish_to_the_right_jogs_along_the_row_boundary() -> None:
    pts = route(LinkType.SF, anchor(50, 100, 0), anchor(30, 120, 1))
    assert pts == ((50, 12), (42, 12), (42, H), (128, H), (128, H + 12), (120, H + 12))
    assert head_direction(pts) == (-1, 0)
    assert orthogonal(pts)


def test_sf_into_a_finish_to_the_left_is_direct() -> None:
    pts = route(LinkType.SF, anchor(200, 300, 0), anchor(30, 120, 1))
    assert pts == ((200, 12), (192, 12), (192, H + 12), (120, H + 12))
    assert head_direction(pts) == (-1, 0)


@pytest.mark.parametrize("kind", list(LinkType))
def test_every_route_is_orthogonal_for_any_placement(kind: LinkType) -> None:
    rng = random.Random(7)
    for _ in range(500):
        a, b = sorted(rng.uniform(-500, 500) for _ in range(2))
        c, d = sorted(rng.uniform(-500, 500) for _ in range(2))
        r1, r2 = rng.sample(range(20), 2)
        pts = route(kind, anchor(a, b + 1, r1), anchor(c, d + 1, r2))
        assert orthogonal(pts)
        assert 3 <= len(pts) <= 6


def brute(spans: list[tuple[int, int]], r0: int, r1: int) -> list[int]:
    return [i for i, (a, b) in enumerate(spans) if min(a, b) <= r1 and max(a, b) >= r0]


def test_index_finds_links_touching_or_crossing_the_rows() -> None:
    spans = [(0, 5), (10, 3), (40, 200), (300, 301), (0, 1000), (70, 70)]
    index = LinkIndex(spans)
    assert len(index) == 6
    assert index.query(100, 120) == [2, 4]  # crossing the viewport
    assert index.query(4, 9) == [0, 1, 4]  # touching
    assert index.query(70, 70) == [2, 4, 5]
    assert index.query(2000, 3000) == []
    assert index.query(5, 4) == []
    assert LinkIndex([]).query(0, 10) == []


def test_index_with_20000_links_matches_brute_force_and_stays_local() -> None:
    rng = random.Random(42)
    rows = 10_000
    spans: list[tuple[int, int]] = []
    for _ in range(20_000):  # mostly short links, some long ones
        a = rng.randrange(rows)
        reach = rng.choice((1, 2, 5, 20, 60)) if rng.random() < 0.97 else rng.randrange(rows)
        spans.append((a, min(rows - 1, a + reach)))
    index = LinkIndex(spans)
    for r0 in (0, 777, 5_000, 9_960):
        r1 = r0 + 40  # a viewport of 41 rows
        found = index.query(r0, r1)
        assert found == brute(spans, r0, r1)
        # Output-sensitive: it looks at a few candidates per link it returns, plus the
        # links of the (at most two) blocks under the viewport, never at all 20,000.
        assert index.examined <= 4 * len(found) + 400
    # Ten times the links in the project: about ten times the links in a viewport
    # (the density grew), not a scan of the whole project.
    small = LinkIndex(spans[:2_000])
    small.query(5_000, 5_040)
    index.query(5_000, 5_040)
    assert index.examined < 1_000 < len(index)


def test_index_with_links_spanning_the_whole_project() -> None:
    spans = [(0, 9_999)] * 500 + [(i, i + 1) for i in range(0, 9_998, 2)]
    index = LinkIndex(spans)
    found = index.query(4_000, 4_030)
    assert found == brute(spans, 4_000, 4_030)
    assert len(found) == 500 + 16
