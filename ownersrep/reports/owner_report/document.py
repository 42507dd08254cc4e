"""The document: page templates, headings that bookmark themselves and feed the table
of contents, and the contents lines whose page numbers the canvas writes at the end."""

from __future__ import annotations

from typing import Any, BinaryIO

from reportlab.platypus import BaseDocTemplate, Flowable, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

from ownersrep.reports.owner_report.fonts import BOLD, REGULAR
from ownersrep.reports.owner_report.page_template import Marks, page_templates
from ownersrep.reports.owner_report.styles import INK, RULE
from ownersrep.reports.owner_report.text import draw_text, markup

TOC_NUMBER_ROOM = 30


class ReportDoc(BaseDocTemplate):
    def __init__(
        self,
        out: str | BinaryIO,
        page_size: tuple[float, float],
        marks: Marks,
        *,
        title: str,
        author: str,
        subject: str,
    ) -> None:
        super().__init__(
            out,
            pagesize=page_size,
            invariant=1,
            title=title,
            author=author,
            subject=subject,
            creator="OwnersRep",
            producer="OwnersRep (ReportLab)",
            pageCompression=1,
        )
        self.marks = marks
        self.addPageTemplates(page_templates(page_size, marks))


class Heading(Paragraph):
    """A heading that sets a named destination, an outline entry at `level`, and notes
    its page for the table of contents."""

    def __init__(
        self, text: str, style: ParagraphStyle, *, key: str, level: int, marks: Marks
    ) -> None:
        super().__init__(markup(text), style)
        self.plain = text
        self.key = key
        self.level = level
        self.marks = marks

    def draw(self) -> None:
        super().draw()
        canv = self.canv
        _x, top = canv.absolutePosition(0, self.height)
        canv.bookmarkPage(self.key, fit="XYZ", left=0, top=top + 6)
        canv.addOutlineEntry(self.plain, self.key, level=self.level, closed=self.level > 0)
        self.marks.heading_pages[self.key] = canv.getPageNumber()


class TocLine(Flowable):
    """One line of the table of contents: title, dotted leader; the page number is
    written when the document is complete. The line links to its heading."""

    def __init__(self, title: str, level: int, key: str, marks: Marks) -> None:
        super().__init__()
        self.title = title
        self.level = level
        self.key = key
        self.marks = marks
        self.height = 17.0 if level == 0 else 13.5

    def wrap(self, avail_width: float, _avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        canv = self.canv
        indent = 14.0 * self.level
        font, size = (BOLD, 10) if self.level == 0 else (REGULAR, 9)
        y = 3.5
        canv.setFillColor(INK)
        room = self.width - indent - TOC_NUMBER_ROOM - 12
        used = draw_text(canv, indent, y, self.title, font, size, max_width=room)
        start = indent + used + 5
        end = self.width - TOC_NUMBER_ROOM + 6
        if end > start:
            canv.saveState()
            canv.setStrokeColor(RULE)
            canv.setDash(0.6, 2.4)
            canv.setLineWidth(0.8)
            canv.line(start, y, end, y)
            canv.restoreState()
        x, abs_y = canv.absolutePosition(self.width, y)
        self.marks.toc_slots.append((canv.getPageNumber(), x, abs_y, self.key))
        x0, y0 = canv.absolutePosition(indent, 0)
        canv.linkRect("", self.key, (x0, y0, x, y0 + self.height), relative=0, thickness=0)


class SetHeader(Flowable):
    """Changes the running header from the page it lands on (a project of a portfolio)."""

    def __init__(self, marks: Marks, header: str, header_right: str) -> None:
        super().__init__()
        self.marks = marks
        self.header = header
        self.header_right = header_right
        self.width = self.height = 0

    def wrap(self, *_args: Any) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.marks.header = self.header
        self.marks.header_right = self.header_right
