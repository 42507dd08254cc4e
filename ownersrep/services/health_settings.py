"""Workspace-wide choices of the health services, kept in the `setting` table (audited
like every other row), inside the caller's session:

- `health.thresholds`: the RAG thresholds, JSON of `Thresholds.to_dict()`;
- `evm.eac_method`: the EAC formula, an `EacMethod` value;
- `priority.criteria`: the prioritisation criteria, JSON of `criteria_to_list()`.

A choice equal to the default is stored as no row at all, so that setting the default
back (an undo) leaves the file exactly as it was. A stored value this version cannot
read is taken as the default rather than stopping the dashboard.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ownersrep.db.models import Setting
from ownersrep.domain.errors import ValidationError
from ownersrep.domain.evm import EacMethod
from ownersrep.domain.health.scoring import (
    DEFAULT_CRITERIA,
    Criterion,
    criteria_from_list,
    criteria_to_list,
)
from ownersrep.domain.health.thresholds import Thresholds

THRESHOLDS_KEY = "health.thresholds"
EAC_METHOD_KEY = "evm.eac_method"
CRITERIA_KEY = "priority.criteria"
DEFAULT_EAC_METHOD = EacMethod.CPI


def read_setting(s: Session, key: str) -> str | None:
    return s.scalar(select(Setting.value).where(Setting.key == key))


def write_setting(s: Session, key: str, value: str | None) -> None:
    """Store `value` under `key` through the ORM (audited); None removes the row."""
    row = s.get(Setting, key)
    if value is None:
        if row is not None:
            s.delete(row)
    elif row is None:
        s.add(Setting(key=key, value=value))
    elif row.value != value:
        row.value = value
    s.flush()


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _loaded(text: str | None) -> Any:
    if text is None:
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


# -- thresholds ----------------------------------------------------------------------
def load_thresholds(s: Session) -> Thresholds:
    data = _loaded(read_setting(s, THRESHOLDS_KEY))
    if data is None:
        return Thresholds()
    try:
        return Thresholds.from_dict(data)
    except ValidationError:
        return Thresholds()


def thresholds_from(value: Thresholds | Any) -> Thresholds:
    """A Thresholds, or the dict form (`to_dict`) validated into one (ValidationError
    naming the measure and bound that is wrong)."""
    if isinstance(value, Thresholds):
        return value
    return Thresholds.from_dict(value)


def store_thresholds(s: Session, thresholds: Thresholds) -> None:
    value = None if thresholds == Thresholds() else _json(thresholds.to_dict())
    write_setting(s, THRESHOLDS_KEY, value)


# -- EAC formula ---------------------------------------------------------------------
def load_eac_method(s: Session) -> EacMethod:
    text = read_setting(s, EAC_METHOD_KEY)
    try:
        return EacMethod(text) if text is not None else DEFAULT_EAC_METHOD
    except ValueError:
        return DEFAULT_EAC_METHOD


def eac_method_from(value: object) -> EacMethod:
    try:
        return EacMethod(value)
    except ValueError:
        allowed = ", ".join(m.value for m in EacMethod)
        raise ValidationError("EAC formula", f"“{value}” is not one of: {allowed}") from None


def store_eac_method(s: Session, method: EacMethod) -> None:
    write_setting(s, EAC_METHOD_KEY, None if method is DEFAULT_EAC_METHOD else method.value)


# -- prioritisation criteria ---------------------------------------------------------
def load_criteria(s: Session) -> tuple[Criterion, ...]:
    data = _loaded(read_setting(s, CRITERIA_KEY))
    if data is None:
        return DEFAULT_CRITERIA
    try:
        return criteria_from_list(data)
    except ValidationError:
        return DEFAULT_CRITERIA


def store_criteria(s: Session, criteria: Sequence[Criterion]) -> None:
    stored = tuple(criteria)
    value = None if stored == DEFAULT_CRITERIA else _json(criteria_to_list(stored))
    write_setting(s, CRITERIA_KEY, value)
