"""Bad input is refused with a message that names the field, and nothing is written:
not the record, not its number, not an audit row."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

import pytest

from ownersrep.db.workspace import Workspace
from ownersrep.domain.enums import IssueType
from ownersrep.domain.errors import ValidationError
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext


def _fingerprint(workspace: Workspace) -> str:
    """Every row of every table, so that 'nothing was written' is checked exactly."""
    digest = hashlib.sha256()
    with workspace.engine.connect() as conn:
        tables = conn.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE type='table' ORDER BY name"
        ).scalars()
        for table in list(tables):
            for row in conn.exec_driver_sql(f'SELECT * FROM "{table}" ORDER BY 1'):
                digest.update(repr((table, tuple(row))).encode())
    return digest.hexdigest()


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def project_id(services: AppServices) -> int:
    pid = services.projects.create("Riverside Medical Clinic").value.id
    services.issues.create(pid, IssueType.RFI, "Fire-rated ceiling at Level 2 corridor")
    return pid


Action = Callable[[AppServices, int], object]

CASES = [
    pytest.param(
        lambda s, pid: s.issues.create(pid, IssueType.ISSUE, "   "),
        "Title: is required",
        id="empty title",
    ),
    pytest.param(
        lambda s, pid: s.issues.create(
            pid,
            IssueType.ISSUE,
            "Late AHU-2",
            raised_on=date(2026, 11, 10),
            due_on=date(2026, 11, 9),
        ),
        "Due date: 09 Nov 2026 is before the raised date (10 Nov 2026)",
        id="due before raised",
    ),
    pytest.param(
        lambda s, pid: s.risks.create(pid, "Ground conditions", 7, 3),
        "Probability: must be between 1 and 5, not 7",
        id="probability 7",
    ),
    pytest.param(
        lambda s, pid: s.issues.create(pid, IssueType.ISSUE, "Extra rebar", cost_impact="abc"),
        "Cost impact: “abc” is not a number",
        id="non-numeric cost",
    ),
]


@pytest.mark.parametrize(("action", "message"), CASES)
def test_bad_input_is_refused_and_nothing_is_written(
    workspace: Workspace, services: AppServices, project_id: int, action: Action, message: str
) -> None:
    before = _fingerprint(workspace)
    with pytest.raises(ValidationError) as refused:
        action(services, project_id)
    assert str(refused.value) == message
    assert _fingerprint(workspace) == before


def test_the_next_number_is_not_used_up_by_a_refusal(
    services: AppServices, project_id: int
) -> None:
    with pytest.raises(ValidationError):
        services.issues.create(project_id, IssueType.RFI, "")
    made = services.issues.create(project_id, IssueType.RFI, "Sprinkler head conflict").value
    assert made.number == "RFI-0002"
