"""The page furniture: a header (project · period, thin rule) on body pages, a footer
(confidentiality marking, "Page X of Y", the date printed) on every page.

"Page X of Y" and the table of contents' page numbers are written in one layout pass: the
canvas keeps every page open until the end (`DeferredCanvas`), when the total and the
page of every heading are known, and then writes the numbers and closes the pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, PageTemplate

from ownersrep.reports.owner_report.fonts import BOLD, REGULAR
from ownersrep.reports.owner_report.styles import ACCENT, INK, MUTED, RULE
from ownersrep.reports.owner_report.text import draw_text

LEFT = RIGHT = 18 * mm
TOP = 22 * mm
BOTTOM = 20 * mm
HEADER_SIZE = 8
FOOTER_SIZE = 7.5
COVER = "cover"
BODY = "body"


@dataclass
class Marks:
    """What the pages learn while they are laid out: the running header, the page of
    each heading, and where the table of contents waits for those pages."""

    header: str
    header_right: str
    confidentiality: str
    printed: str
    heading_pages: dict[str, int] = field(default_factory=dict)
    toc_slots: list[tuple[int, float, float, str]] = field(default_factory=list)


class DeferredCanvas(Canvas):
    """Holds every page until save(), then writes page numbers and closes them."""

    def __init__(self, marks: Marks, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._marks = marks
        self._held: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._held.append(dict(self.__dict__))
        self._startPage()

    def bookmarkPage(self, key: str, **kwargs: Any) -> Any:  # type: ignore[override]
        # The PDF document numbers pages as they close; these are still open.
        doc = self._doc
        saved = doc.pageCounter
        doc.pageCounter = self._pageNumber
        try:
            return super().bookmarkPage(key, **kwargs)
        finally:
            doc.pageCounter = saved

    def save(self) -> None:
        total = len(self._held)
        slots: dict[int, list[tuple[float, float, str]]] = {}
        for page, x, y, key in self._marks.toc_slots:
            slots.setdefault(page, []).append((x, y, key))
        for state in self._held:
            self.__dict__.update(state)
            number = self._pageNumber
            _page_number(self, number, total)
            for x, y, key in slots.get(number, ()):
                shown = self._marks.heading_pages.get(key)
                if shown is not None:
                    self.setFillColor(INK)
                    self.setFont(REGULAR, 9)
                    self.drawRightString(x, y, str(shown))
            Canvas.showPage(self)
        Canvas.save(self)

    @property
    def page_count(self) -> int:
        return len(self._held)


def _page_number(canv: Canvas, number: int, total: int) -> None:
    width, _height = canv._pagesize
    canv.saveState()
    canv.setFillColor(INK)
    canv.setFont(REGULAR, FOOTER_SIZE)
    canv.drawCentredString(width / 2, BOTTOM - 10 * mm, f"Page {number} of {total}")
    canv.restoreState()


def _footer(canv: Canvas, marks: Marks) -> None:
    width, _height = canv._pagesize
    y = BOTTOM - 10 * mm
    canv.saveState()
    canv.setStrokeColor(RULE)
    canv.setLineWidth(0.5)
    canv.line(LEFT, y + 10, width - RIGHT, y + 10)
    canv.setFillColor(MUTED)
    # The page number sits in the middle; the marking may take most of the left half.
    half = (width - LEFT - RIGHT) / 2
    draw_text(canv, LEFT, y, marks.confidentiality, REGULAR, FOOTER_SIZE, max_width=half - 36)
    draw_text(
        canv,
        width - RIGHT,
        y,
        marks.printed,
        REGULAR,
        FOOTER_SIZE,
        max_width=half - 36,
        align="right",
    )
    canv.restoreState()


def _header(canv: Canvas, marks: Marks) -> None:
    width, height = canv._pagesize
    y = height - TOP + 7 * mm
    canv.saveState()
    canv.setFillColor(ACCENT)
    usable = width - LEFT - RIGHT
    right_w = 0.0
    if marks.header_right:
        canv.setFillColor(MUTED)
        right_w = draw_text(
            canv,
            width - RIGHT,
            y,
            marks.header_right,
            REGULAR,
            HEADER_SIZE,
            max_width=usable * 0.35,
            align="right",
        )
    canv.setFillColor(ACCENT)
    draw_text(canv, LEFT, y, marks.header, BOLD, HEADER_SIZE, max_width=usable - right_w - 12)
    canv.setStrokeColor(ACCENT)
    canv.setLineWidth(0.6)
    canv.line(LEFT, y - 4, width - RIGHT, y - 4)
    canv.restoreState()


def page_templates(page_size: tuple[float, float], marks: Marks) -> list[PageTemplate]:
    """The cover's template (footer only) and the body's (header and footer)."""
    width, height = page_size
    frame_args = {
        "x1": LEFT,
        "y1": BOTTOM,
        "width": width - LEFT - RIGHT,
        "height": height - TOP - BOTTOM,
        "leftPadding": 0,
        "rightPadding": 0,
        "topPadding": 0,
        "bottomPadding": 0,
    }
    return [
        PageTemplate(
            id=COVER,
            frames=[Frame(id="cover", **frame_args)],
            onPageEnd=lambda canv, _doc: _footer(canv, marks),
            pagesize=page_size,
        ),
        PageTemplate(
            id=BODY,
            frames=[Frame(id="body", **frame_args)],
            onPageEnd=lambda canv, _doc: (_header(canv, marks), _footer(canv, marks)),
            pagesize=page_size,
        ),
    ]
