"""What a build of the owner report returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class BuildResult:
    """The number of pages written, and what the user should know (a logo left out)."""

    pages: int
    warnings: tuple[str, ...] = ()
