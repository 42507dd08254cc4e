"""The owner report's small widgets: the narrative editor (toolbar, shortcuts, HTML in and
out), the section check list, and the branding dialog (logos with previews, refusals)."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage, QTextCursor
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from ownersrep.domain.errors import ValidationError
from ownersrep.services.report_types import (
    ALL_SECTIONS,
    DEFAULT_SECTIONS,
    Branding,
    ReportChoices,
    Section,
)
from ownersrep.ui.branding_dialog import BrandingDialog
from ownersrep.ui.narrative_editor import NarrativeEditor
from ownersrep.ui.report_sections_box import ReportSectionsBox


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, title, text, *a, **k: shown.append((title, text))
    )
    return shown


@pytest.fixture
def logo(tmp_path: Path) -> Path:
    image = QImage(300, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("#1f4e79"))
    path = tmp_path / "client logo.png"
    assert image.save(str(path))
    return path


# -- narrative editor -------------------------------------------------------------------
def editor_with(qtbot: QtBot, text: str) -> NarrativeEditor:
    editor = NarrativeEditor()
    qtbot.addWidget(editor)
    editor.show()
    editor.edit.setPlainText(text)
    return editor


def select_word(editor: NarrativeEditor, word: str) -> None:
    cursor = editor.edit.document().find(word)
    assert not cursor.isNull()
    editor.edit.setTextCursor(cursor)


def test_empty_editor_gives_empty_html(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "")
    assert editor.html() == ""
    assert not editor.is_modified()


def test_toolbar_bold_italic_underline_reach_the_html(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "Piling finished early")
    select_word(editor, "Piling")
    editor.bold_action.trigger()
    select_word(editor, "finished")
    editor.italic_action.trigger()
    select_word(editor, "early")
    editor.underline_action.trigger()
    html = editor.html()
    assert "font-weight:700" in html
    assert "font-style:italic" in html
    assert "text-decoration: underline" in html
    assert editor.is_modified()


def test_keyboard_shortcuts_toggle_styles(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "Handover")
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    editor.edit.setFocus()
    select_word(editor, "Handover")
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert editor.bold_action.isChecked()
    assert "font-weight:700" in editor.html()
    qtbot.keyClick(editor.edit, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    assert "font-weight:700" not in editor.html()


def test_lists_are_made_and_removed(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "Slab poured\nFacade started")
    editor.edit.selectAll()
    editor.bullet_action.trigger()
    assert editor.edit.textCursor().currentList() is not None
    assert "<ul" in editor.html() and editor.bullet_action.isChecked()
    editor.numbered_action.trigger()
    assert "<ol" in editor.html() and editor.numbered_action.isChecked()
    editor.edit.moveCursor(QTextCursor.MoveOperation.Start)
    editor.numbered_action.trigger()  # off again for the first line
    cursor = editor.edit.textCursor()
    assert cursor.currentList() is None


def test_set_html_round_trips_and_is_not_a_change(qtbot: QtBot) -> None:
    editor = editor_with(qtbot, "")
    editor.set_html("<p><b>Roof</b> watertight</p><ul><li>one</li></ul>")
    assert not editor.is_modified()
    assert editor.edit.toPlainText() == "Roof watertight\none"
    assert "font-weight:700" in editor.html() and "<ul" in editor.html()


# -- sections --------------------------------------------------------------------------
def test_sections_box_shows_and_returns_choices(qtbot: QtBot) -> None:
    box = ReportSectionsBox()
    qtbot.addWidget(box)
    assert set(box.boxes) == set(ALL_SECTIONS)
    assert box.boxes[Section.SUMMARY].text() == "Executive summary"
    box.set_choices(ReportChoices(sections=(Section.COVER, Section.COST), look_ahead_weeks=6))
    assert box.choices() == ReportChoices((Section.COVER, Section.COST), 6)
    assert not box.look_ahead.isEnabled()  # no schedule section, no look-ahead
    with qtbot.waitSignal(box.changed):
        box.boxes[Section.SCHEDULE].setChecked(True)
    assert box.look_ahead.isEnabled()
    assert box.choices().sections == (Section.COVER, Section.SCHEDULE, Section.COST)
    assert (box.look_ahead.minimum(), box.look_ahead.maximum()) == (2, 6)


def test_sections_box_all_and_usual_buttons(qtbot: QtBot) -> None:
    box = ReportSectionsBox()
    qtbot.addWidget(box)
    buttons = {b.text(): b for b in box.findChildren(QPushButton)}
    buttons["All"].click()
    assert box.choices().sections == ALL_SECTIONS
    buttons["Usual"].click()
    assert box.choices().sections == DEFAULT_SECTIONS


# -- branding --------------------------------------------------------------------------
def test_branding_dialog_previews_a_chosen_logo_and_submits(
    qtbot: QtBot, logo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    submitted: list[Mapping[str, Any]] = []
    dialog = BrandingDialog(Branding(organisation="Keystone PMO"), submitted.append)
    qtbot.addWidget(dialog)
    assert dialog.previews["client_logo"].text() == "No logo"
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
    browse = dialog.findChild(QPushButton, "client_logo_browse")
    qtbot.mouseClick(browse, Qt.MouseButton.LeftButton)
    pixmap = dialog.previews["client_logo"].pixmap()
    assert not pixmap.isNull() and pixmap.width() == 200 and pixmap.height() < 80
    dialog.confidentiality.setText("Commercial in confidence")
    dialog.accept()
    assert submitted == [
        {
            "organisation": "Keystone PMO",
            "client_logo": str(logo),
            "our_logo": None,
            "confidentiality": "Commercial in confidence",
        }
    ]
    assert dialog.result() == dialog.DialogCode.Accepted


def test_branding_dialog_clear_and_missing_file(qtbot: QtBot, logo: Path) -> None:
    dialog = BrandingDialog(
        Branding(
            our_logo=Path("/nowhere/ours.png"),
            client_logo=logo,
            warnings=("Our logo: file not found: /nowhere/ours.png",),
        ),
        lambda values: None,
    )
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.warning_label.isVisible()
    assert "file not found" in dialog.warning_label.text()
    assert dialog.previews["our_logo"].text() == "File not found"
    assert not dialog.previews["client_logo"].pixmap().isNull()
    dialog.findChild(QPushButton, "client_logo_clear").click()
    assert dialog.values()["client_logo"] is None
    assert dialog.previews["client_logo"].text() == "No logo"


def test_branding_dialog_shows_a_refusal_and_stays_open(
    qtbot: QtBot, tmp_path: Path, messages: list
) -> None:
    def refuse(values: Mapping[str, Any]) -> None:
        raise ValidationError("Our logo", f"not a PNG or JPEG image: {values['our_logo']}")

    dialog = BrandingDialog(Branding(), refuse)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.set_logo("our_logo", str(tmp_path / "logo.gif"))
    dialog.accept()
    assert messages == [("Cannot save", f"Our logo: not a PNG or JPEG image: {tmp_path}/logo.gif")]
    assert dialog.isVisible()
