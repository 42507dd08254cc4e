"""The portfolio dashboard: one row per project with its RAG status per area and overall,
CPI, SPI, variance at completion, next milestone and open issues.

It must fill in quickly for a whole portfolio, so it reads every project's facts with
the same handful of grouped column selects (health_facts), never service by service,
and works the figures out with the very functions the EVM and health services use, so a
row always agrees with the project's own page.
"""

from __future__ import annotations

from collections.abc import Iterable

from ownersrep.domain.evm import EacMethod
from ownersrep.services.context import ServiceContext
from ownersrep.services.evm_service import bottom_up_etc
from ownersrep.services.health_compute import evm_of, health_of, next_milestone
from ownersrep.services.health_facts import load_facts
from ownersrep.services.health_settings import load_eac_method, load_thresholds
from ownersrep.services.health_types import DashboardRow
from ownersrep.services.rag_overrides import load_overrides


class DashboardService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def rows(self, scope_project_ids: Iterable[int] | None = None) -> list[DashboardRow]:
        """The projects in scope (None: the whole portfolio), in portfolio order. Ids of
        projects that no longer exist are left out."""
        scope = None if scope_project_ids is None else list(scope_project_ids)
        rows: list[DashboardRow] = []
        with self._ctx.sessions() as s:
            facts = load_facts(s, scope, self._ctx.today())
            if not facts:
                return rows
            method = load_eac_method(s)
            thresholds = load_thresholds(s)
            overrides = load_overrides(s, list(facts))
            for pid, p in facts.items():
                # The bottom-up EAC needs the ledger's per-line ETC: read only when chosen.
                etc = bottom_up_etc(s, pid) if method is EacMethod.BOTTOM_UP and p.lines else None
                evm = evm_of(p, method, etc)
                health = health_of(p, evm, thresholds, overrides.get(pid, {}))
                milestone = next_milestone(p)
                rows.append(
                    DashboardRow(
                        project_id=pid,
                        code=p.code,
                        name=p.name,
                        currency=p.currency,
                        as_of=p.as_of,
                        areas=health.areas,
                        overall=health.overall,
                        overall_derived=health.overall_derived,
                        cpi=health.kpis.cpi,
                        spi=health.kpis.spi,
                        vac=health.kpis.vac,
                        vac_percent=health.kpis.vac_percent,
                        eac=evm.eac if evm is not None else None,
                        next_milestone=milestone[0] if milestone else "",
                        next_milestone_on=milestone[1] if milestone else None,
                        open_issues=health.kpis.open_issues,
                    )
                )
        return rows
