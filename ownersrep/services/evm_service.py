"""Earned value of a project at its status date, its S-curve, and the workspace's choice
of EAC formula.

- PV: the cost budget spread over the leaf tasks (see health_compute) and each task's
  share over the working days of its compared-baseline dates (its current dates when
  the project is compared with no baseline).
- EV: each leaf's budget × its percent complete.
- AC: certified pay applications whose period ends on or before the status date.
- The status date is the project's, or today when it has none.

Example: one 10-day task with a budget of 10,000.00, 40 % done, status date at the end
of its 5th working day, 4,500.00 certified: PV 5,000.00, EV 4,000.00, AC 4,500.00,
SPI 0.80, CPI 0.89.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import PeriodSnapshot
from ownersrep.domain.cost.amounts import total
from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.errors import NotFoundError
from ownersrep.domain.evm import (
    EacMethod,
    EvmFigures,
    SCurve,
)
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.cost_ledger import certified_by_period, load_inputs
from ownersrep.services.health_compute import evm_of
from ownersrep.services.health_facts import ProjectFacts, load_facts
from ownersrep.services.health_settings import (
    eac_method_from,
    load_eac_method,
    store_eac_method,
)
from ownersrep.services.health_types import ENTITY_HEALTH
from ownersrep.services.period_codec import decode
from ownersrep.services.s_curve_points import compose_s_curve


def project_facts(s: Session, project_id: int, today: date) -> ProjectFacts:
    facts = load_facts(s, [project_id], today).get(project_id)
    if facts is None:
        raise NotFoundError("project", project_id)
    return facts


def bottom_up_etc(s: Session, project_id: int) -> Decimal | None:
    """The estimate to complete summed over the cost lines (entered, or derived as
    revised − certified), for the bottom-up EAC; None without cost lines."""
    inputs = load_inputs(s, project_id)
    cost_ids = [line.id for line in inputs.lines if line.kind is BudgetLineKind.COST]
    if not cost_ids:
        return None
    figures = inputs.figures()
    return total(figures.lines[i].etc for i in cost_ids)


def figures_in(s: Session, facts: ProjectFacts) -> EvmFigures | None:
    """The project's figures by the workspace's EAC formula (every formula can be asked
    of the result with `eac_by` / `eacs`)."""
    method = load_eac_method(s)
    if not facts.lines:
        return None
    return evm_of(facts, method, bottom_up_etc(s, facts.project_id))


class EvmService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- queries ---------------------------------------------------------------------
    def figures(self, project_id: int) -> EvmFigures | None:
        """BAC, PV, EV, AC and all that follows at the status date; None when the
        project has no cost budget."""
        with self._ctx.sessions() as s:
            return figures_in(s, project_facts(s, project_id, self._ctx.today()))

    def s_curve(self, project_id: int) -> SCurve:
        """Cumulative PV, EV and AC on weekly (projects up to about six months) or
        monthly sample dates. EV is known at each closed period and at the status date,
        AC at each pay application period up to the status date. Empty without a cost
        budget."""
        with self._ctx.sessions() as s:
            facts = project_facts(s, project_id, self._ctx.today())
            evm = figures_in(s, facts)
            if evm is None:
                return SCurve()
            closed = [
                decode(row[0], project_id, row[1], row[2], row[3], row[4])
                for row in s.execute(
                    select(
                        PeriodSnapshot.id,
                        PeriodSnapshot.period,
                        PeriodSnapshot.closed_on,
                        PeriodSnapshot.kpis,
                        PeriodSnapshot.rags,
                    ).where(PeriodSnapshot.project_id == project_id)
                )
            ]
            certified = certified_by_period(s, project_id)
        return compose_s_curve(facts, evm, closed, certified)

    def eac_method(self) -> EacMethod:
        """The workspace's EAC formula (BAC ÷ CPI unless changed)."""
        with self._ctx.sessions() as s:
            return load_eac_method(s)

    # -- edits -----------------------------------------------------------------------
    def set_eac_method(self, method: EacMethod | str) -> Outcome[EacMethod]:
        """Choose the EAC formula for the workspace; returns the previous one (undo:
        set it back)."""
        chosen = eac_method_from(method)
        with self._ctx.sessions.begin() as s:
            old = load_eac_method(s)
            store_eac_method(s, chosen)
        return Outcome(old, Changes.of(ENTITY_HEALTH))
