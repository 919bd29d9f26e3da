"""Numbers as words: values with units, ratios with intervals, plain-sentence verdicts."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from legacylift.report.stats import Comparison, Interval

_TIME_UNITS = ((1.0, "s"), (1e-3, "ms"), (1e-6, "us"), (1e-9, "ns"))
_BYTE_UNITS = ((1024.0**3, "GiB"), (1024.0**2, "MiB"), (1024.0, "KiB"), (1.0, "B"))


def _scale(value: float, unit: str) -> tuple[float, str]:
    units = _BYTE_UNITS if unit == "byte" else _TIME_UNITS
    for factor, name in units:
        if abs(value) >= factor:
            return factor, name
    return units[-1]


def _digits(scaled: float) -> int:
    # Three significant digits, like pyperf: 12.3 ms, 1.23 ms, 123 ms.
    return 2 if abs(scaled) < 10 else 1 if abs(scaled) < 100 else 0


def format_value(value: float, unit: str) -> str:
    """``0.0123`` seconds as ``12.3 ms``; bytes as ``KiB``/``MiB``."""
    factor, name = _scale(value, unit)
    scaled = value / factor
    return f"{scaled:.{_digits(scaled)}f} {name}"


def format_mean_std(values: Sequence[float], unit: str) -> str:
    """``mean +- std dev`` in the mean's unit (only the mean for a single value)."""
    mean = statistics.fmean(values)
    factor, name = _scale(mean, unit)
    digits = _digits(mean / factor)
    if len(values) < 2:
        return f"{mean / factor:.{digits}f} {name}"
    spread = statistics.stdev(values) / factor
    return f"{mean / factor:.{digits}f} {name} +- {spread:.{digits}f} {name}"


def format_interval(interval: Interval, suffix: str = "") -> str:
    """``0.97x [0.95, 0.99]``."""
    return f"{interval.estimate:.2f}{suffix} [{interval.low:.2f}, {interval.high:.2f}]"


def ratio_cell(comparison: Comparison) -> str:
    """A matrix cell: the after/before ratio with its CI, or ``~1.01 (n.s.)``."""
    if not comparison.significant:
        return f"~{comparison.ratio.estimate:.2f} (n.s.)"
    return format_interval(comparison.ratio)


def summary_cell(interval: Interval | None) -> str:
    """A geometric mean for a table: with its CI, or ``~x (n.s.)`` unless the CI excludes 1."""
    if interval is None:
        return "-"
    if not interval.excludes(1.0):
        return f"~{interval.estimate:.2f} (n.s.)"
    return format_interval(interval)


def ci_text(interval: Interval) -> str:
    """``95% CI 0.88-0.97``, or why there is none."""
    if not interval.noise_known:
        return "no confidence interval: single values"
    return f"95% CI {interval.low:.2f}-{interval.high:.2f}"


def percent(ratio: float) -> str:
    """``0.8`` as ``20.0%``: the distance of a ratio from 1."""
    return f"{abs(1 - ratio) * 100:.1f}%"


def time_change(interval: Interval, what: str = "time") -> str:
    """A plain verdict on a ratio ``new / old`` of times (or of memory)."""
    if not interval.noise_known:
        return "cannot tell, one value per benchmark gives no noise estimate"
    if interval.contains(1.0):
        return "no significant change (the interval includes 1)"
    faster, slower = (" (faster)", " (slower)") if what == "time" else ("", "")
    if interval.high < 1:
        return f"{percent(interval.estimate)} less {what}{faster}"
    return f"{percent(interval.estimate)} more {what}{slower}"


def speed_phrase(speedup: Interval, count: str) -> str:
    """A speed ratio (reference time / this time) in words: ``3.20x as fast (95% CI ...)``."""
    detail = f"{ci_text(speedup)}; {count}"
    if speedup.noise_known and speedup.contains(1.0):
        return f"about as fast ({speedup.estimate:.2f}x, not significant; {detail})"
    if speedup.estimate >= 1:
        return f"{speedup.estimate:.2f}x as fast ({detail})"
    return f"{speedup.estimate:.2f}x as fast, i.e. {1 / speedup.estimate:.2f}x slower ({detail})"


def plural(count: int, word: str, many: str = "") -> str:
    """``1 benchmark``, ``2 benchmarks`` (``many`` for irregular plurals)."""
    return f"{count} {word if count == 1 else many or word + 's'}"
