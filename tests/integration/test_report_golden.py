"""Golden images: the first pages of the demo clinic's owner report, rendered with
pdftoppm at 50 dpi in grey, against the approved images in tests/golden/report/.

Nothing here depends on the clock: the demo's dates are fixed and the services' "today"
is the tests' fixed date (the report prints it as the report date). A page passes when
the mean absolute difference of its pixels (0–255 grey) is under 2.0; a failure says
where the page differs and leaves the rendered page and a difference image to look at.

`make golden` re-renders and overwrites the approved images (OWNERSREP_GOLDEN_WRITE=1):
open every one of them before committing it.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from ownersrep.db.workspace import open_workspace
from ownersrep.reports.owner_report import build_owner_report
from ownersrep.services.app_services import AppServices
from ownersrep.services.context import ServiceContext
from ownersrep.services.demo import write_demo
from ownersrep.services.report_types import (
    DEFAULT_SECTIONS,
    PageSize,
    ReportBundle,
    ReportChoices,
)
from tests.conftest import TODAY

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "report"
PAGES = 4
DPI = 50
TOLERANCE = 2.0  # mean absolute difference, 0–255 grey
WRITE = os.environ.get("OWNERSREP_GOLDEN_WRITE") == "1"
PDFTOPPM = shutil.which("pdftoppm")

needs_pdftoppm = pytest.mark.skipif(
    PDFTOPPM is None, reason="pdftoppm is not installed (apt-get install poppler-utils)"
)


@pytest.fixture(scope="module")
def clinic(tmp_path_factory: pytest.TempPathFactory) -> tuple[ReportBundle, Path]:
    """The clinic's report with the default sections, built once."""
    folder = tmp_path_factory.mktemp("golden")
    path = folder / "demo.orep"
    write_demo(path)
    ws = open_workspace(path)
    try:
        services = AppServices(ServiceContext(ws.sessions, today=lambda: TODAY))
        clinic = services.reports.project_by_code("RMC")
        bundle = services.reports.bundle(
            clinic,
            services.reports.default_period(clinic),
            choices=ReportChoices(sections=DEFAULT_SECTIONS, look_ahead_weeks=4),
            page_size=PageSize.A4,
        )
    finally:
        ws.close()
    pdf = folder / "clinic.pdf"
    result = build_owner_report(bundle, pdf)
    assert result.pages >= PAGES
    return bundle, pdf


@pytest.fixture(scope="module")
def rendered(clinic: tuple[ReportBundle, Path]) -> Iterator[dict[int, Path]]:
    """Its first pages as grey PNGs."""
    _bundle, pdf = clinic
    folder = pdf.parent
    pages = {}
    for n in range(1, PAGES + 1):
        prefix = folder / f"page-{n}"
        subprocess.run(
            [str(PDFTOPPM), "-r", str(DPI), "-gray", "-png", "-f", str(n), "-l", str(n),
             "-singlefile", str(pdf), str(prefix)],
            check=True,
            capture_output=True,
            timeout=120,
        )  # fmt: skip
        pages[n] = prefix.with_suffix(".png")
    yield pages


def grey(path: Path) -> np.ndarray:
    with Image.open(path) as image:
        return np.asarray(image.convert("L"), dtype=np.int16)


def where_it_differs(diff: np.ndarray, threshold: int = 40) -> str:
    """The box around the pixels that differ clearly, and the bands of rows they are in,
    in pixels and in millimetres from the page's top left."""
    ys, xs = np.nonzero(diff > threshold)
    if len(ys) == 0:
        return "no pixel differs by more than 40 grey levels (a faint, page-wide change)"
    mm = 25.4 / DPI
    rows = sorted(set(ys.tolist()))
    bands: list[list[int]] = [[rows[0], rows[0]]]
    for y in rows[1:]:
        if y - bands[-1][1] > 3:
            bands.append([y, y])
        else:
            bands[-1][1] = y
    shown = ", ".join(f"{a * mm:.0f}–{b * mm:.0f} mm" for a, b in bands[:8])
    more = f" and {len(bands) - 8} more" if len(bands) > 8 else ""
    return (
        f"{len(ys)} pixels differ by more than {threshold}, within x {xs.min()}–{xs.max()}, "
        f"y {ys.min()}–{ys.max()} px; from the top: {shown}{more}"
    )


@needs_pdftoppm
@pytest.mark.parametrize("page", range(1, PAGES + 1))
def test_page_matches_the_approved_image(rendered: dict[int, Path], page: int) -> None:
    approved = GOLDEN / f"page-{page}.png"
    if WRITE:
        GOLDEN.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(rendered[page], approved)
        print(f"wrote {approved}: open it and look at it before committing it")
        return
    assert approved.is_file(), f"no approved image {approved}: run `make golden`, then look at it"
    got, want = grey(rendered[page]), grey(approved)
    assert got.shape == want.shape, (
        f"page {page} is {got.shape[1]}×{got.shape[0]} px, the approved image "
        f"{want.shape[1]}×{want.shape[0]} (page size changed?); rendered: {rendered[page]}"
    )
    diff = np.abs(got - want)
    mean = float(diff.mean())
    if mean >= TOLERANCE:
        diff_path = rendered[page].with_name(f"page-{page}-diff.png")
        Image.fromarray((255 - np.clip(diff * 4, 0, 255)).astype(np.uint8)).save(diff_path)
        pytest.fail(
            f"page {page} differs from {approved}: mean difference {mean:.2f} ≥ {TOLERANCE}; "
            f"{where_it_differs(diff)}. Rendered: {rendered[page]}; difference: {diff_path}. "
            "If the change is intended, run `make golden` and look at the new images."
        )


def test_the_same_bundle_gives_the_same_bytes(clinic: tuple[ReportBundle, Path]) -> None:
    """No time stamp, random id or clock reading in the file: a rebuild is identical."""
    bundle, pdf = clinic
    again = io.BytesIO()
    build_owner_report(bundle, again)
    assert again.getvalue() == pdf.read_bytes()
