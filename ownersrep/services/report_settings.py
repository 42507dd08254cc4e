"""The owner report's saved choices, kept in the `setting` table (audited) as the health
settings are (see health_settings):

- `report.choices.<project id>`: JSON {"sections": [Section values], "look_ahead_weeks": n}
  per project; section names this version does not know are ignored;
- `report.organisation`, `report.client_logo`, `report.our_logo`,
  `report.confidentiality`: the workspace's branding (logos are file paths).

A value equal to the default is stored as no row at all, so setting the default back (an
undo) leaves the file as it was. A stored value this version cannot read is taken as the
default rather than stopping the report.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import Project, Setting
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.services.changes import Changes, Outcome
from ownersrep.services.context import ServiceContext
from ownersrep.services.health_settings import read_setting, write_setting
from ownersrep.services.report_types import (
    DEFAULT_SECTIONS,
    LOOK_AHEAD_WEEKS,
    Branding,
    ReportChoices,
    Section,
)
from ownersrep.services.validation import optional_text

ENTITY_REPORT_SETTINGS = "report_settings"
CHOICES_PREFIX = "report.choices."
BRANDING_KEYS = {
    "organisation": "report.organisation",
    "client_logo": "report.client_logo",
    "our_logo": "report.our_logo",
    "confidentiality": "report.confidentiality",
}
_LABELS = {
    "organisation": "Organisation",
    "client_logo": "Client logo",
    "our_logo": "Our logo",
    "confidentiality": "Confidentiality",
}
_DEFAULT_BRANDING = Branding()
_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"


def choices_key(project_id: int) -> str:
    return f"{CHOICES_PREFIX}{project_id}"


# -- choices ----------------------------------------------------------------------------
def _sections_in_order(sections: Iterable[Section]) -> tuple[Section, ...]:
    chosen = set(sections)
    return tuple(s for s in Section if s in chosen)


def load_choices(s: Session, project_id: int) -> ReportChoices:
    text = read_setting(s, choices_key(project_id))
    if text is None:
        return ReportChoices()
    try:
        data = json.loads(text)
    except ValueError:
        return ReportChoices()
    if not isinstance(data, Mapping):
        return ReportChoices()
    names = data.get("sections")
    known = {sec.value: sec for sec in Section}
    sections = (
        _sections_in_order(known[n] for n in names if isinstance(n, str) and n in known)
        if isinstance(names, list)
        else DEFAULT_SECTIONS
    )
    weeks = data.get("look_ahead_weeks")
    if not isinstance(weeks, int) or isinstance(weeks, bool) or weeks not in LOOK_AHEAD_WEEKS:
        weeks = ReportChoices().look_ahead_weeks
    return ReportChoices(sections, weeks)


def clean_choices(choices: ReportChoices | Mapping[str, Any]) -> ReportChoices:
    """Validated choices, sections in print order (ValidationError naming the field)."""
    if isinstance(choices, Mapping):
        sections_in = choices.get("sections", DEFAULT_SECTIONS)
        weeks_in = choices.get("look_ahead_weeks", ReportChoices().look_ahead_weeks)
    else:
        sections_in, weeks_in = choices.sections, choices.look_ahead_weeks
    if isinstance(sections_in, str):
        sections_in = [sections_in]
    sections = []
    for name in sections_in:
        try:
            sections.append(Section(name))
        except ValueError:
            allowed = ", ".join(sec.value for sec in Section)
            raise ValidationError("Sections", f"“{name}” is not one of: {allowed}") from None
    low, high = LOOK_AHEAD_WEEKS[0], LOOK_AHEAD_WEEKS[-1]
    if isinstance(weeks_in, bool) or weeks_in not in LOOK_AHEAD_WEEKS:
        raise ValidationError(
            "Look-ahead", f"must be between {low} and {high} weeks, not {weeks_in}"
        )
    return ReportChoices(_sections_in_order(sections), int(weeks_in))


def store_choices(s: Session, project_id: int, choices: ReportChoices) -> None:
    value = None
    if choices != ReportChoices():
        value = json.dumps(
            {
                "sections": [sec.value for sec in choices.sections],
                "look_ahead_weeks": choices.look_ahead_weeks,
            },
            sort_keys=True,
        )
    write_setting(s, choices_key(project_id), value)


# -- branding ---------------------------------------------------------------------------
def _stored_branding(s: Session) -> dict[str, str | None]:
    """The branding as stored (defaults where no row), logos as path text or None."""
    rows = dict(
        s.execute(
            select(Setting.key, Setting.value).where(Setting.key.in_(BRANDING_KEYS.values()))
        ).all()
    )
    return {
        "organisation": rows.get(BRANDING_KEYS["organisation"], _DEFAULT_BRANDING.organisation),
        "client_logo": rows.get(BRANDING_KEYS["client_logo"]) or None,
        "our_logo": rows.get(BRANDING_KEYS["our_logo"]) or None,
        "confidentiality": rows.get(
            BRANDING_KEYS["confidentiality"], _DEFAULT_BRANDING.confidentiality
        ),
    }


def logo_problem(path: Path) -> str | None:
    """Why `path` cannot be used as a logo, or None when it is a readable PNG or JPEG."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except FileNotFoundError:
        return f"file not found: {path}"
    except OSError as exc:
        return f"cannot read {path}: {exc.strerror or exc}"
    if not (head.startswith(_PNG) or head.startswith(_JPEG)):
        return f"not a PNG or JPEG image: {path}"
    return None


def load_branding(s: Session) -> Branding:
    """The branding with logos that cannot be read left out, each named in warnings."""
    stored = _stored_branding(s)
    warnings: list[str] = []
    logos: dict[str, Path | None] = {}
    for key in ("client_logo", "our_logo"):
        text = stored[key]
        logos[key] = None
        if text:
            problem = logo_problem(Path(text))
            if problem is None:
                logos[key] = Path(text)
            else:
                warnings.append(f"{_LABELS[key]}: {problem}")
    return Branding(
        organisation=stored["organisation"] or "",
        client_logo=logos["client_logo"],
        our_logo=logos["our_logo"],
        confidentiality=stored["confidentiality"] or "",
        warnings=tuple(warnings),
    )


def _clean_branding(key: str, value: Any) -> str | None:
    if key in ("organisation", "confidentiality"):
        if value is not None and not isinstance(value, str):
            raise ValidationError(_LABELS[key], "must be text")
        return optional_text(value, _LABELS[key], 200)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, (str, Path)):
        raise ValidationError(_LABELS[key], "must be a file path")
    path = Path(str(value).strip()).expanduser()
    problem = logo_problem(path)
    if problem is not None:
        raise ValidationError(_LABELS[key], problem)
    return str(path)


def _store_branding(s: Session, values: Mapping[str, str | None]) -> None:
    defaults = {
        "organisation": _DEFAULT_BRANDING.organisation,
        "client_logo": None,
        "our_logo": None,
        "confidentiality": _DEFAULT_BRANDING.confidentiality,
    }
    for key, value in values.items():
        write_setting(s, BRANDING_KEYS[key], None if value == defaults[key] else value)


class ReportSettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    # -- per project -----------------------------------------------------------------
    def choices(self, project_id: int) -> ReportChoices:
        """The project's saved sections and look-ahead (the defaults until chosen)."""
        with self._ctx.sessions() as s:
            return load_choices(s, project_id)

    def set_choices(
        self, project_id: int, choices: ReportChoices | Mapping[str, Any]
    ) -> Outcome[ReportChoices]:
        """Save the project's choices; returns the previous ones (undo: set them back)."""
        chosen = clean_choices(choices)
        with self._ctx.sessions.begin() as s:
            if s.get(Project, project_id) is None:
                raise NotFoundError("project", project_id)
            old = load_choices(s, project_id)
            store_choices(s, project_id, chosen)
        return Outcome(old, Changes.of(ENTITY_REPORT_SETTINGS, (), project_id))

    # -- per workspace ---------------------------------------------------------------
    def branding(self) -> Branding:
        """Logos, organisation and marking; a logo that cannot be read is left out and
        named in `warnings` ("Client logo: file not found: /x/y.png")."""
        with self._ctx.sessions() as s:
            return load_branding(s)

    def set_branding(self, values: Mapping[str, Any]) -> Outcome[dict[str, Any]]:
        """Change some of organisation, client_logo, our_logo (a path, or None / "" for
        none) and confidentiality. Returns the previous values of all four (undo: set
        them back). A logo must be an existing PNG or JPEG file."""
        unknown = [k for k in values if k not in BRANDING_KEYS]
        if unknown:
            raise ValidationError(unknown[0], "is not a branding field")
        clean = {key: _clean_branding(key, values[key]) for key in BRANDING_KEYS if key in values}
        with self._ctx.sessions.begin() as s:
            old: dict[str, Any] = _stored_branding(s)
            _store_branding(s, clean)
        return Outcome(old, Changes.of(ENTITY_REPORT_SETTINGS))
