"""The Parties dialog: list, details form and inline contacts; every change undoable."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFocusEvent, QUndoStack
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.domain.enums import PartyRole
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.party_commands import EditPartyCommand
from ownersrep.ui.contact_table_model import ContactTableModel
from ownersrep.ui.parties_dialog import PartiesDialog


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def bus() -> ChangeBus:
    return ChangeBus()


@pytest.fixture
def ids(services: AppServices) -> dict[str, int]:
    p = services.parties
    owner = p.create("Riverside Health System", PartyRole.OWNER, "Owner").value.id
    gc = p.create("Summit Builders Inc.", PartyRole.CONTRACTOR, "GMP contract").value.id
    arch = p.create("Hartwell Architects", PartyRole.CONSULTANT).value.id
    p.add_contact(gc, "Dana Ruiz", "Project Manager", "dana@summit.com", "(951) 555-0110")
    p.add_contact(gc, "Greg Olsen", "Superintendent", "golsen@summit.com")
    project = services.projects.create(
        "Riverside Clinic", client_id=owner, contractor_id=gc, planned_start=date(2025, 9, 2)
    ).value.id
    return {"owner": owner, "gc": gc, "arch": arch, "project": project}


@pytest.fixture
def dialog(
    qtbot: QtBot, services: AppServices, stack: QUndoStack, bus: ChangeBus, ids: dict[str, int]
) -> PartiesDialog:
    dlg = PartiesDialog(services, stack, bus)
    qtbot.addWidget(dlg)
    return dlg


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _parent, _title, text, *a: shown.append(text)
    )
    return shown


def listed(dialog: PartiesDialog) -> list[tuple[str, str]]:
    proxy = dialog.party_proxy
    return [(proxy.index(r, 0).data(), proxy.index(r, 1).data()) for r in range(proxy.rowCount())]


def contact_rows(dialog: PartiesDialog) -> list[list[str]]:
    m = dialog.contact_model
    return [[m.index(r, c).data() for c in range(4)] for r in range(m.rowCount())]


def test_lists_parties_and_shows_the_first(dialog: PartiesDialog, ids: dict[str, int]) -> None:
    assert listed(dialog) == [
        ("Hartwell Architects", "Consultant"),
        ("Riverside Health System", "Owner"),
        ("Summit Builders Inc.", "Contractor"),
    ]
    assert dialog.selected_party_id() == ids["arch"]
    assert dialog.name_edit.text() == "Hartwell Architects"
    assert dialog.role_combo.currentData() == "consultant"
    assert contact_rows(dialog) == []


def test_selecting_a_party_shows_its_details_and_contacts(
    dialog: PartiesDialog, ids: dict[str, int]
) -> None:
    dialog.select_party(ids["gc"])
    assert dialog.name_edit.text() == "Summit Builders Inc."
    assert dialog.notes_edit.toPlainText() == "GMP contract"
    assert contact_rows(dialog) == [
        ["Dana Ruiz", "Project Manager", "dana@summit.com", "(951) 555-0110"],
        ["Greg Olsen", "Superintendent", "golsen@summit.com", ""],
    ]


def test_filter(dialog: PartiesDialog) -> None:
    dialog.filter_edit.setText("SUMM")
    assert listed(dialog) == [("Summit Builders Inc.", "Contractor")]
    dialog.filter_edit.setText("owner")
    assert listed(dialog) == [("Riverside Health System", "Owner")]


def test_rename_commits_resorts_keeps_selection_and_undoes(
    dialog: PartiesDialog, services: AppServices, stack: QUndoStack, ids: dict[str, int]
) -> None:
    dialog.select_party(ids["arch"])
    dialog.name_edit.setText("Zenith Architects")
    dialog.name_edit.editingFinished.emit()
    assert services.parties.get(ids["arch"]).name == "Zenith Architects"
    assert listed(dialog)[-1] == ("Zenith Architects", "Consultant")
    assert dialog.selected_party_id() == ids["arch"]
    assert stack.count() == 1

    stack.undo()
    assert services.parties.get(ids["arch"]).name == "Hartwell Architects"
    assert dialog.name_edit.text() == "Hartwell Architects"
    assert listed(dialog)[0] == ("Hartwell Architects", "Consultant")
    assert dialog.selected_party_id() == ids["arch"]


def test_refused_rename_warns_and_reverts(
    dialog: PartiesDialog,
    services: AppServices,
    stack: QUndoStack,
    ids: dict[str, int],
    warnings: list[str],
) -> None:
    dialog.select_party(ids["arch"])
    dialog.name_edit.setText("Summit Builders Inc.")
    dialog.name_edit.editingFinished.emit()
    assert warnings == ["Name: a party called “Summit Builders Inc.” already exists"]
    assert dialog.name_edit.text() == "Hartwell Architects"
    assert stack.count() == 0


def test_role_and_notes_commit(
    dialog: PartiesDialog, services: AppServices, stack: QUndoStack, ids: dict[str, int]
) -> None:
    dialog.select_party(ids["arch"])
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("internal"))
    assert services.parties.get(ids["arch"]).role is PartyRole.INTERNAL
    assert listed(dialog)[0] == ("Hartwell Architects", "Internal")
    dialog.notes_edit.setPlainText("Design architect of record")
    QApplication.sendEvent(dialog.notes_edit, QFocusEvent(QEvent.Type.FocusOut))
    assert services.parties.get(ids["arch"]).notes == "Design architect of record"
    assert stack.count() == 2
    stack.undo()
    assert dialog.notes_edit.toPlainText() == ""
    stack.undo()
    assert dialog.role_combo.currentData() == "consultant"


def test_add_party_selects_it_for_naming(
    dialog: PartiesDialog, services: AppServices, stack: QUndoStack
) -> None:
    dialog.add_party()
    dialog.add_party()
    names = [p.name for p in services.parties.list_parties()]
    assert "New party" in names and "New party 2" in names
    assert dialog.name_edit.text() == "New party 2"
    assert dialog.name_edit.selectedText() == "New party 2"
    new_id = dialog.selected_party_id()
    dialog.name_edit.setText("Ironclad Steel Erectors")
    dialog.name_edit.editingFinished.emit()
    assert services.parties.get(new_id).name == "Ironclad Steel Erectors"  # type: ignore[arg-type]
    stack.undo()
    stack.undo()
    assert "New party 2" not in [p.name for p in services.parties.list_parties()]
    assert dialog.selected_party_id() is not None


def test_delete_party_confirms_with_usage_and_undo_relinks(
    dialog: PartiesDialog,
    services: AppServices,
    stack: QUndoStack,
    ids: dict[str, int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    answer = [QMessageBox.StandardButton.No]
    monkeypatch.setattr(
        QMessageBox, "question", lambda _p, _t, text, *a: asked.append(text) or answer[0]
    )
    dialog.select_party(ids["gc"])
    dialog.delete_party()
    assert "It is used by 1 project (as client or main contractor)" in asked[0]
    assert "Projects: Riverside Clinic" in asked[0]
    assert "Its 2 contacts will be deleted too." in asked[0]
    assert stack.count() == 0 and len(listed(dialog)) == 3

    answer[0] = QMessageBox.StandardButton.Yes
    dialog.delete_party()
    assert [n for n, _r in listed(dialog)] == ["Hartwell Architects", "Riverside Health System"]
    assert services.projects.get(ids["project"]).contractor_id is None
    assert dialog.selected_party_id() == ids["owner"]

    stack.undo()
    assert services.projects.get(ids["project"]).contractor_id == ids["gc"]
    assert len(listed(dialog)) == 3

    dialog.select_party(ids["arch"])
    dialog.delete_party()
    assert "not used by any project" in asked[-1]


def test_add_contact_opens_the_name_for_editing(
    qtbot: QtBot, dialog: PartiesDialog, services: AppServices, ids: dict[str, int]
) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_party(ids["owner"])
    dialog.add_contact()
    assert contact_rows(dialog) == [["New contact", "", "", ""]]
    assert dialog.contact_view.state() == QAbstractItemView.State.EditingState
    editor = dialog.contact_view.findChild(QLineEdit)
    assert editor is not None
    editor.setText("Maria Delgado")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits on the next loop
    qtbot.waitUntil(lambda: dialog.contact_view.state() != QAbstractItemView.State.EditingState)
    assert [c.name for c in services.parties.get(ids["owner"]).contacts] == ["Maria Delgado"]
    assert contact_rows(dialog) == [["Maria Delgado", "", "", ""]]


def test_inline_edit_resorts_and_undoes(
    qtbot: QtBot,
    dialog: PartiesDialog,
    services: AppServices,
    stack: QUndoStack,
    ids: dict[str, int],
) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.select_party(ids["gc"])
    index = dialog.contact_model.index(0, ContactTableModel.COL_NAME)
    dialog.contact_view.setCurrentIndex(index)
    dialog.contact_view.edit(index)
    editor = dialog.contact_view.findChild(QLineEdit)
    editor.setText("Zoe Ruiz")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: stack.count() == 1)
    assert [r[0] for r in contact_rows(dialog)] == ["Greg Olsen", "Zoe Ruiz"]
    assert dialog.selected_contact_id() is not None
    assert dialog.contact_model.contact_at(dialog.contact_view.currentIndex().row()).name == (
        "Zoe Ruiz"
    )
    stack.undo()
    assert [r[0] for r in contact_rows(dialog)] == ["Dana Ruiz", "Greg Olsen"]


def test_refused_contact_edit_is_explained_after_the_editor_closes(
    qtbot: QtBot,
    dialog: PartiesDialog,
    services: AppServices,
    stack: QUndoStack,
    ids: dict[str, int],
    warnings: list[str],
) -> None:
    dialog.select_party(ids["gc"])
    email = dialog.contact_model.index(1, ContactTableModel.COL_EMAIL)
    assert not dialog.contact_model.setData(email, "greg at summit")
    qtbot.waitUntil(lambda: len(warnings) == 1)
    assert warnings == ["E-mail: “greg at summit” is not an e-mail address"]
    assert email.data() == "golsen@summit.com" and stack.count() == 0


def test_delete_contact_and_undo(
    dialog: PartiesDialog, services: AppServices, stack: QUndoStack, ids: dict[str, int]
) -> None:
    dialog.select_party(ids["gc"])
    dialog.contact_view.setCurrentIndex(dialog.contact_model.index(0, 0))
    assert dialog.selected_contact_id() is not None
    dialog.delete_contact()
    assert [r[0] for r in contact_rows(dialog)] == ["Greg Olsen"]
    stack.undo()
    assert [r[0] for r in contact_rows(dialog)] == ["Dana Ruiz", "Greg Olsen"]


def test_undo_redo_buttons_and_changes_from_elsewhere(
    dialog: PartiesDialog,
    services: AppServices,
    stack: QUndoStack,
    bus: ChangeBus,
    ids: dict[str, int],
) -> None:
    assert not dialog.undo_button.isEnabled()
    dialog.select_party(ids["owner"])
    run_command(stack, EditPartyCommand(services, bus, ids["owner"], {"notes": "Pays on time"}))
    assert dialog.notes_edit.toPlainText() == "Pays on time"
    assert dialog.undo_button.isEnabled()
    dialog.undo_button.click()
    assert dialog.notes_edit.toPlainText() == "Owner"
    assert dialog.redo_button.isEnabled()
    dialog.redo_button.click()
    assert services.parties.get(ids["owner"]).notes == "Pays on time"
