"""The owner report end to end: services gather a period of a real workspace, the builder
writes the PDF, and pypdf reads it back. The demo workspace is written once per module;
the edge cases build small projects of their own through the services."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pikepdf
import pypdf
import pytest
from arabic_reshaper import reshape
from bidi.algorithm import get_display

from ownersrep.db.models import Issue
from ownersrep.db.workspace import Workspace, open_workspace
from ownersrep.domain.enums import IssueType, TaskKind
from ownersrep.domain.issue_rules import format_issue_number
from ownersrep.domain.money import format_money
from ownersrep.reports.owner_report import BuildResult, build_owner_report
from ownersrep.reports.pdf_security import protect
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import write_demo
from ownersrep.services.report_types import (
    ALL_SECTIONS,
    DEFAULT_SECTIONS,
    PageSize,
    ReportBundle,
    ReportChoices,
    Section,
)
from tests.conftest import TODAY

NOTHING = "Nothing to report this period."
PAGE_OF = re.compile(r"Page (\d+) of (\d+)")


@dataclass
class Built:
    path: Path
    bundle: ReportBundle
    result: BuildResult
    pages: list[str]

    @property
    def text(self) -> str:
        return "\n".join(self.pages)

    @property
    def flat(self) -> str:
        """The text with every run of white space as one space (wrapped lines joined)."""
        return re.sub(r"\s+", " ", self.text)

    def outline(self) -> list[str]:
        reader = pypdf.PdfReader(self.path)

        def walk(items: Sequence[object]) -> Iterator[str]:
            for item in items:
                if isinstance(item, list):
                    yield from walk(item)
                else:
                    yield str(item.title)  # type: ignore[attr-defined]

        return list(walk(reader.outline))


def build(
    services: AppServices,
    path: Path,
    project_id: int | None,
    period: str | None = None,
    *,
    portfolio: bool = False,
    sections: Sequence[Section] | None = None,
    page_size: PageSize = PageSize.A4,
) -> Built:
    reports = services.reports
    period = period or reports.default_period(project_id)
    choices = None if sections is None else ReportChoices(sections=tuple(sections))
    bundle = reports.bundle(
        project_id, period, portfolio=portfolio, choices=choices, page_size=page_size
    )
    result = build_owner_report(bundle, path)
    pages = [page.extract_text() for page in pypdf.PdfReader(path).pages]
    assert result.pages == len(pages)
    return Built(path, bundle, result, pages)


def body_after_contents(built: Built) -> str:
    """The text after the table of contents (which repeats every heading)."""
    start = next(i for i, page in enumerate(built.pages) if "Contents" in page) + 1
    return "\n".join(built.pages[start:])


def section_pages(built: Built) -> dict[str, int]:
    """The page index (0-based) each top-level bookmark points at."""
    reader = pypdf.PdfReader(built.path)
    return {
        str(item.title): reader.get_destination_page_number(item)  # type: ignore[union-attr]
        for item in reader.outline
        if not isinstance(item, list)
    }


def section_texts(built: Built, sections: Sequence[Section]) -> dict[Section, str]:
    """Each chosen section's text: every section starts on a page of its own, and its
    bookmark says which."""
    starts = section_pages(built)
    found = sorted((starts[s.label], s) for s in sections if s is not Section.COVER)
    ends = [page for page, _ in found[1:]] + [len(built.pages)]
    return {
        section: "\n".join(built.pages[start:end])
        for (start, section), end in zip(found, ends, strict=True)
    }


# -- the demo clinic -------------------------------------------------------------------


@dataclass
class Demo:
    workspace: Workspace
    services: AppServices
    clinic: int
    erp: int


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    path = tmp_path_factory.mktemp("demo") / "demo.orep"
    write_demo(path)
    ws = open_workspace(path)
    services = AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))
    yield Demo(
        ws,
        services,
        services.reports.project_by_code("RMC"),
        services.reports.project_by_code("ERP"),
    )
    ws.close()


@pytest.fixture(scope="module")
def clinic(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The clinic's report with every section, appendices included, built once."""
    path = tmp_path_factory.mktemp("clinic") / "clinic.pdf"
    return build(demo.services, path, demo.clinic, sections=ALL_SECTIONS)


@pytest.fixture(scope="module")
def portfolio(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Built:
    path = tmp_path_factory.mktemp("portfolio") / "portfolio.pdf"
    return build(demo.services, path, None, portfolio=True, sections=DEFAULT_SECTIONS)


def test_every_chosen_section_has_its_heading_and_bookmark(clinic: Built) -> None:
    outline = clinic.outline()
    body = body_after_contents(clinic)
    for section in ALL_SECTIONS:
        if section is Section.COVER:
            continue
        assert section.label in body, section
        assert section.label in outline, section
    assert "Contents" in clinic.pages[1]
    cover = clinic.bundle.project.cover  # type: ignore[union-attr]
    assert cover.project_name in clinic.pages[0] and cover.project_code in clinic.pages[0]
    assert cover.period_label in clinic.pages[0]
    assert f"{cover.report_date:%d %b %Y}" in clinic.pages[0]


def test_the_page_count_is_sane_and_every_page_is_numbered(clinic: Built) -> None:
    n = len(clinic.pages)
    assert 8 <= n <= 60
    for number, page in enumerate(clinic.pages, 1):
        assert PAGE_OF.findall(page) == [(str(number), str(n))], number


def test_the_key_figures_are_the_services_own(demo: Demo, clinic: Built) -> None:
    services, pid = demo.services, demo.clinic
    texts = section_texts(clinic, ALL_SECTIONS)
    cost = texts[Section.COST]
    ledger = services.cost.ledger(pid)
    assert format_money(ledger.line_totals.original) in cost
    assert format_money(ledger.line_totals.revised) in cost
    assert format_money(ledger.line_totals.eac) in cost
    figures = services.evm.figures(pid)
    assert figures is not None and figures.cpi is not None and figures.spi is not None
    assert f"{figures.cpi:.2f}" in cost and f"{figures.spi:.2f}" in cost

    issues = [i for i in services.issues.list_issues(pid) if i.status.is_active]
    shown = [i for i in issues if not i.internal]
    assert len(shown) < len(issues)  # the demo has open internal items to leave out
    open_text = texts[Section.ISSUES]
    assert f"{len(shown)} items are open" in open_text
    for issue in shown:
        assert issue.number in open_text

    milestones = [t for t in services.tasks.list_tasks(pid) if t.kind is TaskKind.MILESTONE]
    assert milestones
    schedule = re.sub(r"\s+", " ", texts[Section.SCHEDULE])
    for milestone in milestones:
        assert milestone.name in schedule


def test_internal_items_never_appear(demo: Demo, clinic: Built) -> None:
    internal = [i for i in demo.services.issues.list_issues(demo.clinic) if i.internal]
    assert internal
    flat = clinic.flat
    for issue in internal:
        assert issue.number not in flat
        assert issue.title not in flat


def test_switching_a_section_off_removes_its_heading(demo: Demo, tmp_path: Path) -> None:
    chosen = [s for s in DEFAULT_SECTIONS if s not in (Section.RISKS, Section.KPIS)]
    built = build(demo.services, tmp_path / "r.pdf", demo.clinic, sections=chosen)
    for section in (Section.RISKS, Section.KPIS):
        assert section.label not in built.outline()
    assert "Key performance indicators" not in built.text
    assert "Heat map" not in built.text and "Top risks" not in built.text
    assert Section.ISSUES.label in built.outline()


def test_the_portfolio_report_has_a_line_per_project(demo: Demo, portfolio: Built) -> None:
    lines = portfolio.bundle.portfolio.lines  # type: ignore[union-attr]
    assert {line.code for line in lines} == {"RMC", "ERP"}
    summary = "\n".join(portfolio.pages[:4])
    for line in lines:
        assert line.code in summary and line.name in summary
        assert line.overall.word in summary
        if line.cpi is not None:
            assert f"{line.cpi:.2f}" in summary
        if line.spi is not None:
            assert f"{line.spi:.2f}" in summary
        if line.next_milestone:
            assert line.next_milestone in re.sub(r"\s+", " ", summary)
    # then a section per project, with its own headings
    outline = portfolio.outline()
    for line in lines:
        assert any(line.name in entry for entry in outline), outline
    n = len(portfolio.pages)
    for number, page in enumerate(portfolio.pages, 1):
        assert PAGE_OF.findall(page) == [(str(number), str(n))]


def test_letter_and_a4(demo: Demo, tmp_path: Path) -> None:
    a4 = build(
        demo.services, tmp_path / "a4.pdf", demo.clinic, sections=[Section.COVER, Section.COST]
    )
    letter = build(
        demo.services,
        tmp_path / "letter.pdf",
        demo.clinic,
        sections=[Section.COVER, Section.COST],
        page_size=PageSize.LETTER,
    )
    for built, size in ((a4, (595, 842)), (letter, (612, 792))):
        for page in pypdf.PdfReader(built.path).pages:
            box = page.mediabox
            assert (round(float(box.width)), round(float(box.height))) == size


def test_the_encrypted_variant_needs_its_password(clinic: Built, tmp_path: Path) -> None:
    path = tmp_path / "secret.pdf"
    path.write_bytes(clinic.path.read_bytes())
    protect(path, "Riverside-2026")
    assert b"/Encrypt" in path.read_bytes()
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path)
    with pytest.raises(pikepdf.PasswordError):
        pikepdf.open(path, password="riverside-2026")
    with pikepdf.open(path, password="Riverside-2026") as pdf:
        assert len(pdf.pages) == len(clinic.pages)
        plain = io.BytesIO()
        pdf.save(plain)
    assert pypdf.PdfReader(plain).pages[0].extract_text() == clinic.pages[0]


# -- edge cases, each in a fresh workspace ---------------------------------------------


@pytest.fixture
def services(ctx: ServiceContext) -> AppServices:
    return AppServices(ctx)


def new_project(services: AppServices, name: str, code: str = "X1") -> int:
    return services.projects.create(
        name,
        code=code,
        planned_start=date(2026, 9, 1),
        planned_finish=date(2027, 3, 31),
        status_date=date(2026, 11, 13),
    ).value.id


def test_a_project_with_no_tasks_issues_or_costs(services: AppServices, tmp_path: Path) -> None:
    pid = new_project(services, "Empty lot")
    built = build(services, tmp_path / "empty.pdf", pid, sections=ALL_SECTIONS)
    assert 3 <= len(built.pages) <= 20
    texts = section_texts(built, ALL_SECTIONS)
    assert set(texts) == set(ALL_SECTIONS) - {Section.COVER}
    for section, text in texts.items():
        if section is Section.KPIS:
            continue  # the KPI table always lists the KPIs, with dashes for no value
        if section is Section.APPENDIX_AUDIT:
            # creating the project is this period's one change
            assert re.search(r"Project\s+created\s+1\s", text), text
            continue
        assert NOTHING in text, section
    n = len(built.pages)
    for number, page in enumerate(built.pages, 1):
        assert PAGE_OF.findall(page) == [(str(number), str(n))]


def test_two_thousand_open_issues_split_cleanly(
    services: AppServices, workspace: Workspace, tmp_path: Path
) -> None:
    pid = new_project(services, "Busy site")
    numbers = [format_issue_number(IssueType.ISSUE, n) for n in range(1, 2001)]
    with workspace.sessions.begin() as s:
        s.add_all(
            Issue(
                project_id=pid,
                issue_type=IssueType.ISSUE.value,
                number=number,
                title=f"Coordination item {n}: sleeve through the level {n % 4 + 1} slab",
                description="",
                priority="high" if n % 7 == 0 else "medium",
                status="open" if n % 3 else "in_progress",
                raised_on=TODAY - timedelta(days=n % 40 + 1),
                due_on=TODAY - timedelta(days=n % 40 + 1) + timedelta(days=n % 60),
                resolution="",
                internal=False,
            )
            for n, number in enumerate(numbers, 1)
        )
    built = build(services, tmp_path / "busy.pdf", pid, sections=[Section.ISSUES])
    text = built.text
    for number in numbers:
        assert text.count(number) == 1, number
    assert "2000 items are open" in text or "2,000 items are open" in text
    table_pages = [page for page in built.pages if "ISS-" in page]
    assert len(table_pages) >= 25
    for page in table_pages:
        # the header row is repeated on every page of the table
        assert "No." in page and "Priority" in page and "Owner" in page, page[:300]
    assert 25 <= len(built.pages) <= 150
    # overdue first: the first page of the table holds overdue items only
    first = table_pages[0]
    assert first.count("Overdue") >= first.count("ISS-") - 1


def test_a_300_character_task_name_wraps_and_appears_whole(
    services: AppServices, tmp_path: Path
) -> None:
    pid = new_project(services, "Long names")
    words = (
        "Install, test and commission the medical gas outlets, nurse call stations and "
        "isolation room pressure monitors on level two east wing including the infection "
        "control risk assessment barriers, the punch list "
        "walk-through with the facility team and the final handover documentation"
    )
    name = f"{words}, stage {'I' * (300 - len(words) - 8)}"
    assert len(name) == 300
    services.tasks.create_task(pid, None, name, TaskKind.MILESTONE, start=date(2026, 12, 1))
    built = build(services, tmp_path / "long.pdf", pid, sections=[Section.SCHEDULE])
    assert name in built.flat
    assert not any(name in line for line in built.text.splitlines())  # wrapped, not one line


def fonts_of(path: Path) -> set[str]:
    names: set[str] = set()
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.get("/Font", {})
            for font in fonts.values():
                names.add(str(font.BaseFont))
                descendants = font.get("/DescendantFonts")
                for d in descendants or ():
                    descriptor = d.get("/FontDescriptor")
                    if descriptor is not None and "/FontFile2" in descriptor:
                        names.add(str(d.BaseFont) + " (embedded)")
                descriptor = font.get("/FontDescriptor")
                if descriptor is not None and "/FontFile2" in descriptor:
                    names.add(str(font.BaseFont) + " (embedded)")
    return names


def test_greek_chinese_and_arabic_names(services: AppServices, tmp_path: Path) -> None:
    greek = "Νοσοκομείο Αγίου Γεωργίου"
    chinese = "主体结构封顶"
    arabic = "شركة الخليج للمقاولات"
    client = services.parties.create(arabic, "owner").value.id
    pid = new_project(services, greek, code="ΑΓ-1")
    services.projects.update(pid, {"client_id": client})
    services.tasks.create_task(pid, None, chinese, TaskKind.MILESTONE, start=date(2026, 12, 1))
    services.issues.create(pid, "issue", f"{chinese}: 验收延误", due_on=date(2026, 12, 4))
    built = build(
        services, tmp_path / "names.pdf", pid,
        sections=[Section.COVER, Section.SCHEDULE, Section.ISSUES],
    )  # fmt: skip
    assert greek in built.text  # extractable, not boxes
    assert "ΑΓ-1" in built.pages[0]
    fonts = fonts_of(built.path)
    assert any("DroidSansFallback" in f and "(embedded)" in f for f in fonts), fonts
    assert any("DejaVuSans" in f and "(embedded)" in f for f in fonts), fonts
    assert chinese in built.text
    # Arabic is shaped (joined letter forms) and laid out right to left.
    flat = built.flat
    assert reshape(arabic) in flat or get_display(reshape(arabic)) in flat, flat[:600]


def test_a_missing_logo_is_a_clear_warning_and_the_report_builds(
    services: AppServices, tmp_path: Path
) -> None:
    from PIL import Image

    logo = tmp_path / "our-logo.png"
    Image.new("RGB", (160, 48), (20, 60, 120)).save(logo)
    services.report_settings.set_branding({"our_logo": str(logo), "organisation": "Acme PMO"})
    logo.unlink()
    pid = new_project(services, "Logo test")
    built = build(services, tmp_path / "logo.pdf", pid, sections=[Section.COVER])
    warnings = (*built.bundle.warnings, *built.result.warnings)
    assert any(str(logo) in w and "not found" in w for w in warnings), warnings
    assert any(w.startswith("Our logo: ") for w in warnings), warnings
    assert len(built.pages) >= 1 and "Logo test" in built.pages[0]
