"""What every section function shares while it builds its flowables: the width to fill,
the currency, the heading levels and keys, the contents list and the warnings."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.platypus import Paragraph

from ownersrep.reports.owner_report.document import Heading
from ownersrep.reports.owner_report.page_template import Marks
from ownersrep.reports.owner_report.styles import Styles, styles
from ownersrep.reports.owner_report.text import markup

NOTHING = "Nothing to report this period."
TOC_DEPTH = 1  # outline levels 0 and 1 are listed in the contents


@dataclass
class Ctx:
    marks: Marks
    width: float  # of the frame, in points
    currency: str = ""
    base_level: int = 0  # 1 inside a portfolio, under the project's own entry
    toc: list[tuple[str, int, str]] = field(default_factory=list)  # (title, level, key)
    warnings: list[str] = field(default_factory=list)
    _keys: int = 0

    @property
    def st(self) -> Styles:
        return styles()

    def heading(self, text: str, level: int = 0, *, absolute: bool = False) -> Heading:
        """A bookmarked heading: `level` 0 is a section, 1 a part of it (relative to
        `base_level` unless `absolute`)."""
        outline = level if absolute else self.base_level + level
        self._keys += 1
        key = f"h{self._keys}"
        style = (self.st.h1, self.st.h2, self.st.h3)[min(level, 2)]
        if outline <= TOC_DEPTH:
            self.toc.append((text, outline, key))
        return Heading(text, style, key=key, level=outline, marks=self.marks)

    def nothing(self) -> Paragraph:
        """The line an empty part prints instead of disappearing."""
        return Paragraph(NOTHING, self.st.note)

    def para(self, text: str, style: str = "body") -> Paragraph:
        return Paragraph(markup(text), getattr(self.st, style))
