"""Workspace-wide undo commands on a bare QUndoStack, and the run_command contract."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QUndoStack

from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.workspace_commands import RenamePortfolioCommand


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


def test_rename_portfolio_push_undo_redo(qapp: object, services: AppServices) -> None:
    stack, bus = QUndoStack(), ChangeBus()
    seen: list[Changes] = []
    bus.changed.connect(seen.append)
    run_command(stack, RenamePortfolioCommand(services, bus, "Health capital plan"))
    assert services.info.get().name == "Health capital plan"
    assert stack.count() == 1 and stack.undoText() == "Rename portfolio"
    stack.undo()
    assert services.info.get().name == "Portfolio"
    stack.redo()
    assert services.info.get().name == "Health capital plan"
    assert len(seen) == 3 and all(c.touches("workspace") for c in seen)


def test_a_refused_command_is_not_pushed(qapp: object, services: AppServices) -> None:
    stack, bus = QUndoStack(), ChangeBus()
    with pytest.raises(ValidationError, match="Portfolio name: is required"):
        run_command(stack, RenamePortfolioCommand(services, bus, "   "))
    assert stack.count() == 0
    assert services.info.get().name == "Portfolio"
