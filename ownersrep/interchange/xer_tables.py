"""The table layer of a Primavera P6 XER file: bytes → named tables of rows.

An XER file is tab-separated text: an `ERMHDR` header line, then for each table a `%T`
line (its name), a `%F` line (its field names) and `%R` lines (its rows), and a final
`%E`. P6 writes Windows-1252 (some tools write UTF-8) with LF or CRLF line ends.

Every row remembers its table, its number within the table and its line in the file, so
a later problem can be reported as "TASK, row 37 (line 412)". Nothing here knows what
the tables mean; see `xer.py`.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path

from ownersrep.interchange.schedule_file import ScheduleFileError

# The tables whose content is imported. A byte that is not text in one of these stops the
# import; in any other table it only costs that table (which is skipped anyway).
IMPORTED_TABLES = frozenset({"PROJECT", "PROJWBS", "TASK", "TASKPRED", "CALENDAR", "SCHEDOPTIONS"})


@dataclass(frozen=True)
class XerRow:
    table: str
    number: int  # 1-based within its table
    line: int  # 1-based line of the file
    values: dict[str, str]

    @property
    def where(self) -> str:
        return f"{self.table}, row {self.number} (line {self.line})"

    def get(self, name: str) -> str:
        """The field's value with surrounding blanks removed; "" when absent or empty."""
        return self.values.get(name, "").strip()


@dataclass
class XerTable:
    name: str
    fields: tuple[str, ...]
    line: int  # the line of its %T
    rows: list[XerRow] = field(default_factory=list)


@dataclass
class XerFile:
    path: str
    encoding: str  # "utf-8", "utf-8-sig" (with a byte-order mark) or "cp1252"
    header: tuple[str, ...] | None  # the ERMHDR values, None when the line is missing
    tables: dict[str, XerTable]
    warnings: list[str]

    def rows(self, name: str) -> list[XerRow]:
        table = self.tables.get(name)
        return table.rows if table is not None else []

    def has(self, name: str) -> bool:
        return name in self.tables

    def error(self, where: str, problem: str) -> ScheduleFileError:
        return ScheduleFileError(self.path, where, problem)


def load_xer(path: str | Path) -> XerFile:
    """Read and split an XER file. Raises ScheduleFileError naming the table and row (or
    the line) for a file that cannot be read, decoded or split into tables."""
    shown = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise ScheduleFileError(shown, "file", f"cannot be read ({exc.strerror or exc})") from exc
    return parse_xer_bytes(data, shown)


def parse_xer_bytes(data: bytes, path: str) -> XerFile:
    encoding, lines = _decode(data)
    return _Splitter(path, encoding, lines).run()


class _Splitter:
    """One pass over the decoded lines, building tables; raises at the first problem."""

    def __init__(self, path: str, encoding: str, lines: list[_Line]) -> None:
        self.path = path
        self.encoding = encoding
        self.lines = lines
        content = [n for n, (_raw, text, _bad) in enumerate(lines, start=1) if text.strip()]
        self.first = content[0] if content else 0
        self.last = content[-1] if content else 0
        self.tables: dict[str, XerTable] = {}
        self.current: XerTable | None = None
        self.header: tuple[str, ...] | None = None
        self.warnings: list[str] = []
        self.not_text: dict[str, int] = {}  # table → rows with undecodable bytes
        self.short: dict[str, list[XerRow]] = {}  # table → rows with fewer values
        self.last_kind = ""
        self.ended = False

    def fail(self, where: str, problem: str) -> ScheduleFileError:
        return ScheduleFileError(self.path, where, problem)

    def run(self) -> XerFile:
        for number, (raw, text, bad) in enumerate(self.lines, start=1):
            if not text.strip():
                continue
            if self.ended:
                self.warnings.append(f"Line {number}: text after the %E end line was ignored.")
                break
            parts = text.split("\t")
            kind = parts[0].strip()
            if bad is not None and kind in ("%T", "%F"):
                raise self.fail(f"line {number}", _encoding_problem(raw, bad, self.encoding))
            if kind == "ERMHDR" and number == self.first:
                self.header = tuple(parts[1:])
            elif kind == "%T":
                self.table(number, parts)
            elif kind == "%F":
                self.fields(number, parts)
            elif kind == "%R":
                self.row(number, raw, parts, bad)
            elif kind == "%E":
                self.ended = True
            else:
                self.unexpected(number, text)
            self.last_kind = kind
        return self.finish()

    def table(self, number: int, parts: list[str]) -> None:
        name = parts[1].strip() if len(parts) > 1 else ""
        if not name:
            raise self.fail(f"line {number}", "a %T line without a table name")
        self.current = self.tables.setdefault(name, XerTable(name, (), number))
        self.current.fields = ()

    def fields(self, number: int, parts: list[str]) -> None:
        if self.current is None:
            raise self.fail(f"line {number}", "field names (%F) before any %T")
        self.current.fields = tuple(f.strip() for f in parts[1:])

    def row(self, number: int, raw: bytes, parts: list[str], bad: int | None) -> None:
        table = self.current
        if table is None:
            raise self.fail(f"line {number}", "a row (%R) before any %T")
        fields = table.fields
        where = f"{table.name}, row {len(table.rows) + 1} (line {number})"
        if not fields:
            raise self.fail(where, "a row (%R) before the table's field names (%F)")
        if bad is not None:
            if table.name in IMPORTED_TABLES:
                raise self.fail(where, _encoding_problem(raw, bad, self.encoding, fields))
            self.not_text[table.name] = self.not_text.get(table.name, 0) + 1
        values = [_unquoted(v) for v in parts[1:]]
        if len(values) > len(fields):
            raise self.fail(
                where,
                f"{len(values)} values for {len(fields)} fields — a value holds a tab, "
                "or the rows belong to another table",
            )
        if len(values) < len(fields) and number == self.last:
            raise self.fail(
                where, f"{len(values)} values for {len(fields)} fields — the file looks truncated"
            )
        values += [""] * (len(fields) - len(values))
        row = XerRow(
            table.name, len(table.rows) + 1, number, dict(zip(fields, values, strict=True))
        )
        if len(parts) - 1 < len(fields):
            self.short.setdefault(table.name, []).append(row)
        table.rows.append(row)

    def unexpected(self, number: int, text: str) -> None:
        if number == self.first:
            problem = f"this is not a Primavera XER file (it starts with {_quote(text)})"
        elif text.startswith("ERMHDR"):
            problem = "a second ERMHDR header: two files were joined into one"
        else:
            problem = f"unexpected {_quote(text)} (an XER line starts with %T, %F, %R or %E)"
        raise self.fail(f"line {number}", problem)

    def finish(self) -> XerFile:
        if not self.tables:
            raise self.fail("file", "no tables (%T lines): this is not an XER file")
        if self.header is None:
            self.warnings.insert(0, "The file has no ERMHDR header line; it was read anyway.")
        if not self.ended:
            self.unended()
        for name, rows in self.short.items():
            self.warnings.append(
                f"{name}: {len(rows)} row(s) have fewer values than fields, the first "
                f"{rows[0].where}; the missing values were read as empty."
            )
        for name, count in self.not_text.items():
            self.warnings.append(
                f"{name}: {count} row(s) hold bytes that are {_NOT_TEXT[self.encoding]} "
                "text; that table is not imported, so nothing was lost."
            )
        return XerFile(self.path, self.encoding, self.header, self.tables, self.warnings)

    def unended(self) -> None:
        """No %E: refused when the file stops inside a table's header or inside a line (P6
        ends every line); read with a warning when it stops at a row boundary."""
        table = self.current
        if table is not None and self.last_kind in ("%T", "%F") and not table.rows:
            raise self.fail(
                f"{table.name}, row 1 (line {self.last + 1})",
                "the file ends before the table's rows — the file looks truncated",
            )
        cut_mid_line = bool(self.lines) and bool(self.lines[-1][0])
        if table is not None and table.rows and self.last_kind == "%R" and cut_mid_line:
            raise self.fail(
                table.rows[-1].where,
                "the row stops without a line end and there is no %E — the file looks truncated",
            )
        last = table.rows[-1].where if table is not None and table.rows else "the end"
        self.warnings.append(
            f"The file has no %E end line (last: {last}); it may have been cut short at a "
            "row boundary."
        )


# -- decoding ---------------------------------------------------------------------------

_Line = tuple[bytes, str, int | None]  # raw bytes, text, offset of an undecodable byte
_NOT_TEXT = {
    "utf-8": "not UTF-8",
    "utf-8-sig": "not UTF-8",
    "cp1252": "neither UTF-8 nor Windows-1252",
}


def _decode(data: bytes) -> tuple[str, list[_Line]]:
    """Split into lines and decode them: UTF-8 when the file starts with a UTF-8
    byte-order mark or is UTF-8 throughout, else Windows-1252. A line that does not decode
    keeps the offset of its first bad byte; the caller decides whether that line matters."""
    if data.startswith(codecs.BOM_UTF8):
        return "utf-8-sig", [_line(raw, "utf-8") for raw in _split(data[len(codecs.BOM_UTF8) :])]
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1252", [_line(raw, "cp1252") for raw in _split(data)]
    return "utf-8", [(raw, raw.decode("utf-8"), None) for raw in _split(data)]


def _split(data: bytes) -> list[bytes]:
    lines = data.split(b"\n")
    return [line[:-1] if line.endswith(b"\r") else line for line in lines]


def _line(raw: bytes, encoding: str) -> _Line:
    try:
        return raw, raw.decode(encoding), None
    except UnicodeDecodeError as exc:
        return raw, raw.decode(encoding, errors="replace"), exc.start


def _encoding_problem(raw: bytes, offset: int, encoding: str, fields: tuple[str, ...] = ()) -> str:
    column = raw[:offset].count(b"\t")  # 0 is the %R, %T or %F mark
    name = fields[column - 1] if 0 < column <= len(fields) else f"value {column}"
    if encoding == "utf-8-sig":
        return (
            f"byte 0x{raw[offset]:02X} in {name} is not UTF-8, though the file starts with "
            "a UTF-8 byte-order mark — the file has a wrong or mixed encoding"
        )
    return (
        f"byte 0x{raw[offset]:02X} in {name} is neither UTF-8 nor Windows-1252 text — "
        "the file has a wrong or mixed encoding"
    )


# -- small helpers ------------------------------------------------------------------------


def _unquoted(value: str) -> str:
    """P6 doubles every double quote it writes (`12"" pipe` is `12" pipe`)."""
    return value.replace('""', '"') if '""' in value else value


def _quote(text: str) -> str:
    text = text.strip()
    return repr(text if len(text) <= 40 else text[:40] + "…")
