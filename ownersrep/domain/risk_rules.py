"""Risk scoring on a 5×5 matrix."""

from __future__ import annotations

from enum import StrEnum

SCALE = range(1, 6)


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
