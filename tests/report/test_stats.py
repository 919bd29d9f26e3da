"""The report's statistics on inputs with known answers."""

from __future__ import annotations

import math

import numpy as np
import pytest

from legacylift.report.stats import (
    Comparison,
    Interval,
    compare,
    geometric_mean,
    geometric_mean_ci,
    invert,
    mann_whitney_p,
    seed_for,
    summarize,
)

RNG = np.random.default_rng(20260102)
NOISY = [float(v) for v in RNG.normal(1.0, 0.01, 20)]
FASTER = [float(v) for v in RNG.normal(0.8, 0.01, 13)]  # unequal size on purpose


def test_geometric_mean_known_answers() -> None:
    assert geometric_mean([2.0, 0.5]) == pytest.approx(1.0)
    assert geometric_mean([4.0]) == 4.0
    assert geometric_mean([1.0, 4.0, 16.0]) == pytest.approx(4.0)


@pytest.mark.parametrize("bad", [[], [1.0, 0.0], [-1.0]])
def test_geometric_mean_rejects_empty_and_non_positive(bad: list[float]) -> None:
    with pytest.raises(ValueError, match="geometric mean"):
        geometric_mean(bad)


def test_identical_samples_are_not_significant_and_ratio_one() -> None:
    result = compare(NOISY, NOISY, seed=1)
    assert result.ratio.estimate == 1.0
    assert not result.significant
    assert result.p_value > 0.9
    assert result.ratio.contains(1.0)


def test_clearly_separated_samples_are_significant() -> None:
    result = compare(NOISY, FASTER, seed=1)
    assert result.significant
    assert result.p_value < 1e-5  # complete separation: 2 / C(33, 13)
    assert result.ratio.estimate == pytest.approx(
        sum(FASTER) / len(FASTER) / (sum(NOISY) / len(NOISY))
    )
    assert result.ratio.high < 1.0 and result.ratio.excludes(1.0)
    assert (result.n_reference, result.n_changed) == (20, 13)


def test_unequal_sizes_are_accepted() -> None:
    # pyperf's t-test errors out on these; Mann-Whitney does not.
    p_value = mann_whitney_p([1.0, 1.1, 1.2], [2.0, 2.1, 2.2, 2.3, 2.4, 2.5, 2.6])
    assert 0 < p_value < 0.05


def test_all_ties_and_empty_samples_give_p_one() -> None:
    assert mann_whitney_p([1.0, 1.0], [1.0, 1.0, 1.0]) == 1.0
    assert mann_whitney_p([], [1.0]) == 1.0


def test_three_values_a_side_can_never_be_significant() -> None:
    # The smallest exact two-sided p for 3 vs 3 is 0.1: why the report warns below 4 values.
    assert mann_whitney_p([1.0, 1.1, 1.2], [5.0, 5.1, 5.2]) == pytest.approx(0.1)


def test_single_values_have_no_noise_estimate() -> None:
    result = compare([1.0], [0.5], seed=3)
    assert result.ratio.estimate == 0.5
    assert not result.significant
    assert not result.ratio.noise_known
    assert not result.ratio.excludes(1.0)  # a degenerate interval is no evidence


def test_same_seed_same_interval_other_seed_differs() -> None:
    first = compare(NOISY, FASTER, seed=7)
    assert compare(NOISY, FASTER, seed=7) == first
    assert compare(NOISY, FASTER, seed=8).ratio != first.ratio


def test_seed_for_is_stable() -> None:
    assert seed_for("mod", "cpython-3.11", "nbody") == seed_for("mod", "cpython-3.11", "nbody")
    assert seed_for("a", "b") != seed_for("b", "a")


@pytest.mark.parametrize("bad", [[], [0.0, 1.0]])
def test_compare_rejects_empty_and_non_positive(bad: list[float]) -> None:
    with pytest.raises(ValueError, match="reference"):
        compare(bad, [1.0], seed=1)


def test_geometric_mean_ci_of_opposite_effects_holds_one() -> None:
    doubled = [2 * v for v in NOISY]
    halved = [v / 2 for v in NOISY]
    interval = geometric_mean_ci([(NOISY, doubled), (NOISY, halved)], seed=5)
    assert interval.estimate == pytest.approx(1.0, rel=1e-9)
    assert interval.low < 1.0 < interval.high  # resampling benchmarks sees both extremes
    assert interval.noise_known


def test_geometric_mean_ci_of_a_consistent_effect_excludes_one() -> None:
    pairs = [(NOISY, FASTER), (NOISY, [v * 0.9 for v in NOISY])]
    interval = geometric_mean_ci(pairs, seed=5)
    assert interval.estimate == pytest.approx(math.sqrt(0.9 * (np.mean(FASTER) / np.mean(NOISY))))
    assert interval.high < 1.0


def test_geometric_mean_ci_needs_benchmarks() -> None:
    with pytest.raises(ValueError, match="no benchmarks"):
        geometric_mean_ci([], seed=1)


def test_summarize_over_all_and_over_significant() -> None:
    pairs = [(NOISY, FASTER), (NOISY, NOISY)]
    comps = [compare(ref, chg, seed=i) for i, (ref, chg) in enumerate(pairs)]
    summary = summarize(pairs, comps, seed=9)
    assert (summary.n_all, summary.n_significant) == (2, 1)
    assert summary.all is not None and summary.significant is not None
    assert summary.significant.estimate == pytest.approx(comps[0].ratio.estimate)
    assert summary.all.estimate == pytest.approx(math.sqrt(comps[0].ratio.estimate))


def test_summarize_without_significant_results() -> None:
    comps = [compare(NOISY, NOISY, seed=1)]
    summary = summarize([(NOISY, NOISY)], comps, seed=1)
    assert summary.significant is None and summary.n_significant == 0
    with pytest.raises(ValueError, match="one comparison per pair"):
        summarize([(NOISY, NOISY)], [], seed=1)


def test_invert_swaps_bounds() -> None:
    assert invert(Interval(0.5, 0.25, 1.0)) == Interval(2.0, 1.0, 4.0)
    assert not invert(Interval(0.5, 0.5, 0.5, noise_known=False)).noise_known


def test_comparison_is_plain_data() -> None:
    result = compare([1.0, 1.1], [1.0, 1.1], seed=2)
    assert isinstance(result, Comparison)
    assert result.ratio.estimate == 1.0
