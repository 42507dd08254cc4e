"""Value formats of MS Project XML (MSPDI): durations, lags, dates, codes.

Every parser raises `ValueError` with a short reason; the reader turns it into a
`ScheduleFileError` that names the file, the element and the task.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ownersrep.domain.enums import LinkType
from ownersrep.domain.scheduling.model import ConstraintType, LagUnit

MSPDI_NAMESPACE = "http://schemas.microsoft.com/project"

# PredecessorLink/Type
LINK_TYPES = {0: LinkType.FF, 1: LinkType.FS, 2: LinkType.SF, 3: LinkType.SS}

# Task/ConstraintType
CONSTRAINT_TYPES = {
    0: ConstraintType.ASAP,
    1: ConstraintType.ALAP,
    2: ConstraintType.MSO,
    3: ConstraintType.MFO,
    4: ConstraintType.SNET,
    5: ConstraintType.SNLT,
    6: ConstraintType.FNET,
    7: ConstraintType.FNLT,
}


@dataclass(frozen=True)
class DurationFormat:
    """A DurationFormat / LagFormat code: how MS Project shows the value."""

    code: int | None
    label: str  # "d", "ed", "%", ... ("" when the file gives none)
    elapsed: bool = False
    percent: bool = False


# Codes 3..20; 35..52 are the same units marked "estimated" (code - 32); 21 and 53 are
# "no format" (the project summary task uses them).
_FORMATS = {
    3: ("m", False),
    4: ("em", True),
    5: ("h", False),
    6: ("eh", True),
    7: ("d", False),
    8: ("ed", True),
    9: ("w", False),
    10: ("ew", True),
    11: ("mo", False),
    12: ("emo", True),
    19: ("%", False),
    20: ("e%", True),
}


def duration_format(code: int | None) -> DurationFormat:
    """The unit behind a DurationFormat or LagFormat code; unknown codes are working
    time, as MS Project itself treats a missing format."""
    if code is None:
        return DurationFormat(None, "")
    base, estimated = (code - 32, True) if 35 <= code <= 52 else (code, False)
    if base not in _FORMATS:
        return DurationFormat(code, "")
    label, elapsed = _FORMATS[base]
    return DurationFormat(
        code, label + ("?" if estimated else ""), elapsed=elapsed, percent=label.endswith("%")
    )


_NUMBER = r"(\d+(?:\.\d*)?|\.\d+)"
_DURATION = re.compile(
    rf"^(-)?P(?:{_NUMBER}Y)?(?:{_NUMBER}M)?(?:{_NUMBER}D)?"
    rf"(?:T(?:{_NUMBER}H)?(?:{_NUMBER}M)?(?:{_NUMBER}S)?)?$"
)


def parse_duration_minutes(text: str) -> float:
    """An xsd:duration such as ``PT16H0M0S`` as minutes (fractions kept).

    MS Project writes hours, minutes and seconds. A ``D`` counts 24 hours, as xsd
    defines it. Years and months have no fixed length, so they are refused."""
    match = _DURATION.match(text.strip())
    if match is None or not any(match.groups()[1:]):
        raise ValueError(f"{text!r} is not a duration such as PT8H0M0S")
    sign, years, months, days, hours, minutes, seconds = match.groups()
    if (years and float(years)) or (months and float(months)):
        raise ValueError(f"{text!r} counts years or months, which have no fixed length")
    total = (
        float(days or 0) * 1440
        + float(hours or 0) * 60
        + float(minutes or 0)
        + float(seconds or 0) / 60
    )
    return -total if sign else total


@dataclass(frozen=True)
class Lag:
    """A link's lag as the file gives it. `value` is minutes, or a percentage of the
    predecessor's duration when `percent` is set."""

    value: float
    unit: LagUnit
    percent: bool
    label: str  # the file's display unit, for messages

    def describe(self, minutes_per_day: int) -> str:
        if self.percent:
            return f"{_number(self.value)}{self.label}"
        per_unit = {
            "m": 1,
            "em": 1,
            "h": 60,
            "eh": 60,
            "d": minutes_per_day,
            "ed": 1440,
            "w": minutes_per_day * 5,
            "ew": 10080,
        }.get(self.label.rstrip("?"))
        if per_unit is None:
            return f"{_number(self.value)} min"
        return f"{_number(self.value / per_unit)}{self.label}"


def parse_lag(link_lag: str | None, lag_format: str | None) -> Lag:
    """PredecessorLink/LinkLag (tenths of a minute; a plain percentage for % formats)
    with its LagFormat."""
    fmt = duration_format(parse_int(lag_format) if lag_format else None)
    raw = parse_number(link_lag) if link_lag else 0.0
    unit = LagUnit.ELAPSED if fmt.elapsed else LagUnit.WORKING
    if fmt.percent:
        return Lag(raw, unit, True, fmt.label)
    return Lag(raw / 10, unit, False, fmt.label)


def tenths_to_minutes(text: str) -> int:
    """Slack values are tenths of a minute."""
    return round(parse_number(text) / 10)


def parse_int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


def parse_number(text: str) -> float:
    try:
        return float(text.strip())
    except ValueError:
        raise ValueError(f"{text!r} is not a number") from None


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true"):
        return True
    if value in ("0", "false", ""):
        return False
    raise ValueError(f"{text!r} is not 0 or 1")


def is_true(text: str | None) -> bool:
    """A flag element that is set ("1", or "true" as some tools write it)."""
    return text is not None and text.strip().lower() in ("1", "true")


def is_false(text: str | None) -> bool:
    """A flag element that is present and cleared."""
    return text is not None and text.strip().lower() in ("0", "false")


def parse_datetime(text: str) -> datetime:
    """A wall-clock date and time; a time zone, if any, is dropped."""
    value = text.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{text!r} is not a date such as 2024-03-01T08:00:00") from None
    return parsed.replace(tzinfo=None)


def parse_time_of_day(text: str, *, end: bool = False) -> int:
    """``HH:MM:SS`` as minutes after midnight; an end time of 00:00 is midnight at the
    end of the day (1440), as MS Project writes a 24-hour day."""
    parts = text.strip().split(":")
    try:
        hours, minutes = int(parts[0]), int(parts[1]) if len(parts) > 1 else 0
        seconds = float(parts[2]) if len(parts) > 2 else 0.0
    except ValueError:
        raise ValueError(f"{text!r} is not a time such as 08:00:00") from None
    if not (0 <= hours <= 24 and 0 <= minutes < 60 and 0 <= seconds < 60):
        raise ValueError(f"{text!r} is not a time of day")
    value = hours * 60 + minutes + round(seconds / 60)
    return 1440 if end and value == 0 else value


def _number(value: float) -> str:
    return f"{value:g}"
