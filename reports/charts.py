"""Horizontal bar charts as server-rendered SVG: no script, no inline style, so they show under
the strict Content-Security-Policy and in WeasyPrint's PDFs alike. Each chart is drawn next to
a table with the same numbers (the table is what screen readers read)."""

from dataclasses import dataclass

from .statistics import SMALL_CELL, Table, suppressed

WIDTH = 480
LABEL_WIDTH = 190
BAR_AREA = WIDTH - LABEL_WIDTH - 50
ROW = 22


@dataclass(frozen=True)
class Bar:
    label: str
    value: object
    y: int
    width: int
    text_x: int


@dataclass(frozen=True)
class Chart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    bar_x: int = LABEL_WIDTH + 4


def bar_chart(table: Table, *, suppress: bool = False) -> Chart | None:
    """The chart of a table's first column; None when there is nothing to draw. With `suppress`
    (documents that leave the system) 1 and 2 are printed as "< 3" and drawn the same length."""
    values = table.chart_bars()
    if not table.chart or not values:
        return None
    top = max((value for _label, value in values), default=0)
    if suppress and 0 < top < SMALL_CELL:
        top = SMALL_CELL - 1
    bars = []
    for number, (label, value) in enumerate(values):
        drawn = SMALL_CELL - 1 if suppress and 0 < value < SMALL_CELL else value
        width = round(BAR_AREA * drawn / top) if top else 0
        bars.append(
            Bar(
                label=label if len(label) <= 30 else label[:29] + "…",
                value=suppressed(value, is_count=True) if suppress else value,
                y=number * ROW,
                width=width,
                text_x=LABEL_WIDTH + 8 + width,
            )
        )
    return Chart(title=table.title, bars=bars, height=len(bars) * ROW + 4)
