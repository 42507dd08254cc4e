"""RiskService: numbering, validation (nothing written when refused), scores, heat map,
delete/restore and the audit trail."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from ownersrep.db.models import AuditEntry, NumberCounter, Risk
from ownersrep.domain.enums import PartyRole, RiskCategory, RiskResponse, RiskStatus
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.risk_rules import RiskLevel
from ownersrep.services.context import ServiceContext
from ownersrep.services.party_service import PartyService
from ownersrep.services.project_service import ProjectService
from ownersrep.services.risk_service import RiskService
from tests.conftest import TODAY


@pytest.fixture
def risks(ctx: ServiceContext) -> RiskService:
    return RiskService(ctx)


@pytest.fixture
def project_id(ctx: ServiceContext) -> int:
    return ProjectService(ctx).create("Riverside Library").value.id


@pytest.fixture
def owner_id(ctx: ServiceContext) -> int:
    return PartyService(ctx).create("Apex Builders", PartyRole.CONTRACTOR).value.id


def _count(ctx: ServiceContext, model: type) -> int:
    with ctx.sessions() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _audit(ctx: ServiceContext, entity_id: int) -> list[tuple[str, str | None, str | None]]:
    with ctx.sessions() as s:
        q = (
            select(AuditEntry.action, AuditEntry.field, AuditEntry.new)
            .where(AuditEntry.entity == "risk", AuditEntry.entity_id == entity_id)
            .order_by(AuditEntry.id)
        )
        return [tuple(r) for r in s.execute(q)]


# -- create and numbers ---------------------------------------------------------------
def test_create_fills_defaults_and_scores(risks: RiskService, project_id: int) -> None:
    out = risks.create(project_id, "  Long lead time for switchgear ", 4, 5)
    dto = out.value
    assert dto.number == "RSK-001"
    assert dto.title == "Long lead time for switchgear"
    assert (dto.probability, dto.impact, dto.score, dto.level) == (4, 5, 20, RiskLevel.HIGH)
    assert dto.category is RiskCategory.CONSTRUCTION
    assert dto.response is RiskResponse.MITIGATE
    assert dto.status is RiskStatus.OPEN
    assert dto.raised_on == TODAY
    assert dto.review_on is None and not dto.review_overdue
    assert out.changes.touches("risk", project_id)
    assert out.changes.ids_of("risk") == {dto.id}
    assert out.changes.structural


def test_create_takes_every_field(risks: RiskService, project_id: int, owner_id: int) -> None:
    dto = risks.create(
        project_id,
        "Unforeseen ground conditions",
        "3",
        4,
        cause="Limited site investigation",
        effect="Redesign of pile caps",
        category="site",
        response=RiskResponse.TRANSFER,
        mitigation="Additional boreholes",
        owner_id=owner_id,
        status="monitoring",
        raised_on=date(2026, 10, 1),
        review_on=date(2026, 12, 1),
    ).value
    again = risks.get(dto.id)
    assert again == dto
    assert (again.cause, again.effect, again.mitigation) == (
        "Limited site investigation",
        "Redesign of pile caps",
        "Additional boreholes",
    )
    assert again.category is RiskCategory.SITE
    assert again.response is RiskResponse.TRANSFER
    assert again.status is RiskStatus.MONITORING
    assert (again.owner_id, again.owner_name) == (owner_id, "Apex Builders")
    assert again.probability == 3
    assert again.score == 12 and again.level is RiskLevel.MEDIUM


def test_numbers_count_per_project_and_are_never_reused(
    ctx: ServiceContext, risks: RiskService, project_id: int
) -> None:
    other = ProjectService(ctx).create("Depot upgrade").value.id
    first = risks.create(project_id, "A", 1, 1).value
    second = risks.create(project_id, "B", 1, 1).value
    assert risks.create(other, "C", 1, 1).value.number == "RSK-001"
    assert (first.number, second.number) == ("RSK-001", "RSK-002")

    risks.delete(second.id)
    assert risks.create(project_id, "D", 1, 1).value.number == "RSK-003"
    with ctx.sessions() as s:
        counter = s.get(NumberCounter, (project_id, "RSK"))
        assert counter is not None and counter.last == 3


# -- validation: the message names the field, and nothing is written ------------------
@pytest.mark.parametrize(
    ("args", "fields", "message"),
    [
        (("", 3, 3), {}, "Title: is required"),
        (("   ", 3, 3), {}, "Title: is required"),
        (("Crane", 7, 3), {}, "Probability: must be between 1 and 5, not 7"),
        (("Crane", 0, 3), {}, "Probability: must be between 1 and 5, not 0"),
        (("Crane", 3, 6), {}, "Impact: must be between 1 and 5, not 6"),
        (("Crane", "high", 3), {}, "Probability: “high” is not a whole number"),
        (("Crane", 3, 3), {"category": "weather"}, "Category: “weather” is not one of"),
        (("Crane", 3, 3), {"response": "ignore"}, "Response: “ignore” is not one of"),
        (("Crane", 3, 3), {"status": "done"}, "Status: “done” is not one of"),
        (("Crane", 3, 3), {"owner_id": 999}, "Owner: party #999 does not exist"),
        (("Crane", 3, 3), {"colour": "red"}, "colour: is not a risk field"),
        (
            ("Crane", 3, 3),
            {"raised_on": date(2026, 11, 1), "review_on": date(2026, 10, 1)},
            "Review date: (01 Oct 2026) is before Raised on (01 Nov 2026)",
        ),
    ],
)
def test_create_refuses_bad_input_and_writes_nothing(
    ctx: ServiceContext,
    risks: RiskService,
    project_id: int,
    args: tuple[object, object, object],
    fields: dict[str, object],
    message: str,
) -> None:
    audit_before = _count(ctx, AuditEntry)
    with pytest.raises(ValidationError) as err:
        risks.create(project_id, *args, **fields)  # type: ignore[arg-type]
    assert str(err.value).startswith(message)
    assert _count(ctx, Risk) == 0
    assert _count(ctx, NumberCounter) == 0
    assert _count(ctx, AuditEntry) == audit_before
    # The refused attempt used no number.
    assert risks.create(project_id, "Crane", 3, 3).value.number == "RSK-001"


def test_create_in_missing_project(risks: RiskService) -> None:
    with pytest.raises(NotFoundError):
        risks.create(4242, "Orphan", 1, 1)


def test_update_refuses_and_keeps_the_row(
    ctx: ServiceContext, risks: RiskService, project_id: int
) -> None:
    rid = risks.create(project_id, "Crane", 3, 3).value.id
    audit_before = _count(ctx, AuditEntry)
    with pytest.raises(ValidationError, match=r"^Probability: must be between 1 and 5, not 7$"):
        risks.update(rid, {"title": "Tower crane", "probability": 7})
    with pytest.raises(ValidationError, match=r"^Title: is required$"):
        risks.update(rid, {"title": "", "impact": 5})
    dto = risks.get(rid)
    assert (dto.title, dto.probability, dto.impact) == ("Crane", 3, 3)
    assert _count(ctx, AuditEntry) == audit_before


def test_update_returns_old_values_for_undo(
    risks: RiskService, project_id: int, owner_id: int
) -> None:
    rid = risks.create(project_id, "Crane", 2, 2).value.id
    out = risks.update(
        rid, {"probability": 5, "impact": 4, "owner_id": owner_id, "status": "occurred"}
    )
    assert out.value == {"probability": 2, "impact": 2, "owner_id": None, "status": "open"}
    assert out.changes.touches("risk", project_id)
    assert not out.changes.structural
    dto = risks.get(rid)
    assert (dto.score, dto.level, dto.status, dto.owner_name) == (
        20,
        RiskLevel.HIGH,
        RiskStatus.OCCURRED,
        "Apex Builders",
    )
    risks.update(rid, out.value)
    dto = risks.get(rid)
    assert (dto.score, dto.status, dto.owner_id) == (4, RiskStatus.OPEN, None)


def test_update_checks_review_against_stored_raised_date(
    risks: RiskService, project_id: int
) -> None:
    rid = risks.create(project_id, "Crane", 2, 2, raised_on=date(2026, 11, 1)).value.id
    with pytest.raises(ValidationError, match=r"^Review date: "):
        risks.update(rid, {"review_on": date(2026, 10, 31)})


def test_missing_risk(risks: RiskService) -> None:
    with pytest.raises(NotFoundError):
        risks.get(77)
    with pytest.raises(NotFoundError):
        risks.update(77, {"title": "x"})
    with pytest.raises(NotFoundError):
        risks.delete(77)


# -- list, overdue and heat map -------------------------------------------------------
def test_list_rows_carry_owner_score_and_overdue(
    risks: RiskService, project_id: int, owner_id: int
) -> None:
    past, raised = date(2026, 11, 19), date(2026, 9, 1)
    a = risks.create(
        project_id, "A", 5, 5, owner_id=owner_id, raised_on=raised, review_on=past
    ).value
    b = risks.create(project_id, "B", 1, 2, status="closed", raised_on=raised, review_on=past).value
    c = risks.create(project_id, "C", 3, 2, review_on=TODAY).value
    rows = risks.list_risks(project_id)
    assert [r.number for r in rows] == ["RSK-001", "RSK-002", "RSK-003"]
    by_id = {r.id: r for r in rows}
    assert by_id[a.id].owner_name == "Apex Builders"
    assert (by_id[a.id].score, by_id[a.id].level) == (25, RiskLevel.HIGH)
    assert by_id[a.id].review_overdue  # yesterday, still open
    assert not by_id[b.id].review_overdue  # closed risks are never overdue
    assert not by_id[c.id].review_overdue  # due today is not overdue
    assert by_id[c.id].level is RiskLevel.MEDIUM
    assert by_id[b.id].owner_name == "" and by_id[b.id].owner_id is None


def test_owner_deleted_leaves_risk_without_owner(
    ctx: ServiceContext, risks: RiskService, project_id: int, owner_id: int
) -> None:
    rid = risks.create(project_id, "A", 2, 2, owner_id=owner_id).value.id
    PartyService(ctx).delete(owner_id)
    row = risks.list_risks(project_id)[0]
    assert (row.id, row.owner_id, row.owner_name) == (rid, None, "")


def test_heat_map_counts_by_probability_then_impact(
    ctx: ServiceContext, risks: RiskService, project_id: int
) -> None:
    other = ProjectService(ctx).create("Other").value.id
    risks.create(project_id, "A", 4, 2)
    risks.create(project_id, "B", 4, 2, status="monitoring")
    risks.create(project_id, "C", 1, 5, status="occurred")
    risks.create(project_id, "D", 5, 5, status="closed")
    risks.create(other, "E", 4, 2)
    counts = risks.heat_map(project_id)
    assert len(counts) == 5 and all(len(row) == 5 for row in counts)
    assert counts[3][1] == 2
    assert counts[0][4] == 1
    assert counts[4][4] == 0
    assert sum(map(sum, counts)) == 3
    with_closed = risks.heat_map(project_id, include_closed=True)
    assert with_closed[4][4] == 1 and sum(map(sum, with_closed)) == 4


# -- delete, restore, audit -----------------------------------------------------------
def test_delete_and_restore_bring_back_the_same_row(
    risks: RiskService, project_id: int, owner_id: int
) -> None:
    dto = risks.create(project_id, "A", 2, 3, owner_id=owner_id, mitigation="Early order").value
    out = risks.delete(dto.id)
    assert out.value.count(Risk) == 1
    assert out.changes.touches("risk", project_id) and out.changes.structural
    assert risks.list_risks(project_id) == []
    changes = risks.restore(out.value)
    assert changes.touches("risk", project_id)
    assert changes.ids_of("risk") == {dto.id}
    assert risks.get(dto.id) == dto


def test_every_write_is_audited(ctx: ServiceContext, risks: RiskService, project_id: int) -> None:
    rid = risks.create(project_id, "Crane", 2, 2).value.id
    risks.update(rid, {"impact": 4})
    snap = risks.delete(rid).value
    risks.restore(snap)
    actions = _audit(ctx, rid)
    assert [a for a, _, _ in actions] == ["insert", "update", "delete", "insert"]
    assert actions[1][1:] == ("impact", "4")
    assert '"number": "RSK-001"' in (actions[0][2] or "")
