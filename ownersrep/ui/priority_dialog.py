"""Prioritise the portfolio: the criteria weights (whole percent adding up to 100), a 1–5
rating per project and criterion, and the ranked list that follows from them.

Every change is an undo command on the main window's stack (Undo/Redo work in the dialog
too); a refusal from the service ("Weights: must add up to 100, not 95") is shown and
nothing changes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import OwnersRepError
from ownersrep.domain.health.scoring import TOTAL_WEIGHT, Criterion
from ownersrep.services.changes import Changes
from ownersrep.services.health_types import ENTITY_PRIORITY
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.commands.health_commands import (
    SetPriorityRatingCommand,
    SetPriorityWeightsCommand,
)
from ownersrep.ui.priority_ranking_model import COL_MISSING, COL_PROJECT, PriorityRankingModel
from ownersrep.ui.priority_rating_delegate import PriorityRatingDelegate
from ownersrep.ui.priority_rating_model import PriorityRatingModel

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices


class PriorityDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._services = services
        self._undo_stack = undo_stack
        self._bus = bus
        self._criteria: tuple[Criterion, ...] = ()
        self.setWindowTitle("Prioritise projects")

        self.weights_box = QGroupBox("Criteria weights")
        self.weight_row = QHBoxLayout(self.weights_box)
        self.weight_spins: dict[str, QSpinBox] = {}
        self.total_label = QLabel()
        self.apply_button = QPushButton("&Apply weights")
        self.apply_button.clicked.connect(self.on_apply_weights)

        self.ratings = PriorityRatingModel(self)
        self.ratings.rating_requested.connect(self._on_ratings_rating_requested)
        self.ratings_view = QTableView()
        self.ratings_view.setModel(self.ratings)
        self.ratings_view.setItemDelegate(PriorityRatingDelegate(self.ratings_view))
        self.ratings_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.ratings_view.verticalHeader().hide()
        self.ratings_view.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents
        )
        self.ranking = PriorityRankingModel(self)
        self.ranking_view = QTableView()
        self.ranking_view.setModel(self.ranking)
        self.ranking_view.verticalHeader().hide()
        self.ranking_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.ranking_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_PROJECT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_MISSING, QHeaderView.ResizeMode.Interactive)

        ratings_box = QGroupBox("Ratings (1 = low, 5 = high; double-click or type to rate)")
        QVBoxLayout(ratings_box).addWidget(self.ratings_view)
        ranking_box = QGroupBox("Ranking")
        QVBoxLayout(ranking_box).addWidget(self.ranking_view)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(ratings_box)
        splitter.addWidget(ranking_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.undo_button = self._tool_button(undo_stack.createUndoAction(self, "&Undo"))
        self.undo_button.defaultAction().setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_button = self._tool_button(undo_stack.createRedoAction(self, "&Redo"))
        self.redo_button.defaultAction().setShortcut(QKeySequence.StandardKey.Redo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.undo_button)
        bottom.addWidget(self.redo_button)
        bottom.addStretch(1)
        bottom.addWidget(buttons)

        layout = QVBoxLayout(self)
        layout.addWidget(self.weights_box)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)
        self.resize(1080, 520)
        bus.changed.connect(self._on_bus_changed)
        self.reload()

    # -- public ------------------------------------------------------------------------
    def reload(self) -> None:
        criteria = self._services.priorities.criteria()
        if criteria != self._criteria:
            self._criteria = criteria
            self._build_weights()
        for c in criteria:
            spin = self.weight_spins[c.key]
            spin.blockSignals(True)
            spin.setValue(c.weight)
            spin.blockSignals(False)
        self._update_total()
        ranked = self._services.priorities.ranked()
        order = {row.id: n for n, row in enumerate(self._services.summary.rows())}
        items = sorted((r.item for r in ranked), key=lambda i: order.get(i.project_id, 0))
        self.ratings.set_data(criteria, items, {r.item.project_id: r.score for r in ranked})
        self.ranking.set_rows(ranked)

    def weights(self) -> dict[str, int]:
        return {key: spin.value() for key, spin in self.weight_spins.items()}

    def on_apply_weights(self) -> None:
        self._run(SetPriorityWeightsCommand(self._services.priorities, self._bus, self.weights()))

    # -- helpers -----------------------------------------------------------------------
    def _tool_button(self, action: Any) -> QToolButton:
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addAction(action)
        return button

    def _build_weights(self) -> None:
        while self.weight_row.count():
            child = self.weight_row.takeAt(0)
            if child.widget() is not None and child.widget() not in (
                self.total_label,
                self.apply_button,
            ):
                child.widget().deleteLater()
        self.weight_spins.clear()
        for c in self._criteria:
            spin = QSpinBox()
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setToolTip(f"Weight of {c.label} in the score")
            spin.valueChanged.connect(self._update_total)
            label = QLabel(f"{c.label}{' (high = worse)' if c.inverted else ''}:")
            label.setBuddy(spin)
            self.weight_row.addWidget(label)
            self.weight_row.addWidget(spin)
            self.weight_row.addSpacing(8)
            self.weight_spins[c.key] = spin
        self.weight_row.addStretch(1)
        self.weight_row.addWidget(self.total_label)
        self.weight_row.addWidget(self.apply_button)

    def _update_total(self, _value: int = 0) -> None:
        total = sum(self.weights().values())
        ok = total == TOTAL_WEIGHT
        colour = "" if ok else " style='color:#d23b33'"
        self.total_label.setText(f"Total: <b{colour}>{total} %</b>")
        self.total_label.setToolTip("" if ok else f"The weights must add up to {TOTAL_WEIGHT} %")
        stored = {c.key: c.weight for c in self._criteria}
        self.apply_button.setEnabled(self.weights() != stored)

    def _run(self, command: ServiceCommand) -> None:
        try:
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))  # what was typed stays

    def _on_ratings_rating_requested(self, project_id: int, key: str, rating: object) -> None:
        label = next((c.label for c in self._criteria if c.key == key), key)
        command = SetPriorityRatingCommand(
            self._services.priorities, self._bus, project_id, key, rating, label
        )
        self._run(command)

    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches(ENTITY_PRIORITY) or changes.touches("project"):
            self.reload()
