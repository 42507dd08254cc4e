"""Risk scoring on a 5×5 matrix."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from ownersrep.domain.enums import RiskStatus

SCALE = range(1, 6)

# The words of the 5×5 matrix, shared by the register, its dialog and (later) the report.
PROBABILITY_LABELS = {1: "Rare", 2: "Unlikely", 3: "Possible", 4: "Likely", 5: "Almost certain"}
IMPACT_LABELS = {1: "Negligible", 2: "Minor", 3: "Moderate", 4: "Major", 5: "Severe"}


class RiskLevel(StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


def risk_score(probability: int, impact: int) -> int:
    return probability * impact


def risk_level(score: int) -> RiskLevel:
    # Common owner-side bands: 1-4 low, 5-12 medium, 15-25 high.
    if score >= 15:
        return RiskLevel.HIGH
    if score >= 5:
        return RiskLevel.MEDIUM
    return RiskLevel.LOW


LEVEL_BANDS = {RiskLevel.LOW: "1–4", RiskLevel.MEDIUM: "5–12", RiskLevel.HIGH: "15–25"}


def is_review_overdue(status: RiskStatus, review_on: date | None, today: date) -> bool:
    """A review date in the past, on a risk that is not closed."""
    return review_on is not None and status is not RiskStatus.CLOSED and review_on < today
