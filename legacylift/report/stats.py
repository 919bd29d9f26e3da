"""The statistics of a report: pure functions of the measured values and a seed.

pyperf's own significance test is a Student t-test that assumes equal sample sizes; the
interpreters of a bench run can end up with unequal value counts (a crashed worker, a resumed
run), so every comparison here uses the Mann-Whitney U test, which needs neither equal sizes nor
normal distributions.  Confidence intervals are percentile bootstraps drawn from a generator
seeded by the caller, so the same input always gives the same numbers.

Ratios are ``mean(changed) / mean(reference)``: the same figure ``python -m pyperf compare_to``
prints (as "1.25x slower" or, for ratios below 1, "1.25x faster").
"""

from __future__ import annotations

import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import mannwhitneyu  # type: ignore[import-untyped,unused-ignore]

#: Significance level of every test in a report.
ALPHA = 0.05
#: Coverage of every confidence interval in a report.
CONFIDENCE = 0.95
#: Bootstrap resamples per interval: enough for stable 2-decimal bounds, fast for CI.
RESAMPLES = 2000

Floats = NDArray[np.float64]


@dataclass(frozen=True)
class Interval:
    """A point estimate and its confidence interval."""

    estimate: float
    low: float
    high: float
    # False when a sample had a single value: its noise is unknown, so the bounds (which
    # only reflect the other sources of variation) must not be read as a confidence interval.
    noise_known: bool = True

    def contains(self, value: float) -> bool:
        """Whether ``value`` lies inside the interval (bounds included)."""
        return self.low <= value <= self.high

    def excludes(self, value: float) -> bool:
        """Whether the interval is a real CI and ``value`` lies outside it."""
        return self.noise_known and not self.contains(value)


@dataclass(frozen=True)
class Comparison:
    """One benchmark measured twice: ``changed`` against ``reference``."""

    ratio: Interval  # mean(changed) / mean(reference), with its bootstrap CI
    p_value: float  # two-sided Mann-Whitney U
    significant: bool
    n_reference: int
    n_changed: int


@dataclass(frozen=True)
class Summary:
    """Geometric means of per-benchmark ratios: over all of them and over the significant ones."""

    all: Interval | None  # None when there is no benchmark to summarize
    significant: Interval | None  # None when no benchmark differs significantly
    n_all: int
    n_significant: int


def seed_for(*parts: str) -> int:
    """A stable seed derived from names, so a result does not depend on evaluation order."""
    return zlib.crc32("/".join(parts).encode("utf-8"))


def geometric_mean(values: Sequence[float]) -> float:
    """The geometric mean of positive numbers (``[2, 0.5]`` gives 1.0)."""
    if not values:
        raise ValueError("geometric mean of no values")
    if any(value <= 0 for value in values):
        raise ValueError("geometric mean needs positive values")
    return math.exp(math.fsum(math.log(value) for value in values) / len(values))


def mann_whitney_p(reference: Sequence[float], changed: Sequence[float]) -> float:
    """Two-sided Mann-Whitney U p-value; samples may differ in size (1.0 if either is empty)."""
    if not reference or not changed:
        return 1.0
    if len(set(reference) | set(changed)) == 1:
        return 1.0  # all values tied: no evidence of any difference
    result = mannwhitneyu(changed, reference, alternative="two-sided", method="auto")
    p_value = float(result.pvalue)
    return 1.0 if math.isnan(p_value) else p_value


def _percentiles(samples: Floats) -> tuple[float, float]:
    tail = 100 * (1 - CONFIDENCE) / 2
    low, high = np.percentile(samples, [tail, 100 - tail])
    return float(low), float(high)


def _resampled_means(values: Floats, rng: np.random.Generator, resamples: int) -> Floats:
    """Means of ``resamples`` bootstrap resamples (with replacement) of ``values``."""
    picks = rng.integers(0, values.size, size=(resamples, values.size))
    means: Floats = values[picks].mean(axis=1)
    return means


def _log_ratio_draws(
    reference: Floats, changed: Floats, rng: np.random.Generator, resamples: int
) -> Floats:
    """Bootstrap draws of ``log(mean(changed) / mean(reference))``."""
    draws: Floats = np.log(_resampled_means(changed, rng, resamples)) - np.log(
        _resampled_means(reference, rng, resamples)
    )
    return draws


def _as_array(values: Sequence[float], what: str) -> Floats:
    array = np.asarray(values, dtype=np.float64)
    if array.size == 0:
        raise ValueError(f"{what}: no values")
    if not np.all(array > 0):
        raise ValueError(f"{what}: values must be positive")
    return array


def compare(
    reference: Sequence[float],
    changed: Sequence[float],
    *,
    seed: int,
    resamples: int = RESAMPLES,
    alpha: float = ALPHA,
) -> Comparison:
    """Ratio of means (changed / reference) with a bootstrap CI, and a Mann-Whitney U test."""
    ref, chg = _as_array(reference, "reference"), _as_array(changed, "changed")
    rng = np.random.default_rng(seed)
    draws = np.exp(_log_ratio_draws(ref, chg, rng, resamples))
    low, high = _percentiles(draws)
    estimate = float(chg.mean() / ref.mean())
    p_value = mann_whitney_p(list(reference), list(changed))
    return Comparison(
        ratio=Interval(estimate, low, high, noise_known=min(ref.size, chg.size) > 1),
        p_value=p_value,
        significant=p_value < alpha,
        n_reference=int(ref.size),
        n_changed=int(chg.size),
    )


def geometric_mean_ci(
    pairs: Sequence[tuple[Sequence[float], Sequence[float]]],
    *,
    seed: int,
    resamples: int = RESAMPLES,
) -> Interval:
    """Geometric mean of per-benchmark ratios ``mean(changed) / mean(reference)``, with a CI.

    ``pairs`` holds one ``(reference values, changed values)`` per benchmark.  The bootstrap is
    two-level: each resample draws benchmarks with replacement and, within each drawn benchmark,
    its values with replacement, so the interval reflects both which benchmarks are in the
    suite and how noisy each one is.
    """
    if not pairs:
        raise ValueError("geometric mean of no benchmarks")
    rng = np.random.default_rng(seed)
    arrays = [(_as_array(ref, "reference"), _as_array(chg, "changed")) for ref, chg in pairs]
    # One row of value-level draws per benchmark, then benchmarks are drawn per column.
    draws = np.stack([_log_ratio_draws(ref, chg, rng, resamples) for ref, chg in arrays])
    picks = rng.integers(0, len(arrays), size=(resamples, len(arrays)))
    geo = np.exp(draws[picks, np.arange(resamples)[:, None]].mean(axis=1))
    low, high = _percentiles(geo)
    estimate = geometric_mean([float(chg.mean() / ref.mean()) for ref, chg in arrays])
    noise_known = all(min(ref.size, chg.size) > 1 for ref, chg in arrays)
    return Interval(estimate, low, high, noise_known)


def summarize(
    pairs: Sequence[tuple[Sequence[float], Sequence[float]]],
    comparisons: Sequence[Comparison],
    *,
    seed: int,
    resamples: int = RESAMPLES,
) -> Summary:
    """Geometric means with CIs over all benchmarks and over the significant ones only."""
    if len(pairs) != len(comparisons):
        raise ValueError("one comparison per pair of samples is needed")
    chosen = [pair for pair, comp in zip(pairs, comparisons) if comp.significant]
    return Summary(
        all=geometric_mean_ci(pairs, seed=seed, resamples=resamples) if pairs else None,
        significant=geometric_mean_ci(chosen, seed=seed + 1, resamples=resamples)
        if chosen
        else None,
        n_all=len(pairs),
        n_significant=len(chosen),
    )


def invert(interval: Interval) -> Interval:
    """``1 / interval``: turns a time ratio into a speed-up (the bounds swap)."""
    return Interval(
        1 / interval.estimate, 1 / interval.high, 1 / interval.low, interval.noise_known
    )
