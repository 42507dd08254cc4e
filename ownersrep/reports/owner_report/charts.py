"""The shared matplotlib charts rendered for print at 200 dpi, drawn at the size they
print so nothing is rescaled; one figure per chart, released at once.

Speed: the figure gets fixed margins instead of constrained layout (which renders the
figure twice), and its pixels go to ReportLab as RGB without a PNG round trip."""

from __future__ import annotations

from datetime import date

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image as PILImage
from reportlab.lib.units import inch
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from ownersrep.domain.evm.s_curve import SCurve
from ownersrep.reports.charts import s_curve_figure

DPI = 200
# Margins of the S-curve at print size (fractions of the figure): room for the money
# ticks and axis label on the left, the date ticks and label below, the title above.
S_CURVE_MARGINS = {"left": 0.1, "right": 0.98, "bottom": 0.14, "top": 0.91}


class ChartImage(Flowable):
    """A rendered chart placed at its size."""

    def __init__(self, image: ImageReader, width: float, height: float) -> None:
        super().__init__()
        self.image = image
        self.width = width
        self.height = height

    def wrap(self, *_args: object) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.drawImage(self.image, 0, 0, self.width, self.height)


def figure_image(fig: Figure, margins: dict[str, float] | None = None) -> ChartImage:
    """The figure as a print image of its own size (width and height in inches)."""
    if margins is not None:
        fig.set_layout_engine("none")
        left, right = margins["left"], margins["right"]
        bottom, top = margins["bottom"], margins["top"]
        for ax in fig.axes:
            ax.set_position((left, bottom, right - left, top - bottom))
    fig.set_dpi(DPI)
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    width_px, height_px = canvas.get_width_height()
    rgba = PILImage.frombuffer("RGBA", (width_px, height_px), canvas.buffer_rgba())
    rgb = rgba.convert("RGB")
    w, h = fig.get_size_inches()
    fig.clear()
    return ChartImage(ImageReader(rgb), w * inch, h * inch)


def s_curve_image(
    curve: SCurve, *, status_date: date | None, currency: str, width_pt: float
) -> ChartImage:
    width_in = width_pt / inch
    fig = s_curve_figure(
        curve, status_date=status_date, currency=currency, size=(width_in, width_in * 0.48)
    )
    return figure_image(fig, S_CURVE_MARGINS)
