"""Synthetic projects for benchmarks: about 500 tasks in a four-level WBS (zone, phase,
sequence, activity), about 1,000 links, 250 issues and 20 risks each.

The network flows like a real building job: activities in a sequence follow each other,
each phase of a sequence follows the previous phase, sequences of a phase start staggered
(SS with lag), zones start one after the other, and extra links go only from an earlier
activity to a later one, so there is never a loop.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from random import Random

from ownersrep.services.demo.records import IssueSpec, RiskSpec, add_issues, add_risks
from ownersrep.services.demo.rows import STATUS_DATE, DemoRows
from ownersrep.services.demo.schedule import Group, Leaf, Node, Pred, Scheduled, add_schedule
from ownersrep.services.demo.synthetic_texts import (
    AREAS,
    COMPONENTS,
    EQUIPMENT,
    ISSUE_TEMPLATES,
    PHASES,
    RESOLUTIONS,
    RISK_TEMPLATES,
    TRADES,
    ZONES,
)

SEQUENCES = 4
PARTY_KEYS = ("bench_owner", "bench_gc", "bench_design")


def _link(rng: Random, key: str) -> Pred:
    roll = rng.random()
    if roll < 0.8:
        return Pred(key)
    if roll < 0.9:
        return Pred(key, "SS", rng.randint(2, 4))
    return Pred(key, "FF", rng.randint(1, 3))


def build_wbs(rng: Random) -> tuple[Node, ...]:
    leaves: list[str] = []  # keys in outline order, for the extra links
    preds: dict[str, list[Pred]] = {}
    names: dict[str, str] = {}
    durations: dict[str, int] = {}

    def new_leaf(name: str, duration: int, links: list[Pred]) -> str:
        key = str(len(names))
        names[key], durations[key], preds[key] = name, duration, links
        if duration:
            leaves.append(key)
        return key

    start = new_leaf("Project start", 0, [])
    zones: list[tuple[str, list[tuple[str, list[list[str]], str]]]] = []
    zone_ends: list[str] = []
    first_of_zone: str | None = None
    for zone in ZONES:
        phases: list[tuple[str, list[list[str]], str]] = []
        previous_phase: list[list[str]] | None = None
        for phase, activities in PHASES.items():
            sequences: list[list[str]] = []
            for s in range(SEQUENCES):
                chain: list[str] = []
                for activity in activities[: rng.choice((4, 5, 5, 5))]:
                    links: list[Pred] = []
                    if chain:
                        links.append(_link(rng, chain[-1]))
                    else:
                        if previous_phase is not None:
                            links.append(Pred(previous_phase[s][-1]))
                        if sequences:
                            links.append(Pred(sequences[-1][0], "SS", rng.randint(3, 8)))
                        if not links:  # first activity of a zone: zones start staggered
                            first = Pred(first_of_zone, "SS", 15) if first_of_zone else None
                            links.append(first or Pred(start))
                    duration = rng.randint(2, 8 if phase != "Interiors" else 12)
                    key = new_leaf(f"{activity}, {zone} sequence {s + 1}", duration, links)
                    chain.append(key)
                    if len(leaves) > 12 and rng.random() < 0.9:
                        for _ in range(1 + (rng.random() < 0.4)):
                            early = leaves[rng.randint(max(0, len(leaves) - 30), len(leaves) - 4)]
                            if all(p.key != early for p in links):
                                links.append(
                                    Pred(early)
                                    if rng.random() < 0.85
                                    else Pred(early, "SS", rng.randint(1, 5))
                                )
                sequences.append(chain)
            done = new_leaf(f"{phase} complete, {zone}", 0, [Pred(c[-1]) for c in sequences])
            phases.append((phase, sequences, done))
            previous_phase = sequences
        first_of_zone = phases[0][1][0][0]
        zone_ends.append(phases[-1][2])
        zones.append((zone, phases))
    finish = new_leaf("Project complete", 0, [Pred(k) for k in zone_ends])

    def leaf(key: str) -> Leaf:
        return Leaf(key, names[key], durations[key], tuple(preds[key]))

    wbs: list[Node] = [leaf(start)]
    for zone, phases in zones:
        phase_groups = []
        for phase, sequences, done in phases:
            seq_groups = [
                Group(f"{phase}, {zone} sequence {s + 1}", tuple(leaf(k) for k in chain))
                for s, chain in enumerate(sequences)
            ]
            phase_groups.append(Group(f"{phase}, {zone}", (*seq_groups, leaf(done))))
        wbs.append(Group(zone, tuple(phase_groups)))
    wbs.append(leaf(finish))
    return tuple(wbs)


def _fields(rng: Random) -> dict[str, object]:
    """One set of words for a record, so that its title and text tell the same story."""
    component, component2 = rng.sample(COMPONENTS, 2)
    return {
        "area": rng.choice(AREAS),
        "component": component,
        "component2": component2,
        "equipment": rng.choice(EQUIPMENT),
        "trade": rng.choice(TRADES),
        "n": rng.randint(2, 6),
    }


def _fill(template: str, fields: dict[str, object]) -> str:
    text = template.format(**fields)
    return text[0].upper() + text[1:]


def _issue(rng: Random, tasks: list[Scheduled], start: date, end: date) -> IssueSpec:
    kind = rng.choices(("issue", "rfi", "decision", "action"), (45, 30, 10, 15))[0]
    title, description = rng.choice(ISSUE_TEMPLATES[kind])
    task = rng.choice(tasks) if rng.random() < 0.6 else None
    if task is not None:
        raised = task.start + timedelta(days=rng.randint(-20, 10))
    else:
        raised = start + timedelta(days=rng.randint(0, max(0, (end - start).days)))
    raised = min(max(raised, start), STATUS_DATE)
    age = (STATUS_DATE - raised).days
    if age > 60:
        weights = (8, 7, 5, 80)
    elif age > 14:
        weights = (25, 25, 10, 40)
    else:
        weights = (60, 30, 10, 0)
    status = rng.choices(("open", "in_progress", "resolved", "closed"), weights)[0]
    cost = None
    if rng.random() < 0.25:
        cost = str(Decimal(rng.randint(5, 900) * 100) * (-1 if rng.random() < 0.1 else 1))
    words = _fields(rng)
    return IssueSpec(
        kind,
        _fill(title, words),
        _fill(description, words),
        raised,
        rng.randint(5, 30),
        priority=rng.choices(("low", "medium", "high", "critical"), (20, 45, 27, 8))[0],
        status=status,
        raised_by=rng.choice(PARTY_KEYS),
        assigned_to=rng.choice(PARTY_KEYS),
        task=str(task.id) if task is not None else None,
        closed_in=rng.randint(1, max(1, min(60, age))) if status == "closed" else None,
        resolution=rng.choice(RESOLUTIONS[kind]) if status in ("resolved", "closed") else "",
        cost=cost,
        days=rng.randint(1, 15) if rng.random() < 0.2 else None,
        internal=rng.random() < 0.05,
    )


def _risk(rng: Random, start: date) -> RiskSpec:
    category, title, cause, effect, mitigation = rng.choice(RISK_TEMPLATES)
    status = rng.choices(("open", "monitoring", "occurred", "closed"), (65, 15, 5, 15))[0]
    raised = start + timedelta(days=rng.randint(0, max(0, (STATUS_DATE - start).days)))
    review_in = max(rng.randint(-20, 45), (raised - STATUS_DATE).days + 7)
    return RiskSpec(
        _fill(title, _fields(rng)),
        cause,
        effect,
        category,
        rng.randint(1, 5),
        rng.randint(1, 5),
        rng.choices(("avoid", "mitigate", "transfer", "accept"), (10, 60, 10, 20))[0],
        mitigation,
        rng.choice(PARTY_KEYS),
        raised,
        None if status == "closed" else review_in,
        status=status,
    )


def add_synthetic(
    rows: DemoRows, program_id: int, number: int, parties: dict[str, int], rng: Random
) -> int:
    project_id = rows.add_project(
        program_id,
        name=f"Synthetic project {number:02d}",
        code=f"SYN-{number:02d}",
        kind="construction",
        client_id=parties["bench_owner"],
        contractor_id=parties["bench_gc"],
        description="Generated for benchmarks: about 500 tasks, 1,000 links, 250 issues.",
    )
    monday = date(2024, 6, 3) + timedelta(weeks=rng.randint(0, 100))
    placed = add_schedule(
        rows, project_id, build_wbs(rng), monday, parties, default_who="bench_gc", rng=rng
    )
    work = [t for t in placed.values() if t.kind == "task"]
    by_id = {str(t.id): t for t in work}
    project = rows.project(project_id)
    end = min(project["planned_finish"], STATUS_DATE)
    issues = [_issue(rng, work, monday, end) for _ in range(rng.randint(240, 260))]
    add_issues(rows, project_id, issues, parties, by_id)
    add_risks(rows, project_id, [_risk(rng, monday) for _ in range(rng.randint(18, 22))], parties)
    return project_id
