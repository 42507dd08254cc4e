"""The owner report read back with pypdf: headings, figures, page numbers, bookmarks."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from ownersrep.reports.owner_report import BuildResult, build_owner_report
from ownersrep.services.report_types import DEFAULT_SECTIONS, PageSize, Section
from tests.helpers.report_data import (
    EAC,
    ORIGINAL_BUDGET,
    PENDING_EXPOSURE,
    empty_bundle,
    sample_bundle,
)

HEADINGS = [
    "Executive summary",
    "Schedule",
    "Cost",
    "Issues and RFIs",
    "Risks",
    "Key performance indicators",
    "Appendix: issue log",
    "Appendix: risk register",
    "Appendix: changes this period",
]


def build(bundle, progress=None) -> tuple[BuildResult, PdfReader, list[str]]:
    out = io.BytesIO()
    result = build_owner_report(bundle, out, progress)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return result, reader, [page.extract_text() or "" for page in reader.pages]


@pytest.fixture(scope="module")
def sample():
    return build(sample_bundle())


def test_every_section_heading_and_the_cover(sample):
    result, reader, pages = sample
    text = "\n".join(pages)
    assert result.pages == len(reader.pages) > 8
    assert "Riverside Medical Clinic" in pages[0]
    assert "RMC-01" in pages[0] and "Elena Márquez" in pages[0] and "Tom Becker" in pages[0]
    assert "Report No. 11" in pages[0]
    assert "Contents" in pages[1]
    for heading in HEADINGS:
        assert heading in text, heading


def test_key_figures_print_with_the_right_numbers(sample):
    text = " ".join("\n".join(sample[2]).split())
    assert f"{ORIGINAL_BUDGET:,.2f}" in text  # 12,500,000.00
    assert f"{EAC:,.2f}" in text  # 13,110,450.75
    assert "Amount (USD)" in text
    assert "0.94" in text and "0.97" in text  # CPI, SPI
    assert f"USD {PENDING_EXPOSURE:,.2f}" in text
    assert "9 working days later than the contract completion of 24 Sep 2027" in text
    assert "CO-009" in text and "CO-007" in text
    assert "Amber (override)" not in text and "Green (override)" in text


def test_rag_words_and_trend_arrows(sample):
    text = "\n".join(sample[2])
    for word in ("Green", "Amber", "↓ worse", "↑ better", "→ same"):
        assert word in text


def test_issues_overdue_first_and_closed_apart(sample):
    text = "\n".join(sample[2])
    issues = text[text.index("Open items") :]
    assert issues.index("ISS-012") < issues.index("RFI-015") < issues.index("ISS-018")
    assert "Overdue" in issues
    assert "Closed this period" in text and "ISS-009" in text


def test_page_x_of_y_on_every_page(sample):
    _result, reader, pages = sample
    total = len(reader.pages)
    for number, text in enumerate(pages, 1):
        assert f"Page {number} of {total}" in text
        assert "Printed 20 Nov 2026" in text
        assert "Confidential" in text


def test_bookmarks_per_section_and_part(sample):
    reader = sample[1]
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    for heading in HEADINGS:
        assert heading in titles
    assert "Milestones" in titles and "Top risks" in titles


def test_contents_page_numbers_match_the_bookmarks(sample):
    _result, reader, pages = sample
    expected = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            elif depth <= 1:
                expected.append(str(reader.get_destination_page_number(item) + 1))

    walk(reader.outline, 0)
    contents = pages[1].split("Page 2 of")[1]
    numbers = re.findall(r"^\d+$", contents, re.M)
    assert numbers == expected
    assert expected[0] == "3"  # the summary follows the cover and the contents


def test_a_section_switched_off_is_absent():
    sections = [s for s in DEFAULT_SECTIONS if s is not Section.RISKS]
    _result, _reader, pages = build(sample_bundle(sections=sections))
    text = "\n".join(pages)
    assert "Heat map" not in text and "Top risks" not in text
    assert "Appendix" not in text
    assert "Executive summary" in text


def test_no_cover_starts_with_contents():
    sections = [s for s in DEFAULT_SECTIONS if s is not Section.COVER]
    _result, _reader, pages = build(sample_bundle(sections=sections))
    assert "Contents" in pages[0]
    assert "Page 1 of" in pages[0]


def test_empty_sections_say_nothing_to_report():
    _result, _reader, pages = build(empty_bundle())
    text = "\n".join(pages)
    for heading in HEADINGS:
        assert heading in text
    assert text.count("Nothing to report this period") >= 12


def test_letter_and_a4_page_sizes():
    _r, a4, _p = build(sample_bundle(sections=[Section.SUMMARY]))
    _r, letter, _p = build(sample_bundle(sections=[Section.SUMMARY], page_size=PageSize.LETTER))
    assert [round(float(v)) for v in a4.pages[0].mediabox[2:]] == [595, 842]
    assert [round(float(v)) for v in letter.pages[0].mediabox[2:]] == [612, 792]


def test_missing_logo_warns_and_still_builds(tmp_path: Path):
    from matplotlib.figure import Figure

    good = tmp_path / "ours.png"
    fig = Figure(figsize=(2, 1))
    fig.text(0.5, 0.5, "LOGO", ha="center")
    fig.savefig(good)
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    bundle = sample_bundle(sections=[Section.COVER, Section.SUMMARY])
    branding = replace(bundle.branding, client_logo=tmp_path / "missing.png", our_logo=good)
    result, reader, _pages = build(replace(bundle, branding=branding))
    assert any("Client logo: file not found" in w for w in result.warnings)
    assert "/XObject" in reader.pages[0]["/Resources"]  # our logo is drawn
    branding = replace(branding, client_logo=broken)
    result, _reader, _pages = build(replace(bundle, branding=branding))
    assert any("Client logo: cannot be read" in w for w in result.warnings)


def test_same_bundle_gives_the_same_bytes():
    bundle = sample_bundle()
    first, second = io.BytesIO(), io.BytesIO()
    build_owner_report(bundle, first)
    build_owner_report(bundle, second)
    assert first.getvalue() == second.getvalue()


def test_progress_is_reported_per_section():
    calls = []
    build(sample_bundle(sections=DEFAULT_SECTIONS), lambda d, t, w: calls.append((d, t, w)))
    assert calls[-1][0] == calls[-1][1] == len(DEFAULT_SECTIONS) + 1
    assert [c[2] for c in calls[:2]] == ["Cover", "Executive summary"]


def test_writes_to_a_path(tmp_path: Path):
    out = tmp_path / "report.pdf"
    result = build_owner_report(sample_bundle(sections=[Section.KPIS]), out)
    assert len(PdfReader(out).pages) == result.pages
