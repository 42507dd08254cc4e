"""The narrative's rich text: a small HTML subset (p, br, b/strong, i/em, u, ul, ol, li),
as typed in the app and printed in the report.

`sanitize_html` accepts any HTML, including what Qt's QTextEdit.toHtml() writes (a whole
document with a <style> block, and bold / italic / underline as
`<span style="font-weight:700; font-style:italic; text-decoration: underline;">`), and
keeps only the subset: every other tag is dropped with its text kept, scripts and styles
are dropped with their content, and no attribute survives. `blocks_of` reads the subset
into paragraphs and bullet items of styled runs; `html_of` writes them back.

Example: `<p style="margin:0">Pour <span style="font-weight:700">done</span><script>x
</script></p>` sanitises to `<p>Pour <b>done</b></p>`, one block of two runs.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser

__all__ = ["TextBlock", "TextRun", "blocks_of", "html_of", "sanitize_html"]


@dataclass(frozen=True)
class TextRun:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass(frozen=True)
class TextBlock:
    """A paragraph ("p") or a bullet item ("li") of the narrative."""

    kind: str
    runs: tuple[TextRun, ...]


_STYLE_TAGS = {"b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline"}
_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "li"}
_LIST_TAGS = {"ul", "ol"}
_SKIP_CONTENT = {"script", "style", "head", "title", "template", "noscript", "iframe", "object"}
_VOID = {"br", "img", "hr", "meta", "link", "input", "col", "area", "base", "wbr", "source"}
_SPACE = re.compile(r"[ \t\r\n\f]+")


def _span_styles(style: str) -> set[str]:
    """bold / italic / underline asked for by an inline style (Qt's spans)."""
    found: set[str] = set()
    for part in style.lower().split(";"):
        name, _, value = part.partition(":")
        name, value = name.strip(), value.strip()
        if name == "font-weight" and (value == "bold" or (value.isdigit() and int(value) >= 600)):
            found.add("bold")
        elif name == "font-style" and value in ("italic", "oblique"):
            found.add("italic")
        elif name == "text-decoration" and "underline" in value:
            found.add("underline")
    return found


class _Reader(HTMLParser):
    """HTML → blocks of runs. Text outside any block becomes a paragraph of its own."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[TextBlock] = []
        self._runs: list[TextRun] = []
        self._kind = "p"
        self._open: list[tuple[str, frozenset[str]]] = []  # inline tags and their styles
        self._skip = 0
        self._lists = 0

    # -- the styles in force -----------------------------------------------------------
    def _styles(self) -> set[str]:
        out: set[str] = set()
        for _tag, styles in self._open:
            out |= styles
        return out

    def _flush(self) -> None:
        runs = _merged(self._runs)
        if runs:
            self.blocks.append(TextBlock(self._kind, runs))
        self._runs = []
        self._kind = "p"

    def _text(self, text: str) -> None:
        styles = self._styles()
        self._runs.append(
            TextRun(text, "bold" in styles, "italic" in styles, "underline" in styles)
        )

    # -- HTMLParser ----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            if tag not in _VOID:
                self._skip += 1
            return
        if self._skip:
            return
        if tag == "br":
            self._runs.append(TextRun("\n"))
            return
        if tag in _LIST_TAGS:
            self._flush()
            self._lists += 1
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            self._kind = "li" if tag == "li" else "p"
            return
        if tag in _VOID:
            return
        styles = set()
        if tag in _STYLE_TAGS:
            styles.add(_STYLE_TAGS[tag])
        style = dict(attrs).get("style")
        if style:
            styles |= _span_styles(style)
        self._open.append((tag, frozenset(styles)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._skip:
            self._runs.append(TextRun("\n"))

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self._skip = max(0, self._skip - 1)
            return
        if self._skip:
            return
        if tag in _LIST_TAGS:
            self._flush()
            self._lists = max(0, self._lists - 1)
            return
        if tag in _BLOCK_TAGS:
            self._flush()
            return
        for i in range(len(self._open) - 1, -1, -1):
            if self._open[i][0] == tag:
                del self._open[i:]
                break

    def handle_data(self, data: str) -> None:
        if self._skip:
            return
        text = _SPACE.sub(" ", data)
        if text:
            self._text(text)

    def close(self) -> None:
        super().close()
        self._flush()


def _merged(runs: list[TextRun]) -> tuple[TextRun, ...]:
    """Runs with the same style joined, white space folded, ends trimmed; a line break
    ("\\n") is kept between words only."""
    out: list[TextRun] = []
    for run in runs:
        text = run.text
        if out and out[-1].text.endswith((" ", "\n")) and text.startswith(" "):
            text = text.lstrip(" ")
        if not out and text.startswith(" "):
            text = text.lstrip(" ")
        if not text:
            continue
        if out and (out[-1].bold, out[-1].italic, out[-1].underline) == (
            run.bold,
            run.italic,
            run.underline,
        ):
            out[-1] = TextRun(out[-1].text + text, run.bold, run.italic, run.underline)
        else:
            out.append(TextRun(text, run.bold, run.italic, run.underline))
    while out:
        last = out[-1]
        text = last.text.rstrip(" \n")
        if text:
            out[-1] = TextRun(text, last.bold, last.italic, last.underline)
            break
        out.pop()
    while out:
        first = out[0]
        text = first.text.lstrip(" \n")
        if text:
            out[0] = TextRun(text, first.bold, first.italic, first.underline)
            break
        out.pop(0)
    cleaned = []
    for run in out:
        text = re.sub(r" *\n *", "\n", run.text)
        cleaned.append(TextRun(text, run.bold, run.italic, run.underline))
    return tuple(cleaned)


def blocks_of(text: str) -> tuple[TextBlock, ...]:
    """The paragraphs and bullet items of `text` (any HTML; see the module text)."""
    if not text or not text.strip():
        return ()
    reader = _Reader()
    reader.feed(text)
    reader.close()
    return tuple(reader.blocks)


def _run_html(run: TextRun) -> str:
    out = html.escape(run.text, quote=False).replace("\n", "<br>")
    if run.underline:
        out = f"<u>{out}</u>"
    if run.italic:
        out = f"<i>{out}</i>"
    if run.bold:
        out = f"<b>{out}</b>"
    return out


def html_of(blocks: Iterable[TextBlock]) -> str:
    """The subset's HTML of blocks: <p> paragraphs, and <ul> around bullet items."""
    parts: list[str] = []
    in_list = False
    for block in blocks:
        inner = "".join(_run_html(r) for r in block.runs)
        if block.kind == "li":
            if not in_list:
                parts.append("<ul>")
                in_list = True
            parts.append(f"<li>{inner}</li>")
            continue
        if in_list:
            parts.append("</ul>")
            in_list = False
        parts.append(f"<p>{inner}</p>")
    if in_list:
        parts.append("</ul>")
    return "".join(parts)


def sanitize_html(text: str) -> str:
    """Only the subset of `text`, with no attributes (see the module text)."""
    return html_of(blocks_of(text))
