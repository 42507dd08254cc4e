"""The rep's words for one project and reporting period (report_period rows): read one
(a default, unsaved record when none is stored), save one (undo: save the old values),
and freeze the RAG overrides when the report is issued.

frozen_overrides is JSON: [{"area", "rag", "commentary", "set_on", "set_by",
"derived"}], NULL until the report is issued ("[]" when no area was overridden then).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ownersrep.db.models import Project, ReportPeriod
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.rag import Area, AreaStatus, Rag
from ownersrep.domain.rich_text import sanitize_html
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.report_period import parse_period
from ownersrep.services.report_types import PeriodRecord, RagLine
from ownersrep.services.validation import int_in_range, optional_text

ENTITY_REPORT_PERIOD = "report_period"
EDITABLE_FIELDS = ("narrative_html", "achievements", "prepared_by", "reviewed_by", "report_number")
# In the old values save() returns: whether a row was stored. save() with stored=False
# removes the row again (undo of the first save leaves the file as it was).
STORED_KEY = "stored"
_LABELS = {
    "narrative_html": "Narrative",
    "achievements": "Achievements",
    "prepared_by": "Prepared by",
    "reviewed_by": "Reviewed by",
    "report_number": "Report number",
}
NARRATIVE_MAX = 100_000
ACHIEVEMENT_MAX = 500
ACHIEVEMENTS_MAX = 50


def _project(s: Session, project_id: int) -> None:
    if s.get(Project, project_id) is None:
        raise NotFoundError("project", project_id)


def record_row(s: Session, project_id: int, period: str) -> ReportPeriod | None:
    return s.scalar(
        select(ReportPeriod).where(
            ReportPeriod.project_id == project_id, ReportPeriod.period == period
        )
    )


def next_number(s: Session, project_id: int, period: str) -> int:
    """Stored records of earlier periods + 1."""
    earlier = s.scalar(
        select(func.count())
        .select_from(ReportPeriod)
        .where(ReportPeriod.project_id == project_id, ReportPeriod.period < period)
    )
    return int(earlier or 0) + 1


# -- frozen overrides -------------------------------------------------------------------
def freeze(areas: Sequence[AreaStatus], set_info: Mapping[Area, tuple[date, str]]) -> str:
    """The overridden areas as the JSON the record stores."""
    frozen = []
    for a in areas:
        if a.override is None:
            continue
        set_on, set_by = set_info.get(a.area, (None, ""))
        frozen.append(
            {
                "area": a.area.value,
                "rag": a.override.value,
                "commentary": a.commentary,
                "set_on": set_on.isoformat() if set_on else None,
                "set_by": set_by,
                "derived": a.derived.value,
            }
        )
    return json.dumps(frozen, ensure_ascii=False, sort_keys=True)


def thawed(text: str | None) -> dict[Area, tuple[Rag, str, Rag]] | None:
    """Area → (override, commentary, derived then) of a frozen record; None when the
    record is not frozen. Entries this version cannot read are skipped."""
    if text is None:
        return None
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    out: dict[Area, tuple[Rag, str, Rag]] = {}
    for entry in data if isinstance(data, list) else []:
        try:
            area = Area(entry["area"])
            rag = Rag(entry["rag"])
            derived = Rag(entry.get("derived") or Rag.NONE.value)
        except (KeyError, TypeError, ValueError):
            continue
        if rag is not Rag.NONE:
            out[area] = (rag, str(entry.get("commentary") or ""), derived)
    return out


def _frozen_lines(text: str | None) -> tuple[RagLine, ...]:
    found = thawed(text) or {}
    return tuple(
        RagLine(area, rag, None, derived, True, commentary)
        for area in Area
        if area in found
        for rag, commentary, derived in [found[area]]
    )


# -- records ----------------------------------------------------------------------------
def _lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def to_record(row: ReportPeriod) -> PeriodRecord:
    return PeriodRecord(
        project_id=row.project_id,
        period=row.period,
        report_number=row.report_number,
        narrative_html=row.narrative_html,
        achievements=_lines(row.achievements),
        prepared_by=row.prepared_by,
        reviewed_by=row.reviewed_by,
        issued_on=row.issued_on,
        frozen_overrides=_frozen_lines(row.frozen_overrides),
    )


def default_record(s: Session, project_id: int, period: str) -> PeriodRecord:
    return PeriodRecord(project_id, period, next_number(s, project_id, period))


def load_record(s: Session, project_id: int, period: str) -> tuple[PeriodRecord, str | None]:
    """The record (stored, else the default) and its raw frozen overrides (None: not
    frozen)."""
    row = record_row(s, project_id, period)
    if row is None:
        return default_record(s, project_id, period), None
    return to_record(row), row.frozen_overrides


def _values_of(record: PeriodRecord, stored: bool) -> dict[str, Any]:
    return {
        "narrative_html": record.narrative_html,
        "achievements": record.achievements,
        "prepared_by": record.prepared_by,
        "reviewed_by": record.reviewed_by,
        "report_number": record.report_number,
        STORED_KEY: stored,
    }


def _clean(key: str, value: Any) -> Any:
    label = _LABELS[key]
    if key == "narrative_html":
        if value is not None and not isinstance(value, str):
            raise ValidationError(label, "must be text")
        text = optional_text(value, label, NARRATIVE_MAX)
        return sanitize_html(text)
    if key == "achievements":
        if value is None:
            items: tuple[str, ...] = ()
        elif isinstance(value, str):
            items = _lines(value)
        elif isinstance(value, (list, tuple)) and all(isinstance(v, str) for v in value):
            items = tuple(v.strip() for v in value if v.strip())
            if any("\n" in v for v in items):
                items = tuple(line for v in items for line in _lines(v))
        else:
            raise ValidationError(label, "must be text, one achievement per line")
        if len(items) > ACHIEVEMENTS_MAX:
            raise ValidationError(label, f"at most {ACHIEVEMENTS_MAX}, not {len(items)}")
        for i, item in enumerate(items, 1):
            if len(item) > ACHIEVEMENT_MAX:
                raise ValidationError(
                    label, f"line {i} is longer than {ACHIEVEMENT_MAX} characters"
                )
        return "\n".join(items)
    if key in ("prepared_by", "reviewed_by"):
        if value is not None and not isinstance(value, str):
            raise ValidationError(label, "must be text")
        return optional_text(value, label, 120)
    return int_in_range(value, label, 1, 9999)


class ReportPeriodService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def get(self, project_id: int, period: str) -> PeriodRecord:
        """The stored record, or a default one (not stored): numbered after the stored
        records of earlier periods, with nothing written yet."""
        month = parse_period(period).text
        with self._ctx.sessions() as s:
            _project(s, project_id)
            return load_record(s, project_id, month)[0]

    def save(
        self, project_id: int, period: str, values: Mapping[str, Any]
    ) -> Outcome[dict[str, Any]]:
        """Change some of narrative_html (sanitised), achievements (lines, or text with
        one per line), prepared_by, reviewed_by and report_number. Returns the old
        values of all five plus "stored" (undo: save(old), which removes a row the first
        save made)."""
        month = parse_period(period).text
        unknown = [k for k in values if k not in EDITABLE_FIELDS and k != STORED_KEY]
        if unknown:
            raise ValidationError(unknown[0], "is not a report period field")
        clean = {k: _clean(k, values[k]) for k in EDITABLE_FIELDS if k in values}
        keep = values.get(STORED_KEY, True)
        with self._ctx.sessions.begin() as s:
            _project(s, project_id)
            row = record_row(s, project_id, month)
            created = row is None
            if row is None:
                old = _values_of(default_record(s, project_id, month), stored=False)
                if not keep:
                    return Outcome(old, Changes())
                defaults = default_record(s, project_id, month)
                row = ReportPeriod(
                    project_id=project_id,
                    period=month,
                    report_number=defaults.report_number,
                    narrative_html="",
                    achievements="",
                    prepared_by="",
                    reviewed_by="",
                )
                s.add(row)
            else:
                old = _values_of(to_record(row), stored=True)
                if not keep and row.issued_on is None:
                    row_id = row.id
                    s.delete(row)
                    s.flush()
                    return Outcome(
                        old,
                        Changes.of(ENTITY_REPORT_PERIOD, [row_id], project_id, structural=True),
                    )
            for key, value in clean.items():
                if getattr(row, key) != value:
                    setattr(row, key, value)
            s.flush()
            row_id = row.id
        return Outcome(
            old, Changes.of(ENTITY_REPORT_PERIOD, [row_id], project_id, structural=created)
        )
