"""Scoring on the 5×5 matrix and the owner-side bands (1-4 low, 5-12 medium, 15-25 high)."""

from __future__ import annotations

import pytest

from ownersrep.domain.risk_rules import SCALE, RiskLevel, risk_level, risk_score


@pytest.mark.parametrize(
    ("probability", "impact", "score"),
    [(1, 1, 1), (2, 3, 6), (3, 2, 6), (4, 5, 20), (5, 5, 25)],
)
def test_score_is_probability_times_impact(probability: int, impact: int, score: int) -> None:
    assert risk_score(probability, impact) == score


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (1, RiskLevel.LOW),
        (4, RiskLevel.LOW),
        (5, RiskLevel.MEDIUM),
        (12, RiskLevel.MEDIUM),
        (15, RiskLevel.HIGH),
        (25, RiskLevel.HIGH),
    ],
)
def test_band_edges(score: int, level: RiskLevel) -> None:
    assert risk_level(score) is level


def test_every_cell_of_the_matrix_falls_in_one_band() -> None:
    levels = [[risk_level(risk_score(p, i)) for i in SCALE] for p in SCALE]
    # Row by row, probability 1 → 5; columns impact 1 → 5.
    assert [[lv.value[0] for lv in row] for row in levels] == [
        ["l", "l", "l", "l", "m"],
        ["l", "l", "m", "m", "m"],
        ["l", "m", "m", "m", "h"],
        ["l", "m", "m", "h", "h"],
        ["m", "m", "h", "h", "h"],
    ]
    # 13 and 14 are not products of two numbers 1-5, so the bands leave no gap.
    assert {risk_score(p, i) for p in SCALE for i in SCALE}.isdisjoint({13, 14})


def test_scale_is_one_to_five() -> None:
    assert list(SCALE) == [1, 2, 3, 4, 5]


def test_review_overdue_only_for_risks_still_open() -> None:
    from datetime import date

    from ownersrep.domain.enums import RiskStatus
    from ownersrep.domain.risk_rules import is_review_overdue

    today = date(2026, 11, 20)
    assert is_review_overdue(RiskStatus.OPEN, date(2026, 11, 19), today)
    assert not is_review_overdue(RiskStatus.OPEN, date(2026, 11, 20), today)
    assert not is_review_overdue(RiskStatus.CLOSED, date(2026, 1, 1), today)
    assert not is_review_overdue(RiskStatus.MONITORING, None, today)
