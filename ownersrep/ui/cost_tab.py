"""The Cost tab: the project's cost ledger. Headline figures and the reconciliation
indicator on top; below, pages for the budget, the commitments with their pay
applications, the change orders, earned value, and the charts.

The tab reads the ledger once per refresh and hands it to the pages. It refreshes from
the ChangeBus only when cost records (or the project, or party names) of its project
change, and only when visible (otherwise when next shown). The charts are built the
first time their page is shown, so matplotlib is not loaded until needed.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QStandardPaths
from PySide6.QtGui import QShowEvent, QUndoStack
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.evm import EvmFigures, SCurve
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.cost_types import COST_ENTITIES, CostLedger
from ownersrep.ui.budget_page import BudgetPage
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.change_orders_page import ChangeOrdersPage
from ownersrep.ui.commitments_page import CommitmentsPage
from ownersrep.ui.cost_summary import CostSummary
from ownersrep.ui.earned_value_page import EarnedValuePage

if TYPE_CHECKING:
    from ownersrep.ui.cost_charts import CostCharts

#: What the tables show: the cost records, and the project (currency) and party names.
TABLE_ENTITIES = (*COST_ENTITIES, "project", "party")
#: What the S-curve also depends on: the tasks' budgets, progress and baselines.
CHART_ENTITIES = ("task", "schedule", "baseline", "health", "period_snapshot")
PAGE_BUDGET, PAGE_COMMITMENTS, PAGE_CHANGES, PAGE_EVM, PAGE_CHARTS = range(5)


class CostTab(QWidget):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._project_id: int | None = None
        self._ledger: CostLedger | None = None
        self._stale = False
        self._charts_stale = True
        self.charts: CostCharts | None = None

        self.summary = CostSummary(self)
        self.export_button = QPushButton("E&xport CSV…", self)
        self.export_button.setToolTip(
            "Save budget lines, commitments, change orders and pay applications to one CSV file"
        )
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        side = QVBoxLayout()
        side.addWidget(self.export_button)
        side.addStretch(1)
        top.addLayout(side)

        self.budget_page = BudgetPage(services, undo_stack, bus, self)
        self.commitments_page = CommitmentsPage(services, undo_stack, bus, self)
        self.changes_page = ChangeOrdersPage(services, undo_stack, bus, self)
        self.evm_page = EarnedValuePage(services, undo_stack, bus, self)
        self.charts_holder = QWidget(self)
        QVBoxLayout(self.charts_holder).setContentsMargins(0, 0, 0, 0)
        self.pages = QTabWidget(self)
        self.pages.setDocumentMode(True)
        self.pages.addTab(self.budget_page, "&Budget")
        self.pages.addTab(self.commitments_page, "Commitments && &payments")
        self.pages.addTab(self.changes_page, "C&hange orders")
        self.pages.addTab(self.evm_page, "Ea&rned value")
        self.pages.addTab(self.charts_holder, "Char&ts")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.pages, 1)

        self.export_button.clicked.connect(self.export_csv)
        self.pages.currentChanged.connect(self._on_pages_current_changed)
        bus.changed.connect(self._on_bus_changed)
        self.set_project(None)

    # -- public --------------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self.export_button.setEnabled(project_id is not None)
        self.reload()

    def project_id(self) -> int | None:
        return self._project_id

    def ledger(self) -> CostLedger | None:
        return self._ledger

    def reload(self) -> None:
        """Read the ledger and show it on every page (the charts when they are shown)."""
        self._stale = False
        pid = self._project_id
        ledger = None if pid is None else self._services.cost.ledger(pid)
        self._ledger = ledger
        currency = "" if pid is None else self._currency_of(ledger)
        problems = [] if pid is None else self._services.cost.reconcile(pid)
        changes = [] if pid is None else self._services.change_orders.list_change_orders(pid)
        pays = [] if pid is None else self._services.pay_applications.list_pay_applications(pid)
        for page in (self.budget_page, self.commitments_page, self.changes_page, self.evm_page):
            page.set_project(pid, currency)
        self.budget_page.show_ledger(ledger)
        self.commitments_page.show_data(ledger, pays)
        self.changes_page.show_data(ledger, changes)
        evm = self._evm_figures()
        self.summary.show_figures(ledger, problems, evm)
        self.evm_page.show_figures(evm)
        self._charts_stale = True
        if self.pages.currentIndex() == PAGE_CHARTS:
            self.refresh_charts()

    def refresh_charts(self) -> None:
        """Build the chart panel if need be, then redraw it from the ledger."""
        if self.charts is None:
            from ownersrep.ui.cost_charts import CostCharts

            self.charts = CostCharts(self.charts_holder)
            layout = self.charts_holder.layout()
            assert layout is not None
            layout.addWidget(self.charts)
        self._charts_stale = False
        pid = self._project_id
        curve, status_date = SCurve(), None
        if pid is not None:
            # The earned-value status date: the project's, or today without one.
            status_date = self._services.projects.get(pid).status_date or self._services.ctx.today()
            try:
                curve = self._services.evm.s_curve(pid)
            except OwnersRepError:
                curve = SCurve()
        currency = "" if pid is None else self._currency_of(self._ledger)
        self.charts.show_data(self._ledger, curve, status_date, currency)

    def show_page(self, index: int) -> None:
        self.pages.setCurrentIndex(index)

    def delete_selected(self) -> None:
        """The main window's Delete: on the page shown."""
        page = self.pages.currentWidget()
        if isinstance(page, BudgetPage | CommitmentsPage | ChangeOrdersPage):
            page.delete_selected()

    def export_csv(self) -> Path | None:
        """Ask where, then write the whole ledger to one CSV file."""
        if self._project_id is None:
            return None
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = f"{self._export_stem()} cost {self._services.ctx.today():%Y-%m-%d}.csv"
        suggested = str(Path(folder) / name) if folder else name
        path_text, _chosen = QFileDialog.getSaveFileName(
            self, "Export the cost ledger to CSV", suggested, "CSV files (*.csv);;All files (*)"
        )
        if not path_text:
            return None
        path = Path(path_text)
        if path.suffix.lower() != ".csv":
            path = path.with_suffix(".csv")
        try:
            self._services.cost.export_csv(self._project_id, path)
        except (OSError, OwnersRepError) as err:
            detail = err.strerror if isinstance(err, OSError) and err.strerror else str(err)
            QMessageBox.warning(self, "Cannot export", f"{path}: {detail}")
            return None
        return path

    # -- internals -----------------------------------------------------------------------
    def _currency_of(self, ledger: CostLedger | None) -> str:
        """The ledger's (the project's) currency, else the workspace's."""
        if ledger is not None and ledger.currency:
            return ledger.currency
        return self._services.info.get().currency

    def _evm_figures(self) -> EvmFigures | None:
        if self._project_id is None:
            return None
        try:
            return self._services.evm.figures(self._project_id)
        except OwnersRepError:
            return None

    def _export_stem(self) -> str:
        assert self._project_id is not None
        project = self._services.projects.get(self._project_id)
        raw = project.code or project.name
        return (
            "".join(ch if ch.isalnum() or ch in " -_" else "_" for ch in raw).strip() or "Project"
        )

    # -- slots ---------------------------------------------------------------------------
    def _on_pages_current_changed(self, index: int) -> None:
        if index == PAGE_CHARTS and (self._charts_stale or self.charts is None):
            self.refresh_charts()

    def _on_bus_changed(self, changes: Changes) -> None:
        pid = self._project_id
        if pid is None:
            return
        if any(changes.touches(entity, pid) for entity in TABLE_ENTITIES):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True  # refreshed when shown again
        elif any(changes.touches(entity, pid) for entity in CHART_ENTITIES):
            # Earned value (CPI, SPI, the S-curve) follows the schedule and its progress.
            if self.isVisible():
                evm = self._evm_figures()
                self.summary.show_evm(evm)
                self.evm_page.show_figures(evm)
                self._charts_stale = True
                if self.pages.currentIndex() == PAGE_CHARTS:
                    self.refresh_charts()
            else:
                self._stale = True

    # -- Qt overrides --------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self.reload()
