"""The composition root and the main window, on a real demo workspace."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.services.demo import write_demo
from ownersrep.ui.app import Application
from ownersrep.ui.main_window import TAB_ISSUES, TAB_RISKS, MainWindow
from ownersrep.ui.settings import AppSettings


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.orep"
    write_demo(path)
    return path


@pytest.fixture
def demo_copy(demo_file: Path, tmp_path: Path) -> Path:
    target = tmp_path / "portfolio.orep"
    target.write_bytes(demo_file.read_bytes())
    return target


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def controller(settings: AppSettings) -> Iterator[Application]:
    app = Application(settings)
    yield app
    if app.window is not None:
        app.window.close()
    app.shutdown()


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def record(kind: str):  # type: ignore[no-untyped-def]
        def box(_parent: object, title: str, text: str, *a: object, **k: object) -> object:
            shown.append((title, text))
            return QMessageBox.StandardButton.Yes if kind == "question" else None

        return box

    for kind in ("warning", "critical", "information", "question"):
        monkeypatch.setattr(QMessageBox, kind, record(kind))
    return shown


def opened(controller: Application, path: Path) -> MainWindow:
    assert controller.open_workspace(path)
    assert controller.window is not None
    return controller.window


def test_opens_on_the_largest_project_with_title_and_status_bar(
    qtbot: QtBot, controller: Application, demo_copy: Path, messages: list
) -> None:
    window = opened(controller, demo_copy)
    assert "portfolio.orep" in window.windowTitle()
    assert "Demo portfolio" in window.windowTitle()
    clinic = window.current_project_id()
    assert clinic is not None
    assert window.services.projects.get(clinic).name == "Riverside Medical Clinic"
    bar = " ".join(w.text() for w in window.statusBar().findChildren(type(window._path_label)))
    assert str(demo_copy) in bar
    assert "Riverside Medical Clinic" in bar
    assert "Status date 13 Nov 2026" in bar
    assert messages == []


def test_tabs_load_the_selected_project_only_when_shown(
    qtbot: QtBot, controller: Application, demo_copy: Path
) -> None:
    window = opened(controller, demo_copy)
    window.on_show_tab(TAB_ISSUES)
    assert window.issues_tab.model.rowCount() > 0
    window.on_show_tab(TAB_RISKS)
    assert window.risks_tab.model.rowCount() > 0
    erp = next(r.id for r in window.services.summary.rows() if "ERP" in r.name)
    window.open_project(erp)
    assert window.current_project_id() == erp
    titles = {
        window.risks_tab.model.index(r, 1).data() for r in range(window.risks_tab.model.rowCount())
    }
    assert any("integrator" in t.lower() or "data" in t.lower() for t in titles)


def test_portfolio_page_lists_every_project(
    qtbot: QtBot, qtmodeltester, controller: Application, demo_copy: Path
) -> None:
    window = opened(controller, demo_copy)
    window._show_project(None)
    page = window.portfolio_page
    assert window.centre.currentWidget() is page
    qtmodeltester.check(page.model)
    names = [page.model.row_at(r).name for r in range(page.model.rowCount())]
    assert names == ["Riverside Medical Clinic", "Finance & Supply Chain ERP Roll-out"]
    clinic = page.model.row_at(0)
    assert clinic.open_issues > 0 and clinic.overdue_issues > 0 and clinic.tasks > 100


def test_rename_portfolio_push_undo_redo(
    qtbot: QtBot, controller: Application, demo_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = opened(controller, demo_copy)
    from PySide6.QtWidgets import QInputDialog

    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Health capital plan", True))
    window.on_rename_portfolio()
    assert window.services.info.get().name == "Health capital plan"
    assert window.windowTitle().startswith("Health capital plan")
    window.undo_stack.undo()
    assert window.services.info.get().name == "Demo portfolio"
    assert window.windowTitle().startswith("Demo portfolio")
    window.undo_stack.redo()
    assert window.services.info.get().name == "Health capital plan"


def test_a_damaged_file_is_refused_and_the_open_workspace_stays(
    qtbot: QtBot, controller: Application, demo_copy: Path, tmp_path: Path, messages: list
) -> None:
    window = opened(controller, demo_copy)
    bad = tmp_path / "notes.orep"
    bad.write_text("minutes of the site meeting\n" * 20)
    before = bad.read_bytes()
    assert not controller.open_workspace(bad)
    assert controller.window is window
    assert messages and "not an SQLite database" in messages[-1][1]
    assert bad.read_bytes() == before


def test_a_second_instance_is_refused(
    qtbot: QtBot, settings: AppSettings, demo_copy: Path, messages: list
) -> None:
    first, second = Application(settings), Application(settings)
    try:
        assert first.open_workspace(demo_copy)
        assert not second.open_workspace(demo_copy)
        assert "already open" in messages[-1][1]
    finally:
        if first.window is not None:
            first.window.close()
        first.shutdown()
        second.shutdown()


def test_new_workspace_replaces_the_window_and_is_recent(
    qtbot: QtBot, controller: Application, demo_copy: Path, tmp_path: Path, settings: AppSettings
) -> None:
    old = opened(controller, demo_copy)
    fresh = tmp_path / "fresh.orep"
    controller.new_workspace(fresh)
    assert controller.window is not old
    assert fresh.exists()
    assert controller.window.services.summary.rows() == []  # type: ignore[union-attr]
    assert settings.recent_files()[:2] == [fresh.resolve(), demo_copy.resolve()]
    # The first workspace was closed and unlocked: it can be opened again.
    assert controller.open_workspace(demo_copy)


def test_save_a_copy_and_restore_a_backup(
    qtbot: QtBot, controller: Application, demo_copy: Path, tmp_path: Path, messages: list
) -> None:
    from ownersrep.services import workspace_service as ws

    window = opened(controller, demo_copy)
    controller.save_copy(tmp_path / "handover.orep")
    assert (tmp_path / "handover.orep").exists()
    backups = ws.list_workspace_backups(demo_copy)
    assert backups, "opening a changed workspace takes a backup"
    window.services.info.rename("Renamed after the backup")
    assert controller.restore_backup(Path(backups[0].path))
    assert controller.window is not window
    assert controller.window.services.info.get().name == "Demo portfolio"  # type: ignore[union-attr]


def test_unexpected_errors_are_logged_and_shown_politely(
    qtbot: QtBot,
    controller: Application,
    demo_copy: Path,
    messages: list,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from ownersrep.ui import error_handler

    monkeypatch.setenv("OWNERSREP_LOG_DIR", str(tmp_path / "logs"))
    log_file = error_handler.setup_logging()
    window = opened(controller, demo_copy)
    error_handler.show_error(window, "Unexpected error", KeyError("budget_line"))
    for handler in logging.getLogger("ownersrep").handlers:
        handler.flush()
    assert "Your data is safe" in messages[-1][1]
    assert "Traceback" not in messages[-1][1]
    assert "KeyError" in log_file.read_text()


def test_find_focuses_the_issue_search(
    qtbot: QtBot, controller: Application, demo_copy: Path
) -> None:
    window = opened(controller, demo_copy)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.on_show_tab(TAB_ISSUES)
    window.actions_.find.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.issues_tab.filter_bar.search_edit)


def test_check_workspace_reports_its_own_window_as_such(
    qtbot: QtBot, controller: Application, demo_copy: Path, messages: list
) -> None:
    opened(controller, demo_copy)
    controller.check_workspace()
    title, text = messages[-1]
    assert title == "Workspace check"
    assert "open in this window" in text
    assert "another OwnersRep window" not in text
    assert "no problems found" in text
