"""The report's period parsing, period records (numbering, save and undo, issue) and
saved choices and branding."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ownersrep.domain.errors import NotFoundError, ValidationError
from ownersrep.domain.health.rag import Area, Rag
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.report_period import default_period_for, parse_period
from ownersrep.services.report_types import (
    DEFAULT_SECTIONS,
    Branding,
    ReportChoices,
    Section,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 16


@pytest.fixture
def app(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


@pytest.fixture
def pid(app: AppServices) -> int:
    project = app.projects.create("Riverside Clinic").value.id
    app.projects.update(project, {"code": "RC", "status_date": date(2026, 11, 13)})
    return project


# -- periods ----------------------------------------------------------------------------
def test_period_parsing() -> None:
    oct_ = parse_period("2026-10")
    assert (oct_.start, oct_.end, oct_.label) == (
        date(2026, 10, 1),
        date(2026, 10, 31),
        "October 2026",
    )
    feb = parse_period(" 2028-02 ")
    assert (feb.text, feb.end) == ("2028-02", date(2028, 2, 29))
    for bad in ("x", "2026-13", "2026-1", "2026/10", "", None, "0999-01"):
        with pytest.raises(ValidationError) as err:
            parse_period(bad)
        assert err.value.field == "Period"
    with pytest.raises(ValidationError, match=r"Period: must be a month like 2026-10, not 'x'"):
        parse_period("x")


def test_default_period_is_last_month_in_the_first_week() -> None:
    assert default_period_for(date(2026, 11, 7)) == "2026-10"
    assert default_period_for(date(2026, 11, 8)) == "2026-11"
    assert default_period_for(date(2026, 1, 3)) == "2025-12"


def test_periods_and_default_period_of_a_project(app: AppServices, pid: int) -> None:
    assert app.reports.periods(pid) == ["2026-11"]
    assert app.reports.default_period(pid) == "2026-11"
    app.report_periods.save(pid, "2026-08", {"prepared_by": "A. Rep"})
    app.health.close_period(pid, "2026-09")
    assert app.reports.periods(pid) == ["2026-11", "2026-09", "2026-08"]
    app.projects.update(pid, {"status_date": date(2026, 12, 4)})
    assert app.reports.default_period(pid) == "2026-11"
    assert app.reports.default_period(None) == "2026-11"  # the latest status date
    with pytest.raises(NotFoundError):
        app.reports.periods(999)


def test_project_by_code_or_name(app: AppServices, pid: int) -> None:
    assert app.reports.project_by_code("RC") == pid
    assert app.reports.project_by_code("rc") == pid
    assert app.reports.project_by_code("Riverside Clinic") == pid
    with pytest.raises(NotFoundError, match="No project with code 'NOPE'"):
        app.reports.project_by_code("NOPE")


# -- records ----------------------------------------------------------------------------
def test_default_record_is_numbered_after_earlier_stored_ones(app: AppServices, pid: int) -> None:
    first = app.report_periods.get(pid, "2026-09")
    assert (first.report_number, first.narrative_html, first.achievements) == (1, "", ())
    assert first.issued_on is None and first.frozen_overrides == ()
    app.report_periods.save(pid, "2026-09", {"prepared_by": "A. Rep"})
    app.report_periods.save(pid, "2026-10", {"prepared_by": "A. Rep"})
    assert app.report_periods.get(pid, "2026-11").report_number == 3
    assert app.report_periods.get(pid, "2026-08").report_number == 1  # nothing earlier
    with pytest.raises(NotFoundError):
        app.report_periods.get(999, "2026-11")


def test_save_sanitises_and_returns_old_values_for_undo(app: AppServices, pid: int) -> None:
    out = app.report_periods.save(
        pid,
        "2026-11",
        {
            "narrative_html": '<p style="x">Slab <span style="font-weight:700">poured</span>'
            "<script>bad()</script></p>",
            "achievements": "Level 2 slab poured\n\n  Roof dry-in  \n",
            "prepared_by": " A. Rep ",
            "reviewed_by": "B. Lead",
            "report_number": "7",
        },
    )
    assert out.value == {
        "narrative_html": "",
        "achievements": (),
        "prepared_by": "",
        "reviewed_by": "",
        "report_number": 1,
        "stored": False,
    }
    assert out.changes.touches("report_period", pid)
    record = app.report_periods.get(pid, "2026-11")
    assert record.narrative_html == "<p>Slab <b>poured</b></p>"
    assert record.achievements == ("Level 2 slab poured", "Roof dry-in")
    assert (record.prepared_by, record.reviewed_by, record.report_number) == (
        "A. Rep",
        "B. Lead",
        7,
    )

    second = app.report_periods.save(pid, "2026-11", {"achievements": ["One", " Two "]})
    assert second.value["achievements"] == ("Level 2 slab poured", "Roof dry-in")
    assert second.value["stored"] is True
    assert app.report_periods.get(pid, "2026-11").achievements == ("One", "Two")
    app.report_periods.save(pid, "2026-11", second.value)  # undo the second save
    assert app.report_periods.get(pid, "2026-11") == record
    app.report_periods.save(pid, "2026-11", out.value)  # undo the first: no row again
    assert app.reports.periods(pid) == ["2026-11"]
    assert app.report_periods.get(pid, "2026-09").report_number == 1
    assert app.report_periods.get(pid, "2026-11").narrative_html == ""


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"report_number": 0}, "Report number: must be between 1 and 9999, not 0"),
        ({"report_number": "x"}, "Report number: “x” is not a whole number"),
        ({"prepared_by": "x" * 121}, "Prepared by: is longer than 120 characters"),
        ({"achievements": 5}, "Achievements: must be text, one achievement per line"),
        ({"achievements": "x" * 501}, "Achievements: line 1 is longer than 500 characters"),
        ({"colour": "red"}, "colour: is not a report period field"),
    ],
)
def test_save_refusals_name_the_field(
    app: AppServices, pid: int, values: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError) as err:
        app.report_periods.save(pid, "2026-11", values)
    assert str(err.value) == message
    assert app.reports.periods(pid) == ["2026-11"]  # nothing stored


def test_mark_issued_freezes_the_overrides_of_that_moment(app: AppServices, pid: int) -> None:
    app.health.set_override(pid, Area.COST, Rag.RED, "Claim from the GC")
    out = app.reports.mark_issued(pid, "2026-11")
    record = out.value
    assert record.issued_on == date(2026, 11, 20)
    assert [(r.area, r.this, r.commentary) for r in record.frozen_overrides] == [
        (Area.COST, Rag.RED, "Claim from the GC")
    ]
    assert out.changes.touches("report_period", pid) and out.changes.structural
    app.health.set_override(pid, Area.COST, Rag.GREEN, "Claim withdrawn")
    again = app.reports.mark_issued(pid, "2026-11").value
    assert again == record  # already issued and frozen: kept as it was
    assert app.report_periods.get(pid, "2026-11") == record


# -- choices and branding -----------------------------------------------------------------
def test_choices_round_trip_and_undo(app: AppServices, pid: int) -> None:
    assert app.report_settings.choices(pid) == ReportChoices()
    chosen = ReportChoices((Section.RISKS, Section.COVER, Section.APPENDIX_AUDIT), 6)
    out = app.report_settings.set_choices(pid, chosen)
    assert out.value == ReportChoices()
    assert app.report_settings.choices(pid) == ReportChoices(
        (Section.COVER, Section.RISKS, Section.APPENDIX_AUDIT), 6
    )  # print order
    app.report_settings.set_choices(pid, out.value)
    assert app.report_settings.choices(pid) == ReportChoices(DEFAULT_SECTIONS, 4)


def test_stored_choices_ignore_unknown_sections(app: AppServices, pid: int) -> None:
    from ownersrep.db.models import Setting

    with app.ctx.sessions.begin() as s:
        s.add(
            Setting(
                key=f"report.choices.{pid}",
                value='{"sections": ["cost", "gossip", "risks"], "look_ahead_weeks": 3}',
            )
        )
    assert app.report_settings.choices(pid) == ReportChoices((Section.COST, Section.RISKS), 3)


def test_choices_refusals(app: AppServices, pid: int) -> None:
    with pytest.raises(ValidationError, match="Look-ahead: must be between 2 and 6 weeks, not 9"):
        app.report_settings.set_choices(pid, ReportChoices(DEFAULT_SECTIONS, 9))
    with pytest.raises(ValidationError, match="Sections: “gossip” is not one of"):
        app.report_settings.set_choices(pid, {"sections": ["gossip"], "look_ahead_weeks": 2})
    with pytest.raises(NotFoundError):
        app.report_settings.set_choices(999, ReportChoices())


def test_branding_round_trip_warnings_and_refusals(app: AppServices, tmp_path: Path) -> None:
    ours, theirs = tmp_path / "ours.png", tmp_path / "client.jpg"
    ours.write_bytes(PNG)
    theirs.write_bytes(JPEG)
    assert app.report_settings.branding() == Branding()
    out = app.report_settings.set_branding(
        {"organisation": "Keystone PMO", "our_logo": str(ours), "client_logo": theirs,
         "confidentiality": "Owner only"}
    )  # fmt: skip
    assert out.value == {
        "organisation": "",
        "client_logo": None,
        "our_logo": None,
        "confidentiality": "Confidential: prepared for the owner",
    }
    assert app.report_settings.branding() == Branding(
        "Keystone PMO", theirs, ours, "Owner only", ()
    )
    theirs.unlink()
    branding = app.report_settings.branding()
    assert branding.client_logo is None and branding.our_logo == ours
    assert branding.warnings == (f"Client logo: file not found: {theirs}",)

    text = tmp_path / "logo.png"
    text.write_text("not an image", encoding="utf-8")
    with pytest.raises(ValidationError, match=f"Our logo: not a PNG or JPEG image: {text}"):
        app.report_settings.set_branding({"our_logo": str(text)})
    with pytest.raises(ValidationError, match="Client logo: file not found"):
        app.report_settings.set_branding({"client_logo": str(tmp_path / "gone.png")})
    with pytest.raises(ValidationError, match="tagline: is not a branding field"):
        app.report_settings.set_branding({"tagline": "x"})

    app.report_settings.set_branding({"client_logo": None, "our_logo": ""})
    app.report_settings.set_branding(
        {k: v for k, v in out.value.items() if k not in ("client_logo", "our_logo")}
    )
    assert app.report_settings.branding() == Branding()
    bundle_warnings = app.reports.bundle(app.projects.create("P").value.id, "2026-11").warnings
    assert bundle_warnings == ("P: no status date; figures are as of 20 Nov 2026",)
