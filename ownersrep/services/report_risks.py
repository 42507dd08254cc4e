"""The risks section: the ten open risks (not closed) with the highest score, and the
5×5 heat map of the open risks."""

from __future__ import annotations

from ownersrep.domain.enums import RiskCategory, RiskResponse, RiskStatus
from ownersrep.domain.risk_rules import SCALE, risk_level, risk_score
from ownersrep.services.report_inputs import ProjectInputs, RiskFact
from ownersrep.services.report_types import RiskLine, Risks

TOP_RISKS = 10
_CLOSED = RiskStatus.CLOSED.value


def _label(enum: type, value: str) -> str:
    try:
        return enum(value).label
    except ValueError:
        return value


def risk_line(r: RiskFact) -> RiskLine:
    score = risk_score(r.probability, r.impact)
    return RiskLine(
        number=r.number,
        title=r.title,
        category=_label(RiskCategory, r.category),
        probability=r.probability,
        impact=r.impact,
        score=score,
        level=risk_level(score).value.capitalize(),
        response=_label(RiskResponse, r.response),
        mitigation=r.mitigation,
        owner=r.owner,
        status=_label(RiskStatus, r.status),
    )


def risks_of(inp: ProjectInputs) -> Risks:
    open_risks = [r for r in inp.risks if r.status != _CLOSED]
    ranked = sorted(open_risks, key=lambda r: (-risk_score(r.probability, r.impact), r.number))
    counts = [[0] * len(SCALE) for _ in SCALE]
    for r in open_risks:
        counts[r.probability - 1][r.impact - 1] += 1
    return Risks(
        top=tuple(risk_line(r) for r in ranked[:TOP_RISKS]),
        heat_map=tuple(tuple(row) for row in counts),
    )
