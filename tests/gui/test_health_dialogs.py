"""The RAG override dialog, the close-the-period dialog and the Overview's health panel,
on the hand-worked clinic (SPI 0.80, CPI 0.89 at Fri 6 Nov 2026)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.close_period_dialog import ClosePeriodDialog, kpi_text
from ownersrep.ui.health_panel import HealthPanel
from ownersrep.ui.overview_tab import OverviewTab
from ownersrep.ui.rag_override_dialog import RagOverrideDialog
from tests.helpers.health_world import Clinic, clinic

WHY = "Excavation resumed with a second crew; the CM's lookahead recovers the lost week."


@pytest.fixture
def world(ctx: ServiceContext) -> Clinic:
    return clinic(ctx)


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def warn(_parent: object, title: str, text: str, *args: object) -> None:
        shown.append((title, text))

    monkeypatch.setattr(QMessageBox, "warning", warn)
    return shown


def override_dialog(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus, area: str | None = None
) -> RagOverrideDialog:
    dialog = RagOverrideDialog(world.app, stack, bus, world.project_id, area)
    qtbot.addWidget(dialog)
    return dialog


# -- the RAG override dialog --------------------------------------------------------------
def test_override_dialog_shows_the_derived_status_and_saves_an_override(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus
) -> None:
    dialog = override_dialog(qtbot, world, stack, bus)
    assert dialog.area() is Area.SCHEDULE  # the worst area comes first
    text = dialog.derived_label.text()
    assert "Red" in text and "SPI 0.80" in text and "green ≥ 0.95" in text
    assert dialog.current_label.text().startswith("None")
    assert not dialog.clear_button.isEnabled()
    dialog.rag_combo.setCurrentIndex(dialog.rag_combo.findData("amber"))
    dialog.commentary_edit.setPlainText(WHY)
    dialog.accept()
    assert dialog.result() == RagOverrideDialog.DialogCode.Accepted
    status = world.app.health.status(world.project_id).area(Area.SCHEDULE)
    assert (status.derived, status.override, status.commentary) == (Rag.RED, Rag.AMBER, WHY)
    stack.undo()
    assert world.app.health.overrides(world.project_id) == {}


def test_a_missing_commentary_is_named_and_the_dialog_stays_open(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus, warnings: list
) -> None:
    dialog = override_dialog(qtbot, world, stack, bus, "cost")
    dialog.show()
    dialog.rag_combo.setCurrentIndex(dialog.rag_combo.findData("green"))
    dialog.accept()
    assert warnings == [("Cannot save", "Commentary: is required to override the cost status")]
    assert dialog.isVisible() and stack.count() == 0


def test_an_existing_override_is_shown_and_can_be_cleared(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus
) -> None:
    world.app.health.set_override(world.project_id, "cost", "amber", WHY)
    dialog = override_dialog(qtbot, world, stack, bus)
    assert dialog.area() is Area.COST  # an overridden area comes first
    assert "Amber" in dialog.current_label.text()
    assert dialog.commentary_edit.toPlainText() == WHY
    assert dialog.rag_combo.currentData() == "amber"
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("risk"))
    assert not dialog.clear_button.isEnabled() and dialog.commentary_edit.toPlainText() == ""
    dialog.area_combo.setCurrentIndex(dialog.area_combo.findData("cost"))
    dialog.clear_button.click()
    assert world.app.health.overrides(world.project_id) == {}
    assert stack.undoText() == "Clear cost override"
    stack.undo()
    assert world.app.health.overrides(world.project_id)[Area.COST].commentary == WHY


# -- closing the period -------------------------------------------------------------------
def test_close_period_dialog_shows_what_is_stored_and_closes(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus
) -> None:
    dialog = ClosePeriodDialog(world.app, stack, bus, world.project_id)
    qtbot.addWidget(dialog)
    assert dialog.period() == "2026-11"  # the month of the status date
    stored = dialog.stored_label.text()
    for word in ("Overall", "Schedule", "SPI", "0.80", "CPI", "0.89", "Contingency used"):
        assert word in stored
    assert dialog.closed_label.text() == "None yet" and not dialog.note_label.isVisibleTo(dialog)
    dialog.accept()
    [snap] = world.app.health.snapshots(world.project_id)
    assert snap.period == "2026-11" and snap.kpis.cpi == Decimal("0.89")
    stack.undo()
    assert world.app.health.snapshots(world.project_id) == []
    stack.redo()
    assert [s.period for s in world.app.health.snapshots(world.project_id)] == ["2026-11"]


def test_closing_a_closed_period_is_explained(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus, warnings: list
) -> None:
    world.app.health.close_period(world.project_id, "2026-11")
    dialog = ClosePeriodDialog(world.app, stack, bus, world.project_id)
    qtbot.addWidget(dialog)
    assert "2026-11 (closed 20 Nov 2026)" in dialog.closed_label.text()
    assert dialog.note_label.isVisibleTo(dialog)
    dialog.accept()
    assert warnings and warnings[0][1].startswith("Period: 2026-11 was already closed")
    dialog.period_edit.setText("2026-10")
    assert not dialog.note_label.isVisibleTo(dialog)
    dialog.accept()
    periods = [s.period for s in world.app.health.snapshots(world.project_id)]
    assert periods == ["2026-11", "2026-10"]


def test_kpi_text_reads_like_a_report() -> None:
    assert kpi_text("vac", Decimal("-1250.5")) == "-1,250.50"
    assert kpi_text("vac_percent", Decimal("-4.5")) == "-4.5 %"
    assert kpi_text("open_issues", 1200) == "1,200"
    assert kpi_text("cpi", None) == "—"


# -- the health panel ---------------------------------------------------------------------
def test_health_panel_shows_statuses_kpis_and_the_trend(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus
) -> None:
    panel = HealthPanel(world.app, stack, bus)
    qtbot.addWidget(panel)
    panel.show()
    panel.set_project(world.project_id)
    assert "Red" in panel.overall_label.text()
    assert "Red" in panel.area_labels[Area.SCHEDULE].text()
    assert "CPI <b>0.89</b>" in panel.kpi_label.text()
    assert panel.trend_label.text().startswith("No closed period yet")
    world.app.health.close_period(world.project_id, "2026-10")
    out = world.app.health.set_override(world.project_id, "schedule", "amber", WHY)
    bus.changed.emit(out.changes)
    assert "Amber (override)" in panel.area_labels[Area.SCHEDULE].text()
    assert "derived Red" in panel.derived_labels["Schedule"].text()
    assert panel.trend_label.text().startswith("Only 2026-10 is closed")
    world.app.health.close_period(world.project_id, "2026-11")
    bus.changed.emit(out.changes)
    trend = panel.trend_label.text()
    assert "2026-10" in trend and "2026-11" in trend and "▲" in trend  # schedule red → amber
    panel.set_project(None)
    assert not panel.isEnabled()


def test_the_overview_shows_the_health_panel_of_its_project(
    qtbot: QtBot, world: Clinic, stack: QUndoStack, bus: ChangeBus, monkeypatch: pytest.MonkeyPatch
) -> None:
    tab = OverviewTab(world.app, stack, bus)
    qtbot.addWidget(tab)
    tab.show()
    tab.set_project(world.project_id)
    panel = tab.health_panel
    assert panel.isEnabled() and "CPI <b>0.89</b>" in panel.kpi_label.text()
    opened: list[str] = []
    monkeypatch.setattr(RagOverrideDialog, "exec", lambda d: opened.append(d.area().value))
    monkeypatch.setattr(ClosePeriodDialog, "exec", lambda d: opened.append(d.period()))
    panel.override_button.click()
    panel.close_button.click()
    assert opened == ["schedule", "2026-11"]
    tab.set_project(None)
    assert not panel.isEnabled()
