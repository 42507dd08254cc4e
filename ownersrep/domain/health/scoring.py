"""Prioritisation: a weighted score of 0–100 per project, and the ranked list.

Each criterion is rated 1–5 and weighted in percent; the weights add up to 100. A rating
earns (rating − 1) ÷ 4 of its weight, so all 1s score 0 and all 5s score 100. For the
inverted criteria (risk, resource need) a high rating is bad and earns (5 − rating) ÷ 4:
a risky or resource-hungry project scores lower, everything else being equal.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Generic, TypeVar

from ownersrep.domain.errors import ValidationError

T = TypeVar("T")

RATING_SCALE = range(1, 6)
TOTAL_WEIGHT = 100
SCORE_PLACES = Decimal("0.1")
_STEPS = RATING_SCALE.stop - RATING_SCALE.start - 1  # 4 steps from 1 to 5


@dataclass(frozen=True, slots=True)
class Criterion:
    key: str
    label: str
    weight: int  # percent of the score; a set of criteria adds up to 100
    inverted: bool = False  # a high rating lowers the score (risk, resource need)


DEFAULT_CRITERIA: tuple[Criterion, ...] = (
    Criterion("strategic_fit", "Strategic fit", 30),
    Criterion("value", "Value", 25),
    Criterion("risk", "Risk", 15, inverted=True),
    Criterion("urgency", "Urgency", 15),
    Criterion("resource_need", "Resource need", 15, inverted=True),
)


def validate_criteria(criteria: Sequence[Criterion]) -> tuple[Criterion, ...]:
    """The criteria as a tuple, or ValidationError naming what is wrong."""
    if not criteria:
        raise ValidationError("Criteria", "at least one is needed")
    seen: set[str] = set()
    for criterion in criteria:
        if not criterion.key.strip() or not criterion.label.strip():
            raise ValidationError("Criteria", "each needs a key and a label")
        if criterion.key in seen:
            raise ValidationError("Criteria", f"“{criterion.key}” appears twice")
        seen.add(criterion.key)
        weight = criterion.weight
        if isinstance(weight, bool) or not isinstance(weight, int) or not 0 <= weight <= 100:
            raise ValidationError(
                f"{criterion.label} weight", f"must be a whole number from 0 to 100, not {weight}"
            )
    total = sum(criterion.weight for criterion in criteria)
    if total != TOTAL_WEIGHT:
        raise ValidationError("Weights", f"must add up to {TOTAL_WEIGHT}, not {total}")
    return tuple(criteria)


def score(ratings: Mapping[str, int], criteria: Sequence[Criterion] = DEFAULT_CRITERIA) -> Decimal:
    """The weighted score 0–100, to one decimal place (half up).

    Every criterion needs a rating from 1 to 5 (ValidationError naming the criterion);
    ratings of criteria not in the set are ignored."""
    total = 0
    for criterion in validate_criteria(criteria):
        rating = ratings.get(criterion.key)
        if rating is None:
            raise ValidationError(criterion.label, "needs a rating from 1 to 5")
        if isinstance(rating, bool) or not isinstance(rating, int) or rating not in RATING_SCALE:
            raise ValidationError(criterion.label, f"must be between 1 and 5, not {rating}")
        earned = RATING_SCALE[-1] - rating if criterion.inverted else rating - RATING_SCALE[0]
        total += criterion.weight * earned
    return (Decimal(total) / _STEPS).quantize(SCORE_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True, slots=True)
class Ranked(Generic[T]):
    """A place in the ranking: equal scores share a position (1, 2, 2, 4); unscored
    items come last with no position."""

    position: int | None
    item: T
    score: Decimal | None


def rank(scored: Iterable[tuple[T, Decimal | None]]) -> list[Ranked[T]]:
    """Highest score first. Ties keep the order they were given in (stable)."""
    pairs = list(scored)
    with_score = sorted(
        ((item, value) for item, value in pairs if value is not None),
        key=lambda pair: -pair[1],
    )
    ranking: list[Ranked[T]] = []
    previous: Decimal | None = None
    position = 0
    for count, (item, value) in enumerate(with_score, start=1):
        if value != previous:
            position, previous = count, value
        ranking.append(Ranked(position, item, value))
    ranking.extend(Ranked(None, item, None) for item, value in pairs if value is None)
    return ranking


def criteria_to_list(criteria: Sequence[Criterion]) -> list[dict[str, object]]:
    """For storing as a workspace setting (JSON-ready)."""
    return [
        {"key": c.key, "label": c.label, "weight": c.weight, "inverted": c.inverted}
        for c in criteria
    ]


def criteria_from_list(data: object) -> tuple[Criterion, ...]:
    """The reverse of criteria_to_list, validated; ValidationError on anything malformed."""
    if not isinstance(data, list):
        raise ValidationError("Criteria", "must be a list")
    criteria = []
    for entry in data:
        if not isinstance(entry, Mapping):
            raise ValidationError("Criteria", "each must give a key, a label and a weight")
        key, label = entry.get("key"), entry.get("label")
        weight, inverted = entry.get("weight"), entry.get("inverted", False)
        if not isinstance(key, str) or not isinstance(label, str):
            raise ValidationError("Criteria", "each must give a key, a label and a weight")
        if not isinstance(inverted, bool):
            raise ValidationError(f"{label} inverted", f"must be true or false, not {inverted}")
        criteria.append(Criterion(key, label, weight, inverted))  # type: ignore[arg-type]
    return validate_criteria(criteria)
