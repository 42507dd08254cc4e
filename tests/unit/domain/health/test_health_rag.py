"""RAG: words for black and white, bounds exactly at thresholds, worst-of, overrides."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from ownersrep.domain.errors import ValidationError
from ownersrep.domain.health.kpis import ProjectKpis
from ownersrep.domain.health.rag import (
    Area,
    AreaStatus,
    Band,
    Rag,
    Thresholds,
    assess,
    derive_all,
    derive_area,
    judge,
    overall,
)
from ownersrep.domain.health.thresholds import MEASURE_BY_KEY

D = Decimal
DEFAULTS = Thresholds()


def test_every_status_has_a_printable_word() -> None:
    assert [r.word for r in Rag] == ["No data", "Green", "Amber", "Red"]
    assert [a.label for a in Area] == ["Schedule", "Cost", "Issues", "Risk"]
    assert Rag("amber") is Rag.AMBER  # stored by value


@pytest.mark.parametrize(
    ("key", "value", "rag"),
    [
        # SPI, higher is better: green ≥ 0.95, amber ≥ 0.85, else red.
        ("spi", D("1.10"), Rag.GREEN),
        ("spi", D("0.95"), Rag.GREEN),  # exactly on green
        ("spi", D("0.94"), Rag.AMBER),
        ("spi", D("0.85"), Rag.AMBER),  # exactly on amber
        ("spi", D("0.84"), Rag.RED),
        ("spi", None, Rag.NONE),
        # CPI: green ≥ 0.95, amber ≥ 0.90.
        ("cpi", D("0.95"), Rag.GREEN),
        ("cpi", D("0.90"), Rag.AMBER),
        ("cpi", D("0.89"), Rag.RED),
        # VAC %: green ≥ −5, amber ≥ −10.
        ("vac_percent", D("-5.0"), Rag.GREEN),
        ("vac_percent", D("-10.0"), Rag.AMBER),
        ("vac_percent", D("-10.1"), Rag.RED),
        # Finish variance, lower is better: green ≤ 0 days late, amber ≤ 10.
        ("finish_variance_days", -3, Rag.GREEN),
        ("finish_variance_days", 0, Rag.GREEN),
        ("finish_variance_days", 1, Rag.AMBER),
        ("finish_variance_days", 10, Rag.AMBER),
        ("finish_variance_days", 11, Rag.RED),
        # Overdue issues: green 0, amber ≤ 3.
        ("overdue_issues", 0, Rag.GREEN),
        ("overdue_issues", 3, Rag.AMBER),
        ("overdue_issues", 4, Rag.RED),
        # High risks: green 0, amber ≤ 2.
        ("high_risks", 2, Rag.AMBER),
        ("high_risks", 3, Rag.RED),
        # Average open issue age: green ≤ 30 days, amber ≤ 60.
        ("average_issue_age_days", D("30.0"), Rag.GREEN),
        ("average_issue_age_days", D("60.1"), Rag.RED),
    ],
)
def test_judge_at_the_bounds(key: str, value: Decimal | int | None, rag: Rag) -> None:
    assert judge(MEASURE_BY_KEY[key], value, DEFAULTS.band(key)) is rag


def test_overall_is_the_worst_and_ignores_no_data() -> None:
    assert overall([Rag.GREEN, Rag.AMBER, Rag.GREEN]) is Rag.AMBER
    assert overall([Rag.AMBER, Rag.RED, Rag.NONE]) is Rag.RED
    assert overall([Rag.NONE, Rag.GREEN]) is Rag.GREEN
    assert overall([Rag.NONE, Rag.NONE]) is Rag.NONE
    assert overall([]) is Rag.NONE


def test_an_area_is_the_worst_of_its_kpis() -> None:
    # SPI 0.97 is green but the forecast finishes 12 days late: schedule is red.
    kpis = ProjectKpis(spi=D("0.97"), finish_variance_days=12, milestones_missed=0)
    assert derive_area(Area.SCHEDULE, kpis, DEFAULTS) is Rag.RED
    results = assess(Area.SCHEDULE, kpis, DEFAULTS)
    assert [(r.measure.key, r.value, r.rag) for r in results] == [
        ("spi", D("0.97"), Rag.GREEN),
        ("finish_variance_days", 12, Rag.RED),
        ("milestones_missed", 0, Rag.GREEN),
    ]


def test_areas_without_data() -> None:
    # No cost data at all: "No data", not green. No open issues: green.
    kpis = ProjectKpis()
    assert derive_all(kpis, DEFAULTS) == {
        Area.SCHEDULE: Rag.GREEN,  # no SPI, no variance, but 0 milestones missed
        Area.COST: Rag.NONE,
        Area.ISSUES: Rag.GREEN,
        Area.RISK: Rag.GREEN,
    }
    # CPI known, VAC not: the area goes by CPI alone.
    assert derive_area(Area.COST, ProjectKpis(cpi=D("0.92")), DEFAULTS) is Rag.AMBER


def test_thresholds_change_the_outcome() -> None:
    kpis = ProjectKpis(high_risks=1)
    assert derive_area(Area.RISK, kpis, DEFAULTS) is Rag.AMBER
    tolerant = replace(DEFAULTS, high_risks=Band(D("1"), D("2")))
    assert derive_area(Area.RISK, kpis, tolerant) is Rag.GREEN


def test_status_without_override_shows_the_derived_value() -> None:
    status = AreaStatus(Area.COST, Rag.AMBER)
    assert status.shown is Rag.AMBER
    assert not status.is_overridden


def test_override_shows_and_keeps_the_derived_value() -> None:
    status = AreaStatus(Area.COST, Rag.RED, Rag.AMBER, "Claim settled on 12 Nov; CO-007 pending")
    assert status.shown is Rag.AMBER
    assert status.derived is Rag.RED
    assert status.is_overridden


@pytest.mark.parametrize("commentary", ["", "   ", "\n\t"])
def test_override_needs_a_commentary(commentary: str) -> None:
    with pytest.raises(ValidationError) as caught:
        AreaStatus(Area.SCHEDULE, Rag.RED, Rag.GREEN, commentary)
    assert caught.value.field == "Commentary"
    assert str(caught.value) == "Commentary: is required to override the schedule status"


def test_override_cannot_be_no_data() -> None:
    with pytest.raises(ValidationError, match="Override: must be Green, Amber or Red"):
        AreaStatus(Area.RISK, Rag.RED, Rag.NONE, "unknown")


def test_status_from_stored_values() -> None:
    status = AreaStatus("cost", "red", "amber", "Agreed with the client")  # type: ignore[arg-type]
    assert (status.area, status.derived, status.shown) == (Area.COST, Rag.RED, Rag.AMBER)
