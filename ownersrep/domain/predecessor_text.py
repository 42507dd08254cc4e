"""The predecessor column as users type it: "1.2FS+3, 4SS-2, 5".

Each item is a predecessor's WBS code, an optional link type (FS when left out) and an
optional lag in working days, which may be negative (a lead). Items are separated by
commas or semicolons. Parsing is pure: whether a code names a real task, and whether
the links would make a loop, is for the service to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ownersrep.domain.enums import LinkType
from ownersrep.domain.errors import ValidationError

FIELD = "Predecessors"
MAX_LAG = 9999

_ITEM = re.compile(
    r"""^\s*
    (?P<code>\d+(?:\.\d+)*)\s*
    (?P<type>FS|SS|FF|SF)?\s*
    (?:(?P<sign>[+-])\s*(?P<lag>\d+)\s*(?:d|days?)?)?
    \s*$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True, slots=True)
class PredecessorSpec:
    """One link into a task, named by the predecessor's WBS code."""

    code: str
    link_type: LinkType = LinkType.FS
    lag_days: int = 0

    def __str__(self) -> str:
        return format_one(self.code, self.link_type, self.lag_days)


def format_one(code: str, link_type: LinkType | str, lag_days: int) -> str:
    """ "5" for a plain FS link, else "5SS", "5FS+3", "5FF-2"."""
    kind = LinkType(link_type)
    if kind is LinkType.FS and lag_days == 0:
        return code
    lag = f"{lag_days:+d}" if lag_days else ""
    return f"{code}{kind.value}{lag}"


def format_predecessors(specs: Iterable[PredecessorSpec]) -> str:
    return ", ".join(str(spec) for spec in specs)


def parse_predecessors(text: str | None) -> list[PredecessorSpec]:
    """Parse the column's text; an empty text means no predecessors.

    Raises ValidationError("Predecessors", ...) for an item it cannot read, a lag out of
    range, or a code listed twice."""
    specs: list[PredecessorSpec] = []
    seen: set[str] = set()
    for raw in re.split(r"[,;]", text or ""):
        if not raw.strip():
            continue
        match = _ITEM.match(raw)
        if match is None:
            raise ValidationError(
                FIELD, f"“{raw.strip()}” is not a predecessor like 4, 4SS or 1.2FS+3"
            )
        code = match["code"]
        if code in seen:
            raise ValidationError(FIELD, f"{code} is listed twice")
        seen.add(code)
        lag = int(match["lag"]) if match["lag"] else 0
        if lag > MAX_LAG:
            raise ValidationError(
                FIELD, f"the lag of {code} must be at most {MAX_LAG} working days, not {lag}"
            )
        if match["sign"] == "-":
            lag = -lag
        kind = LinkType(match["type"].upper()) if match["type"] else LinkType.FS
        specs.append(PredecessorSpec(code, kind, lag))
    return specs
