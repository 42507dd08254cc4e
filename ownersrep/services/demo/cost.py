"""The cost ledger of a demo project, built as rows: budget lines (each paying for a WBS
element), commitments and the lines they draw on, change orders and pay applications.

Content modules (cost_clinic, cost_erp) describe the ledger with the specs below; a
`CostBook` turns them into rows with ids, numbers (CT-001, PO-001, CO-001 ...) and the
project's number counters, so numbers added later in the app continue the demo's.

Pay applications follow the schedule: `progress_billing` bills, month by month, the value
of the work in place on the commitment's budget lines (the leaf tasks under each line's
WBS element, progressing as planned up to the percent complete they show at the status
date), times a billing factor (front-loaded billing above 1). Amounts are exact cents;
retainage held is certified × the commitment's percentage, rounded half-up, as the pay
application service works it out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from ownersrep.domain.cost.amounts import ZERO, cents, retainage_on
from ownersrep.domain.cost.enums import BudgetLineKind, ChangeReason, ChangeStatus, CommitmentKind
from ownersrep.services.change_order_service import NUMBER_PREFIX as CHANGE_PREFIX
from ownersrep.services.change_order_service import format_change_number
from ownersrep.services.demo.rows import DemoRows, Row


def _date(value: date | str | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


# -- specs -------------------------------------------------------------------------------
@dataclass(frozen=True)
class LineSpec:
    key: str
    code: str
    description: str
    group: str
    original: str  # Decimal text
    wbs: str | None = None  # name of the task or summary it pays for; None: the project
    kind: str = BudgetLineKind.COST.value


@dataclass(frozen=True)
class CommitmentSpec:
    key: str
    kind: CommitmentKind
    title: str
    party: str | None  # party key
    retainage: str  # percent text, "5.00"
    lines: tuple[tuple[str, str], ...]  # (line key, amount text)


@dataclass(frozen=True)
class ChangeSpec:
    title: str
    description: str
    reason: ChangeReason
    status: ChangeStatus
    cost: str
    line: str | None  # line key
    commitment: str | None = None  # commitment key
    days: int = 0
    submitted: str | None = None
    approved: str | None = None
    approved_by: str = ""
    contingency: bool = False  # drawn from (or, a credit, returned to) contingency


@dataclass(frozen=True)
class PaySpec:
    period_end: date
    claimed: Decimal
    certified: Decimal
    paid_on: date | None
    released: Decimal = ZERO


# -- progress of WBS elements ------------------------------------------------------------
def _weekdays(start: date, finish: date) -> int:
    """Mon–Fri days from start to finish, both included (the demo's working days)."""
    if finish < start:
        return 0
    days = (finish - start).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for n in range(rest):
        count += (start + timedelta(days=weeks * 7 + n)).weekday() < 5
    return count


class WbsProgress:
    """How far the work under a WBS element had got on a day: the leaf tasks' progress
    weighted by their working days. Up to the status date a task progresses as planned
    but never beyond the percent complete it shows at the status date."""

    def __init__(self, rows: DemoRows, project_id: int, status_date: date) -> None:
        tasks = [t for t in rows.tasks if t["project_id"] == project_id]
        self._status = status_date
        self._children: defaultdict[int | None, list[Row]] = defaultdict(list)
        by_name: defaultdict[str, list[int]] = defaultdict(list)
        for t in tasks:
            self._children[t["parent_id"]].append(t)
            by_name[t["name"]].append(t["id"])
        self._tasks = {t["id"]: t for t in tasks}
        self._by_name = by_name
        self._leaves: dict[int | None, list[Row]] = {}

    def task_id(self, name: str | None) -> int | None:
        """The id of the task or summary called `name` (which must be unique)."""
        if name is None:
            return None
        ids = self._by_name.get(name, [])
        if len(ids) != 1:
            raise ValueError(f"WBS element {name!r} matches {len(ids)} tasks")
        return ids[0]

    def leaves(self, task_id: int | None) -> list[Row]:
        found = self._leaves.get(task_id)
        if found is None:
            found = []
            stack = [self._tasks[task_id]] if task_id is not None else self._children[None][::-1]
            while stack:
                t = stack.pop()
                kids = self._children.get(t["id"])
                if kids:
                    stack.extend(reversed(kids))
                else:
                    found.append(t)
            self._leaves[task_id] = found
        return found

    def _leaf(self, t: Row, day: date) -> Decimal:
        actual = Decimal(t["percent_complete"]) / 100
        if day >= self._status:
            return actual
        if t["kind"] == "milestone" or not t["duration_days"]:
            planned = Decimal(1 if t["finish"] <= day else 0)
        else:
            done = _weekdays(t["start"], min(day, t["finish"]))
            planned = Decimal(done) / Decimal(t["duration_days"])
        return min(planned, actual)

    def fraction(self, task_id: int | None, day: date) -> Decimal:
        """0 to 1: the share of the element's work done by the end of `day`."""
        leaves = self.leaves(task_id)
        weight = sum(t["duration_days"] for t in leaves)
        if not weight:
            return sum((self._leaf(t, day) for t in leaves), ZERO) / max(len(leaves), 1)
        return sum((t["duration_days"] * self._leaf(t, day) for t in leaves), ZERO) / weight


# -- the book ----------------------------------------------------------------------------
@dataclass
class CostBook:
    """One project's ledger rows as they are added; `finish` sets the counters."""

    rows: DemoRows
    project_id: int
    parties: Mapping[str, int]
    progress: WbsProgress
    lines: dict[str, Row] = field(default_factory=dict)
    commitments: dict[str, Row] = field(default_factory=dict)
    allocations: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    _sequence: defaultdict[str, int] = field(default_factory=lambda: defaultdict(int))
    _pay_numbers: defaultdict[int, int] = field(default_factory=lambda: defaultdict(int))

    @property
    def contingency_id(self) -> int:
        ids = [r["id"] for r in self.lines.values() if r["kind"] == "contingency"]
        if len(ids) != 1:
            raise ValueError("the demo project needs exactly one contingency line")
        return ids[0]

    def add_lines(self, specs: Iterable[LineSpec]) -> None:
        for spec in specs:
            row = {
                "id": self.rows.new_id("budget_line"),
                "project_id": self.project_id,
                "code": spec.code,
                "description": spec.description,
                "group_name": spec.group,
                "kind": BudgetLineKind(spec.kind).value,
                "original": Decimal(spec.original),
                "etc_override": None,
                "sort_order": len(self.lines) + 1,
                "task_id": self.progress.task_id(spec.wbs),
            }
            self.rows.budget_lines.append(row)
            self.lines[spec.key] = row

    def add_commitment(self, spec: CommitmentSpec) -> Row:
        prefix = spec.kind.prefix
        self._sequence[prefix] += 1
        allocation = {self.lines[k]["id"]: Decimal(a) for k, a in spec.lines}
        row = {
            "id": self.rows.new_id("commitment"),
            "project_id": self.project_id,
            "number": f"{prefix}-{self._sequence[prefix]:03d}",
            "title": spec.title,
            "kind": spec.kind.value,
            "party_id": self.parties[spec.party] if spec.party else None,
            "amount": sum(allocation.values(), ZERO),
            "retainage_percent": Decimal(spec.retainage),
        }
        self.rows.commitments.append(row)
        for line_id, amount in allocation.items():
            self.rows.commitment_lines.append(
                {
                    "id": self.rows.new_id("commitment_line"),
                    "commitment_id": row["id"],
                    "budget_line_id": line_id,
                    "amount": amount,
                }
            )
        self.commitments[spec.key] = row
        self.allocations[spec.key] = allocation
        return row

    def add_changes(self, specs: Sequence[ChangeSpec]) -> None:
        for spec in specs:
            self._sequence[CHANGE_PREFIX] += 1
            commitment = self.commitments[spec.commitment] if spec.commitment else None
            self.rows.change_orders.append(
                {
                    "id": self.rows.new_id("change_order"),
                    "project_id": self.project_id,
                    "number": format_change_number(self._sequence[CHANGE_PREFIX]),
                    "title": spec.title,
                    "description": spec.description,
                    "reason": spec.reason.value,
                    "status": spec.status.value,
                    "commitment_id": commitment["id"] if commitment else None,
                    "budget_line_id": self.lines[spec.line]["id"] if spec.line else None,
                    "cost": Decimal(spec.cost),
                    "time_impact_days": spec.days,
                    "submitted_on": _date(spec.submitted),
                    "approved_on": _date(spec.approved),
                    "approved_by": spec.approved_by,
                    "from_contingency": spec.contingency,
                    "contingency_line_id": self.contingency_id if spec.contingency else None,
                }
            )

    def weights(self, key: str, day: date) -> dict[int, Decimal]:
        """The commitment's amount per budget line with the changes approved by `day`."""
        commitment_id = self.commitments[key]["id"]
        weights = dict(self.allocations[key])
        for co in self.rows.change_orders:
            if (
                co["commitment_id"] == commitment_id
                and co["status"] == ChangeStatus.APPROVED.value
                and co["approved_on"] <= day
            ):
                weights[co["budget_line_id"]] = weights.get(co["budget_line_id"], ZERO) + co["cost"]
        return weights

    def add_pay_applications(self, key: str, pays: Iterable[PaySpec]) -> None:
        commitment = self.commitments[key]
        for pay in pays:
            self._pay_numbers[commitment["id"]] += 1
            self.rows.pay_applications.append(
                {
                    "id": self.rows.new_id("pay_application"),
                    "commitment_id": commitment["id"],
                    "number": self._pay_numbers[commitment["id"]],
                    "period_end": pay.period_end,
                    "claimed": pay.claimed,
                    "certified": pay.certified,
                    "retainage_held": retainage_on(pay.certified, commitment["retainage_percent"]),
                    "retainage_released": pay.released,
                    "paid_on": pay.paid_on,
                }
            )

    def finish(self) -> None:
        for prefix, last in sorted(self._sequence.items()):
            self.rows.set_counter(self.project_id, prefix, last)


# -- billing -----------------------------------------------------------------------------
def month_ends(first: date, last: date, day: int | None = None) -> list[date]:
    """Period ends from `first`'s month to `last`: the `day` of each month (the last day
    when None), keeping those within [first, last]."""
    out: list[date] = []
    year, month = first.year, first.month
    while date(year, month, 1) <= last:
        nxt = date(year + month // 12, month % 12 + 1, 1)
        end = nxt - timedelta(days=1) if day is None else date(year, month, day)
        if first <= end <= last:
            out.append(end)
        year, month = nxt.year, nxt.month
    return out


def progress_billing(
    book: CostBook,
    key: str,
    ends: Sequence[date],
    *,
    factor: str = "1",
    pay_days: int = 30,
    status_date: date,
    held_back: Mapping[int, str] | None = None,
) -> list[PaySpec]:
    """Monthly pay applications on commitment `key`: each certifies the growth of the
    work in place on its lines (× `factor`, within the revised commitment); the owner
    pays `pay_days` after the period end when that is on or before the status date.
    A month with no new work has no pay application. `held_back` maps a pay
    application number to an amount claimed but not certified."""
    held = {n: Decimal(a) for n, a in (held_back or {}).items()}
    factor_d = Decimal(factor)
    tasks = {row["id"]: row["task_id"] for row in book.lines.values()}
    pays: list[PaySpec] = []
    billed = ZERO
    for end in ends:
        weights = book.weights(key, end)
        revised = sum(weights.values(), ZERO)
        value = sum(
            (
                amount * book.progress.fraction(tasks[line_id], end)
                for line_id, amount in weights.items()
            ),
            ZERO,
        )
        certified = min(cents(value * factor_d), revised) - billed
        if certified <= 0:
            continue  # nothing new in place: no pay application this month
        billed += certified
        paid = end + timedelta(days=pay_days)
        pays.append(
            PaySpec(
                period_end=end,
                claimed=certified + held.get(len(pays) + 1, ZERO),
                certified=certified,
                paid_on=paid if paid <= status_date else None,
            )
        )
    return pays


def fixed_billing(
    items: Iterable[tuple[str, str, str, str | None]],
) -> list[PaySpec]:
    """Pay applications given outright: (period end, claimed, certified, paid on)."""
    return [
        PaySpec(
            period_end=date.fromisoformat(end),
            claimed=Decimal(claimed),
            certified=Decimal(certified),
            paid_on=_date(paid),
        )
        for end, claimed, certified, paid in items
    ]
