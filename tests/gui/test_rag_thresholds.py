"""RAG thresholds: the dialog shows the workspace's bounds, saves through an undoable
command, and refuses a bad bound with a message naming it (and stays open)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QMessageBox

from ownersrep.domain.health.thresholds import Thresholds
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.workspace_commands import SetThresholdsCommand
from ownersrep.ui.rag_thresholds_dialog import RagThresholdsDialog


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


def _spi(services: AppServices) -> tuple[str, str]:
    band = services.health.thresholds().spi
    return str(band.green), str(band.amber)


def test_set_thresholds_push_undo_redo(services: AppServices) -> None:
    stack, bus, seen = QUndoStack(), ChangeBus(), []
    bus.changed.connect(seen.append)
    wanted = Thresholds().to_dict() | {"spi": {"green": "0.98", "amber": "0.9"}}
    run_command(stack, SetThresholdsCommand(services, bus, wanted))
    assert _spi(services) == ("0.98", "0.9")
    assert seen[-1].touches("health")
    stack.undo()
    assert _spi(services) == ("0.95", "0.85")
    stack.redo()
    assert _spi(services) == ("0.98", "0.9")


def test_the_dialog_submits_what_is_typed(qtbot, services: AppServices) -> None:  # type: ignore[no-untyped-def]
    got: list[Mapping[str, Any]] = []
    dialog = RagThresholdsDialog(services.health.thresholds(), got.append)
    qtbot.addWidget(dialog)
    assert dialog.edits["cpi", "green"].text() == "0.95"
    dialog.edits["overdue_issues", "amber"].setText(" 5 ")
    dialog.accept()
    assert got[-1]["overdue_issues"] == {"green": "0", "amber": "5"}
    assert dialog.result() == dialog.DialogCode.Accepted


def test_a_bad_bound_is_named_and_the_dialog_stays_open(
    qtbot, services: AppServices, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    messages: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", lambda _p, _t, text, *a: messages.append(text) or QMessageBox.Ok
    )
    stack, bus = QUndoStack(), ChangeBus()

    def submit(values: Mapping[str, Any]) -> None:
        run_command(stack, SetThresholdsCommand(services, bus, values))

    dialog = RagThresholdsDialog(services.health.thresholds(), submit)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.edits["spi", "amber"].setText("0.99")  # better than green 0.95
    dialog.accept()
    assert messages and messages[0].startswith("SPI amber")
    assert dialog.isVisible() and stack.count() == 0
    assert _spi(services) == ("0.95", "0.85")
    dialog.restore_defaults()
    assert dialog.edits["spi", "amber"].text() == "0.85"
