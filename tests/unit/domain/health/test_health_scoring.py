"""Prioritisation: weighted 0–100 scores, inverted criteria, validation, stable ranking."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownersrep.domain.errors import ValidationError
from ownersrep.domain.health.scoring import (
    DEFAULT_CRITERIA,
    Criterion,
    Ranked,
    criteria_from_list,
    criteria_to_list,
    rank,
    score,
    validate_criteria,
)

D = Decimal


def ratings(fit: int, value: int, risk: int, urgency: int, resources: int) -> dict[str, int]:
    return {
        "strategic_fit": fit,
        "value": value,
        "risk": risk,
        "urgency": urgency,
        "resource_need": resources,
    }


def test_default_weights_add_up_to_100() -> None:
    assert [(c.key, c.weight, c.inverted) for c in DEFAULT_CRITERIA] == [
        ("strategic_fit", 30, False),
        ("value", 25, False),
        ("risk", 15, True),
        ("urgency", 15, False),
        ("resource_need", 15, True),
    ]
    assert validate_criteria(DEFAULT_CRITERIA) == DEFAULT_CRITERIA


def test_a_hand_worked_score() -> None:
    # Fit 5 → 4/4 of 30 = 30; value 4 → 3/4 of 25 = 18.75; risk 2 (inverted) → 3/4 of 15
    # = 11.25; urgency 3 → 2/4 of 15 = 7.5; resource need 4 (inverted) → 1/4 of 15 = 3.75.
    # 30 + 18.75 + 11.25 + 7.5 + 3.75 = 71.25 → 71.3 (one place, half up).
    assert score(ratings(5, 4, 2, 3, 4)) == D("71.3")


def test_score_range() -> None:
    assert score(ratings(5, 5, 1, 5, 1)) == D("100.0")  # best on every count
    assert score(ratings(1, 1, 5, 1, 5)) == D("0.0")  # worst on every count
    assert score(ratings(3, 3, 3, 3, 3)) == D("50.0")


def test_a_high_risk_lowers_the_score() -> None:
    # Only risk changes, 1 → 5: loses all 15 points of its weight.
    assert score(ratings(4, 4, 1, 4, 2)) - score(ratings(4, 4, 5, 4, 2)) == D("15.0")


@pytest.mark.parametrize(
    ("given", "message"),
    [
        ({"risk": 7}, "Risk: must be between 1 and 5, not 7"),
        ({"value": 0}, "Value: must be between 1 and 5, not 0"),
        ({"urgency": True}, "Urgency: must be between 1 and 5, not True"),
        ({"urgency": "3"}, "Urgency: must be between 1 and 5, not 3"),
        ({"strategic_fit": None}, "Strategic fit: needs a rating from 1 to 5"),
    ],
)
def test_bad_ratings_are_refused_by_name(given: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        score({**ratings(3, 3, 3, 3, 3), **given})  # type: ignore[dict-item]
    assert str(caught.value) == message


def test_ratings_of_unknown_criteria_are_ignored() -> None:
    assert score({**ratings(3, 3, 3, 3, 3), "legacy": 9}) == D("50.0")


@pytest.mark.parametrize(
    ("criteria", "message"),
    [
        ([Criterion("a", "A", 60), Criterion("b", "B", 35)], "Weights: must add up to 100, not 95"),
        ([Criterion("a", "A", 50), Criterion("a", "B", 50)], "Criteria: “a” appears twice"),
        ([Criterion("a", "A", 110), Criterion("b", "B", -10)], "A weight: must be a whole"),
        ([Criterion(" ", "A", 100)], "Criteria: each needs a key and a label"),
        ([], "Criteria: at least one is needed"),
    ],
)
def test_bad_criteria_are_refused(criteria: list[Criterion], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        validate_criteria(criteria)


def test_custom_criteria() -> None:
    # Cost 70 %, rated 5 → 70; delay 30 % inverted, rated 2 → 3/4 of 30 = 22.5 → 92.5.
    criteria = [Criterion("cost", "Cost", 70), Criterion("delay", "Delay", 30, inverted=True)]
    assert score({"cost": 5, "delay": 2}, criteria) == D("92.5")


def test_rank_highest_first_ties_share_a_place_in_given_order() -> None:
    scored = [
        ("Clinic", D("71.3")),
        ("ERP", D("80.0")),
        ("Depot", D("71.3")),
        ("HQ", None),
        ("Lab", D("50.0")),
    ]
    ranked = rank(scored)
    assert ranked == [
        Ranked(1, "ERP", D("80.0")),
        Ranked(2, "Clinic", D("71.3")),  # a tie keeps the given order ...
        Ranked(2, "Depot", D("71.3")),  # ... and shares the place
        Ranked(4, "Lab", D("50.0")),
        Ranked(None, "HQ", None),  # not scored: last, no place
    ]
    assert rank([]) == []


def test_criteria_round_trip() -> None:
    data = criteria_to_list(DEFAULT_CRITERIA)
    assert data[2] == {"key": "risk", "label": "Risk", "weight": 15, "inverted": True}
    assert criteria_from_list(data) == DEFAULT_CRITERIA


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("strategic_fit", "Criteria: must be a list"),
        ([{"key": "a"}], "Criteria: each must give a key, a label and a weight"),
        ([{"key": "a", "label": "A", "weight": "100"}], "A weight: must be a whole number"),
        ([{"key": "a", "label": "A", "weight": 100, "inverted": "no"}], "A inverted"),
    ],
)
def test_malformed_criteria_are_refused(data: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        criteria_from_list(data)
