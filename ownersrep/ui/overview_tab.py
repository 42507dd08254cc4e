"""The Overview tab: a summary strip and an editable form of the project's own fields.

Each field commits when it is finished (Enter or leaving it, a combo choice, a calendar
pick) as one undoable command. A refused value is explained and the field shows the
stored value again. Changes from elsewhere (undo, the Parties dialog) reload the form,
except a field the user is typing in."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QPalette, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyle,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import PartyRole, ProjectKind, ProjectStatus
from ownersrep.domain.errors import NotFoundError, OwnersRepError
from ownersrep.services.changes import Changes
from ownersrep.services.project_service import ProjectDTO
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.project_commands import EditProjectFieldCommand
from ownersrep.ui.dates import DATE_FORMAT
from ownersrep.ui.health_panel import HealthPanel
from ownersrep.ui.parties_dialog import PartiesDialog

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

NULL_DATE = QDate(1900, 1, 1)  # a date edit at its minimum shows "Not set"
DATE_FIELDS = ("planned_start", "planned_finish", "status_date")
PREFERRED_ROLES = {
    "client_id": (PartyRole.OWNER, PartyRole.INTERNAL),
    "contractor_id": (PartyRole.CONTRACTOR,),
}
BADGE_STYLE = (
    "QLabel { background: palette(highlight); color: palette(highlighted-text);"
    " border-radius: 9px; padding: 2px 10px; font-weight: 600; }"
)
OUTLINE_BADGE_STYLE = (
    "QLabel { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 9px; }"
)
FACT_HTML = (
    "<div style='color:{dim}; font-size:small'>{caption}</div>"
    "<div style='font-size:large; font-weight:600'>{value}</div>"
    "<div style='color:{dim}; font-size:small'>{detail}</div>"
)


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n:,} days"


def project_facts(p: ProjectDTO, today: date) -> list[tuple[str, str, str]]:
    """(caption, value, detail) facts derivable from the fields alone, as of `today`."""
    start, finish = p.planned_start, p.planned_finish
    if start and finish:
        span = f"{start:%d %b %Y} – {finish:%d %b %Y}"
        duration = ("Planned duration", f"{(finish - start).days + 1:,} calendar days", span)
    else:
        duration = ("Planned duration", "—", "needs planned start and finish")
    if p.status is ProjectStatus.COMPLETE:
        to_go = ("Planned finish", "Finished", "the project is marked complete")
    elif finish is None:
        to_go = ("Planned finish", "—", "not set")
    elif finish > today:
        to_go = ("Planned finish", f"{_days((finish - today).days)} to go", f"{finish:%d %b %Y}")
    elif finish == today:
        to_go = ("Planned finish", "Today", f"{finish:%d %b %Y}")
    else:
        ago = _days((today - finish).days)
        to_go = ("Planned finish", "Passed", f"{ago} ago, not marked complete")
    if p.status_date is None:
        status = ("Status date", "Not set", "progress is measured at this date")
    else:
        delta = (today - p.status_date).days
        when = "today" if delta == 0 else f"{_days(abs(delta))} {'ago' if delta > 0 else 'ahead'}"
        status = ("Status date", f"{p.status_date:%d %b %Y}", when)
    return [duration, to_go, status]


class OverviewTab(QWidget):
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
        self._project_id: int | None = None
        self._project: ProjectDTO | None = None
        # field -> (widget, read the widget's value, write a stored value into it)
        self._fields: dict[str, tuple[QWidget, Callable[[], Any], Callable[[Any], None]]] = {}
        self._shown: dict[str, Any] = {}  # what each field last showed from the database
        self._loading = False
        self._committing = False

        self.stack = QStackedWidget(self)
        self.placeholder = QLabel("Select a project in the tree to see its overview.", self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setEnabled(False)
        self.stack.addWidget(self.placeholder)
        self.stack.addWidget(self._build_page())
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)
        bus.changed.connect(self._on_bus_changed)

    # -- public API ------------------------------------------------------------------
    def set_project(self, project_id: int | None) -> None:
        self._project_id = project_id
        self._shown.clear()
        self._reload()
        self.health_panel.set_project(project_id if self._project is not None else None)

    # -- building --------------------------------------------------------------------
    def _build_page(self) -> QWidget:
        self.name_edit = self._line("name", "Project name")
        self.code_edit = self._line("code", "e.g. RCC-01")
        self.kind_combo = self._combo("kind", [(k.label, k.value) for k in ProjectKind])
        self.status_combo = self._combo("status", [(s.label, s.value) for s in ProjectStatus])
        self.client_combo = self._combo("client_id", [])
        self.contractor_combo = self._combo("contractor_id", [])
        self.manage_parties_button = QPushButton("&Manage parties…")
        self.manage_parties_button.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.manage_parties_button.clicked.connect(
            lambda: PartiesDialog(self._services, self._undo_stack, self._bus, self).exec()
        )
        date_labels = ("Planned &start:", "Planned &finish:", "Status &date:")
        date_rows = [
            self._date_row(f, label) for f, label in zip(DATE_FIELDS, date_labels, strict=True)
        ]
        self.date_edits: dict[str, QDateEdit] = {f: self._fields[f][0] for f in DATE_FIELDS}  # type: ignore[misc]
        self.location_edit = self._line("location", "City, state or site address")
        self.currency_edit = self._line("currency", "e.g. USD")
        self.currency_edit.setMaximumWidth(80)
        self.currency_edit.setToolTip("Three-letter ISO 4217 code, such as USD, EUR or GBP")
        self.description_edit = QPlainTextEdit()
        self.description_edit.setPlaceholderText("Scope, purpose and anything worth knowing")
        self.description_edit.setTabChangesFocus(True)
        self.description_edit.setMinimumHeight(90)
        self.description_edit.installEventFilter(self)
        text = self.description_edit
        self._fields["description"] = (text, text.toPlainText, text.setPlainText)

        columns = (
            (
                ("Identification", ("&Name:", "&Code:", "&Kind:", "S&tatus:"),
                 (self.name_edit, self.code_edit, self.kind_combo, self.status_combo)),
                ("Parties", ("C&lient:", "Main c&ontractor:", ""),
                 (self.client_combo, self.contractor_combo, self.manage_parties_button)),
            ),
            (
                ("Dates", date_labels, date_rows),
                ("Location && currency", ("&Location:", "C&urrency:"),
                 (self.location_edit, self.currency_edit)),
            ),
        )  # fmt: skip
        page = QWidget()
        grid = QGridLayout(page)
        grid.setContentsMargins(16, 12, 16, 12)
        grid.setSpacing(12)
        grid.addWidget(self._build_summary(), 0, 0, 1, 2)
        self.health_panel = HealthPanel(self._services, self._undo_stack, self._bus)
        grid.addWidget(self.health_panel, 1, 0, 1, 2)
        for col, groups in enumerate(columns):
            column = QVBoxLayout()
            for title, labels, widgets in groups:
                group = QGroupBox(title)
                form = QFormLayout(group)
                form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
                form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                for label, widget in zip(labels, widgets, strict=True):
                    form.addRow(label, widget)
                column.addWidget(group)
            column.addStretch(1)
            grid.addLayout(column, 2, col)
            grid.setColumnStretch(col, 1)
        about = QGroupBox("Description")
        QVBoxLayout(about).addWidget(self.description_edit)
        grid.addWidget(about, 3, 0, 1, 2)
        grid.setRowStretch(3, 1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(page)
        return scroll

    def _build_summary(self) -> QFrame:
        strip = QFrame()
        strip.setFrameShape(QFrame.Shape.StyledPanel)
        strip.setBackgroundRole(QPalette.ColorRole.Base)
        strip.setAutoFillBackground(True)
        self.title_label = QLabel()
        font = self.title_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.7)
        font.setWeight(QFont.Weight.Bold)
        self.title_label.setFont(font)
        self.title_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.kind_badge = QLabel()
        self.kind_badge.setStyleSheet(BADGE_STYLE)
        self.status_badge = QLabel()
        self.status_badge.setStyleSheet(OUTLINE_BADGE_STYLE)
        head = QHBoxLayout()
        head.setSpacing(10)
        for widget in (self.title_label, self.kind_badge, self.status_badge):
            head.addWidget(widget, 0, Qt.AlignmentFlag.AlignVCenter)
        head.addStretch(1)
        facts = QHBoxLayout()
        facts.setSpacing(32)
        self.fact_labels = [QLabel() for _ in range(3)]
        for label in self.fact_labels:
            label.setTextFormat(Qt.TextFormat.RichText)
            facts.addWidget(label)
        facts.addStretch(1)
        lay = QVBoxLayout(strip)
        lay.setContentsMargins(16, 12, 16, 12)
        lay.setSpacing(10)
        lay.addLayout(head)
        lay.addLayout(facts)
        return strip

    def _line(self, field: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(placeholder)
        edit.editingFinished.connect(lambda: self._commit(field, edit.text()))
        self._fields[field] = (edit, edit.text, edit.setText)
        return edit

    def _combo(self, field: str, items: list[tuple[str, Any]]) -> QComboBox:
        combo = QComboBox()
        combo.installEventFilter(self)  # no accidental wheel edits
        for text, data in items:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(lambda _i: self._commit(field, combo.currentData()))
        self._fields[field] = (
            combo,
            combo.currentData,
            lambda value: combo.setCurrentIndex(max(0, combo.findData(value))),
        )
        return combo

    def _date_row(self, field: str, label: str) -> QWidget:
        edit = QDateEdit()
        edit.setCalendarPopup(True)
        edit.setDisplayFormat(DATE_FORMAT)
        edit.setMinimumDate(NULL_DATE)
        edit.setSpecialValueText("Not set")
        edit.installEventFilter(self)

        def read() -> date | None:
            return None if edit.date() == NULL_DATE else edit.date().toPython()  # type: ignore[return-value]

        def commit() -> None:
            self._commit(field, read())

        edit.editingFinished.connect(commit)
        calendar = edit.calendarWidget()
        calendar.clicked.connect(lambda _d: QTimer.singleShot(0, commit))
        calendar.activated.connect(lambda _d: QTimer.singleShot(0, commit))
        calendar.installEventFilter(self)
        self._fields[field] = (edit, read, lambda v: edit.setDate(NULL_DATE if v is None else v))
        button = QToolButton()
        button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_LineEditClearButton))
        button.setAutoRaise(True)
        name = label.replace("&", "").rstrip(":").lower()
        button.setToolTip(f"Clear the {name}")
        button.setAccessibleName(f"Clear {name}")
        button.clicked.connect(lambda: (edit.setDate(NULL_DATE), commit()))
        row = QWidget()
        lay = QHBoxLayout(row)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.addWidget(edit)
        lay.addWidget(button)
        lay.addStretch(1)
        return row

    # -- loading ---------------------------------------------------------------------
    def _reload(self) -> None:
        try:
            pid = self._project_id
            project = None if pid is None else self._services.projects.get(pid)
        except NotFoundError:
            project = None
        self._project = project
        self.stack.setCurrentIndex(0 if project is None else 1)
        if project is None:
            return
        self._loading = True
        try:
            self._fill_party_combos()
            for field, (widget, read, write) in self._fields.items():
                value = v.value if isinstance(v := getattr(project, field), Enum) else v
                current = read()
                typing = widget.hasFocus() and current != self._shown.get(field, current)
                if current != value and not typing:  # never overwrite what is being typed
                    caret = widget.cursorPosition() if isinstance(widget, QLineEdit) else -1
                    write(value)
                    if caret >= 0:
                        widget.setCursorPosition(min(caret, len(value)))  # type: ignore[attr-defined]
                if not typing:
                    self._shown[field] = value
        finally:
            self._loading = False
        self._update_summary(project)

    def _fill_party_combos(self) -> None:
        # Preferred roles first (owners for the client...), then any other party.
        refs = self._services.parties.list_parties()
        for field, preferred in PREFERRED_ROLES.items():
            combo = self._fields[field][0]
            assert isinstance(combo, QComboBox)
            current = combo.currentData()
            combo.clear()
            combo.addItem("(none)", None)
            first = [r for r in refs if r.role in preferred]
            rest = [r for r in refs if r.role not in preferred]
            for ref in first:
                combo.addItem(ref.name, ref.id)
            if first and rest:
                combo.insertSeparator(combo.count())
            for ref in rest:
                combo.addItem(f"{ref.name} ({ref.role.label.lower()})", ref.id)
            combo.setCurrentIndex(max(0, combo.findData(current)))

    def _update_summary(self, p: ProjectDTO) -> None:
        self.title_label.setText(p.name)
        self.kind_badge.setText(p.kind.label)
        self.status_badge.setText(p.status.label)
        pal = self.palette()  # captions in a colour half-way between text and background
        mix = zip(pal.text().color().getRgbF(), pal.base().color().getRgbF(), strict=True)
        dim = QColor.fromRgbF(*((x + y) / 2 for x, y in mix)).name()
        facts = project_facts(p, self._services.ctx.today())
        for label, (caption, value, detail) in zip(self.fact_labels, facts, strict=True):
            label.setText(
                FACT_HTML.format(dim=dim, caption=caption.upper(), value=value, detail=detail)
            )

    # -- committing ------------------------------------------------------------------
    def _commit(self, field: str, value: Any) -> None:
        if self._loading or self._committing or self._project is None:
            return
        cleaned = value.strip() if isinstance(value, str) else value
        if (cleaned.upper() if field == "currency" else cleaned) == getattr(self._project, field):
            return
        self._committing = True
        try:
            command = EditProjectFieldCommand(
                self._services, self._bus, self._project.id, field, value
            )
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            self._shown.pop(field, None)
            self._reload()  # the field shows the stored value again
            QMessageBox.warning(self, "Cannot save", str(err))
        finally:
            self._committing = False

    # -- slots and events ------------------------------------------------------------
    def _on_bus_changed(self, changes: Changes) -> None:
        if self._project_id is None:
            return
        if changes.touches("project", self._project_id) or changes.touches("party"):
            self._reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel and isinstance(watched, QComboBox | QDateEdit):
            return not watched.hasFocus()  # scrolling the page must not change a value
        if kind == QEvent.Type.FocusOut and watched is getattr(self, "description_edit", 0):
            self._commit("description", self.description_edit.toPlainText())
        elif kind == QEvent.Type.Show:
            for edit in self.date_edits.values():
                if edit.calendarWidget() is watched and edit.date() == NULL_DATE:
                    today = self._services.ctx.today()  # open on today, not on 1900
                    edit.calendarWidget().setCurrentPage(today.year, today.month)
        return super().eventFilter(watched, event)
