"""What the Gantt drawing needs, whoever draws it (the widget or the export)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from ownersrep.services.task_rows import LinkRow, TaskRow
from ownersrep.ui.gantt.link_routes import LinkIndex
from ownersrep.ui.gantt.timescale import TimeScale

WorkingDay = Callable[[date], bool]


@dataclass
class ChartState:
    """Everything the drawing needs, whoever draws (widget or export)."""

    rows: Sequence[TaskRow] = ()  # the visible rows of the tree, in order
    row_of: dict[int, int] = field(default_factory=dict)  # task id → row number
    links: Sequence[LinkRow] = ()
    link_index: LinkIndex = field(default_factory=lambda: LinkIndex([]))
    link_numbers: Sequence[int] = ()  # link_index number → position in `links`
    links_stale: bool = False  # link_index is out of date (see ensure_link_index)
    scale: TimeScale = field(default_factory=lambda: TimeScale(date(2000, 1, 1), 6.0))
    row_height: int = 24
    is_working_day: WorkingDay | None = None
    today: date | None = None
    status_date: date | None = None
    show_critical: bool = False
    show_baseline: bool = False
    labels: str = "none"
    selected: frozenset[int] = frozenset()  # task ids

    def index_links(self) -> None:
        """The links or the rows changed: index the links again before the next paint
        (set_links and a rows rebuild often come together; index once)."""
        self.links_stale = True

    def ensure_link_index(self) -> None:
        """Build the link index for the current rows (links between shown rows)."""
        if not self.links_stale:
            return
        self.links_stale = False
        spans: list[tuple[int, int]] = []
        numbers: list[int] = []
        row_of = self.row_of.get
        add_span, add_number = spans.append, numbers.append
        for n, link in enumerate(self.links):
            a, b = row_of(link.predecessor_id), row_of(link.successor_id)
            if a is not None and b is not None and a != b:
                add_span((a, b))
                add_number(n)
        self.link_index = LinkIndex(spans)
        self.link_numbers = numbers
