"""Write table rows to a CSV file that Excel opens correctly (no Qt here).

- UTF-8 with a byte-order mark, so Excel detects the encoding.
- Decimals as plain numbers with two places ("12500.00"), exact (no float on the way).
- Dates as ISO 8601 (2026-11-20), which every spreadsheet reads as a date.
- Text that a spreadsheet would run as a formula (starting with = + - @ or a tab) is
  prefixed with an apostrophe (OWASP "CSV injection"); numbers are left as they are.
- The file is written next to the target and moved into place, so a failure never
  leaves half a file behind.
"""

from __future__ import annotations

import csv
import os
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from pathlib import Path

from ownersrep.domain.money import CENT

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """One value as CSV text (see the module doc)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, Decimal):
        return str(value.quantize(CENT))
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    if text.startswith(_FORMULA_START):
        return "'" + text
    return text


def write_csv(path: Path | str, headers: Sequence[str], rows: Iterable[Sequence[object]]) -> int:
    """Write headers and rows to `path`; returns the number of data rows written."""
    target = Path(path)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    count = 0
    try:
        with os.fdopen(fd, "w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh)
            writer.writerow([csv_cell(h) for h in headers])
            for row in rows:
                writer.writerow([csv_cell(v) for v in row])
                count += 1
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
    return count


__all__ = ["csv_cell", "write_csv"]
