"""How a RAG status looks on screen: always its word, with a coloured dot beside it.

The word carries the meaning (it reads in black and white and for colour-blind users);
the colour only helps the eye. An override is marked "(override)", and its tooltip shows
the commentary and the derived status it replaces.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPixmap

from ownersrep.domain.health.rag import AreaStatus, Rag

# Mid tones that read on light and dark palettes alike.
_COLORS = {
    Rag.GREEN: "#2e9d4f",
    Rag.AMBER: "#e29a0c",
    Rag.RED: "#d23b33",
    Rag.NONE: "#9aa0a6",
}
_ICONS: dict[tuple[Rag, int], QIcon] = {}


def rag_color(rag: Rag) -> QColor:
    return QColor(_COLORS[Rag(rag)])


def rag_icon(rag: Rag, size: int = 12) -> QIcon:
    """A filled dot in the status colour (made once per status and size)."""
    key = (Rag(rag), size)
    icon = _ICONS.get(key)
    if icon is None:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(rag_color(key[0]))
        painter.drawEllipse(1, 1, size - 2, size - 2)
        painter.end()
        icon = _ICONS[key] = QIcon(pixmap)
    return icon


def status_text(status: AreaStatus) -> str:
    """The word of the shown status, with "(override)" when the rep set it."""
    word = status.shown.word
    return f"{word} (override)" if status.is_overridden else word


def status_tooltip(status: AreaStatus, project: str = "") -> str:
    """Plain text: the shown status, the derived one, and the rep's commentary."""
    head = f"{project} — " if project else ""
    lines = [f"{head}{status.area.label}: {status_text(status)}"]
    if status.is_overridden:
        lines.append(f"Derived from the KPIs: {status.derived.word}")
        lines.append(f"Commentary: {status.commentary}")
    else:
        lines.append("Derived from the KPIs and the workspace's thresholds")
    return "\n".join(lines)


def rag_html(rag: Rag, text: str | None = None) -> str:
    """Rich text: a coloured dot and the word (or `text`)."""
    rag = Rag(rag)
    return f"<span style='color:{_COLORS[rag]}'>&#9679;</span>&nbsp;{escape(text or rag.word)}"
