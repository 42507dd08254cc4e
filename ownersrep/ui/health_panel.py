"""The project's health on its Overview: the RAG status per area and overall (word and
colour, overrides marked), the headline KPIs, and the trend of the two newest closed
periods ("this period against last"), with the actions "Override status…" and "Close
the period…".

It reloads when something that moves a KPI changes (schedule, cost, issues, risks,
overrides, thresholds) or a period is closed or reopened, and only while visible.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.errors import NotFoundError
from ownersrep.domain.health.rag import Area
from ownersrep.services.changes import Changes
from ownersrep.services.health_types import (
    ENTITY_SNAPSHOT,
    HEALTH_SOURCES,
    Direction,
    KpiChange,
    ProjectHealth,
    Trend,
)
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.close_period_dialog import ClosePeriodDialog, kpi_label, kpi_text
from ownersrep.ui.rag_override_dialog import RagOverrideDialog
from ownersrep.ui.rag_swatch import rag_html, status_text, status_tooltip

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

HEADLINE = ("cpi", "spi", "vac", "contingency_used_percent")
TREND_KPIS = ("spi", "cpi", "vac", "finish_variance_days", "overdue_issues", "high_risks")
_ARROWS = {Direction.BETTER: "▲", Direction.WORSE: "▼", Direction.SAME: "="}
_TONES = {Direction.BETTER: "#2e9d4f", Direction.WORSE: "#d23b33", Direction.SAME: "gray"}


def _change_html(change: KpiChange) -> str:
    if change.delta is None or change.direction is None:
        return ""
    delta = kpi_text(change.key, change.delta)
    if change.delta > 0 and not delta.startswith("+"):
        delta = f"+{delta}"
    tone = _TONES[change.direction]
    return f"<span style='color:{tone}'>{_ARROWS[change.direction]} {escape(delta)}</span>"


def trend_html(trend: Trend) -> str:
    """This period against last as a small table, or a line saying what is missing."""
    if trend.this is None:
        return "No closed period yet: close the period to start the trend."
    this = trend.this
    if trend.last is None:
        head = f"Only {this.period} is closed (on {this.closed_on:%d %b %Y}); the next close "
        return head + "starts the comparison."
    last = trend.last
    header = (
        f"<tr><th></th><th align='right'>{escape(last.period)}</th>"
        f"<th align='right'>{escape(this.period)}</th><th></th></tr>"
    )
    pad = "style='padding-left:14px'"
    rows = []
    for area in trend.areas:
        arrow = ""
        if area.direction is not None and area.direction is not Direction.SAME:
            arrow = f"<span style='color:{_TONES[area.direction]}'>{_ARROWS[area.direction]}</span>"
        rows.append(
            f"<tr><td>{area.area.label}</td><td align='right' {pad}>{rag_html(area.last)}</td>"
            f"<td align='right' {pad}>{rag_html(area.this)}</td><td {pad}>{arrow}</td></tr>"
        )
    changes = {c.key: c for c in trend.kpis}
    for key in TREND_KPIS:
        c = changes.get(key)
        if c is None:
            continue
        rows.append(
            f"<tr><td>{escape(c.label)}</td>"
            f"<td align='right' {pad}>{escape(kpi_text(key, c.last))}</td>"
            f"<td align='right' {pad}>{escape(kpi_text(key, c.this))}</td>"
            f"<td {pad}>{_change_html(c)}</td></tr>"
        )
    return f"<table cellspacing='0' cellpadding='1'>{header}{''.join(rows)}</table>"


class HealthPanel(QGroupBox):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("Health", parent)
        self._services = services
        self._undo_stack = undo_stack
        self._bus = bus
        self._project_id: int | None = None
        self._stale = False
        self.health: ProjectHealth | None = None

        # One column per status: a caption, the word with its dot, the derived one below
        # when an override replaces it.
        self.overall_label = QLabel()
        self.area_labels = {area: QLabel() for area in Area}
        self.derived_labels: dict[str, QLabel] = {}
        chips = QGridLayout()
        chips.setHorizontalSpacing(28)
        chips.setVerticalSpacing(2)
        captions = ("Overall", *(a.label for a in Area))
        for col, (caption, label) in enumerate(
            zip(captions, (self.overall_label, *self.area_labels.values()), strict=True)
        ):
            head = QLabel(f"<small>{caption.upper()}</small>")
            head.setEnabled(False)  # the palette's muted text
            label.setTextFormat(Qt.TextFormat.RichText)
            under = QLabel()
            under.setTextFormat(Qt.TextFormat.RichText)
            self.derived_labels[caption] = under
            chips.addWidget(head, 0, col)
            chips.addWidget(label, 1, col)
            chips.addWidget(under, 2, col)
        chips.setColumnStretch(len(captions), 1)
        self.kpi_label = QLabel()
        self.kpi_label.setTextFormat(Qt.TextFormat.RichText)
        self.kpi_label.setWordWrap(True)
        self.override_button = QPushButton("&Override status…")
        self.override_button.setToolTip("Report a different status for an area, with the reason")
        self.override_button.clicked.connect(self.on_override)
        self.close_button = QPushButton("Close the &period…")
        self.close_button.setToolTip("Store this period's KPIs and statuses for the trend")
        self.close_button.clicked.connect(self.on_close_period)
        buttons = QHBoxLayout()
        buttons.addWidget(self.override_button)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.setSpacing(8)
        left.addLayout(chips)
        left.addSpacing(4)
        left.addWidget(self.kpi_label)
        left.addSpacing(6)
        left.addLayout(buttons)
        left.addStretch(1)

        self.trend_title = QLabel("<b>This period against last</b>")
        self.trend_label = QLabel()
        self.trend_label.setTextFormat(Qt.TextFormat.RichText)
        self.trend_label.setWordWrap(False)  # a table: its own width, its full height
        right = QVBoxLayout()
        right.setSpacing(4)
        right.addWidget(self.trend_title)
        right.addWidget(self.trend_label)
        right.addStretch(1)

        grid = QGridLayout(self)
        grid.setHorizontalSpacing(32)
        grid.addLayout(left, 0, 0)
        grid.addLayout(right, 0, 1)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 2)
        bus.changed.connect(self._on_bus_changed)

    # -- public ------------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self.reload()

    def reload(self) -> None:
        self._stale = False
        pid = self._project_id
        try:
            self.health = None if pid is None else self._services.health.status(pid)
            trend = None if pid is None else self._services.health.trend(pid)
        except NotFoundError:
            self.health, trend = None, None
        self.setEnabled(self.health is not None)
        if self.health is None or trend is None:
            return
        name = self._services.projects.get(self.health.project_id).name
        h = self.health
        shown = [("Overall", h.overall, h.overall.word, h.overall_derived, self.overall_label)]
        shown += [
            (a.label, h.area(a).shown, status_text(h.area(a)), h.area(a).derived, label)
            for a, label in self.area_labels.items()
        ]
        for caption, rag, text, derived, label in shown:
            label.setText(f"<b>{rag_html(rag, text)}</b>")
            replaced = derived is not rag
            self.derived_labels[caption].setText(
                f"<small>derived {derived.word}</small>" if replaced else ""
            )
        self.overall_label.setToolTip(f"{name}: the worst of the four areas as shown")
        for area, label in self.area_labels.items():
            label.setToolTip(status_tooltip(h.area(area), name))
        facts = " &nbsp;·&nbsp; ".join(
            f"{kpi_label(k)} <b>{escape(kpi_text(k, h.kpis.value(k)))}</b>" for k in HEADLINE
        )
        self.kpi_label.setText(f"{facts}<br><small>at the status date {h.as_of:%d %b %Y}</small>")
        self.trend_label.setText(trend_html(trend))

    def on_override(self) -> None:
        if self._project_id is not None:
            RagOverrideDialog(
                self._services, self._undo_stack, self._bus, self._project_id, parent=self
            ).exec()

    def on_close_period(self) -> None:
        if self._project_id is not None:
            ClosePeriodDialog(
                self._services, self._undo_stack, self._bus, self._project_id, self
            ).exec()

    # -- slots and events --------------------------------------------------------------
    def _on_bus_changed(self, changes: Changes) -> None:
        pid = self._project_id
        if pid is None:
            return
        sources = (*HEALTH_SOURCES, ENTITY_SNAPSHOT)
        if any(changes.touches(entity, pid) for entity in sources):
            if self.isVisible():
                self.reload()
            else:
                self._stale = True

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._stale:
            self.reload()
