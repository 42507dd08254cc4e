"""The cost charts: pure functions that return a matplotlib Figure, rendered here with
Agg to PNG and SVG, with assertions on what the figure holds (legend, axis labels,
bars) and on empty data, which shows "No cost data" instead of failing."""

from __future__ import annotations

import io
import subprocess
import sys
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import matplotlib
import pytest
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from ownersrep.domain.cost.enums import ChangeStatus
from ownersrep.domain.evm import SCurve
from ownersrep.reports.charts import (
    NO_DATA,
    budget_vs_forecast_figure,
    budget_vs_forecast_height,
    change_orders_by_status_figure,
    compact_money,
    plot_budget_vs_forecast,
    s_curve_figure,
)
from ownersrep.services.cost_types import StatusTotal

D = Decimal
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def png(fig: Figure) -> bytes:
    FigureCanvasAgg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=80)
    return buffer.getvalue()


def svg_text(fig: Figure) -> str:
    """The SVG with its text kept as text (not paths), to search for labels."""
    FigureCanvasAgg(fig)
    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        fig.savefig(buffer, format="svg")
    return buffer.getvalue()


def texts(ax: Axes) -> list[str]:
    return [t.get_text() for t in ax.texts]


def legend_labels(ax: Axes) -> list[str]:
    legend = ax.get_legend()
    assert legend is not None
    return [t.get_text() for t in legend.get_texts()]


# -- money on axes ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (D("14250000"), "14.2M"),  # 14.25 rounds half-even to 14.2 in format()
        (D("350000"), "350k"),
        (D("-4200"), "−4.2k"),
        (D("999"), "999"),
        (D("0"), "0"),
        (D("125000000"), "125M"),
        (D("2000000000"), "2bn"),
        (1_500_000.0, "1.5M"),  # tick values arrive as floats
    ],
)
def test_compact_money(amount: Decimal | float, text: str) -> None:
    assert compact_money(amount) == text


def test_compact_money_with_currency() -> None:
    assert compact_money(D("412000"), "USD") == "USD 412k"


# -- S-curve ----------------------------------------------------------------------------
def clinic_curve() -> SCurve:
    """Six month ends; EV and AC measured up to October (None after: a gap, not zero)."""
    dates = tuple(date(2026, m, 28) for m in range(6, 12))
    pv = tuple(D(v) for v in ("500000", "1500000", "3000000", "5000000", "7000000", "8500000"))
    ev = (D("450000"), D("1300000"), D("2700000"), D("4600000"), D("6300000"), None)
    ac = (D("480000"), D("1400000"), D("2900000"), D("4900000"), D("6700000"), None)
    return SCurve(dates, pv, ev, ac)


def test_s_curve_has_the_three_series_the_status_date_and_money_axis() -> None:
    fig = s_curve_figure(clinic_curve(), status_date=date(2026, 10, 31), currency="USD")
    (ax,) = fig.axes
    assert legend_labels(ax) == [
        "Planned value (PV)",
        "Earned value (EV)",
        "Actual cost (AC)",
        "Status date",
    ]
    assert ax.get_ylabel() == "Cumulative cost (USD)"
    assert ax.get_xlabel() == "Period end"
    assert ax.get_title(loc="left") == "Cost S-curve"
    pv, ev, ac, _status = ax.get_lines()
    assert list(pv.get_ydata()) == [500000, 1500000, 3000000, 5000000, 7000000, 8500000]
    assert pv.get_linestyle() == "-" and ev.get_linestyle() == "--" and ac.get_linestyle() == ":"
    assert ev.get_marker() == "o" and ac.get_marker() == "s"
    # EV and AC end where they were last measured (October), not at zero in November.
    assert list(ev.get_ydata()) == [450000, 1300000, 2700000, 4600000, 6300000]
    assert len(ac.get_xdata()) == 5
    # The latest EV and AC are labelled at their last points, the status date on its line.
    assert set(texts(ax)) == {"AC 6.7M", "EV 6.3M", "31 Oct 2026"}
    # The money axis reads as compact amounts.
    fig.canvas = FigureCanvasAgg(fig)
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert "4M" in ticks and "8M" in ticks
    assert png(fig).startswith(PNG_MAGIC)
    svg = svg_text(fig)
    for label in ("Planned value (PV)", "Actual cost (AC)", "Cumulative cost (USD)"):
        assert label in svg


def test_s_curve_draws_carried_forward_values_as_a_straight_run() -> None:
    """A value repeated between measurements is not a measurement: EV measured at the
    start (0) and at the status date only runs straight between the two, while a last
    value repeated to the end stays (the figure is still known there)."""
    dates = tuple(date(2026, m, 28) for m in range(6, 11))
    pv = tuple(D(v) for v in ("100", "200", "300", "400", "500"))
    ev = (D(0), D(0), D(0), D(0), D("380"))
    ac = (D(0), D("150"), D("150"), D("150"), D("150"))
    (ax,) = s_curve_figure(SCurve(dates, pv, ev, ac)).axes
    _pv, ev_line, ac_line = ax.get_lines()
    assert list(ev_line.get_ydata()) == [0, 380]
    assert list(ev_line.get_xdata()) == [dates[0], dates[4]]
    assert list(ac_line.get_ydata()) == [0, 150, 150]
    assert list(ac_line.get_xdata()) == [dates[0], dates[1], dates[4]]


def test_s_curve_without_status_date_or_currency() -> None:
    fig = s_curve_figure(clinic_curve())
    (ax,) = fig.axes
    assert legend_labels(ax) == ["Planned value (PV)", "Earned value (EV)", "Actual cost (AC)"]
    assert ax.get_ylabel() == "Cumulative cost"


def test_s_curve_without_progress_draws_pv_only() -> None:
    curve = clinic_curve()
    pv_only = SCurve(curve.dates, curve.pv, (None,) * 6, (None,) * 6)
    (ax,) = s_curve_figure(pv_only).axes
    assert legend_labels(ax) == ["Planned value (PV)"]
    assert texts(ax) == []


@pytest.mark.parametrize(
    "curve",
    [
        SCurve(),
        SCurve((date(2026, 1, 31),), (D("0.00"),), (None,), (None,)),
    ],
    ids=["no dates", "all zero"],
)
def test_s_curve_without_data_says_so(curve: SCurve) -> None:
    fig = s_curve_figure(curve, status_date=date(2026, 11, 20), currency="USD")
    (ax,) = fig.axes
    assert texts(ax) == [NO_DATA] and NO_DATA == "No cost data"
    assert not ax.axison and ax.get_legend() is None
    assert png(fig).startswith(PNG_MAGIC)
    assert NO_DATA in svg_text(fig)


def test_s_curve_redraws_into_a_given_figure() -> None:
    fig = Figure()
    s_curve_figure(SCurve(), figure=fig)
    again = s_curve_figure(clinic_curve(), figure=fig)
    assert again is fig and len(fig.axes) == 1
    assert NO_DATA not in texts(fig.axes[0])


# -- budget against forecast ------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    code: str
    description: str
    original: Decimal
    revised: Decimal
    eac: Decimal


def thirty_lines() -> list[Line]:
    return [
        Line(
            f"{n:02d}-000",
            f"Division {n} work with a long description that is cut short",
            D(100_000 * n),
            D(100_000 * n + 5_000),
            D(100_000 * n + (20_000 if n % 10 == 0 else -3_000)),
        )
        for n in range(1, 31)
    ]


def figure_legend(fig: Figure) -> tuple[str, list[str], int]:
    """The figure legend's title, labels and number of columns."""
    (legend,) = fig.legends
    labels = [t.get_text() for t in legend.get_texts()]
    return legend.get_title().get_text(), labels, legend._ncols


def test_budget_vs_forecast_draws_three_bars_per_line() -> None:
    lines = thirty_lines()
    fig = budget_vs_forecast_figure(lines, currency="USD")
    (ax,) = fig.axes
    # Title and legend belong to the figure (whole even when the bars leave little width).
    title, labels, columns = figure_legend(fig)
    assert title == "Budget and forecast by line"
    assert labels == ["Original budget", "Revised budget", "Forecast (EAC)"]
    assert columns == 3  # 7.5 inches wide: one row
    original, revised, eac = ax.containers
    assert [len(c) for c in ax.containers] == [30, 30, 30]
    assert [b.get_width() for b in eac][:2] == [97_000, 197_000]
    assert original[0].get_hatch() == "////" and not revised[0].get_hatch()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(labels) == 30
    assert labels[0] == "01-000  Division 1 work with…"  # cut to stay readable
    assert ax.get_ylim()[0] > ax.get_ylim()[1]  # the first line on top
    assert ax.get_xlabel() == "Amount (USD)"
    # Lines 10, 20 and 30 are forecast over their revised budget by 15,000.
    assert texts(ax) == ["+15k", "+15k", "+15k"]
    assert fig.get_figheight() == pytest.approx(budget_vs_forecast_height(30))
    assert budget_vs_forecast_height(30) > budget_vs_forecast_height(5) >= 2.6
    assert png(fig).startswith(PNG_MAGIC)
    svg = svg_text(fig)
    assert "Forecast (EAC)" in svg and "Budget and forecast by line" in svg


def test_budget_vs_forecast_stacks_its_legend_on_a_narrow_figure() -> None:
    fig = budget_vs_forecast_figure(thirty_lines()[:4], width=4.0)
    assert figure_legend(fig)[2] == 1
    assert png(fig).startswith(PNG_MAGIC)


def test_budget_vs_forecast_on_given_axes_has_its_own_legend() -> None:
    """For a report that lays out several charts: title and legend on the axes."""
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    plot_budget_vs_forecast(ax, thirty_lines()[:5], currency="EUR")
    assert legend_labels(ax) == ["Original budget", "Revised budget", "Forecast (EAC)"]
    assert ax.get_title(loc="left") == "Budget and forecast by line"
    assert ax.get_xlabel() == "Amount (EUR)"


def test_budget_vs_forecast_without_lines_says_so() -> None:
    fig = budget_vs_forecast_figure([])
    (ax,) = fig.axes
    assert texts(ax) == [NO_DATA]
    assert not ax.containers
    assert png(fig).startswith(PNG_MAGIC)


def test_budget_vs_forecast_accepts_the_ledger_rows(ctx) -> None:  # type: ignore[no-untyped-def]
    from tests.unit.services.test_cost_fixtures import build_world

    world = build_world(ctx)
    ledger = world.app.cost.ledger(world.project_id)
    (ax,) = budget_vs_forecast_figure(ledger.lines, currency=ledger.currency).axes
    assert [len(c) for c in ax.containers] == [3, 3, 3]
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "99-000  Owner's contingency"


# -- change orders by status ------------------------------------------------------------
def clinic_log() -> list[StatusTotal]:
    return [
        StatusTotal(ChangeStatus.POTENTIAL, 2, D("85000.00")),
        StatusTotal(ChangeStatus.PENDING, 2, D("160000.00")),
        StatusTotal(ChangeStatus.APPROVED, 3, D("412000.00")),
        StatusTotal(ChangeStatus.REJECTED, 1, D("-12000.00")),
        StatusTotal(ChangeStatus.VOID, 0, D("0.00")),
    ]


def test_change_orders_by_status_shows_count_and_cost_per_status() -> None:
    fig = change_orders_by_status_figure(clinic_log(), currency="USD")
    count_ax, cost_ax = fig.axes
    assert [t.get_text() for t in count_ax.get_yticklabels()] == [
        "Potential",
        "Pending",
        "Approved",
        "Rejected",
        "Void",
    ]
    (counts,) = count_ax.containers
    (costs,) = cost_ax.containers
    assert [b.get_width() for b in counts] == [2, 2, 3, 1, 0]
    assert [b.get_width() for b in costs] == [85000, 160000, 412000, -12000, 0]
    assert texts(count_ax) == ["2", "2", "3", "1", "0"]
    assert texts(cost_ax) == ["85k", "160k", "412k", "−12k", ""]
    # Told apart without colour: pending hatched, potential dotted, rejected crossed.
    assert [b.get_hatch() or "" for b in costs] == ["....", "////", "", "xxx", ""]
    assert count_ax.get_xlabel() == "Change orders"
    assert cost_ax.get_xlabel() == "Cost (USD)"
    assert count_ax.get_title(loc="left") == "Change orders by status"
    svg = svg_text(fig)
    assert "Approved" in svg and "412k" in svg
    assert png(fig).startswith(PNG_MAGIC)


@pytest.mark.parametrize(
    "log",
    [[], [StatusTotal(s, 0, D("0.00")) for s in ChangeStatus]],
    ids=["no statuses", "no change orders"],
)
def test_change_orders_by_status_without_data_says_so(log: list[StatusTotal]) -> None:
    fig = change_orders_by_status_figure(log)
    count_ax, cost_ax = fig.axes
    assert texts(count_ax) == [NO_DATA]
    assert not count_ax.axison and not cost_ax.axison
    assert png(fig).startswith(PNG_MAGIC)


# -- layering ---------------------------------------------------------------------------
def test_charts_import_neither_qt_nor_pyplot() -> None:
    code = (
        "import sys, ownersrep.reports.charts;"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'matplotlib.pyplot'))];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
