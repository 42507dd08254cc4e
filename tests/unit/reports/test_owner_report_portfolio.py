"""The portfolio report: summary table of every project, then one section per project
bookmarked under it."""

from __future__ import annotations

import io

from pypdf import PdfReader

from ownersrep.reports.owner_report import build_owner_report
from tests.helpers.report_data import portfolio_bundle


def test_portfolio_summary_and_projects_with_nested_bookmarks():
    out = io.BytesIO()
    result = build_owner_report(portfolio_bundle(3), out)
    reader = PdfReader(io.BytesIO(out.getvalue()))
    pages = [p.extract_text() for p in reader.pages]
    assert result.pages == len(pages)
    cover = " ".join(pages[0].split())
    assert "Portfolio report" in cover and "Harbour Health Capital Programme" in cover
    summary = next(p for p in pages if "Portfolio summary" in p and "Next milestone" in p)
    for code in ("P-01", "P-02", "P-03"):
        assert code in summary
    assert "Red (override)" in " ".join(summary.split()) and "Amber" in summary
    outline = reader.outline
    titles = [item.title for item in outline if not isinstance(item, list)]
    assert titles[:2] == ["Portfolio summary", "P-01 · Project 01: clinic wing"]
    children = outline[2]  # the first project's sections
    assert isinstance(children, list)
    assert "Executive summary" in [c.title for c in children if not isinstance(c, list)]
    total = len(pages)
    assert all(f"Page {i} of {total}" in p for i, p in enumerate(pages, 1))
    # The running header names the project on its pages.
    assert any(
        p.startswith("Project 02: clinic wing") or "Project 02: clinic wing\n" in p for p in pages
    )
