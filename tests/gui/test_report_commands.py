"""The owner report's undo commands on a bare QUndoStack: the period record, the section
choices and the branding, each pushed, undone and redone with the stored data checked
after every step."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QUndoStack

from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.changes import Changes
from ownersrep.services.context import ServiceContext
from ownersrep.services.report_types import DEFAULT_SECTIONS, ReportChoices, Section
from ownersrep.ui.change_bus import ChangeBus
from ownersrep.ui.commands.base import run_command
from ownersrep.ui.commands.report_commands import (
    SavePeriodRecordCommand,
    SetBrandingCommand,
    SetReportChoicesCommand,
)

PERIOD = "2026-11"


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def project_id(services: AppServices) -> int:
    return services.projects.create("Riverside Medical Clinic", code="RMC").value.id


@pytest.fixture
def bus() -> tuple[ChangeBus, list[Changes]]:
    bus = ChangeBus()
    seen: list[Changes] = []
    bus.changed.connect(seen.append)
    return bus, seen


def png(path: Path) -> Path:
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#204060"))
    assert image.save(str(path))
    return path


def test_save_period_record_push_undo_redo(
    qapp: object, services: AppServices, project_id: int, bus: tuple
) -> None:
    stack, (change_bus, seen) = QUndoStack(), bus
    before = services.report_periods.get(project_id, PERIOD)
    values = {
        "narrative_html": "<p><b>Piling</b> finished a week early.</p>",
        "achievements": ["Piling complete", "Permit for level 3"],
        "prepared_by": "A. Rep",
        "reviewed_by": "B. Lead",
        "report_number": 7,
    }
    run_command(stack, SavePeriodRecordCommand(services, change_bus, project_id, PERIOD, values))
    assert stack.count() == 1 and stack.undoText() == f"Edit report record {PERIOD}"

    def stored() -> tuple:
        r = services.report_periods.get(project_id, PERIOD)
        return r.narrative_html, r.achievements, r.prepared_by, r.reviewed_by, r.report_number

    after = stored()
    assert "Piling" in after[0] and "<b>" in after[0]
    assert after[1:] == (("Piling complete", "Permit for level 3"), "A. Rep", "B. Lead", 7)
    stack.undo()
    assert stored() == (
        before.narrative_html,
        before.achievements,
        before.prepared_by,
        before.reviewed_by,
        before.report_number,
    )
    stack.redo()
    assert stored() == after
    assert len(seen) == 3


def test_a_refused_record_is_not_pushed(
    qapp: object, services: AppServices, project_id: int, bus: tuple
) -> None:
    stack = QUndoStack()
    command = SavePeriodRecordCommand(services, bus[0], project_id, "2026-13", {})
    with pytest.raises(ValidationError, match="Period"):
        run_command(stack, command)
    assert stack.count() == 0


def test_set_report_choices_push_undo_redo(
    qapp: object, services: AppServices, project_id: int, bus: tuple
) -> None:
    stack, (change_bus, seen) = QUndoStack(), bus
    assert services.report_settings.choices(project_id) == ReportChoices()
    chosen = ReportChoices(
        sections=(Section.COVER, Section.COST, Section.APPENDIX_AUDIT), look_ahead_weeks=6
    )
    run_command(stack, SetReportChoicesCommand(services, change_bus, project_id, chosen))
    assert services.report_settings.choices(project_id) == chosen
    stack.undo()
    assert services.report_settings.choices(project_id) == ReportChoices(DEFAULT_SECTIONS, 4)
    stack.redo()
    assert services.report_settings.choices(project_id) == chosen
    assert stack.undoText() == "Change report sections" and len(seen) == 3


def test_set_branding_push_undo_redo(
    qapp: object, services: AppServices, bus: tuple, tmp_path: Path
) -> None:
    stack, (change_bus, seen) = QUndoStack(), bus
    before = services.report_settings.branding()
    logo = png(tmp_path / "client.png")
    values = {
        "organisation": "Keystone PMO",
        "client_logo": str(logo),
        "our_logo": None,
        "confidentiality": "Commercial in confidence",
    }
    run_command(stack, SetBrandingCommand(services, change_bus, values))
    after = services.report_settings.branding()
    assert (after.organisation, after.client_logo, after.our_logo, after.confidentiality) == (
        "Keystone PMO",
        logo,
        None,
        "Commercial in confidence",
    )
    stack.undo()
    assert services.report_settings.branding() == before
    stack.redo()
    assert services.report_settings.branding() == after
    assert stack.undoText() == "Change report branding" and len(seen) == 3


def test_a_refused_logo_is_not_pushed(
    qapp: object, services: AppServices, bus: tuple, tmp_path: Path
) -> None:
    stack = QUndoStack()
    text_file = tmp_path / "logo.txt"
    text_file.write_text("not an image")
    command = SetBrandingCommand(services, bus[0], {"our_logo": str(text_file)})
    with pytest.raises(ValidationError, match="Our logo"):
        run_command(stack, command)
    assert stack.count() == 0
    assert services.report_settings.branding().our_logo is None
