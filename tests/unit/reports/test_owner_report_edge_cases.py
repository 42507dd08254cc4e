"""Edge cases of the owner report: 2,000 open issues, a 300-character name, names in
Greek, Chinese and Arabic script."""

from __future__ import annotations

import io
from dataclasses import replace

from pypdf import PdfReader

from ownersrep.reports.owner_report import build_owner_report
from ownersrep.services.report_types import Issues, Section
from tests.helpers.report_data import issue, sample_bundle, sample_project

GREEK = "Δήμητρα Παπαδοπούλου"
CHINESE = "王建国"
ARABIC = "محمد العلي"


def build(bundle):
    out = io.BytesIO()
    result = build_owner_report(bundle, out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    return result, reader


def fonts_of(page) -> set[str]:
    fonts = page["/Resources"]["/Font"]
    return {str(fonts[name].get_object()["/BaseFont"]) for name in fonts}


def test_two_thousand_open_issues_split_cleanly_with_every_number():
    lines = tuple(
        issue(n, f"Open item number {n} about the {('east', 'west')[n % 2]} wing", overdue=n < 50)
        for n in range(1, 2001)
    )
    bundle = sample_bundle(sections=[Section.ISSUES])
    project = replace(bundle.project, issues=Issues(lines, ()))
    result, reader = build(replace(bundle, project=project))
    pages = [p.extract_text() for p in reader.pages]
    assert 40 <= result.pages <= 90
    text = "\n".join(pages)
    for line in lines:
        assert line.number in text
    # Every page of the table starts with its header row.
    for page in pages[2:-1]:
        assert "No." in page and "Title" in page and "Owner" in page
    total = len(pages)
    assert all(f"Page {i} of {total}" in p for i, p in enumerate(pages, 1))


def test_a_300_character_task_name_wraps_in_its_cell():
    long_name = ("Install and commission the medical gas manifold " * 7)[:300]
    bundle = replace(sample_bundle(), project=sample_project(long_name=long_name))
    _result, reader = build(bundle)
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert long_name.strip() in text  # every word printed, none clipped


def test_greek_chinese_and_arabic_names_are_embedded():
    _result, reader = build(sample_bundle(sections=[Section.SCHEDULE, Section.ISSUES]))
    text = " ".join("\n".join(p.extract_text() for p in reader.pages).split())
    assert GREEK in text
    all_fonts = set().union(*(fonts_of(p) for p in reader.pages))
    assert any("DroidSansFallback" in f for f in all_fonts)  # the CJK run's font
    assert any("DejaVuSans" in f for f in all_fonts)
    issues_page = next(p for p in reader.pages if "Open items" in p.extract_text())
    assert any("DroidSansFallback" in f for f in fonts_of(issues_page))  # 李明, the owner
