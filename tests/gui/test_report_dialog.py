"""Report → Owner report… on the demo workspace: choose sections, write the period's
record, build in the background, and the PDF, the saved choices, the record and the
preview all say the same thing. Refusals (password confirm, bad period, missing folder)
are shown and build nothing."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QUndoStack
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import QMainWindow, QMessageBox
from pytestqt.qtbot import QtBot

from ownersrep.db.workspace import open_workspace
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import write_demo
from ownersrep.services.report_types import Section
from ownersrep.ui.app import Application
from ownersrep.ui.branding_dialog import BrandingDialog
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.main_actions import build_actions
from ownersrep.ui.main_window import MainWindow
from ownersrep.ui.report_dialog import ReportDialog
from ownersrep.ui.report_preview import ReportPreview
from ownersrep.ui.settings import AppSettings
from tests.conftest import TODAY

CLINIC = "Riverside Medical Clinic"


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.orep"
    write_demo(path)
    return path


@pytest.fixture
def services(demo_file: Path, tmp_path: Path) -> Iterator[AppServices]:
    copy = tmp_path / "portfolio.orep"
    copy.write_bytes(demo_file.read_bytes())
    ws = open_workspace(copy)
    yield AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))
    ws.close()


@pytest.fixture
def clinic(services: AppServices) -> int:
    return next(p.id for p in services.portfolio.tree().projects() if p.name == CLINIC)


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def box(_parent: object, title: str, text: str, *a: object, **k: object) -> object:
        shown.append((title, text))
        return QMessageBox.StandardButton.Save

    for kind in ("warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, box)
    return shown


def open_dialog(
    qtbot: QtBot, services: AppServices, project_id: int | None, settings: QSettings
) -> tuple[ReportDialog, QUndoStack]:
    stack = QUndoStack()
    dialog = ReportDialog(services, stack, ChangeBus(), project_id, settings=settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog, stack


def click_build(qtbot: QtBot, dialog: ReportDialog) -> None:
    """Press Build as the user does, and wait for the background build to finish."""
    QTimer.singleShot(0, dialog.build_button.click)
    qtbot.waitUntil(lambda: dialog.built is not None, timeout=60_000)


def pdf_text(path: Path, password: str = "") -> str:
    if password:  # pypdf needs `cryptography` for AES; pikepdf decrypts
        plain = io.BytesIO()
        with pikepdf.open(path, password=password) as pdf:
            pdf.save(plain)
        plain.seek(0)
        reader = PdfReader(plain)
    else:
        reader = PdfReader(path)
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def close_preview(qtbot: QtBot, dialog: ReportDialog) -> ReportPreview:
    preview = dialog.preview
    assert isinstance(preview, ReportPreview)
    qtbot.addWidget(preview)
    return preview


def test_defaults_of_a_project_report(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings, tmp_path: Path
) -> None:
    settings.setValue("report/last_folder", str(tmp_path))
    dialog, _ = open_dialog(qtbot, services, clinic, settings)
    code = services.projects.get(clinic).code
    period = services.reports.default_period(clinic)
    assert not dialog.is_portfolio()
    assert dialog.period_text() == period
    assert dialog.out_path() == tmp_path / f"{code} owner report {period}.pdf"
    assert dialog.sections.choices() == services.report_settings.choices(clinic)
    assert dialog.right.currentWidget() is dialog.record
    assert dialog.record.record().period == period  # type: ignore[union-attr]


def test_build_saves_choices_and_record_and_previews_the_pdf(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings, tmp_path: Path
) -> None:
    dialog, stack = open_dialog(qtbot, services, clinic, settings)
    period = dialog.period_text()
    before = services.report_periods.get(clinic, period)
    dialog.sections.boxes[Section.RISKS].setChecked(False)
    dialog.sections.boxes[Section.APPENDIX_AUDIT].setChecked(True)
    dialog.sections.look_ahead.setValue(3)
    dialog.record.narrative.edit.setPlainText("The slab of level two was poured on time.")
    dialog.record.achievements.setPlainText("Level 2 slab poured\n\nFacade mock-up approved")
    dialog.record.prepared_by.setText("Ana Rep")
    out = tmp_path / "clinic.pdf"
    dialog.out_file.setText(str(out))

    click_build(qtbot, dialog)

    built = dialog.built
    assert built is not None and built.path == out and out.is_file()
    text = pdf_text(out)
    assert CLINIC in text
    assert "The slab of level two was poured on time." in text
    assert built.pages == len(PdfReader(out).pages) > 1
    choices = services.report_settings.choices(clinic)
    assert Section.RISKS not in choices.sections
    assert Section.APPENDIX_AUDIT in choices.sections and choices.look_ahead_weeks == 3
    record = services.report_periods.get(clinic, period)
    assert "poured on time" in record.narrative_html
    assert record.achievements == ("Level 2 slab poured", "Facade mock-up approved")
    assert record.prepared_by == "Ana Rep"
    assert record.issued_on == TODAY
    assert [stack.text(i) for i in range(stack.count())] == [
        "Change report sections",
        f"Edit report record {period}",
    ]
    assert settings.value("report/last_folder") == str(tmp_path)
    preview = close_preview(qtbot, dialog)
    assert preview.document.status() == QPdfDocument.Status.Ready
    assert preview.page_count() == built.pages
    assert dialog.result() == dialog.DialogCode.Accepted

    stack.undo()  # the record
    assert services.report_periods.get(clinic, period).achievements == before.achievements
    stack.undo()  # the choices
    assert Section.RISKS in services.report_settings.choices(clinic).sections


def test_nothing_changed_pushes_no_command(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings, tmp_path: Path
) -> None:
    dialog, stack = open_dialog(qtbot, services, clinic, settings)
    dialog.out_file.setText(str(tmp_path / "plain.pdf"))
    dialog.issue.setChecked(False)
    click_build(qtbot, dialog)
    close_preview(qtbot, dialog)
    assert stack.count() == 0
    assert services.report_periods.get(clinic, dialog.period_text()).issued_on is None


def test_password_protected_report(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings, tmp_path: Path
) -> None:
    dialog, _ = open_dialog(qtbot, services, clinic, settings)
    out = tmp_path / "locked.pdf"
    dialog.out_file.setText(str(out))
    dialog.protect.setChecked(True)
    dialog.password.setText("site-7")
    dialog.confirm.setText("site-7")
    click_build(qtbot, dialog)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(out)
    assert CLINIC in pdf_text(out, "site-7")
    preview = close_preview(qtbot, dialog)
    assert preview.document.status() == QPdfDocument.Status.Ready


def test_a_wrong_password_confirmation_is_refused(
    qtbot: QtBot,
    services: AppServices,
    clinic: int,
    settings: QSettings,
    tmp_path: Path,
    messages: list,
) -> None:
    dialog, stack = open_dialog(qtbot, services, clinic, settings)
    out = tmp_path / "never.pdf"
    dialog.out_file.setText(str(out))
    dialog.protect.setChecked(True)
    dialog.password.setText("site-7")
    dialog.confirm.setText("site-8")
    dialog.build_button.click()
    assert messages == [("Cannot build the report", "Password: the two entries are not the same")]
    assert dialog.built is None and not out.exists() and stack.count() == 0
    assert dialog.isVisible()


def test_a_bad_period_and_a_missing_folder_are_refused(
    qtbot: QtBot,
    services: AppServices,
    clinic: int,
    settings: QSettings,
    tmp_path: Path,
    messages: list,
) -> None:
    dialog, _ = open_dialog(qtbot, services, clinic, settings)
    dialog.out_file.setText(str(tmp_path / "nowhere" / "x.pdf"))
    dialog.build_button.click()
    assert messages[-1][1] == f"Save to: the folder {tmp_path / 'nowhere'} does not exist"
    dialog.out_file.setText(str(tmp_path / "bad.pdf"))
    dialog.period.setCurrentText("October")
    dialog.build_button.click()
    assert messages[-1][1].startswith("Period:")
    assert not (tmp_path / "bad.pdf").exists() and dialog.built is None


def test_portfolio_report(
    qtbot: QtBot, services: AppServices, settings: QSettings, tmp_path: Path
) -> None:
    dialog, stack = open_dialog(qtbot, services, None, settings)
    assert dialog.is_portfolio()
    assert not dialog.scope.model().item(0).isEnabled()  # type: ignore[attr-defined]
    assert dialog.right.currentIndex() == 1  # the note, not a record
    assert dialog.period_text() == services.reports.default_period(None)
    out = tmp_path / "portfolio.pdf"
    dialog.out_file.setText(str(out))
    click_build(qtbot, dialog)
    close_preview(qtbot, dialog)
    text = pdf_text(out)
    for project in services.portfolio.tree().projects():
        assert project.name in text
    assert stack.count() == 0


def test_switching_scope_on_a_project(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings
) -> None:
    dialog, _ = open_dialog(qtbot, services, clinic, settings)
    dialog.scope.setCurrentIndex(1)
    assert dialog.is_portfolio() and dialog.right.currentIndex() == 1
    assert dialog.issue.isHidden()
    name = services.info.get().name
    assert dialog.out_path().name.startswith(f"{name} owner report")
    dialog.scope.setCurrentIndex(0)
    assert dialog.right.currentWidget() is dialog.record


def test_report_menu_sits_before_help(qapp: object) -> None:
    class Handlers:
        def __getattr__(self, name: str) -> object:
            return lambda *a: None

    window = QMainWindow()
    actions = build_actions(window, QUndoStack(), Handlers())  # type: ignore[arg-type]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles[-2:] == ["&Report", "&Help"]
    report_menu = window.menuBar().actions()[-2].menu()
    texts = [a.text() for a in report_menu.actions() if not a.isSeparator()]
    assert texts == ["&Owner report…", "&Branding…"]
    assert actions.owner_report.shortcut().toString() == "Ctrl+Shift+R"
    window.deleteLater()


@pytest.fixture
def window(
    demo_file: Path, tmp_path: Path, settings: QSettings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[MainWindow]:
    copy = tmp_path / "window.orep"
    copy.write_bytes(demo_file.read_bytes())
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: None)
    app = Application(AppSettings(settings))
    assert app.open_workspace(copy) and app.window is not None
    yield app.window
    app.window.close()
    app.shutdown()


def test_window_opens_the_dialog_on_the_selected_project_or_the_portfolio(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[ReportDialog] = []
    monkeypatch.setattr(ReportDialog, "exec", lambda self: opened.append(self) or 0)
    clinic = window.current_project_id()
    assert clinic is not None
    window.actions_.owner_report.trigger()
    assert not opened[0].is_portfolio()
    assert opened[0].record.record().project_id == clinic  # type: ignore[union-attr]
    window.tree.select_node("portfolio", None)
    window.actions_.owner_report.trigger()
    assert opened[1].is_portfolio()


def test_window_branding_is_one_undoable_command(
    qtbot: QtBot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def exec_(dialog: BrandingDialog) -> int:
        dialog.organisation.setText("Keystone PMO")
        dialog.accept()
        return 1

    monkeypatch.setattr(BrandingDialog, "exec", exec_)
    before = window.services.report_settings.branding()
    window.actions_.branding.trigger()
    assert window.services.report_settings.branding().organisation == "Keystone PMO"
    assert window.undo_stack.undoText() == "Change report branding"
    window.undo_stack.undo()
    assert window.services.report_settings.branding() == before


def test_record_panel_save_keeps_bold_and_is_one_command(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings
) -> None:
    dialog, stack = open_dialog(qtbot, services, clinic, settings)
    panel, period = dialog.record, dialog.period_text()
    before = services.report_periods.get(clinic, period)
    assert not panel.save_button.isEnabled()
    panel.narrative.edit.setPlainText("Roof watertight on Friday.")
    cursor = panel.narrative.edit.document().find("watertight")
    panel.narrative.edit.setTextCursor(cursor)
    panel.narrative.bold_action.trigger()
    panel.reviewed_by.setText("Tom Keller")
    panel.reviewed_by.textEdited.emit("Tom Keller")
    assert panel.save_button.isEnabled()
    panel.save_button.click()
    stored = services.report_periods.get(clinic, period)
    assert "<b>watertight</b>" in stored.narrative_html
    assert stored.reviewed_by == "Tom Keller"
    assert stack.count() == 1 and not panel.save_button.isEnabled()
    stack.undo()
    undone = services.report_periods.get(clinic, period)
    assert (undone.narrative_html, undone.reviewed_by) == (
        before.narrative_html,
        before.reviewed_by,
    )


def test_changing_period_offers_to_save_the_record(
    qtbot: QtBot, services: AppServices, clinic: int, settings: QSettings, messages: list
) -> None:
    dialog, stack = open_dialog(qtbot, services, clinic, settings)
    first = dialog.period_text()
    dialog.record.prepared_by.setText("Someone New")
    dialog.record.prepared_by.textEdited.emit("Someone New")
    dialog.period.setCurrentText("2026-08")
    assert messages == [("Owner report", f"Save the changes to the record of {first}?")]
    assert services.report_periods.get(clinic, first).prepared_by == "Someone New"
    assert dialog.record.record().period == "2026-08"  # type: ignore[union-attr]
    assert dialog.out_path().name.endswith("owner report 2026-08.pdf")
    assert stack.count() == 1


def test_a_file_that_cannot_be_written_is_a_message_not_a_traceback(
    qtbot: QtBot,
    services: AppServices,
    clinic: int,
    settings: QSettings,
    tmp_path: Path,
    messages: list,
) -> None:
    taken = tmp_path / "taken.pdf"
    taken.mkdir()  # a folder where the file should go: the final move fails
    dialog, _ = open_dialog(qtbot, services, clinic, settings)
    dialog.out_file.setText(str(taken))
    dialog.build_button.click()
    assert messages == [("Cannot build the report", f"Cannot write {taken}: Is a directory")]
    assert dialog.built is None and dialog.isVisible()
    assert not any(p.name.startswith(".~") for p in tmp_path.iterdir())  # no half file
