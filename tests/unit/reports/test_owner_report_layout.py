"""Layout rules of the report's tables and headings, without building a whole report:
columns never break a code or a date, long tables split by measured rows with the
header on each page, and a heading moves to the next page with what it introduces."""

from __future__ import annotations

import io

from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, PageBreak, Paragraph, SimpleDocTemplate, Spacer

from ownersrep.reports.owner_report.context import Ctx
from ownersrep.reports.owner_report.fonts import BOLD
from ownersrep.reports.owner_report.keep import keep_headings
from ownersrep.reports.owner_report.page_template import Marks
from ownersrep.reports.owner_report.styles import CELL_SIZE, styles
from ownersrep.reports.owner_report.tables import PADDING, TableRun, data_table, fit_columns

WIDTH, FRAME = 480.0, 700.0


def _ctx() -> Ctx:
    return Ctx(marks=Marks(header="", header_right="", confidentiality="", printed=""), width=WIDTH)


def test_a_narrow_column_is_widened_to_its_longest_code_and_the_total_kept():
    header = ["No.", "Title", "Due"]
    rows = [["DEC-0005", "A long title that may wrap over several lines", "14 Sep 2026"]]
    fitted = fit_columns(header, rows, [20.0, 400.0, 30.0])
    assert fitted[0] >= stringWidth("DEC-0005", BOLD, CELL_SIZE) + PADDING
    assert fitted[2] >= stringWidth("14 Sep 2026", BOLD, CELL_SIZE) + PADDING
    assert abs(sum(fitted) - 450.0) < 1e-6  # the room came from the title
    assert fitted[1] < 400.0


def test_columns_wide_enough_are_left_alone():
    assert fit_columns(["A", "B"], [["x", "y"]], [100.0, 200.0]) == [100.0, 200.0]


def _pdf(story: list) -> list[str]:
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4)
    doc.build(story)
    return [page.extract_text() for page in PdfReader(io.BytesIO(out.getvalue())).pages]


def test_a_long_table_repeats_its_header_and_loses_no_row():
    rows = [[f"ISS-{n:04d}", f"Title number {n}", "Open"] for n in range(1, 501)]
    story = data_table(["No.", "Title", "Status"], rows, [80.0, 300.0, 80.0])
    pages = _pdf(story)
    assert len(pages) > 5
    assert all(text.lstrip().startswith("No.") for text in pages)
    found = [word for text in pages for word in text.split() if word.startswith("ISS-")]
    assert found == [f"ISS-{n:04d}" for n in range(1, 501)]


def test_the_rows_are_measured_once_for_every_page():
    rows = [[f"R{n}", "word " * 30] for n in range(200)]
    (run,) = data_table(["No.", "Text"], rows, [60.0, 200.0])
    assert isinstance(run, TableRun)
    height = run.wrap(WIDTH, FRAME)[1]
    first, rest = run.split(WIDTH, 300.0)
    assert first.wrap(WIDTH, 300.0)[1] <= 300.0
    assert isinstance(rest, TableRun) and rest._heights is run._heights  # shared, not re-measured
    assert rest.wrap(WIDTH, FRAME)[1] < height


def test_a_heading_asks_for_room_for_its_lead_in_and_the_first_rows():
    ctx = _ctx()
    rows = [[f"ISS-{n:04d}", "Title"] for n in range(50)]
    heading = ctx.heading("Open items", 1)
    lead = Paragraph("50 items are open.", styles().body)
    (run,) = data_table(["No.", "Title"], rows, [80.0, 300.0])
    story = keep_headings([heading, lead, run], WIDTH, FRAME)
    assert isinstance(story[0], CondPageBreak) and story[1] is heading
    need = story[0].height
    assert need >= run.lead_height(3) + lead.wrap(WIDTH, FRAME)[1]
    assert need < run.wrap(WIDTH, FRAME)[1]  # not the whole table


def test_a_heading_before_a_page_break_asks_only_for_itself():
    ctx = _ctx()
    heading = ctx.heading("Closed this period", 1)
    nothing = ctx.nothing()
    story = keep_headings([heading, nothing, PageBreak()], WIDTH, FRAME)
    assert isinstance(story[0], CondPageBreak)
    assert story[0].height < 100  # the page break after it is not "content" to keep


def test_a_heading_at_the_foot_of_a_page_moves_with_its_table():
    ctx = _ctx()
    rows = [[f"ISS-{n:04d}", "Title"] for n in range(10)]
    body = [Spacer(1, 640), ctx.heading("Open items", 0)]
    body += data_table(["No.", "Title"], rows, [80.0, 300.0])
    pages = _pdf(keep_headings(body, WIDTH, 650.0))
    assert "Open items" not in pages[0]
    assert "Open items" in pages[1] and "ISS-0000" in pages[1]
