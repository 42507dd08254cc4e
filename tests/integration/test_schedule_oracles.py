"""Our engine against the schedulers' own answers, task by task.

Every MS Project XML file in ../shared/data/schedules/mspdi and the two unprogressed P6
files are read, scheduled with our engine and compared with the early start, early
finish, late start, late finish, total float and critical flag that MS Project or P6
saved in the file (`ownersrep.interchange.compare`). Each file must reach the share of
matching tasks we achieve today, and every task that differs must say why (manually
scheduled, dates set by resource calendars, the file's own dates inconsistent with its
own links, ...): the reason is per task, never per file.

`legacy-sample1.xml` was saved without computed dates: it is checked against
`legacy-sample.xml`, the same project with them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ownersrep.interchange.compare import CompareReport, compare, main, read_file
from tests.helpers.schedules import require_schedules

# file → (tasks that must match, tasks compared). What we achieve today, and why the rest
# differs (each such task also carries its own reason in the report):
EXPECTED = {
    "mspdi/mpxj__mspdirelations.xml": (5, 5),
    "mspdi/mpxj__legacy-sample.xml": (19, 19),
    "mspdi/mpxj__legacy-caltest.xml": (3, 3),
    "mspdi/mpxj__mspdisplittask.xml": (2, 2),
    "mspdi/mpxj__mspdiresource.xml": (3, 3),
    # Resource calendars and contours set most dates; the file's late dates stop at an
    # earlier project finish than its own early dates reach.
    "mspdi/mpxj__mspditimephased.xml": (19, 40),
    # Every task is manually scheduled: all dates and floats match, but MS Project did
    # not flag them critical although their float is zero.
    "mspdi/mpxj__task-baselines-project2019-mspdi.xml": (0, 110),
    # Only TotalSlack and Critical are in the file.
    "mspdi/ganttproject__holidays.xml": (1, 1),
    # A project with no tasks.
    "mspdi/mpxj__calendar-calendars-project2019-mspdi.xml": (0, 0),
    # Against legacy-sample.xml; one summary holds a subtask that file does not have.
    "mspdi/mpxj__legacy-sample1.xml": (18, 19),
    # P6 6.0 put a start-to-finish successor one minute late, and two tasks follow it.
    "xer/bhatticoder__CONSRTRUCTION.xer": (48, 51),
    "xer/constology__wk2.xer": (198, 198),
}
AGAINST = {"mspdi/mpxj__legacy-sample1.xml": "mspdi/mpxj__legacy-sample.xml"}


def _report(name: str) -> CompareReport:
    root = require_schedules()
    path = root / name
    if not path.is_file():
        pytest.skip(f"{path} is missing")
    oracle = read_file(str(root / AGAINST[name])) if name in AGAINST else None
    return compare(read_file(str(path)), oracle)


@pytest.mark.parametrize("name", list(EXPECTED), ids=[Path(n).name for n in EXPECTED])
def test_our_schedule_matches_the_files_own(name: str) -> None:
    report = _report(name)
    matched, compared = EXPECTED[name]
    assert report.compared == compared, report.lines()
    assert report.matched >= matched, "\n".join(report.lines())


@pytest.mark.parametrize("name", list(EXPECTED), ids=[Path(n).name for n in EXPECTED])
def test_every_difference_says_why(name: str) -> None:
    report = _report(name)
    unexplained = [t for t in report.tasks if not t.matches and not t.reason]
    assert not unexplained, "\n".join(report.lines())


def test_the_mspdi_folder_is_covered() -> None:
    root = require_schedules()
    files = {f"mspdi/{p.name}" for p in (root / "mspdi").glob("*.xml")}
    assert files <= set(EXPECTED), f"not checked: {sorted(files - set(EXPECTED))}"


def test_tasks_without_computed_dates_are_listed_with_the_reason() -> None:
    report = _report("xer/bhatticoder__CONSRTRUCTION.xer")
    # The three WBS nodes come as summaries with no dates of P6's own.
    assert [(key, why) for key, _, why in report.not_compared] == [
        (key, "the file gives no computed dates for it")
        for key in ("wbs:10190", "wbs:10191", "wbs:10192")
    ]


def test_a_one_minute_p6_difference_is_explained_from_the_file_itself() -> None:
    report = _report("xer/bhatticoder__CONSRTRUCTION.xer")
    by_key = {t.key: t for t in report.tasks}
    sewer = by_key["80996"]
    assert {m.field for m in sewer.mismatches} == {"ES", "EF", "TF"}
    assert sewer.reason is not None
    assert "is 1 minute later than its own links" in sewer.reason
    assert "follows Sewer Inspection chambers" in (by_key["81002"].reason or "")


def test_the_command_line_prints_the_share_and_each_difference(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = require_schedules()
    assert main([str(root / "mspdi/mpxj__mspdirelations.xml")]) == 0
    assert capsys.readouterr().out == (
        "mpxj__mspdirelations.xml: 5/5 tasks match (100.0%)  ES 5 EF 5 LS 5 LF 5 TF 5 critical 5\n"
    )
    assert main([str(root / "xer/bhatticoder__CONSRTRUCTION.xer")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        "bhatticoder__CONSRTRUCTION.xer: 48/51 tasks match (94.1%)  "
        "ES 49/51 EF 49/51 LS 50/51 LF 50/51 TF 48/51 critical 51"
    )
    assert (
        "  Sewer Inspection chambers [80996] ES: ours 15 Apr 2010 08:00, theirs 15 Apr 2010 08:01"
        in lines
    )
