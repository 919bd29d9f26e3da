"""The report's SVG charts, byte-identical for the same numbers.

matplotlib writes a date, random ids and embedded glyphs into an SVG by default; here the date
and creator are fixed, ids are salted with the chart's name (stable, yet distinct when both
charts are inlined into one HTML page), and text stays text (``svg.fonttype: none``) in a font
matplotlib ships, so the file depends on neither the clock nor the fonts installed.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from legacylift.report.analysis import Analysis
from legacylift.report.stats import Interval, invert
from legacylift.report.text import ci_text, plural

# Paul Tol's colour-blind safe pair.
BEFORE, AFTER = "#4477AA", "#EE6677"
NEUTRAL = "#555555"


@contextmanager
def _style(name: str) -> Iterator[None]:
    with mpl.rc_context(
        {
            "svg.hashsalt": f"legacylift-{name}",
            "svg.fonttype": "none",
            "font.family": ["DejaVu Sans"],
            "font.size": 11,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#dddddd",
            "axes.axisbelow": True,
        }
    ):
        yield


def _svg(figure: Figure) -> str:
    buffer = io.StringIO()
    figure.savefig(
        buffer,
        format="svg",
        bbox_inches="tight",
        metadata={"Date": None, "Creator": "legacylift report"},
    )
    return buffer.getvalue()


def _what(analysis: Analysis) -> str:
    return "memory" if analysis.run.unit == "byte" else "time"


def _empty(axes: Axes, labels: Sequence[str]) -> None:
    if not labels:
        axes.text(
            0.5,
            0.5,
            "nothing to compare in this run",
            transform=axes.transAxes,
            ha="center",
            va="center",
            color=NEUTRAL,
        )


def _note(axes: Axes, text: str) -> None:
    # As the x label: below the plot, where it can never hide a data point.
    axes.set_xlabel(text, fontsize=8, color=NEUTRAL, loc="right")


def _width(count: int) -> float:
    return max(7.5, 1.0 * count + 2.5)


def _label_axis(axes: Axes, labels: Sequence[str]) -> None:
    axes.set_xticks(range(len(labels)))
    rotate = len(labels) > 5
    axes.set_xticklabels(labels, rotation=30 if rotate else 0, ha="right" if rotate else "center")
    axes.set_xlim(-0.6, len(labels) - 0.4)


def _errors(intervals: Sequence[Interval]) -> list[list[float]]:
    return [[i.estimate - i.low for i in intervals], [i.high - i.estimate for i in intervals]]


def _speedups(analysis: Analysis, labels: Sequence[str], variant: str) -> list[Interval | None]:
    found = [analysis.versus.get((label, variant)) for label in labels]
    return [
        invert(v.summary.all) if v is not None and v.summary.all is not None else None
        for v in found
    ]


def _log_ticks(low: float, high: float) -> list[float]:
    ticks = [0.125, 0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0, 128.0]
    return [t for t in ticks if low <= t <= high]


def speedup_chart(analysis: Analysis) -> tuple[str, str]:
    """Bars from 1: speed-up over the baseline per interpreter, before and after; (svg, alt).

    Bars grow up from 1 for faster and down for slower; a logarithmic axis once the range is
    wide (PyPy next to CPython 2.7), so that 2x faster and 2x slower look the same size.
    """
    labels = [
        label
        for label in analysis.labels
        if any((label, v) in analysis.versus for v in ("before", "after"))
    ]
    base = " ".join(analysis.baseline)
    series = {variant: _speedups(analysis, labels, variant) for variant in ("before", "after")}
    known = [s for values in series.values() for s in values if s is not None]
    bottom = min([1.0, *(s.low if s.noise_known else s.estimate for s in known)])
    top = max([1.0, *(s.high if s.noise_known else s.estimate for s in known)])
    log = top / bottom > 4
    with _style("speedup"):
        figure = Figure(figsize=(_width(len(labels)), 4.8))
        axes = figure.add_subplot()
        for offset, variant, colour in ((-0.2, "before", BEFORE), (0.2, "after", AFTER)):
            points = [(x + offset, s) for x, s in enumerate(series[variant]) if s is not None]
            if not points:
                continue
            xs, speeds = [x for x, _ in points], [s for _, s in points]
            axes.bar(
                xs,
                [s.estimate - 1 for s in speeds],
                bottom=1.0,
                width=0.38,
                color=colour,
                label=f"{variant} modernization",
            )
            sure = [(x, s) for x, s in points if s.noise_known]
            if sure:
                axes.errorbar(
                    [x for x, _ in sure],
                    [s.estimate for _, s in sure],
                    yerr=_errors([s for _, s in sure]),
                    fmt="none",
                    capsize=3,
                    ecolor="#222222",
                    linewidth=1,
                )
            for x, speed in points:
                up = speed.estimate >= 1
                edge = speed.high if up and speed.noise_known else speed.estimate
                edge = speed.low if not up and speed.noise_known else edge
                axes.annotate(
                    f"{speed.estimate:.2f}x",
                    (x, edge),
                    ha="center",
                    va="bottom" if up else "top",
                    fontsize=8,
                    xytext=(0, 2 if up else -2),
                    textcoords="offset points",
                )
        axes.axhline(1.0, color=NEUTRAL, linewidth=1)
        if log:
            axes.set_yscale("log")
            axes.set_ylim(bottom / 1.6, top * 1.6)
            ticks = _log_ticks(bottom / 1.6, top * 1.6)
            axes.set_yticks(ticks, [f"{t:g}x" for t in ticks])
            axes.minorticks_off()
        else:
            span = top - bottom
            axes.set_ylim(max(0.0, bottom - 0.15 * span - 0.05), top + 0.15 * span + 0.05)
        if _what(analysis) == "time":
            axes.set_ylabel(f"speed relative to {base}\n(geometric mean; above 1 is faster)")
        else:
            axes.set_ylabel(f"{base} memory / memory\n(geometric mean; above 1 uses less)")
        _empty(axes, labels)
        axes.set_title(f"Speed relative to {base}, before and after modernization")
        if any(not s.noise_known for s in known):
            _note(axes, "no whisker: single values give no confidence interval")
        _label_axis(axes, labels)
        axes.legend(loc="upper left", frameon=False)
        svg = _svg(figure)
    described = []
    for x, label in enumerate(labels):
        parts = [
            f"{variant} {s.estimate:.2f}x"
            for variant in ("before", "after")
            if (s := series[variant][x]) is not None
        ]
        described.append(f"{label}: {', '.join(parts)}")
    alt = (
        f"Bar chart of each interpreter's speed relative to {base} (geometric mean over "
        "benchmarks, 95% confidence whiskers, bars start at 1 and point up when faster), before "
        "and after modernization: " + "; ".join(described)
    )
    return svg, alt


def ratio_chart(analysis: Analysis) -> tuple[str, str]:
    """Per interpreter, the spread of per-benchmark after/before ratios; (svg, alt)."""
    labels = [label for label in analysis.labels if label in analysis.effects]
    described, unknown = [], False
    with _style("ratios"):
        figure = Figure(figsize=(_width(len(labels)), 4.8))
        axes = figure.add_subplot()
        for x, label in enumerate(labels):
            comps = [
                cell.comparison
                for (lab, _), cell in sorted(analysis.cells.items())
                if lab == label and cell.comparison is not None
            ]
            ratios = [c.ratio.estimate for c in comps]
            if len(ratios) > 2:  # a box of one or two points says nothing
                axes.boxplot(
                    [ratios],
                    positions=[x],
                    widths=0.5,
                    showfliers=False,
                    medianprops={"color": NEUTRAL},
                    boxprops={"color": "#999999"},
                    whiskerprops={"color": "#999999"},
                    capprops={"color": "#999999"},
                )
            # Evenly spread points instead of random jitter: same input, same picture.
            spread = (
                [0.0]
                if len(ratios) == 1
                else [-0.15 + 0.3 * i / (len(ratios) - 1) for i in range(len(ratios))]
            )
            for dx, comp in zip(spread, comps):
                axes.plot(
                    x + dx,
                    comp.ratio.estimate,
                    "o",
                    markersize=6,
                    color=AFTER,
                    markerfacecolor=AFTER if comp.significant else "white",
                )
            geo = analysis.effects[label].all
            if geo is not None:
                unknown = unknown or not geo.noise_known
                axes.errorbar(
                    [x + 0.3],
                    [geo.estimate],
                    yerr=_errors([geo]) if geo.noise_known else None,
                    fmt="D",
                    color=BEFORE,
                    capsize=3,
                    markersize=6,
                )
                described.append(
                    f"{label}: geometric mean {geo.estimate:.2f} ({ci_text(geo)}), "
                    f"{plural(len(ratios), 'benchmark')}"
                )
        axes.axhline(1.0, color=NEUTRAL, linewidth=1, linestyle="--")
        axes.set_ylabel(
            f"after / before {_what(analysis)}\n(below 1: the modernized code "
            f"{'is faster' if _what(analysis) == 'time' else 'uses less'})"
        )
        _empty(axes, labels)
        axes.set_title("Effect of modernization per benchmark")
        if unknown:
            _note(axes, "no whisker: single values give no confidence interval")
        _label_axis(axes, labels)
        handles = [
            Line2D([], [], marker="o", linestyle="", color=AFTER, label="benchmark, significant"),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=AFTER,
                markerfacecolor="white",
                label="benchmark, not significant",
            ),
            Line2D([], [], marker="D", linestyle="", color=BEFORE, label="geometric mean, 95% CI"),
            Patch(facecolor="white", edgecolor="#999999", label="quartiles (3+ benchmarks)"),
        ]
        axes.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=8
        )
        svg = _svg(figure)
    alt = (
        "Dot and box plot of the after/before time ratio of every benchmark, per interpreter "
        "(filled dots are significant at p < 0.05, a diamond marks the geometric mean with its "
        "95% confidence interval; below 1 means the modernized code is faster): "
        + "; ".join(described)
    )
    return svg, alt
