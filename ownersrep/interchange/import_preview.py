"""What an import would bring in, shown before the user commits it: counts, the date
range, the status date, the reader's warnings and what it skipped."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from ownersrep.domain.enums import LinkType, TaskKind
from ownersrep.interchange.schedule_file import ImportedSchedule

FORMAT_LABELS = {"mspdi": "MS Project XML", "xer": "Primavera P6 XER"}


def format_label(fmt: str) -> str:
    return FORMAT_LABELS.get(fmt, fmt)


def baseline_name(number: int) -> str:
    """MS Project's names: "Baseline" for baseline 0, then "Baseline 1".."Baseline 10"."""
    return "Baseline" if number == 0 else f"Baseline {number}"


def _day(value: datetime | None) -> date | None:
    return None if value is None else value.date()


def _fmt(value: date | None) -> str:
    return "—" if value is None else f"{value:%d %b %Y}"


def _plural(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


@dataclass(frozen=True)
class ImportPreview:
    file_name: str
    format_label: str
    project_name: str
    tasks: int  # ordinary tasks (not summaries, not milestones)
    summaries: int
    milestones: int
    links_by_type: tuple[tuple[LinkType, int], ...]  # FS, SS, FF, SF order; zeros left out
    calendars: int
    baselines: tuple[str, ...]  # "Baseline", "Baseline 1", ...
    with_actuals: int  # tasks with an actual start or finish
    manual: int  # manually scheduled tasks
    start: date | None  # the file's own earliest start and latest finish
    finish: date | None
    status_date: date | None
    warnings: tuple[str, ...]
    skipped: tuple[tuple[str, int], ...]

    @classmethod
    def of(cls, schedule: ImportedSchedule) -> ImportPreview:
        kinds = Counter(t.kind for t in schedule.tasks)
        types = Counter(link.type for link in schedule.links)
        numbers = sorted({b.number for t in schedule.tasks for b in t.baselines})
        first, last = schedule.date_range
        return cls(
            file_name=Path(schedule.path).name,
            format_label=format_label(schedule.format),
            project_name=schedule.project_name,
            tasks=kinds[TaskKind.TASK],
            summaries=kinds[TaskKind.SUMMARY],
            milestones=kinds[TaskKind.MILESTONE],
            links_by_type=tuple((t, types[t]) for t in LinkType if types[t]),
            calendars=len(schedule.calendars),
            baselines=tuple(baseline_name(n) for n in numbers),
            with_actuals=sum(
                1
                for t in schedule.tasks
                if t.actual_start is not None or t.actual_finish is not None
            ),
            manual=sum(1 for t in schedule.tasks if t.manual),
            start=_day(first or schedule.start),
            finish=_day(last or schedule.finish),
            status_date=_day(schedule.status_date),
            warnings=tuple(schedule.warnings),
            skipped=tuple(schedule.skipped),
        )

    # -- derived -----------------------------------------------------------------------
    @property
    def rows(self) -> int:
        """Every WBS row the project will hold: summaries, tasks and milestones."""
        return self.tasks + self.summaries + self.milestones

    @property
    def links(self) -> int:
        return sum(n for _t, n in self.links_by_type)

    def links_text(self) -> str:
        if not self.links_by_type:
            return "none"
        detail = ", ".join(f"{n:,} {t.value}" for t, n in self.links_by_type)
        return f"{self.links:,} ({detail})"

    def date_range_text(self) -> str:
        if self.start is None and self.finish is None:
            return "no dates in the file"
        return f"{_fmt(self.start)} – {_fmt(self.finish)}"

    def skipped_lines(self) -> list[str]:
        return [f"Skipped: {n:,} {what}" for what, n in self.skipped]

    def summary_rows(self) -> list[tuple[str, str]]:
        """(label, value) pairs: the form of the import dialog and the CLI's lines (which
        name the file first)."""
        return [
            ("Format", self.format_label),
            ("Project in the file", self.project_name or "—"),
            (
                "Tasks",
                f"{self.tasks:,} tasks, {_plural(self.milestones, 'milestone')}, "
                f"{_plural(self.summaries, 'summary', 'summaries')}",
            ),
            ("Links", self.links_text()),
            ("Calendars", f"{self.calendars:,}"),
            ("Baselines", ", ".join(self.baselines) if self.baselines else "none"),
            ("Progress", self._progress_text()),
            ("Dates in the file", self.date_range_text()),
            ("Status date", _fmt(self.status_date) if self.status_date else "none"),
        ]

    def _progress_text(self) -> str:
        parts = [
            f"{_plural(self.with_actuals, 'task')} started or finished"
            if self.with_actuals
            else "not started (no actual dates)"
        ]
        if self.manual:
            parts.append(f"{_plural(self.manual, 'manually scheduled task')}")
        return "; ".join(parts)

    def lines(self) -> list[str]:
        """The preview as text lines, for the command line."""
        rows = [("File", self.file_name), *self.summary_rows()]
        if self.skipped:
            rows.append(("Skipped", ", ".join(f"{n:,} {what}" for what, n in self.skipped)))
        width = max(len(label) for label, _v in rows)
        out = [f"{label + ':':<{width + 1}} {value}" for label, value in rows]
        out.extend(f"Warning: {w}" for w in self.warnings)
        return out
