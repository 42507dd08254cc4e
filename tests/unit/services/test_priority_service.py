"""PriorityService: weighted criteria per workspace, ratings 1–5 per project, the ranked
portfolio, validation naming the field, and undo of every edit restoring the file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from ownersrep.db.workspace import Workspace
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.scoring import DEFAULT_CRITERIA, Criterion, criteria_to_list
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from tests.helpers.workspace_fingerprint import fingerprint

D = Decimal
SKIP = ["audit_entry", "sqlite_sequence"]


@pytest.fixture
def app(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


def rate(app: AppServices, project_id: int, **ratings: int) -> None:
    for key, value in ratings.items():
        app.priorities.set_rating(project_id, key, value)


def test_scores_and_ranking_worked_by_hand(app: AppServices) -> None:
    clinic = app.projects.create("Clinic").value.id
    school = app.projects.create("School").value.id
    erp = app.projects.create("ERP").value.id
    depot = app.projects.create("Depot").value.id
    # Clinic: fit 5, value 4, risk 2 (inverted), urgency 3, resource need 1 (inverted):
    # 30 × 4/4 + 25 × 3/4 + 15 × 3/4 + 15 × 2/4 + 15 × 4/4 = 30 + 18.75 + 11.25 + 7.5 + 15
    # = 82.5
    rate(app, clinic, strategic_fit=5, value=4, risk=2, urgency=3, resource_need=1)
    # School: all 3s: half of every weight = 50.0
    rate(app, school, strategic_fit=3, value=3, risk=3, urgency=3, resource_need=3)
    # ERP: fit 5 (all of 30), value 1 (none of 25), risk 5 (inverted: none of 15),
    # urgency 5 (all of 15), resource need 5 (inverted: none of 15) = 45.0
    rate(app, erp, strategic_fit=5, value=1, risk=5, urgency=5, resource_need=5)
    rate(app, depot, strategic_fit=4)  # not rated on everything: no score
    ranked = app.priorities.ranked()
    assert [(r.position, r.item.name, r.score) for r in ranked] == [
        (1, "Clinic", D("82.5")),
        (2, "School", D("50.0")),
        (3, "ERP", D("45.0")),
        (None, "Depot", None),
    ]
    depot_item = ranked[-1].item
    assert depot_item.ratings == {"strategic_fit": 4}
    assert depot_item.missing == ("Value", "Risk", "Urgency", "Resource need")
    # a tie shares its position
    rate(app, depot, value=3, risk=3, urgency=3, resource_need=3, strategic_fit=3)
    assert [(r.position, r.item.name) for r in app.priorities.ranked()] == [
        (1, "Clinic"),
        (2, "School"),
        (2, "Depot"),
        (4, "ERP"),
    ]


def test_ratings_are_validated_and_undo(app: AppServices, workspace: Workspace) -> None:
    pid = app.projects.create("Clinic").value.id
    priorities = app.priorities
    before = fingerprint(workspace, skip=SKIP)
    with pytest.raises(ValidationError, match=r"^Strategic fit: must be between 1 and 5, not 6$"):
        priorities.set_rating(pid, "strategic_fit", 6)
    with pytest.raises(ValidationError, match=r"^Value: “high” is not a whole number$"):
        priorities.set_rating(pid, "value", "high")
    with pytest.raises(ValidationError, match=r"^Criterion: “beauty” is not one of: strategic_fit"):
        priorities.set_rating(pid, "beauty", 3)
    with pytest.raises(NotFoundError):
        priorities.set_rating(999, "value", 3)
    assert fingerprint(workspace, skip=SKIP) == before

    out = priorities.set_rating(pid, "value", "4")
    assert out.value is None and out.changes.touches("priority", pid)
    assert priorities.ratings(pid) == {"value": 4}
    changed = priorities.set_rating(pid, "value", 2)
    assert changed.value == 4
    priorities.set_rating(pid, "value", changed.value)  # undo the change
    assert priorities.ratings(pid) == {"value": 4}
    cleared = priorities.set_rating(pid, "value", None)
    assert cleared.value == 4 and priorities.ratings(pid) == {}
    priorities.set_rating(pid, "value", cleared.value)  # undo the clear
    assert priorities.ratings(pid) == {"value": 4}
    priorities.set_rating(pid, "value", out.value)  # undo the first rating
    assert priorities.ratings(pid) == {}
    assert fingerprint(workspace, skip=SKIP) == before


def test_weights_are_validated_and_undo_exactly(app: AppServices, workspace: Workspace) -> None:
    pid = app.projects.create("Clinic").value.id
    rate(app, pid, strategic_fit=5, value=1, risk=3, urgency=3, resource_need=3)
    priorities = app.priorities
    before = fingerprint(workspace, skip=SKIP)
    assert priorities.criteria() == DEFAULT_CRITERIA
    # 30 + 0 + 7.5 + 7.5 + 7.5 = 52.5
    assert priorities.ranked()[0].score == D("52.5")
    with pytest.raises(ValidationError, match=r"^Weights: must add up to 100, not 95$"):
        priorities.set_weights({"strategic_fit": 25})
    with pytest.raises(ValidationError, match=r"^Value weight: must be between 0 and 100, not 101"):
        priorities.set_weights({"value": 101})
    with pytest.raises(ValidationError, match=r"^Criterion: “beauty” is not one of"):
        priorities.set_weights({"beauty": 10})
    assert fingerprint(workspace, skip=SKIP) == before

    out = priorities.set_weights({"strategic_fit": 40, "value": 15})
    assert out.value == DEFAULT_CRITERIA and out.changes.touches("priority")
    assert [c.weight for c in priorities.criteria()] == [40, 15, 15, 15, 15]
    # 40 + 0 + 7.5 + 7.5 + 7.5 = 62.5
    assert priorities.ranked()[0].score == D("62.5")
    priorities.set_criteria(out.value)  # undo
    assert priorities.criteria() == DEFAULT_CRITERIA
    assert fingerprint(workspace, skip=SKIP) == before


def test_replacing_the_criteria(app: AppServices, workspace: Workspace) -> None:
    pid = app.projects.create("Clinic").value.id
    rate(app, pid, strategic_fit=5, value=1, risk=3, urgency=3, resource_need=3)
    priorities = app.priorities
    before = fingerprint(workspace, skip=SKIP)
    two = [Criterion("strategic_fit", "Strategic fit", 50), Criterion("safety", "Safety", 50)]
    with pytest.raises(ValidationError, match=r"^Criteria: “safety” appears twice$"):
        priorities.set_criteria([*two, Criterion("safety", "Safety again", 0)])
    out = priorities.set_criteria(criteria_to_list(two))  # the stored (dict) form works too
    assert priorities.criteria() == tuple(two)
    # Safety is not rated yet; the dropped criteria's ratings are kept, not counted.
    (only,) = priorities.ranked()
    assert (only.score, only.item.missing) == (None, ("Safety",))
    assert only.item.ratings == {"strategic_fit": 5}
    priorities.set_rating(pid, "safety", 5)
    assert priorities.ranked()[0].score == D("100.0")
    priorities.set_rating(pid, "safety", None)
    priorities.set_criteria(out.value)
    assert priorities.ranked()[0].score == D("52.5")
    assert fingerprint(workspace, skip=SKIP) == before
