"""Prioritisation: the workspace's weighted criteria, each project's ratings (1–5), and
the portfolio ranked by score (domain.health.scoring)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import PriorityRating, Project
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.scoring import (
    Criterion,
    Ranked,
    criteria_from_list,
    rank,
    score,
    validate_criteria,
)
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.health_settings import load_criteria, store_criteria
from ownersrep.services.health_types import ENTITY_PRIORITY, PriorityItem
from ownersrep.services.validation import int_in_range


def _criteria_from(
    value: Sequence[Criterion] | Sequence[Mapping[str, Any]],
) -> tuple[Criterion, ...]:
    items = list(value)
    if items and not all(isinstance(c, Criterion) for c in items):
        return criteria_from_list([dict(c) for c in items])  # type: ignore[arg-type]
    return validate_criteria(items)  # type: ignore[arg-type]


def _criterion(criteria: Sequence[Criterion], key: str) -> Criterion:
    found = next((c for c in criteria if c.key == key), None)
    if found is None:
        allowed = ", ".join(c.key for c in criteria)
        raise ValidationError("Criterion", f"“{key}” is not one of: {allowed}")
    return found


def _rating_row(s: Session, project_id: int, key: str) -> PriorityRating | None:
    return s.scalar(
        select(PriorityRating).where(
            PriorityRating.project_id == project_id, PriorityRating.criterion == key
        )
    )


class PriorityService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- criteria --------------------------------------------------------------------
    def criteria(self) -> tuple[Criterion, ...]:
        """The workspace's criteria (strategic fit, value, risk, urgency, resource need
        unless changed), weights adding up to 100."""
        with self._ctx.sessions() as s:
            return load_criteria(s)

    def set_criteria(
        self, criteria: Sequence[Criterion] | Sequence[Mapping[str, Any]]
    ) -> Outcome[tuple[Criterion, ...]]:
        """Replace the criteria (Criterion values, or their `criteria_to_list` dicts).
        Returns the previous ones, for undo. Ratings of a criterion that is dropped are
        kept, and count again if it comes back."""
        chosen = _criteria_from(criteria)
        with self._ctx.sessions.begin() as s:
            old = load_criteria(s)
            store_criteria(s, chosen)
        return Outcome(old, Changes.of(ENTITY_PRIORITY))

    def set_weights(self, weights: Mapping[str, Any]) -> Outcome[tuple[Criterion, ...]]:
        """Change the weights of some criteria by key (whole percent, all adding up to
        100). Returns the previous criteria (undo: set_criteria(old))."""
        with self._ctx.sessions.begin() as s:
            old = load_criteria(s)
            for key in weights:
                _criterion(old, key)
            chosen = tuple(
                Criterion(
                    c.key,
                    c.label,
                    int_in_range(weights[c.key], f"{c.label} weight", 0, 100)
                    if c.key in weights
                    else c.weight,
                    c.inverted,
                )
                for c in old
            )
            store_criteria(s, validate_criteria(chosen))
        return Outcome(old, Changes.of(ENTITY_PRIORITY))

    # -- ratings ---------------------------------------------------------------------
    def ratings(self, project_id: int) -> dict[str, int]:
        """The project's rating per criterion key (criteria not rated are absent)."""
        with self._ctx.sessions() as s:
            rows = s.execute(
                select(PriorityRating.criterion, PriorityRating.rating).where(
                    PriorityRating.project_id == project_id
                )
            )
            return {key: value for key, value in rows}

    def set_rating(self, project_id: int, key: str, rating: Any) -> Outcome[int | None]:
        """Rate the project 1–5 on a criterion (None or "" clears the rating). Returns
        the previous rating or None (undo: set_rating with it)."""
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            criterion = _criterion(load_criteria(s), key)
            cleared = rating is None or (isinstance(rating, str) and not rating.strip())
            value = None if cleared else int_in_range(rating, criterion.label, 1, 5)
            row = _rating_row(s, project_id, key)
            old = row.rating if row is not None else None
            if value is None:
                if row is not None:
                    s.delete(row)
            elif row is None:
                s.add(PriorityRating(project_id=project_id, criterion=key, rating=value))
            else:
                row.rating = value
        return Outcome(old, Changes.of(ENTITY_PRIORITY, [project_id], project_id))

    # -- the ranking -----------------------------------------------------------------
    def ranked(self) -> list[Ranked[PriorityItem]]:
        """Every project, highest score first; equal scores share a position. Projects
        missing a rating come last without a score (`item.missing` names the criteria)."""
        with self._ctx.sessions() as s:
            criteria = load_criteria(s)
            projects = s.execute(
                select(Project.id, Project.code, Project.name).order_by(
                    Project.sort_order, Project.name, Project.id
                )
            ).all()
            given: dict[int, dict[str, int]] = {}
            for pid, key, value in s.execute(
                select(PriorityRating.project_id, PriorityRating.criterion, PriorityRating.rating)
            ):
                given.setdefault(pid, {})[key] = value
        scored = []
        for pid, code, name in projects:
            ratings = {c.key: given[pid][c.key] for c in criteria if c.key in given.get(pid, {})}
            missing = tuple(c.label for c in criteria if c.key not in ratings)
            item = PriorityItem(pid, code, name, ratings, missing)
            scored.append((item, None if missing else score(ratings, criteria)))
        return rank(scored)
