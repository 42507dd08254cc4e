"""The Parties dialog: left, the parties (filterable); right, the selected party's details
and its contacts, edited inline. Every change is one undoable command on the shared
stack; the dialog has its own Undo/Redo (the main window's shortcuts miss a modal dialog)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QSortFilterProxyModel, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ownersrep.domain.enums import PartyRole
from ownersrep.domain.errors import NotFoundError, OwnersRepError
from ownersrep.services.changes import Changes
from ownersrep.services.party_service import PartyDTO
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands import party_commands as cmd
from ownersrep.ui.commands.base import ServiceCommand, run_command
from ownersrep.ui.contact_table_model import ContactTableModel
from ownersrep.ui.party_table_model import PartyTableModel
from ownersrep.ui.undo_close_row import undo_close_row

if TYPE_CHECKING:
    from ownersrep.services.app_services import AppServices

NEW_PARTY_NAME = "New party"
NEW_CONTACT_NAME = "New contact"


def _table(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setAlternatingRowColors(True)
    view.setShowGrid(False)
    view.setWordWrap(False)
    view.verticalHeader().hide()
    view.horizontalHeader().setHighlightSections(False)
    return view


class PartiesDialog(QDialog):
    def __init__(
        self,
        services: AppServices,
        undo_stack: QUndoStack,
        bus: ChangeBus,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Parties")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(960, 580)
        self._services = services
        self._undo_stack = undo_stack
        self._bus = bus
        self._party: PartyDTO | None = None
        self._busy = False

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self._build_list(splitter))
        splitter.addWidget(self._build_details(splitter))
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([320, 640])
        splitter.setChildrenCollapsible(False)

        bottom, self.undo_button, self.redo_button = undo_close_row(self, undo_stack)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        bus.changed.connect(self._on_bus_changed)
        self._reload_parties()  # selects the first party
        self._load_party()

    # -- public API ------------------------------------------------------------------
    def select_party(self, party_id: int) -> None:
        row = self.party_model.row_of(party_id)
        if row < 0:
            return
        index = self.party_proxy.mapFromSource(self.party_model.index(row, 0))
        if not index.isValid():
            self.filter_edit.clear()
            index = self.party_proxy.mapFromSource(self.party_model.index(row, 0))
        self._select_row(index)

    def selected_party_id(self) -> int | None:
        index = self.party_view.selectionModel().currentIndex()
        if not index.isValid():
            return None
        ref = self.party_model.party_at(self.party_proxy.mapToSource(index).row())
        return None if ref is None else ref.id

    def selected_contact_id(self) -> int | None:
        contact = self.contact_model.contact_at(self.contact_view.currentIndex().row())
        return None if contact is None else contact.id

    # -- building --------------------------------------------------------------------
    def _build_list(self, parent: QWidget) -> QWidget:
        box = QWidget(parent)
        lay = QVBoxLayout(box)
        lay.setContentsMargins(0, 0, 6, 0)
        self.filter_edit = QLineEdit(box)
        self.filter_edit.setPlaceholderText("Filter parties…")
        self.filter_edit.setClearButtonEnabled(True)
        self.party_model = PartyTableModel(self)
        self.party_proxy = QSortFilterProxyModel(self)
        self.party_proxy.setSourceModel(self.party_model)
        self.party_proxy.setFilterKeyColumn(-1)
        self.party_proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_edit.textChanged.connect(self.party_proxy.setFilterFixedString)
        self.party_view = _table(box)
        self.party_view.setModel(self.party_proxy)
        header = self.party_view.horizontalHeader()
        header.setSectionResizeMode(PartyTableModel.COL_NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(
            PartyTableModel.COL_ROLE, QHeaderView.ResizeMode.ResizeToContents
        )
        self.party_view.selectionModel().currentRowChanged.connect(lambda *_: self._load_party())
        self.add_party_button = QPushButton("&Add party", box)
        self.add_party_button.clicked.connect(self.add_party)
        self.delete_party_button = QPushButton("&Delete party…", box)
        self.delete_party_button.clicked.connect(self.delete_party)
        self._add_delete_key(self.party_view, self.delete_party)
        lay.addWidget(self.filter_edit)
        lay.addWidget(self.party_view, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_party_button)
        buttons.addWidget(self.delete_party_button)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        return box

    def _build_details(self, parent: QWidget) -> QWidget:
        self.details = QWidget(parent)
        lay = QVBoxLayout(self.details)
        lay.setContentsMargins(6, 0, 0, 0)
        group = QGroupBox("Party", self.details)
        form = QFormLayout(group)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit(group)
        self.name_edit.editingFinished.connect(
            lambda: self._commit_party({"name": self.name_edit.text()})
        )
        self.role_combo = QComboBox(group)
        for role in PartyRole:
            self.role_combo.addItem(role.label, role.value)
        self.role_combo.currentIndexChanged.connect(
            lambda _i: self._commit_party({"role": self.role_combo.currentData()})
        )
        self.notes_edit = QPlainTextEdit(group)
        self.notes_edit.setPlaceholderText("Contract, scope, how to work with them…")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(72)
        self.notes_edit.installEventFilter(self)
        form.addRow("&Name:", self.name_edit)
        form.addRow("&Role:", self.role_combo)
        form.addRow("N&otes:", self.notes_edit)

        contacts = QGroupBox("Contacts", self.details)
        clay = QVBoxLayout(contacts)
        self.contact_model = ContactTableModel(self._commit_contact, self)
        self.contact_view = _table(contacts)
        self.contact_view.setModel(self.contact_model)
        self.contact_view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        header = self.contact_view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ContactTableModel.COL_EMAIL, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(90)
        self.add_contact_button = QPushButton("Add &contact", contacts)
        self.add_contact_button.clicked.connect(self.add_contact)
        self.delete_contact_button = QPushButton("D&elete contact", contacts)
        self.delete_contact_button.clicked.connect(self.delete_contact)
        self._add_delete_key(self.contact_view, self.delete_contact)
        hint = QLabel("Double-click a cell to edit it.", contacts)
        hint.setEnabled(False)
        clay.addWidget(self.contact_view, 1)
        buttons = QHBoxLayout()
        for widget in (self.add_contact_button, self.delete_contact_button, hint):
            buttons.addWidget(widget, 1 if widget is hint else 0, Qt.AlignmentFlag.AlignRight)
        clay.addLayout(buttons)
        lay.addWidget(group)
        lay.addWidget(contacts, 1)
        return self.details

    def _add_delete_key(self, view: QTableView, slot: Any) -> None:
        action = QAction("Delete", view)
        action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(slot)
        view.addAction(action)

    # -- loading ---------------------------------------------------------------------
    def _reload_parties(self) -> None:
        keep = self.selected_party_id()
        old_row = self.party_view.selectionModel().currentIndex().row()
        self.party_model.set_parties(self._services.parties.list_parties())
        if keep is not None and self.party_model.row_of(keep) >= 0:
            self.select_party(keep)  # already selected after a layout change; cheap
        elif self.party_proxy.rowCount():
            row = min(max(old_row, 0), self.party_proxy.rowCount() - 1)
            self._select_row(self.party_proxy.index(row, 0))

    def _select_row(self, index: Any) -> None:
        flags = QItemSelectionModel.SelectionFlag
        self.party_view.selectionModel().setCurrentIndex(index, flags.ClearAndSelect | flags.Rows)
        self.party_view.scrollTo(index)

    def _load_party(self) -> None:
        try:
            pid = self.selected_party_id()
            party = None if pid is None else self._services.parties.get(pid)
        except NotFoundError:
            party = None
        switched = party is None or self._party is None or party.id != self._party.id
        previous = self._party
        self._party = party
        self.details.setEnabled(party is not None)
        self.delete_party_button.setEnabled(party is not None)
        self._busy = True
        try:
            if party is None:
                self.name_edit.clear()
                self.notes_edit.clear()
                self.contact_model.set_contacts([])
                return
            self._show(self.name_edit, party.name, None if switched else previous.name)  # type: ignore[union-attr]
            self.role_combo.setCurrentIndex(self.role_combo.findData(party.role.value))
            self._show(self.notes_edit, party.notes, None if switched else previous.notes)  # type: ignore[union-attr]
            self.contact_model.set_contacts(party.contacts)
        finally:
            self._busy = False

    @staticmethod
    def _show(widget: QLineEdit | QPlainTextEdit, value: str, shown: str | None) -> None:
        """Show the stored value, unless the user is typing there (the text differs from
        what was last shown): that edit is committed when they leave the field."""
        if isinstance(widget, QLineEdit):
            read, write = widget.text, widget.setText
        else:
            read, write = widget.toPlainText, widget.setPlainText
        text = read()
        if text != value and (shown is None or not widget.hasFocus() or text == shown):
            write(value)

    # -- actions ---------------------------------------------------------------------
    def add_party(self) -> None:
        taken = self.party_model.names()
        name, n = NEW_PARTY_NAME, 1
        while name in taken:
            n += 1
            name = f"{NEW_PARTY_NAME} {n}"
        command = cmd.AddPartyCommand(self._services, self._bus, name, PartyRole.CONTRACTOR)
        if self._run(command) and command.party_id is not None:
            self.select_party(command.party_id)
            self.name_edit.setFocus()
            self.name_edit.selectAll()

    def delete_party(self) -> None:
        party = self._party
        if party is None:
            return
        try:
            usage = self._services.parties.usage(party.id)
        except NotFoundError:
            return  # deleted meanwhile: the bus reloads the list
        used = usage.describe()
        where = (
            f"It is {used}; those references will be cleared."
            if used
            else "It is not used by any project, issue, risk or task."
        )
        if usage.project_names:
            where += "\n\nProjects: " + ", ".join(usage.project_names)
        n = len(party.contacts)
        if n:
            where += f"\n\nIts {n} contact{'s' if n != 1 else ''} will be deleted too."
        answer = QMessageBox.question(
            self,
            "Delete party",
            f"Delete “{party.name}”?\n\n{where}\n\nYou can undo this.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._run(cmd.DeletePartyCommand(self._services, self._bus, party.id, party.name))

    def add_contact(self) -> None:
        if self._party is None:
            return
        command = cmd.AddContactCommand(self._services, self._bus, self._party.id, NEW_CONTACT_NAME)
        if self._run(command) and command.contact_id is not None:
            row = self.contact_model.row_of(command.contact_id)
            index = self.contact_model.index(row, ContactTableModel.COL_NAME)
            self.contact_view.setCurrentIndex(index)
            self.contact_view.setFocus()
            self.contact_view.edit(index)

    def delete_contact(self) -> None:
        contact = self.contact_model.contact_at(self.contact_view.currentIndex().row())
        if contact is not None:
            self._run(cmd.DeleteContactCommand(self._services, self._bus, contact.id, contact.name))

    # -- committing ------------------------------------------------------------------
    def _run(self, command: ServiceCommand) -> bool:
        try:
            run_command(self._undo_stack, command)
        except OwnersRepError as err:
            QMessageBox.warning(self, "Cannot save", str(err))
            return False
        return True

    def _commit_party(self, values: Mapping[str, Any]) -> None:
        party = self._party
        if self._busy or party is None:
            return
        current = {"name": party.name, "role": party.role.value, "notes": party.notes}
        if all((v or "").strip() == current[k] for k, v in values.items()):
            return
        self._busy = True
        try:
            command = cmd.EditPartyCommand(self._services, self._bus, party.id, values)
            try:
                run_command(self._undo_stack, command)
            except OwnersRepError as err:
                self._busy = False
                self._party = None  # show the stored values again
                self._load_party()
                QMessageBox.warning(self, "Cannot save", str(err))
        finally:
            self._busy = False

    def _commit_contact(self, contact_id: int, values: Mapping[str, str]) -> bool:
        """Called by the contact model when a cell is edited. A refusal is explained once
        the cell editor has closed (a message box now would steal its focus)."""
        if self._busy:
            return False
        try:
            run_command(
                self._undo_stack,
                cmd.EditContactCommand(self._services, self._bus, contact_id, values),
            )
        except OwnersRepError as err:
            message = str(err)
            QTimer.singleShot(0, lambda: QMessageBox.warning(self, "Cannot save", message))
            return False
        return True

    # -- slots and events ------------------------------------------------------------
    def _on_bus_changed(self, changes: Changes) -> None:
        if changes.touches("party"):
            self._reload_parties()
            self._load_party()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.notes_edit and event.type() == QEvent.Type.FocusOut:
            self._commit_party({"notes": self.notes_edit.toPlainText()})
        return super().eventFilter(watched, event)
