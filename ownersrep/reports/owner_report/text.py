"""Plain text made safe for the page: escaped for Paragraph markup, Arabic and Hebrew
shaped and put in visual order, and split into runs by which font has the glyphs
(DejaVu Sans first, Droid Sans Fallback for CJK)."""

from __future__ import annotations

from functools import lru_cache

from arabic_reshaper import reshape
from bidi.algorithm import get_display
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ownersrep.reports.owner_report.fonts import FALLBACK, REGULAR, covered

ELLIPSIS = "…"


def escape(text: str) -> str:
    """& < > as entities, for Paragraph markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _is_rtl(ch: str) -> bool:
    code = ord(ch)
    return 0x0590 <= code <= 0x08FF or 0xFB1D <= code <= 0xFEFF


@lru_cache(maxsize=4096)
def visual(text: str) -> str:
    """Arabic joined (presentation forms) and right-to-left text in visual order; any
    other text unchanged."""
    if text.isascii() or not any(_is_rtl(ch) for ch in text):
        return text
    if any(0x0600 <= ord(ch) <= 0x06FF for ch in text):
        text = reshape(text)
    return get_display(text)


@lru_cache(maxsize=4096)
def runs(text: str, primary: str = REGULAR) -> tuple[tuple[str, str], ...]:
    """(font, text) runs: each character goes to DejaVu when it has the glyph, else to
    the fallback. Spaces and other characters both fonts have stay in the current run,
    so a CJK phrase with spaces is one run."""
    if text.isascii():
        return ((primary, text),) if text else ()
    main = covered(REGULAR)
    out: list[tuple[str, str]] = []
    font, chunk = primary, []
    for ch in text:
        code = ord(ch)
        want = primary if code in main else FALLBACK
        if want != font and font == FALLBACK and code < 0x80 and not ch.isalnum():
            want = font  # ASCII punctuation and spaces join the CJK run they sit in
        if want != font and chunk:
            out.append((font, "".join(chunk)))
            chunk = []
        font = want
        chunk.append(ch)
    if chunk:
        out.append((font, "".join(chunk)))
    return tuple(out)


@lru_cache(maxsize=16384)
def markup(text: str) -> str:
    """Plain text as Paragraph markup: shaped, escaped, CJK runs in the fallback font."""
    if text.isascii():
        return escape(text)
    parts = []
    for font, chunk in runs(visual(text)):
        if font == FALLBACK:
            parts.append(f'<font name="{FALLBACK}">{escape(chunk)}</font>')
        else:
            parts.append(escape(chunk))
    return "".join(parts)


def width(text: str, font: str, size: float) -> float:
    """Width of already visual text drawn in runs."""
    return sum(
        stringWidth(chunk, FALLBACK if f == FALLBACK else font, size)
        for f, chunk in runs(text, font)
    )


def fit(text: str, font: str, size: float, max_width: float) -> str:
    """The text in visual order, cut with an ellipsis so that it fits `max_width`."""
    shown = visual(text)
    if width(shown, font, size) <= max_width:
        return shown
    lo, hi = 0, len(shown)
    while lo < hi:  # the longest prefix that fits with the ellipsis
        mid = (lo + hi + 1) // 2
        if width(shown[:mid] + ELLIPSIS, font, size) <= max_width:
            lo = mid
        else:
            hi = mid - 1
    return shown[:lo].rstrip() + ELLIPSIS


def draw_text(
    canv: Canvas,
    x: float,
    y: float,
    text: str,
    font: str,
    size: float,
    *,
    max_width: float | None = None,
    align: str = "left",
) -> float:
    """Draw one line of plain text in font runs (left, centre or right of x), cut to
    `max_width`; returns the width drawn."""
    shown = fit(text, font, size, max_width) if max_width else visual(text)
    total = width(shown, font, size)
    if align == "right":
        x -= total
    elif align == "centre":
        x -= total / 2
    for f, chunk in runs(shown, font):
        face = FALLBACK if f == FALLBACK else font
        canv.setFont(face, size)
        canv.drawString(x, y, chunk)
        x += stringWidth(chunk, face, size)
    return total
