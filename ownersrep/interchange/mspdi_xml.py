"""Loading an MSPDI file safely: the declared encoding checked against the bytes, the
XML parsed with defusedxml, and the line of each element we may need to report on.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from ownersrep.interchange.schedule_file import ScheduleFileError

_DECLARATION = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")
_OPEN_TAG = re.compile(rb"<([A-Za-z_][\w.:-]*)[^<>]*>")
# Elements whose line we keep, to point the user at them.
_LINED = frozenset({"Task", "PredecessorLink", "Calendar", "Exception", "WorkWeek", "WeekDay"})
_TAG = re.compile(rb"<(/?)([A-Za-z_][\w.-]*)(?:\s[^<>]*?)?(/?)>")
_UID = re.compile(rb"<UID>\s*([^<\s]*)\s*</UID>")
_TRUNCATION_HINTS = ("no element found", "unclosed token", "unclosed CDATA")


@dataclass
class XmlDocument:
    root: Element
    namespace: str  # "{http://schemas.microsoft.com/project}" or ""
    lines: dict[int, int] = field(default_factory=dict)  # id(element) -> line
    _locals: dict[str, str] = field(default_factory=dict, repr=False)

    def tag(self, name: str) -> str:
        return self.namespace + name

    def line(self, element: Element) -> int | None:
        return self.lines.get(id(element))

    def local(self, element: Element) -> str:
        tag = element.tag
        name = self._locals.get(tag)
        if name is None:
            name = self._locals[tag] = tag.rsplit("}", 1)[-1]
        return name


class _LineTarget:
    """A TreeBuilder that notes the line where selected elements start. Only `start` is
    wrapped: the other callbacks go straight to the builder, for speed."""

    def __init__(self) -> None:
        self._builder = TreeBuilder()
        self.expat = None  # pyexpat parser, set once the XMLParser exists
        self.lines: dict[int, int] = {}
        self._lined: dict[str, bool] = {}
        self.end = self._builder.end
        self.data = self._builder.data
        self.close = self._builder.close

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        element = self._builder.start(tag, attrs)
        lined = self._lined.get(tag)
        if lined is None:
            lined = self._lined[tag] = tag.rsplit("}", 1)[-1] in _LINED
        if lined and self.expat is not None:
            self.lines[id(element)] = self.expat.CurrentLineNumber
        return element


def load_document(path: Path) -> XmlDocument:
    """Read and parse `path`, or raise `ScheduleFileError` saying what is wrong where."""
    where = str(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ScheduleFileError(where, "file", "the file does not exist") from None
    except OSError as err:
        raise ScheduleFileError(
            where, "file", f"the file cannot be read ({err.strerror})"
        ) from None
    if not data.strip():
        raise ScheduleFileError(where, "line 1", "the file is empty")
    _check_encoding(where, data)

    target = _LineTarget()
    parser = DefusedXMLParser(target=target, forbid_dtd=False)
    target.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except ParseError as err:
        raise _not_well_formed(where, data, err) from None
    except DefusedXmlException:
        line = parser.parser.CurrentLineNumber
        raise ScheduleFileError(
            where,
            f"line {line}",
            "the file declares XML entities or external references, which are refused "
            "for safety (MS Project never writes them)",
        ) from None

    namespace = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
    doc = XmlDocument(root, namespace, target.lines)
    if doc.local(root) != "Project":
        raise ScheduleFileError(
            where,
            f"line 1, root element <{doc.local(root)}>",
            "this is not an MS Project XML (MSPDI) file: its root element should be "
            "<Project>. Save the schedule from MS Project with File > Save As > XML.",
        )
    return doc


def _check_encoding(where: str, data: bytes) -> None:
    """The bytes must decode in the encoding the file declares (UTF-8 when it says
    nothing). A cut in the middle of the last character is left to the XML parser,
    which reports the truncation."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding, declared = "utf-16", "UTF-16 (by its byte-order mark)"
    else:
        match = _DECLARATION.match(data.removeprefix(codecs.BOM_UTF8))
        encoding = match.group(1).decode("ascii") if match else "utf-8"
        declared = f"declared as {encoding}" if match else "UTF-8 (it declares no encoding)"
    try:
        codec = codecs.lookup(encoding)
    except LookupError:
        raise ScheduleFileError(
            where,
            "line 1, XML declaration",
            f"the file declares the encoding {encoding!r}, which is not known",
        ) from None
    nul = data.find(b"\x00")
    if nul >= 0 and not codec.name.startswith(("utf-16", "utf-32")):
        line, column = _position(data, nul)
        raise ScheduleFileError(
            where,
            f"line {line}, column {column}",
            f"wrong encoding: the file is {declared}, but it holds NUL bytes, as UTF-16 "
            "text does; re-save it from MS Project as XML",
        )
    try:
        data.decode(codec.name)
    except UnicodeDecodeError as err:
        if err.reason == "unexpected end of data":
            return
        line, column = _position(data, err.start)
        opened = _OPEN_TAG.findall(data, max(0, err.start - 2000), err.start)
        inside = f", in <{opened[-1].decode('ascii', 'replace')}>" if opened else ""
        bad = " ".join(f"0x{b:02X}" for b in data[err.start : err.end])
        hint = ""
        if codec.name == "utf-8" and _decodes(data, "cp1252"):
            hint = (
                "; the file was probably saved as Windows-1252 (ANSI) text. Re-save it "
                "from MS Project, or change the encoding in its first line to windows-1252"
            )
        raise ScheduleFileError(
            where,
            f"line {line}, column {column}{inside}",
            f"wrong encoding: the file is {declared}, but byte {bad} is not valid "
            f"{codec.name}{hint}",
        ) from None


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (both from 1, the column in bytes) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    return line, offset - (data.rfind(b"\n", 0, offset) + 1) + 1


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _not_well_formed(where: str, data: bytes, err: ParseError) -> ScheduleFileError:
    line, column = err.position
    reason = str(err).rsplit(": line ", 1)[0]
    last_line = data.rstrip().count(b"\n") + 1
    at_end = line >= last_line or reason.startswith(_TRUNCATION_HINTS)
    hint = (
        "the file may be truncated (it ends before the XML is complete)"
        if at_end
        else "the file may be damaged or edited by hand"
    )
    what = reason if reason.startswith("not well-formed") else f"not well-formed ({reason})"
    line_start = 0
    for _ in range(line - 1):
        line_start = data.find(b"\n", line_start) + 1
    return ScheduleFileError(
        where,
        f"line {line}, column {column + 1}{_context(data, line_start + column)}",
        f"the XML is {what}; {hint}",
    )


def _context(data: bytes, offset: int) -> str:
    """The element open at `offset`, e.g. ", in <Task> UID 12, <Duration>", found by
    scanning the text before it (the parser's own state is gone after an error)."""
    stack: list[bytes] = []
    for match in _TAG.finditer(data, max(0, offset - 20000), offset):
        closing, name, empty = match.groups()
        if closing:
            if name in stack:
                del stack[len(stack) - 1 - stack[::-1].index(name) :]
        elif not empty:
            stack.append(name)
    if not stack:
        return ""
    inner = stack[-1].decode("ascii", "replace")
    task_at = data.rfind(b"<Task>", 0, offset)
    if b"Task" in stack and task_at >= 0:
        uid = _UID.search(data, task_at, offset)
        if uid is not None:
            tail = f", <{inner}>" if inner != "Task" else ""
            return f", in <Task> UID {uid.group(1).decode('ascii', 'replace')}{tail}"
    return f", in <{inner}>"
