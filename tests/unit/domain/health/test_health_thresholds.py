"""Thresholds: sensible defaults, a plain-dict round trip, and messages naming the bad one."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from ownersrep.domain.errors import ValidationError
from ownersrep.domain.health.thresholds import MEASURES, Band, Thresholds

D = Decimal


def test_defaults() -> None:
    t = Thresholds()
    assert t.spi == Band(D("0.95"), D("0.85"))
    assert t.cpi == Band(D("0.95"), D("0.90"))
    assert t.finish_variance_days == Band(D("0"), D("10"))
    assert t.overdue_issues == Band(D("0"), D("3"))
    assert t.high_risks == Band(D("0"), D("2"))
    assert t.vac_percent == Band(D("-5"), D("-10"))
    # Every measure is documented and has a field.
    assert all(m.help and m.label for m in MEASURES)
    assert {m.key for m in MEASURES} == set(t.to_dict())


def test_dict_round_trip_is_exact_and_json_ready() -> None:
    t = replace(Thresholds(), cpi=Band(D("0.97"), D("0.93")), high_risks=Band(D("1"), D("4")))
    data = t.to_dict()
    assert data["cpi"] == {"green": "0.97", "amber": "0.93"}
    assert Thresholds.from_dict(data) == t
    assert Thresholds.from_dict(json.loads(json.dumps(data))) == t


def test_from_dict_fills_gaps_with_defaults_and_ignores_unknown_keys() -> None:
    t = Thresholds.from_dict({"spi": {"green": "0.9"}, "quality": {"green": "1"}})
    assert t.spi == Band(D("0.9"), D("0.85"))
    assert t.cpi == Thresholds().cpi
    assert Thresholds.from_dict({}) == Thresholds()


def test_from_dict_takes_json_numbers() -> None:
    t = Thresholds.from_dict({"cpi": {"green": 0.96, "amber": 0.9}, "overdue_issues": {"amber": 5}})
    assert t.cpi == Band(D("0.96"), D("0.9"))
    assert t.overdue_issues == Band(D("0"), D("5"))


@pytest.mark.parametrize(
    ("data", "message"),
    [
        # Higher is better: the amber bound may not sit above green.
        (
            {"cpi": {"green": "0.95", "amber": "0.97"}},
            "CPI amber: must not be better than green (0.95): at or below it, not 0.97",
        ),
        # Lower is better: the amber bound may not sit below green.
        (
            {"overdue_issues": {"green": "2", "amber": "1"}},
            "Overdue issues amber: must not be better than green (2): at or above it, not 1",
        ),
        ({"spi": {"green": "abc"}}, "SPI green: “abc” is not a number"),
        ({"spi": {"green": "NaN"}}, "SPI green: “NaN” is not a number"),
        ({"spi": {"amber": True}}, "SPI amber: “True” is not a number"),
        ({"high_risks": {"amber": "2.5"}}, "High risks amber: must be a whole number, not 2.5"),
        ({"overdue_issues": {"green": "-1"}}, "Overdue issues green: cannot be below 0, not -1"),
        ({"cpi": "0.9"}, "CPI: must give a green and an amber bound"),
    ],
)
def test_bad_thresholds_are_refused_by_name(data: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        Thresholds.from_dict(data)
    assert str(caught.value) == message


def test_not_a_table() -> None:
    with pytest.raises(ValidationError, match="Thresholds: must be a table"):
        Thresholds.from_dict(["spi"])  # type: ignore[arg-type]


def test_equal_bounds_are_allowed_and_negative_finish_variance_too() -> None:
    # green == amber leaves no amber band; a negative finish variance demands being early.
    t = Thresholds.from_dict(
        {"cpi": {"green": "0.9", "amber": "0.9"}, "finish_variance_days": {"green": "-5"}}
    )
    assert t.cpi == Band(D("0.9"), D("0.9"))
    assert t.finish_variance_days.green == D("-5")


def test_building_directly_validates_too() -> None:
    with pytest.raises(ValidationError, match="SPI amber"):
        Thresholds(spi=Band(D("0.80"), D("0.90")))
    with pytest.raises(ValidationError, match="CPI green: must be a finite Decimal"):
        Thresholds(cpi=Band(0.95, D("0.9")))  # type: ignore[arg-type]
