"""The heat map widget (mouse, keyboard, tooltips, painting, size) and the Risks tab's
table filtered by it."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QColor, QHelpEvent, QUndoStack
from PySide6.QtWidgets import QToolTip

from ownersrep.domain.enums import RiskStatus
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.risk_heat_map import RiskHeatMap
from ownersrep.ui.risk_table_model import COL_NUMBER
from ownersrep.ui.risks_tab import RisksTab

EMPTY = [[0] * 5 for _ in range(5)]


@pytest.fixture
def heat_map(qtbot) -> RiskHeatMap:  # type: ignore[no-untyped-def]
    w = RiskHeatMap()
    qtbot.addWidget(w)
    w.resize(w.sizeHint())
    w.show()
    qtbot.waitExposed(w)
    return w


def click(qtbot, w: RiskHeatMap, cell: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(w, Qt.MouseButton.LeftButton, pos=w.cell_rect(cell).center())


def test_cells_are_laid_out_probability_up_impact_across(heat_map: RiskHeatMap) -> None:
    low, high = heat_map.cell_rect((1, 1)), heat_map.cell_rect((5, 5))
    assert high.top() < low.top()  # probability 5 is the top row
    assert high.left() > low.left()  # impact 5 is the right column
    assert heat_map.cell_rect((5, 1)).left() == low.left()
    assert heat_map.cell_rect((1, 5)).top() == low.top()
    for p in range(1, 6):
        for i in range(1, 6):
            assert heat_map.cell_at(heat_map.cell_rect((p, i)).center()) == (p, i)
    assert heat_map.cell_at(QPoint(1, 1)) is None  # the axis labels are not a cell


@pytest.mark.parametrize("cell", [(1, 1), (4, 2), (5, 5), (2, 5)])
def test_click_emits_the_cell_and_click_again_clears(
    qtbot,
    heat_map: RiskHeatMap,
    cell: tuple[int, int],  # type: ignore[no-untyped-def]
) -> None:
    with qtbot.waitSignal(heat_map.cell_clicked) as sig:
        click(qtbot, heat_map, cell)
    assert sig.args == [cell]
    assert heat_map.selected() == cell
    with qtbot.waitSignal(heat_map.cell_clicked) as sig:
        click(qtbot, heat_map, cell)
    assert sig.args == [None]
    assert heat_map.selected() is None


def test_click_outside_the_grid_emits_nothing(qtbot, heat_map: RiskHeatMap) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(heat_map.cell_clicked):
        qtbot.mouseClick(heat_map, Qt.MouseButton.LeftButton, pos=QPoint(2, 2))


def test_keyboard_moves_focus_and_toggles(qtbot, heat_map: RiskHeatMap) -> None:  # type: ignore[no-untyped-def]
    heat_map.setFocus()
    assert heat_map.focused_cell() == (3, 3)
    for key in (Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Up, Qt.Key.Key_Right):
        qtbot.keyClick(heat_map, key)
    assert heat_map.focused_cell() == (5, 4)  # clamped at the top row
    with qtbot.waitSignal(heat_map.cell_clicked) as sig:
        qtbot.keyClick(heat_map, Qt.Key.Key_Return)
    assert sig.args == [(5, 4)]
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Left):
        qtbot.keyClick(heat_map, key)
    with qtbot.waitSignal(heat_map.cell_clicked) as sig:
        qtbot.keyClick(heat_map, Qt.Key.Key_Space)
    assert sig.args == [(4, 2)]
    with qtbot.waitSignal(heat_map.cell_clicked) as sig:
        qtbot.keyClick(heat_map, Qt.Key.Key_Enter)
    assert sig.args == [None]
    click(qtbot, heat_map, (2, 2))
    with qtbot.waitSignal(heat_map.cell_clicked) as sig:
        qtbot.keyClick(heat_map, Qt.Key.Key_Escape)
    assert sig.args == [None]
    assert "Probability 2 (Unlikely) × Impact 2 (Minor)" in heat_map.accessibleDescription()


def test_set_selected_does_not_emit(qtbot, heat_map: RiskHeatMap) -> None:  # type: ignore[no-untyped-def]
    with qtbot.assertNotEmitted(heat_map.cell_clicked):
        heat_map.set_selected((2, 3))
        heat_map.set_selected(None)
    with pytest.raises(ValueError, match="no cell"):
        heat_map.set_selected((0, 6))
    with pytest.raises(ValueError, match="5 rows of 5"):
        heat_map.set_counts([[1, 2]])


def test_tooltips_list_the_numbers(qtbot, heat_map: RiskHeatMap) -> None:  # type: ignore[no-untyped-def]
    counts = [row[:] for row in EMPTY]
    numbers: list[list[list[str]]] = [[[] for _ in range(5)] for _ in range(5)]
    counts[3][4] = 2
    numbers[3][4] = ["RSK-002", "RSK-009"]
    counts[0][0] = 20
    numbers[0][0] = [f"RSK-{n:03d}" for n in range(1, 21)]
    heat_map.set_counts(counts, numbers)
    tip = heat_map.tooltip_for((4, 5))
    assert tip.splitlines() == [
        "Probability 4 (Likely) × Impact 5 (Severe): score 20, high",
        "2 risks",
        "RSK-002, RSK-009",
        "Click to show only these risks",
    ]
    assert "RSK-015 and 5 more" in heat_map.tooltip_for((1, 1))
    assert "No risks" in heat_map.tooltip_for((3, 3))
    # A real tooltip event shows the cell's text.
    qtbot.mouseMove(heat_map, heat_map.cell_rect((4, 5)).center())
    centre = heat_map.cell_rect((4, 5)).center()
    heat_map.event(QHelpEvent(QEvent.Type.ToolTip, centre, heat_map.mapToGlobal(centre)))
    assert "RSK-002, RSK-009" in QToolTip.text()


def test_cells_are_painted_in_their_level_colours(heat_map: RiskHeatMap) -> None:
    counts = [[1] * 5 for _ in range(5)]
    heat_map.set_counts(counts)
    heat_map.set_selected((3, 3))
    image = heat_map.grab().toImage()

    def colour(cell: tuple[int, int]) -> QColor:
        rect = heat_map.cell_rect(cell)
        return image.pixelColor(rect.left() + 6, rect.top() + 6)  # a corner, off the digit

    low, medium, high = colour((1, 1)), colour((3, 2)), colour((5, 5))
    assert low.green() > low.red() and low.green() > low.blue()  # green
    assert medium.red() > medium.blue() and medium.green() > medium.blue()  # amber
    assert high.red() > high.green() + 60  # red
    # The selected cell is ringed in the palette's highlight colour.
    ring = heat_map.cell_rect((3, 3)).adjusted(-2, 0, 0, 0)
    highlight = heat_map.palette().highlight().color()
    px = image.pixelColor(ring.left(), ring.center().y())
    assert abs(px.blue() - highlight.blue()) < 40 and abs(px.red() - highlight.red()) < 40


def test_size_hint_leaves_room_for_every_label(heat_map: RiskHeatMap) -> None:
    hint, minimum = heat_map.sizeHint(), heat_map.minimumSizeHint()
    assert hint.width() > minimum.width() and hint.height() > minimum.height()
    fm = heat_map.fontMetrics()
    cell = heat_map.cell_rect((1, 1))
    assert cell.width() >= fm.horizontalAdvance("Negligible")
    assert cell.height() >= 2 * fm.height()
    # The probability labels fit left of the grid.
    assert heat_map.cell_rect((5, 1)).left() > fm.horizontalAdvance("5 Almost certain")


# -- the tab: the heat map filters the register ---------------------------------------
@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def tab(qtbot, services: AppServices) -> RisksTab:  # type: ignore[no-untyped-def]
    pid = services.projects.create("Riverside Library").value.id
    raised = date(2026, 6, 1)
    for title, p, i, status in [
        ("Unforeseen ground conditions at foundation excavation", 3, 5, "open"),
        ("Long lead time for switchgear", 4, 4, "open"),
        ("Planning condition discharge delayed", 3, 4, "monitoring"),
        ("Utility diversion late", 3, 4, "occurred"),
        ("Fire strategy not approved", 3, 4, "closed"),
        ("Winter weather delays roofing", 3, 2, "open"),
    ]:
        services.risks.create(pid, title, p, i, status=status, raised_on=raised)
    w = RisksTab(services, QUndoStack(), ChangeBus())
    qtbot.addWidget(w)
    w.resize(1300, 750)
    w.show()
    w.set_project(pid)
    return w


def numbers(tab: RisksTab) -> list[str]:
    m = tab.model
    return sorted(m.index(r, COL_NUMBER).data() for r in range(m.rowCount()))


def test_heat_map_counts_match_the_service(tab: RisksTab, services: AppServices) -> None:
    pid = tab.project_id()
    assert pid is not None
    assert tab.heat_map.counts() == services.risks.heat_map(pid)
    assert tab.heat_map.counts()[2][3] == 2  # closed RSK-005 not counted
    assert "RSK-003, RSK-004" in tab.heat_map.tooltip_for((3, 4))
    assert numbers(tab) == ["RSK-001", "RSK-002", "RSK-003", "RSK-004", "RSK-006"]


def test_clicking_a_cell_filters_the_table(qtbot, tab: RisksTab) -> None:  # type: ignore[no-untyped-def]
    assert not tab.show_all_button.isEnabled()
    click(qtbot, tab.heat_map, (3, 4))
    assert numbers(tab) == ["RSK-003", "RSK-004"]
    assert tab.heat_map.selected() == (3, 4)
    assert tab.show_all_button.isEnabled()
    assert "Showing 2 risks at probability 3 (possible) × impact 4 (major)" in (
        tab.filter_label.text()
    )
    assert tab.count_label.text() == "2 of 6 risks"
    # Click again: everything (not closed) is back.
    click(qtbot, tab.heat_map, (3, 4))
    assert len(numbers(tab)) == 5 and tab.heat_map.selected() is None
    # Another cell, then "Show all".
    click(qtbot, tab.heat_map, (4, 4))
    assert numbers(tab) == ["RSK-002"]
    qtbot.mouseClick(tab.show_all_button, Qt.MouseButton.LeftButton)
    assert len(numbers(tab)) == 5
    assert tab.heat_map.selected() is None and not tab.show_all_button.isEnabled()


def test_keyboard_on_the_map_filters_the_table(qtbot, tab: RisksTab) -> None:  # type: ignore[no-untyped-def]
    tab.heat_map.setFocus()
    qtbot.keyClick(tab.heat_map, Qt.Key.Key_Right)  # (3, 4)
    qtbot.keyClick(tab.heat_map, Qt.Key.Key_Space)
    assert numbers(tab) == ["RSK-003", "RSK-004"]
    qtbot.keyClick(tab.heat_map, Qt.Key.Key_Escape)
    assert len(numbers(tab)) == 5


def test_status_filter_and_search_with_the_map(qtbot, tab: RisksTab) -> None:  # type: ignore[no-untyped-def]
    assert tab.status_combo.currentText() == "Not closed"
    tab.status_combo.setCurrentIndex(tab.status_combo.findText("All statuses"))
    assert tab.heat_map.counts()[2][3] == 3
    click(qtbot, tab.heat_map, (3, 4))
    assert numbers(tab) == ["RSK-003", "RSK-004", "RSK-005"]
    tab.status_combo.setCurrentIndex(tab.status_combo.findText("Closed"))
    assert numbers(tab) == ["RSK-005"]
    assert tab.heat_map.counts()[2][3] == 1 and sum(map(sum, tab.heat_map.counts())) == 1
    tab.status_combo.setCurrentIndex(tab.status_combo.findText("Not closed"))
    qtbot.keyClicks(tab.search_edit, "utility")
    assert numbers(tab) == ["RSK-004"]
    assert tab.heat_map.counts()[2][3] == 2  # the search narrows the table, not the map


def test_closed_cell_keeps_the_outline_after_a_reload(
    qtbot,
    tab: RisksTab,
    services: AppServices,  # type: ignore[no-untyped-def]
) -> None:
    click(qtbot, tab.heat_map, (4, 4))
    rid = tab.model.row_at(0).id
    services.risks.update(rid, {"status": RiskStatus.CLOSED.value})
    tab.reload()
    assert tab.heat_map.selected() == (4, 4)
    assert numbers(tab) == [] and tab.heat_map.counts()[3][3] == 0
