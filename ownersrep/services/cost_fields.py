"""Field checks shared by the cost services. Each raises ValidationError naming the field."""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from sqlalchemy.orm import Session

from ownersrep.db.models import BudgetLine, Commitment, NumberCounter, Party, Project
from ownersrep.domain.cost.amounts import PERCENT_STEP
from ownersrep.domain.cost.enums import BudgetLineKind
from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.money import format_money, parse_money

#: The largest amount accepted anywhere in the ledger (a trillion): far above any
#: project, far below what integer cents can hold.
MAX_AMOUNT = Decimal("1000000000000")


def money(value: Any, field: str, *, negative: bool = False) -> Decimal:
    """A required amount; negative only where `negative` allows it (change orders)."""
    amount = parse_money(value, field)
    if amount is None:
        raise ValidationError(field, "is required")
    if abs(amount) > MAX_AMOUNT:
        raise ValidationError(field, f"{format_money(amount)} is beyond any project's budget")
    if amount < 0 and not negative:
        raise ValidationError(field, f"must not be negative, not {format_money(amount)}")
    return amount


def optional_money(value: Any, field: str) -> Decimal | None:
    """An amount that may be left empty (None); never negative."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return money(value, field)


def percent(value: Any, field: str) -> Decimal:
    """A percentage between 0 and 100 with at most two places ("5", "5 %", Decimal("5"))."""
    if isinstance(value, float):
        raise ValidationError(field, "must be given as text or Decimal, not a float")
    if isinstance(value, bool):
        raise ValidationError(field, f"“{value}” is not a percentage")
    text = str(value if value is not None else "").strip().removesuffix("%").strip()
    if not text:
        return Decimal("0.00")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValidationError(field, f"“{value}” is not a percentage") from None
    if not number.is_finite() or not 0 <= number <= 100:
        raise ValidationError(field, f"must be between 0 and 100 %, not {value}")
    return number.quantize(PERCENT_STEP, rounding=ROUND_HALF_UP)


def a_date(value: Any, field: str, *, required: bool = False) -> date | None:
    if value is None:
        if required:
            raise ValidationError(field, "is required")
        return None
    if not isinstance(value, date):
        raise ValidationError(field, "must be a date")
    return value


def whole_days(value: Any, field: str, limit: int = 3650) -> int:
    """A whole number of days, negative when time is saved."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    if isinstance(value, bool | float):
        raise ValidationError(field, f"“{value}” is not a whole number of days")
    try:
        days = value if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        raise ValidationError(field, f"“{value}” is not a whole number of days") from None
    if abs(days) > limit:
        raise ValidationError(field, f"must be between −{limit} and {limit} days, not {days}")
    return days


def flag(value: Any, field: str) -> bool:
    if not isinstance(value, bool):
        raise ValidationError(field, "must be yes or no")
    return value


def reference_id(value: Any, field: str) -> int | None:
    """An optional row id (None or "" for none)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ValidationError(field, f"“{value}” is not a record")
    try:
        return value if isinstance(value, int) else int(str(value).strip())
    except ValueError:
        raise ValidationError(field, f"“{value}” is not a record") from None


# -- references within one project -------------------------------------------------------
def project_or_fail(s: Session, project_id: int) -> Project:
    project = s.get(Project, project_id)
    if project is None:
        raise NotFoundError("project", project_id)
    return project


def line_in(
    s: Session,
    project_id: int,
    line_id: int,
    field: str,
    kind: BudgetLineKind | None = None,
) -> BudgetLine:
    """A budget line of this project (of `kind`, when given)."""
    line = s.get(BudgetLine, line_id)
    if line is None or line.project_id != project_id:
        raise ValidationError(field, f"budget line #{line_id} is not in this project")
    if kind is not None and line.kind != kind.value:
        if kind is BudgetLineKind.CONTINGENCY:
            raise ValidationError(field, f"{line.code} is not a contingency line")
        raise ValidationError(
            field, f"{line.code} is contingency; draw on it with a change order instead"
        )
    return line


def commitment_in(s: Session, project_id: int, commitment_id: int, field: str) -> Commitment:
    commitment = s.get(Commitment, commitment_id)
    if commitment is None or commitment.project_id != project_id:
        raise ValidationError(field, f"commitment #{commitment_id} is not in this project")
    return commitment


def party_exists(s: Session, party_id: int, field: str) -> None:
    if s.get(Party, party_id) is None:
        raise ValidationError(field, f"party #{party_id} does not exist")


def next_sequence(s: Session, project_id: int, prefix: str) -> int:
    """The next number for `prefix` in the project; numbers are never handed out twice."""
    counter = s.get(NumberCounter, (project_id, prefix))
    if counter is None:
        counter = NumberCounter(project_id=project_id, prefix=prefix, last=0)
        s.add(counter)
    counter.last += 1
    return counter.last
