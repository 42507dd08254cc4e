"""Headings never stranded at the foot of a page: before each heading the story gets a
conditional page break asking for room for the heading, its lead-in sentence and the
start of what it introduces (a chart or picture whole, a table's header and first rows,
the first lines of text). ReportLab's keepWithNext alone only joins a heading to the
one flowable after it, which is often just the caption."""

from __future__ import annotations

import io
from collections.abc import Sequence

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Flowable, Paragraph
from reportlab.platypus.doctemplate import ActionFlowable
from reportlab.platypus.flowables import NullDraw

from ownersrep.reports.owner_report.document import Heading
from ownersrep.reports.owner_report.tables import TableRun

LEAD_ROWS = 3  # a table starts on the heading's page only with this many rows
TEXT_START = 40.0  # points of a text block kept with its heading (about three lines)
MAX_LEAD_PARAGRAPHS = 2  # short sentences between a heading and its block


_SCRATCH = Canvas(io.BytesIO())  # some flowables (lists) measure their text on a canvas


def _height(f: Flowable, width: float, frame_height: float) -> float:
    _w, h = f.wrapOn(_SCRATCH, width, frame_height)
    return h + f.getSpaceBefore() + f.getSpaceAfter()


def _start_height(f: Flowable, width: float, frame_height: float) -> float:
    """How much of the block must sit under its heading: nothing for a page break or
    other action (the section ends there)."""
    if isinstance(f, (NullDraw, ActionFlowable)):
        return 0.0
    if isinstance(f, TableRun):
        return f.lead_height(LEAD_ROWS)
    if isinstance(f, Paragraph):
        return min(_height(f, width, frame_height), TEXT_START)
    return min(_height(f, width, frame_height), frame_height * 0.9)


def keep_headings(story: Sequence[Flowable], width: float, frame_height: float) -> list[Flowable]:
    """The story with a CondPageBreak before each run of headings."""
    out: list[Flowable] = []
    i, n = 0, len(story)
    while i < n:
        if not isinstance(story[i], Heading) or (i and isinstance(story[i - 1], Heading)):
            out.append(story[i])
            i += 1
            continue
        need, j = 0.0, i
        while j < n and isinstance(story[j], Heading):
            need += _height(story[j], width, frame_height)
            j += 1
        leads = 0
        while (
            j + 1 < n
            and leads < MAX_LEAD_PARAGRAPHS
            and type(story[j]) is Paragraph
            and not isinstance(story[j + 1], (Heading, Paragraph, NullDraw, ActionFlowable))
        ):
            need += _height(story[j], width, frame_height)  # a lead-in sentence
            j += 1
            leads += 1
        if j < n and not isinstance(story[j], Heading):
            need += _start_height(story[j], width, frame_height)
        out.append(CondPageBreak(min(need, frame_height * 0.95)))
        out.append(story[i])
        i += 1
    return out
