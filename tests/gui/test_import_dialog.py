"""ImportScheduleDialog: a picked file is read and previewed; Import creates the project
as one undoable step; a bad file is explained, never a traceback, and nothing is
written."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.db.workspace import Workspace
from ownersrep.domain.errors import NotFoundError
from ownersrep.interchange.importer import ScheduleImporter
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.import_dialog import ImportScheduleDialog
from tests.helpers.schedules import SCHEDULES
from tests.helpers.workspace_fingerprint import fingerprint

RELATIONS = SCHEDULES / "mspdi" / "mpxj__mspdirelations.xml"
pytestmark = pytest.mark.skipif(not RELATIONS.is_file(), reason=f"no files at {SCHEDULES}")


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def stack() -> QUndoStack:
    return QUndoStack()


@pytest.fixture
def dialog(
    qtbot: QtBot, services: AppServices, ctx: ServiceContext, stack: QUndoStack
) -> ImportScheduleDialog:
    widget = ImportScheduleDialog(services, lambda: ScheduleImporter(ctx), stack, ChangeBus())
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def warnings(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a, **k: shown.append((title, text))
    )
    return shown


def pick(monkeypatch: pytest.MonkeyPatch, path: Path | str) -> list[str]:
    """Answer the file dialog with `path`; returns the filters it was offered."""
    offered: list[str] = []

    def answer(_parent: object, _title: str, _dir: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", answer)
    return offered


def form(dialog: ImportScheduleDialog) -> dict[str, str]:
    layout = dialog.preview_form
    out = {}
    for row in range(layout.rowCount()):
        label = layout.itemAt(row, layout.ItemRole.LabelRole)
        field = layout.itemAt(row, layout.ItemRole.FieldRole)
        if label is not None and field is not None:
            key = label.widget().text().rstrip(":")  # type: ignore[union-attr]
            value = field.widget()
            assert isinstance(value, QLabel)
            out[key] = value.text()
    return out


def notes(dialog: ImportScheduleDialog) -> list[str]:
    return [dialog.notes_list.item(i).text() for i in range(dialog.notes_list.count())]


def test_the_preview_shows_what_the_file_holds(
    dialog: ImportScheduleDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not dialog.import_button.isEnabled()
    offered = pick(monkeypatch, RELATIONS)
    assert dialog.choose_file()
    assert offered == ["Schedules (*.xml *.xer);;MS Project XML (*.xml);;Primavera P6 (*.xer)"]
    shown = form(dialog)
    assert shown["Format"] == "MS Project XML"
    assert shown["Tasks"] == "5 tasks, 0 milestones, 0 summaries"
    assert shown["Links"] == "4 (1 FS, 1 SS, 1 FF, 1 SF)"
    assert shown["Dates in the file"] == "21 Sep 2006 – 25 Sep 2006"
    assert shown["Status date"] == "none"
    assert notes(dialog) == ["No warnings: everything in the file is imported."]
    assert dialog.name_edit.text() == "mspdirelations"
    assert dialog.import_button.isEnabled()
    assert dialog.project_combo.isHidden()  # one project in the file: no picker


def test_import_undo_redo(
    qtbot: QtBot,
    dialog: ImportScheduleDialog,
    services: AppServices,
    stack: QUndoStack,
    workspace: Workspace,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    program = services.portfolio.create_program("Contractors' schedules").value
    pick(monkeypatch, RELATIONS)
    dialog.choose_file()
    dialog.name_edit.setText("Relations test")
    dialog.program_combo.setCurrentIndex(dialog.program_combo.findData(program))
    with qtbot.waitSignal(dialog.project_imported) as imported:
        dialog.import_button.click()
    pid = imported.args[0]
    assert dialog.result is not None and dialog.result.project_id == pid
    project = services.projects.get(pid)
    assert (project.name, project.program_id) == ("Relations test", program)
    assert [t.name for t in services.tasks.list_tasks(pid)] == [f"Task {i}" for i in range(1, 6)]
    assert stack.count() == 1 and stack.undoText() == "Import mpxj__mspdirelations.xml"
    rows = fingerprint(workspace, skip=("audit_entry", "sqlite_sequence"))

    stack.undo()
    with pytest.raises(NotFoundError):
        services.projects.get(pid)

    stack.redo()
    assert services.projects.get(pid).name == "Relations test"
    assert fingerprint(workspace, skip=("audit_entry", "sqlite_sequence")) == rows


def test_a_name_in_use_is_hinted(
    dialog: ImportScheduleDialog, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.projects.create("mspdirelations")
    pick(monkeypatch, RELATIONS)
    dialog.choose_file()
    assert dialog.name_edit.text() == "mspdirelations (2)"
    dialog.name_edit.setText("mspdirelations")
    assert dialog.name_hint.text() == (
        "A project is already called “mspdirelations”: this one will be “mspdirelations (2)”."
    )
    dialog.name_edit.setText("Tower B")
    assert dialog.name_hint.isHidden()


def test_a_bad_file_is_explained_and_nothing_is_written(
    dialog: ImportScheduleDialog,
    workspace: Workspace,
    stack: QUndoStack,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[tuple[str, str]],
) -> None:
    bad = tmp_path / "programme.xml"
    bad.write_bytes(RELATIONS.read_bytes()[:5000])
    before = fingerprint(workspace)
    pick(monkeypatch, bad)
    assert not dialog.choose_file()
    assert len(warnings) == 1
    title, text = warnings[0]
    assert title == "Cannot import"
    assert text.startswith(f"{bad}: line ") and "truncated" in text
    assert not dialog.import_button.isEnabled()
    assert fingerprint(workspace) == before and stack.count() == 0

    pick(monkeypatch, tmp_path / "programme.mpp")
    assert not dialog.choose_file()
    assert warnings[-1][1].endswith("is not an MS Project XML (.xml) or Primavera (.xer) file")


def test_an_xer_with_several_projects_offers_a_choice(
    dialog: ImportScheduleDialog, monkeypatch: pytest.MonkeyPatch
) -> None:
    wk2 = SCHEDULES / "xer" / "constology__wk2.xer"
    asked: list[str | None] = []
    real_read = __import__("ownersrep.interchange.reader", fromlist=["x"]).read_schedule

    def read(path: Path, project: str | None = None) -> object:
        asked.append(project)
        return real_read(path)

    monkeypatch.setattr(
        "ownersrep.ui.import_dialog.projects_in",
        lambda _p: [("4680", "TP — TRIAL PROJECT"), ("4681", "TP2 — SECOND PROJECT")],
    )
    monkeypatch.setattr("ownersrep.ui.import_dialog.read_schedule", read)
    pick(monkeypatch, wk2)
    assert dialog.choose_file()
    assert not dialog.project_combo.isHidden()
    assert [dialog.project_combo.itemText(i) for i in range(2)] == [
        "TP — TRIAL PROJECT (4680)",
        "TP2 — SECOND PROJECT (4681)",
    ]
    dialog.project_combo.setCurrentIndex(1)
    assert asked == ["4680", "4681"]


def test_file_import_schedule_opens_the_new_project(
    qtbot: QtBot,
    services: AppServices,
    stack: QUndoStack,
    workspace: Workspace,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from PySide6.QtCore import QSettings

    from ownersrep.ui.main_window import TAB_SCHEDULE, MainWindow
    from ownersrep.ui.settings import AppSettings

    settings = AppSettings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    window = MainWindow(services, stack, ChangeBus(), workspace.path, None, settings)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    action = window.actions_.import_schedule
    assert action.text() == "&Import schedule…" and action.shortcut().toString() == "Ctrl+I"
    file_menu = window.menuBar().actions()[0].menu()
    texts = [a.text() for a in file_menu.actions()]  # type: ignore[union-attr]
    assert texts.index("&Import schedule…") == texts.index("Open &recent") + 2  # a separator

    pick(monkeypatch, "")  # cancelled: no dialog, nothing written
    action.trigger()
    assert stack.count() == 0

    pick(monkeypatch, RELATIONS)
    monkeypatch.setattr(ImportScheduleDialog, "exec", lambda self: self.accept())
    action.trigger()
    assert stack.count() == 1
    (project,) = services.portfolio.tree().projects()
    assert window.current_project_id() == project.id
    assert window.tabs.currentIndex() == TAB_SCHEDULE
    assert "Our dates match the file's for 5 of 5 tasks" in window.statusBar().currentMessage()


def test_a_schedule_our_engine_refuses_is_not_imported(
    dialog: ImportScheduleDialog,
    workspace: Workspace,
    stack: QUndoStack,
    monkeypatch: pytest.MonkeyPatch,
    warnings: list[tuple[str, str]],
) -> None:
    from tests.helpers.imported_schedules import clinic_schedule, with_loop

    monkeypatch.setattr(
        "ownersrep.ui.import_dialog.read_schedule",
        lambda _path, _project=None: with_loop(clinic_schedule()),
    )
    pick(monkeypatch, RELATIONS)
    assert dialog.choose_file()
    before = fingerprint(workspace)
    dialog.show()
    dialog.import_button.click()
    ((title, text),) = warnings
    assert title == "Cannot import"
    assert text.startswith("/contracts/riverside-clinic.xml: scheduling: cannot be scheduled: ")
    assert "loop" in text and "Piling" in text
    assert dialog.isVisible() and dialog.result is None
    assert stack.count() == 0 and fingerprint(workspace) == before
