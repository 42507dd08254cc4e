"""CSV export of issue rows: exact money, ISO dates, a BOM for Excel, formula-safe text."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from ownersrep.services.issue_csv import csv_cell, write_csv


def test_cells() -> None:
    assert csv_cell(Decimal("48250")) == "48250.00"
    assert csv_cell(Decimal("-21000.5")) == "-21000.50"
    assert csv_cell(Decimal("12345678901.23")) == "12345678901.23"  # exact, no float
    assert csv_cell(date(2026, 11, 2)) == "2026-11-02"
    assert csv_cell(None) == ""
    assert csv_cell(12) == "12"
    assert csv_cell(True) == "Yes"
    assert csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_cell("-2 days") == "'-2 days"
    assert csv_cell("Late delivery of AHU-2") == "Late delivery of AHU-2"


def test_write_csv_utf8_bom_and_quoting(tmp_path: Path) -> None:
    target = tmp_path / "issues.csv"
    count = write_csv(
        target,
        ["Number", "Title", "Cost impact"],
        [
            ["RFI-0001", "Ceiling, level 2 — “fire-rated”", Decimal("1200.5")],
            ["ISS-0002", "Ü", None],
        ],
    )
    assert count == 2
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        assert list(csv.reader(fh)) == [
            ["Number", "Title", "Cost impact"],
            ["RFI-0001", "Ceiling, level 2 — “fire-rated”", "1200.50"],
            ["ISS-0002", "Ü", ""],
        ]
    assert [p.name for p in tmp_path.iterdir()] == ["issues.csv"]  # no temporary left


def test_failed_write_leaves_no_file(tmp_path: Path) -> None:
    target = tmp_path / "issues.csv"

    def rows() -> Iterator[list[str]]:
        yield ["ISS-0001"]
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        write_csv(target, ["Number"], rows())
    assert list(tmp_path.iterdir()) == []
