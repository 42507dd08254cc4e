"""Which sections the owner report prints, and how many weeks its look-ahead covers: a
check box per section (in print order, the appendices apart) and a spin box.

Signals:
    changed(): a section was switched or the look-ahead changed.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from ownersrep.services.report_types import (
    ALL_SECTIONS,
    DEFAULT_SECTIONS,
    LOOK_AHEAD_WEEKS,
    ReportChoices,
    Section,
)

MAIN_SECTIONS = tuple(s for s in ALL_SECTIONS if not s.value.startswith("appendix"))
APPENDICES = tuple(s for s in ALL_SECTIONS if s.value.startswith("appendix"))


class ReportSectionsBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Sections", parent)
        self.boxes: dict[Section, QCheckBox] = {}
        grid = QGridLayout(self)
        grid.setHorizontalSpacing(18)
        rows = (len(MAIN_SECTIONS) + 1) // 2
        for i, section in enumerate(MAIN_SECTIONS):
            grid.addWidget(self._box(section), i % rows, i // rows)
        first = rows
        appendix = QLabel("Appendices (optional)", self)
        appendix.setStyleSheet("color: palette(placeholder-text);")
        grid.addWidget(appendix, first, 0, 1, 2)
        for i, section in enumerate(APPENDICES):
            box = self._box(section)
            box.setText(section.label.removeprefix("Appendix: ").capitalize())
            grid.addWidget(box, first + 1 + i // 2, i % 2)

        self.look_ahead = QSpinBox(self)
        self.look_ahead.setObjectName("look_ahead_weeks")
        self.look_ahead.setRange(min(LOOK_AHEAD_WEEKS), max(LOOK_AHEAD_WEEKS))
        self.look_ahead.setSuffix(" weeks")
        self.look_ahead.setToolTip("Tasks starting or finishing this far after the status date")
        self.look_ahead.valueChanged.connect(self.changed)
        label = QLabel("Schedule &look-ahead:", self)
        label.setBuddy(self.look_ahead)
        all_button = QPushButton("All", self)
        all_button.setToolTip("Print every section, appendices included")
        all_button.clicked.connect(lambda: self._check(ALL_SECTIONS))
        default_button = QPushButton("Usual", self)
        default_button.setToolTip("The usual sections, without the appendices")
        default_button.clicked.connect(lambda: self._check(DEFAULT_SECTIONS))
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.look_ahead)
        row.addStretch(1)
        row.addWidget(all_button)
        row.addWidget(default_button)
        grid.addLayout(row, first + 1 + (len(APPENDICES) + 1) // 2, 0, 1, 2)

    # -- public ----------------------------------------------------------------------
    def set_choices(self, choices: ReportChoices) -> None:
        self.blockSignals(True)
        self._check(choices.sections)
        self.look_ahead.setValue(choices.look_ahead_weeks)
        self.blockSignals(False)

    def choices(self) -> ReportChoices:
        sections = tuple(s for s in ALL_SECTIONS if self.boxes[s].isChecked())
        return ReportChoices(sections=sections, look_ahead_weeks=self.look_ahead.value())

    # -- helpers ---------------------------------------------------------------------
    def _box(self, section: Section) -> QCheckBox:
        box = QCheckBox(section.label, self)
        box.setObjectName(f"section_{section.value}")
        box.toggled.connect(self._on_box_toggled)
        self.boxes[section] = box
        return box

    def _check(self, sections: tuple[Section, ...]) -> None:
        for section, box in self.boxes.items():
            box.setChecked(section in sections)

    def _on_box_toggled(self, _on: bool) -> None:
        self.look_ahead.setEnabled(self.boxes[Section.SCHEDULE].isChecked())
        self.changed.emit()
