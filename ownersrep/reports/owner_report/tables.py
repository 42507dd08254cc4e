"""Tables the way the report draws them: a header row repeated on every page, long
tables built as a run of page-sized tables (one split table costs 4-5 times as much),
plain strings for short single-line cells and Paragraphs only where text may wrap.

Every row is measured once: a long table's rows are wrapped in one pass, the page
breaks are found from those heights, and each page's table is given its row heights,
so no cell is measured again while the table is laid out."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from ownersrep.reports.owner_report.fonts import BOLD, REGULAR, register_fonts
from ownersrep.reports.owner_report.styles import (
    CELL_LEADING,
    CELL_SIZE,
    HEADER_FILL,
    INK,
    RULE,
    STRIPE,
    styles,
)
from ownersrep.reports.owner_report.text import markup, runs, visual

# (command, first column, last column, *arguments) for one data row.
RowCommand = tuple[Any, ...]


class MeasuredParagraph(Paragraph):
    """A Paragraph that breaks its lines once per width. Tables wrap a cell when they
    measure a row and again when they draw it; the lines do not depend on the height
    offered, so the second wrap at the same width reuses the first."""

    _wrapped_width: float | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth == self._wrapped_width:
            return self.width, self.height
        width, height = super().wrap(availWidth, availHeight)
        self._wrapped_width = availWidth
        return width, height


def para(text: str, style: str = "cell") -> Paragraph:
    """A wrapping cell (or body text) from plain text."""
    return MeasuredParagraph(markup(text), getattr(styles(), style))


def cell(text: str) -> str | Paragraph:
    """Plain string when the text is short ASCII (cheap), else a wrapping Paragraph."""
    if len(text) <= 12 and text.isascii():
        return text
    return para(text)


def widths(total: float, *fractions: float) -> list[float]:
    """Column widths from relative weights."""
    whole = sum(fractions)
    return [total * f / whole for f in fractions]


PADDING = 7.0  # left and right cell padding together
TOP_PADDING, BOTTOM_PADDING = 2.5, 3.0


def _plain(text: str, font: str) -> bool:
    """True when the text can be drawn as it is, in one font."""
    if text.isascii():
        return True
    return visual(text) == text and runs(text, font) == ((font, text),)


def _fitted(text: str, room: float, font: str, style: str = "cell") -> str | Paragraph:
    """The cell as plain lines when the table's font has every glyph and the text reads
    left to right: one line when it fits, else broken at spaces to the column's width
    (a Table draws plain lines far faster than it lays out Paragraphs). Other text, or
    a word too wide for the column, becomes a wrapping Paragraph (which also shapes
    Arabic and puts CJK in the fallback font)."""
    if _plain(text, font):
        if _width(text, font) <= room:
            return text
        lines = simpleSplit(text, font, CELL_SIZE, room)
        if all(stringWidth(line, font, CELL_SIZE) <= room for line in lines):
            return "\n".join(lines)
    return para(text, style)


def _base_style(right: Sequence[int], centre: Sequence[int]) -> list[tuple]:
    cmds: list[tuple] = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE, CELL_LEADING),
        ("FONT", (0, 0), (-1, 0), BOLD, CELL_SIZE, CELL_LEADING),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK),
        ("LINEBELOW", (0, 1), (-1, -1), 0.25, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), TOP_PADDING),
        ("BOTTOMPADDING", (0, 0), (-1, -1), BOTTOM_PADDING),
        ("LEFTPADDING", (0, 0), (-1, -1), PADDING / 2),
        ("RIGHTPADDING", (0, 0), (-1, -1), PADDING / 2),
    ]
    cmds += [("ALIGN", (c, 0), (c, -1), "RIGHT") for c in right]
    cmds += [("ALIGN", (c, 0), (c, -1), "CENTRE") for c in centre]
    return cmds


def _cell_height(value: Any, room: float) -> float:
    """What ReportLab's Table gives a cell: plain lines at the cell leading, flowables
    their wrapped height."""
    if isinstance(value, str):
        return CELL_LEADING * (value.count("\n") + 1)
    if isinstance(value, Flowable):
        return value.wrap(room, 1e9)[1]
    if isinstance(value, (list, tuple)):
        return sum(_cell_height(v, room) for v in value)
    return CELL_LEADING


def _row_height(row: Sequence[Any], rooms: Sequence[float]) -> float:
    """A row's height, measured once: its tallest cell and the cell padding (the
    page tables are then given these heights and never measure again)."""
    tallest = max(_cell_height(v, room) for v, room in zip(row, rooms, strict=True))
    return tallest + TOP_PADDING + BOTTOM_PADDING


class TableRun(Flowable):
    """A long table laid out a page at a time. The rows' heights are measured once, in
    one table of all rows; each page then gets a table of the rows that fit, given
    those heights, with the header row on top. Never a header in mid-page, and never
    the cost of splitting one huge table over and over."""

    def __init__(
        self,
        head: list[Any],
        rows: Sequence[Sequence[Any]],
        col_widths: Sequence[float],
        base: list[tuple],
        commands: Mapping[int, Sequence[RowCommand]],
        stripes: bool,
        first: int = 0,
        heights: list[float] | None = None,
    ) -> None:
        super().__init__()
        self.head, self.rows, self.col_widths = head, rows, list(col_widths)
        self.base, self.commands, self.stripes = base, commands, stripes
        self.first = first
        self._heights = heights  # header first, then every row; shared with the rest
        self._table: Table | None = None

    def _measure(self) -> list[float]:
        if self._heights is None:
            rooms = [w - PADDING for w in self.col_widths]
            self._heights = [_row_height(row, rooms) for row in [self.head, *self.rows]]
        return self._heights

    def lead_height(self, rows: int) -> float:
        """The height of the header row and the first `rows` rows."""
        heights = self._measure()
        return heights[0] + sum(heights[self.first + 1 : self.first + 1 + rows])

    def _build(self, count: int) -> Table:
        heights = self._measure()
        part = self.rows[self.first : self.first + count]
        style = list(self.base)
        if self.stripes:  # every other row shaded, counted from the table's first row
            shades = [None, STRIPE] if self.first % 2 == 0 else [STRIPE, None]
            style.append(("ROWBACKGROUNDS", (0, 1), (-1, -1), shades))
        for i in range(len(part)):
            for cmd, c0, c1, *args in self.commands.get(self.first + i, ()):
                style.append((cmd, (c0, i + 1), (c1, i + 1), *args))
        return Table(
            [self.head, *[list(row) for row in part]],
            colWidths=self.col_widths,
            rowHeights=[heights[0], *heights[self.first + 1 : self.first + 1 + count]],
            repeatRows=1,
            style=TableStyle(style),
            hAlign="LEFT",
        )

    @property
    def _remaining(self) -> int:
        return len(self.rows) - self.first

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        heights = self._measure()
        self.width = sum(self.col_widths)
        self.height = heights[0] + sum(heights[self.first + 1 :])
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        heights = self._measure()
        room = avail_height - heights[0]
        fitted = 0
        for h in heights[self.first + 1 :]:
            if h > room:
                break
            room -= h
            fitted += 1
        if fitted == 0:
            return []  # not a single row fits here: start on the next page
        if fitted >= self._remaining:
            return [self._build(fitted)]
        rest = TableRun(
            self.head,
            self.rows,
            self.col_widths,
            self.base,
            self.commands,
            self.stripes,
            self.first + fitted,
            heights,
        )
        return [self._build(fitted), rest]

    def draw(self) -> None:
        if self._table is None:
            self._table = self._build(self._remaining)
            self._table.wrapOn(self.canv, self.width, self.height)
        self._table.drawOn(self.canv, 0, 0)


NO_BREAK_CHARS = 12  # cells this short (codes, dates, "In progress") stay on one line


@lru_cache(maxsize=65536)
def _width(text: str, font: str) -> float:
    """A text's width in the cell size (names, dates and words repeat down a column)."""
    return stringWidth(text, font, CELL_SIZE)


def _least(text: str, font: str) -> float:
    """The narrowest a column can be for this text: the whole of a short text, else its
    longest word."""
    if len(text) <= NO_BREAK_CHARS:
        return _width(text, font)
    return max((_width(word, font) for word in text.split()), default=0.0)


def fit_columns(
    header: Sequence[str], rows: Sequence[Sequence[Any]], col_widths: Sequence[float]
) -> list[float]:
    """The widths, widened where a column is narrower than its codes, dates or longest
    words (so "DEC-0005" or "Medium" never breaks in the middle), the room taken from
    the columns with slack in proportion to it. Bold is measured, as a row may be set
    in bold."""
    register_fonts()  # measuring needs the faces, even before any style was made
    margin = PADDING + 0.5  # half a point more, so rounding never breaks a fitted word
    least = [_least(h, BOLD) + margin for h in header]
    for row in rows:
        for i, value in enumerate(row):
            if isinstance(value, str):
                least[i] = max(least[i], _least(value, BOLD) + margin)
    widths = list(col_widths)
    short = sum(max(0.0, need - w) for need, w in zip(least, widths, strict=True))
    slack = [max(0.0, w - need) for need, w in zip(least, widths, strict=True)]
    spare = sum(slack)
    if short <= 0 or spare <= 0:
        return widths
    take = min(1.0, short / spare)
    fitted = [
        max(w, need) if need > w else w - s * take
        for need, w, s in zip(least, widths, slack, strict=True)
    ]
    scale = sum(widths) / sum(fitted)  # below 1 only when the page is too narrow for all
    return [w * min(1.0, scale) for w in fitted]


def data_table(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    col_widths: Sequence[float],
    *,
    right: Sequence[int] = (),
    centre: Sequence[int] = (),
    row_commands: Mapping[int, Sequence[RowCommand]] | None = None,
    stripes: bool = False,
) -> list[Flowable]:
    """The rows as a table whose header row repeats on every page it runs over."""
    col_widths = fit_columns(header, rows, col_widths)
    head = [
        _fitted(h, w - PADDING, BOLD, "head_cell") for h, w in zip(header, col_widths, strict=True)
    ]
    room = [w - PADDING for w in col_widths]
    styles_of = ["cell_right" if i in right else "cell" for i in range(len(col_widths))]
    safe = [
        [
            _fitted(c, room[i], REGULAR, styles_of[i]) if isinstance(c, str) else c
            for i, c in enumerate(row)
        ]
        for row in rows
    ]
    run = TableRun(
        head,
        safe,
        col_widths,
        _base_style(right, centre),
        row_commands or {},
        stripes,
    )
    return [run]


def key_value_table(
    pairs: Sequence[tuple[str, str]], col_widths: Sequence[float], *, right_values: bool = True
) -> Table:
    """A two-column table of labels and figures, no header row."""
    style = [
        ("FONT", (0, 0), (-1, -1), REGULAR, CELL_SIZE + 0.5, CELL_LEADING + 1),
        ("TEXTCOLOR", (0, 0), (-1, -1), INK),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if right_values:
        style.append(("ALIGN", (1, 0), (-1, -1), "RIGHT"))
    return Table(
        [[para(k), v] for k, v in pairs],
        colWidths=list(col_widths),
        style=TableStyle(style),
        hAlign="LEFT",
    )
