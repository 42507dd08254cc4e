"""PartyTableModel and ContactTableModel: qtmodeltester, roles, in-place updates."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from ownersrep.domain.enums import PartyRole
from ownersrep.services.party_service import ContactDTO, PartyRef
from ownersrep.ui.contact_table_model import ContactTableModel
from ownersrep.ui.party_table_model import PartyTableModel
from ownersrep.ui.roles import DTO_ROLE, ID_ROLE, SORT_ROLE

PARTIES = [
    PartyRef(3, "Blue Line MEP Engineers", PartyRole.CONSULTANT),
    PartyRef(1, "Riverside Health System", PartyRole.OWNER),
    PartyRef(2, "Summit Builders Inc.", PartyRole.CONTRACTOR),
]
CONTACTS = [
    ContactDTO(10, 2, "Dana Ruiz", "Project Manager", "dana@summit.com", "(951) 555-0110"),
    ContactDTO(11, 2, "Greg Olsen", "Superintendent", "golsen@summit.com", ""),
]


def test_party_model_passes_modeltester(qtmodeltester: ModelTester) -> None:
    model = PartyTableModel()
    qtmodeltester.check(model)
    model.set_parties(PARTIES)
    qtmodeltester.check(model)


def test_party_model_content_and_roles() -> None:
    model = PartyTableModel()
    model.set_parties(PARTIES)
    assert (model.rowCount(), model.columnCount()) == (3, 2)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(2)] == ["Name", "Role"]
    name = model.index(1, PartyTableModel.COL_NAME)
    role = model.index(1, PartyTableModel.COL_ROLE)
    assert (name.data(), role.data()) == ("Riverside Health System", "Owner")
    assert name.data(ID_ROLE) == 1 and name.data(DTO_ROLE) is PARTIES[1]
    assert name.data(SORT_ROLE) == "riverside health system"
    assert not model.flags(name) & Qt.ItemFlag.ItemIsEditable
    assert model.row_of(2) == 2 and model.row_of(99) == -1
    assert model.party_at(0) == PARTIES[0] and model.party_at(5) is None
    assert model.names() == {p.name for p in PARTIES}


def test_party_model_updates_in_place_reorders_and_resets(qtbot: QtBot) -> None:
    model = PartyTableModel()
    model.set_parties(PARTIES)
    renamed = [PARTIES[0], PartyRef(1, "Riverside Health", PartyRole.OWNER), PARTIES[2]]
    with qtbot.waitSignal(model.dataChanged) as changed:
        model.set_parties(renamed)
    assert changed.args[0].row() == 1 == changed.args[1].row()
    assert model.index(1, 0).data() == "Riverside Health"

    kept = QPersistentModelIndex(model.index(0, 0))  # Blue Line, moving to the end
    moved = [renamed[1], renamed[2], PartyRef(3, "Zeta MEP", PartyRole.CONSULTANT)]
    with qtbot.waitSignal(model.layoutChanged):
        model.set_parties(moved)
    assert kept.row() == 2 and kept.data() == "Zeta MEP"

    with qtbot.waitSignal(model.modelReset):
        model.set_parties(moved[:2])
    assert model.rowCount() == 2


def test_contact_model_passes_modeltester(qtmodeltester: ModelTester) -> None:
    model = ContactTableModel(lambda _cid, _values: True)
    model.set_contacts(CONTACTS)
    qtmodeltester.check(model)


def test_contact_model_content_roles_and_flags() -> None:
    model = ContactTableModel()
    model.set_contacts(CONTACTS)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert headers == ["Name", "Title", "E-mail", "Phone"]
    row = [model.index(0, c).data() for c in range(4)]
    assert row == ["Dana Ruiz", "Project Manager", "dana@summit.com", "(951) 555-0110"]
    assert model.index(1, ContactTableModel.COL_PHONE).data(Qt.ItemDataRole.ToolTipRole) is None
    assert model.index(1, 0).data(ID_ROLE) == 11
    assert model.index(1, 0).data(SORT_ROLE) == "greg olsen"
    # Without a commit handler the table is read-only.
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert not model.setData(model.index(0, 0), "Dana R.")
    assert model.contact_at(1) == CONTACTS[1] and model.contact_at(2) is None
    assert model.row_of(11) == 1 and model.row_of(1) == -1


def test_contact_model_hands_edits_to_commit() -> None:
    calls: list[tuple[int, Mapping[str, str]]] = []

    def commit(contact_id: int, values: Mapping[str, str]) -> bool:
        calls.append((contact_id, dict(values)))
        return values.get("email") != "bad"

    model = ContactTableModel(commit)
    model.set_contacts(CONTACTS)
    email = model.index(1, ContactTableModel.COL_EMAIL)
    assert model.flags(email) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(email, "greg@summit.com")
    assert not model.setData(email, "bad")
    # Unchanged text (after trimming) is not an edit; the model itself never changes.
    assert not model.setData(model.index(0, 0), " Dana Ruiz ")
    assert not model.setData(email, "x", Qt.ItemDataRole.DisplayRole)
    assert calls == [(11, {"email": "greg@summit.com"}), (11, {"email": "bad"})]
    assert email.data() == "golsen@summit.com"
