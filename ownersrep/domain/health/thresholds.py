"""The thresholds that turn KPIs into Green / Amber / Red, editable per workspace.

Each measure has a green bound and an amber bound. For a measure where higher is better
(SPI, CPI, VAC %) a value at or above green is Green, at or above amber is Amber, and
anything lower is Red. Where lower is better (days late, missed milestones, overdue
issues, issue age, high risks) a value at or below green is Green, at or below amber is
Amber, and anything higher is Red. A value exactly on a bound takes the better colour.

Stored as a workspace setting through `to_dict` / `from_dict` (plain strings, exact).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from decimal import Decimal, InvalidOperation

from ownersrep.domain.errors import ValidationError


@dataclass(frozen=True, slots=True)
class Measure:
    """One thresholded KPI. `key` is the ProjectKpis field and the Thresholds field."""

    key: str
    label: str
    higher_is_better: bool
    whole_number: bool
    help: str
    minimum: Decimal | None = Decimal(0)


MEASURES: tuple[Measure, ...] = (
    Measure(
        "spi",
        "SPI",
        higher_is_better=True,
        whole_number=False,
        help="Schedule performance index EV ÷ PV. 1.00 is on plan; 0.90 means 10 % of the "
        "work planned to date is not done.",
    ),
    Measure(
        "finish_variance_days",
        "Finish variance (days)",
        higher_is_better=False,
        whole_number=True,
        minimum=None,
        help="Calendar days the forecast finish lies after the baseline finish (negative: early).",
    ),
    Measure(
        "milestones_missed",
        "Milestones missed",
        higher_is_better=False,
        whole_number=True,
        help="Milestones whose baseline date has passed unfinished, or that finished late.",
    ),
    Measure(
        "cpi",
        "CPI",
        higher_is_better=True,
        whole_number=False,
        help="Cost performance index EV ÷ AC. 1.00 is on budget; 0.90 means each 1.00 "
        "spent earned 0.90 of work.",
    ),
    Measure(
        "vac_percent",
        "VAC % of budget",
        higher_is_better=True,
        whole_number=False,
        minimum=None,
        help="Variance at completion as a percentage of BAC; negative is a forecast "
        "overrun. The defaults (−5 / −10) match CPI 0.95 / 0.90 held to the end.",
    ),
    Measure(
        "overdue_issues",
        "Overdue issues",
        higher_is_better=False,
        whole_number=True,
        help="Open issues, RFIs, decisions and actions past their due date.",
    ),
    Measure(
        "average_issue_age_days",
        "Average open issue age (days)",
        higher_is_better=False,
        whole_number=False,
        help="Mean days since the open issues were raised.",
    ),
    Measure(
        "high_risks",
        "High risks",
        higher_is_better=False,
        whole_number=True,
        help="Risks that are not closed and score 15 or more (probability × impact).",
    ),
)
MEASURE_BY_KEY: dict[str, Measure] = {m.key: m for m in MEASURES}


@dataclass(frozen=True, slots=True)
class Band:
    """The two bounds of one measure; see the module text for how they are read."""

    green: Decimal
    amber: Decimal


def _band(green: str, amber: str) -> Band:
    return Band(Decimal(green), Decimal(amber))


# The defaults, documented measure by measure in MEASURES.
_SPI = _band("0.95", "0.85")
_FINISH_VARIANCE_DAYS = _band("0", "10")
_MILESTONES_MISSED = _band("0", "1")
_CPI = _band("0.95", "0.90")
_VAC_PERCENT = _band("-5", "-10")
_OVERDUE_ISSUES = _band("0", "3")
_AVERAGE_ISSUE_AGE_DAYS = _band("30", "60")
_HIGH_RISKS = _band("0", "2")


@dataclass(frozen=True, slots=True)
class Thresholds:
    """One Band per measure in MEASURES. Building one validates it (ValidationError)."""

    spi: Band = _SPI
    finish_variance_days: Band = _FINISH_VARIANCE_DAYS
    milestones_missed: Band = _MILESTONES_MISSED
    cpi: Band = _CPI
    vac_percent: Band = _VAC_PERCENT
    overdue_issues: Band = _OVERDUE_ISSUES
    average_issue_age_days: Band = _AVERAGE_ISSUE_AGE_DAYS
    high_risks: Band = _HIGH_RISKS

    def __post_init__(self) -> None:
        for measure in MEASURES:
            _check(measure, self.band(measure.key))

    def band(self, key: str) -> Band:
        return getattr(self, key)

    def to_dict(self) -> dict[str, dict[str, str]]:
        """{"spi": {"green": "0.95", "amber": "0.85"}, ...}: JSON-ready and exact."""
        return {
            f.name: {"green": str(self.band(f.name).green), "amber": str(self.band(f.name).amber)}
            for f in fields(self)
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Thresholds:
        """The reverse of to_dict. A missing measure or bound keeps its default; keys this
        version does not know are ignored. Bad values raise ValidationError naming them."""
        if not isinstance(data, Mapping):
            raise ValidationError("Thresholds", "must be a table of measures")
        defaults = cls()
        bands = {}
        for measure in MEASURES:
            given = data.get(measure.key)
            default = defaults.band(measure.key)
            if given is None:
                bands[measure.key] = default
                continue
            if not isinstance(given, Mapping):
                raise ValidationError(measure.label, "must give a green and an amber bound")
            bands[measure.key] = Band(
                green=_number(given.get("green"), default.green, f"{measure.label} green"),
                amber=_number(given.get("amber"), default.amber, f"{measure.label} amber"),
            )
        return cls(**bands)


def _number(value: object, default: Decimal, field: str) -> Decimal:
    if value is None:
        return default
    if isinstance(value, bool):
        raise ValidationError(field, f"“{value}” is not a number")
    try:
        number = Decimal(str(value).strip())
    except InvalidOperation:
        raise ValidationError(field, f"“{value}” is not a number") from None
    if not number.is_finite():
        raise ValidationError(field, f"“{value}” is not a number")
    return number


def _check(measure: Measure, band: Band) -> None:
    for side, value in (("green", band.green), ("amber", band.amber)):
        field = f"{measure.label} {side}"
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ValidationError(field, f"must be a finite Decimal, not {value!r}")
        if measure.whole_number and value != value.to_integral_value():
            raise ValidationError(field, f"must be a whole number, not {value}")
        if measure.minimum is not None and value < measure.minimum:
            raise ValidationError(field, f"cannot be below {measure.minimum}, not {value}")
    if measure.higher_is_better and band.amber > band.green:
        raise ValidationError(
            f"{measure.label} amber",
            f"must not be better than green ({band.green}): at or below it, not {band.amber}",
        )
    if not measure.higher_is_better and band.amber < band.green:
        raise ValidationError(
            f"{measure.label} amber",
            f"must not be better than green ({band.green}): at or above it, not {band.amber}",
        )
