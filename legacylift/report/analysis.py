"""Every comparison a report shows, computed once from a loaded run.

Three families of comparisons:

- **modernization**: on each interpreter, each benchmark's "after" against its "before";
- **versus the baseline**: each interpreter and variant against the baseline interpreter's
  "before" (by default the newest CPython), on the benchmarks both ran;
- **the Pyston claim**: each pyston-lite (or Pyston) interpreter against the CPython of the same
  minor version, both on the "before" code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from legacylift.report.load import VARIANTS, InterpreterInfo, ReportError, Run, Sample
from legacylift.report.stats import (
    Comparison,
    Interval,
    Summary,
    compare,
    geometric_mean_ci,
    invert,
    seed_for,
    summarize,
)

#: "Pyston is 20% faster than CPython": a speed ratio (CPython time / Pyston time) of 1.2.
CLAIMED_SPEEDUP = 1.20


@dataclass(frozen=True)
class Missing:
    """Why one variant of one benchmark has no values on one interpreter."""

    variant: str
    state: str  # status.json's state, or "" when the job never ran
    detail: str  # the full reason
    short: str  # a few words for a table cell


@dataclass(frozen=True)
class Cell:
    """One benchmark on one interpreter: before -> after."""

    label: str
    benchmark: str
    comparison: Comparison | None  # None unless both variants have values
    missing: tuple[Missing, ...]


@dataclass(frozen=True)
class Versus:
    """One interpreter and variant against the baseline, benchmark by benchmark."""

    label: str
    variant: str
    comparisons: dict[str, Comparison]  # time ratio: this / baseline
    summary: Summary


@dataclass(frozen=True)
class Claim:
    """The Pyston claim checked on one pair of interpreters."""

    jit_label: str
    cpython_label: str
    speedup: Interval | None  # CPython time / JIT time, geometric mean over benchmarks
    n_benchmarks: int
    verdict: str  # "holds", "consistent", "does not hold" or "cannot be checked"


@dataclass
class Analysis:
    """All the numbers of one report."""

    run: Run
    baseline: tuple[str, str]  # (label, variant)
    cells: dict[tuple[str, str], Cell]  # (label, benchmark)
    effects: dict[str, Summary]  # label -> geometric means of after/before
    versus: dict[tuple[str, str], Versus]  # (label, variant)
    claims: list[Claim]

    @property
    def labels(self) -> list[str]:
        """Interpreter labels in the run's order."""
        return [interp.label for interp in self.run.interpreters]


def short_reason(state: str, detail: str) -> str:
    """A few words for a table cell, from a ``status.json`` state and its full reason."""
    if state == "failed":
        if detail.startswith("timed out"):
            return "timed out"
        if match := re.match(r"killed by signal (\d+)", detail):
            return f"crashed (signal {match[1]})"
        if match := re.match(r"exit status (\d+)", detail):
            return f"failed (exit {match[1]})"
        return "failed"
    if state == "skipped":
        if match := re.search(r"targets Python (\d+\.\d+)\+", detail):
            return f"needs Python {match[1]}+"
        if "requires-python" in detail:
            return "excluded by requires-python"
        if detail.startswith("does not compile"):
            return "does not compile"
        if detail.startswith("environment"):
            return "no environment"
        return "skipped"
    if state == "ok":
        return "no result recorded"
    return "not run"


def _missing(run: Run, label: str, variant: str, bench: str) -> Missing:
    job = run.status.get(f"{label}/{variant}/{bench}")
    if job is None:
        return Missing(variant, "", "the job is not in status.json", "not run")
    detail = job.detail or ("ok, but no values in the result file" if job.state == "ok" else "")
    return Missing(variant, job.state, detail, short_reason(job.state, detail))


def _values(sample: Sample | None) -> tuple[float, ...]:
    return sample.values if sample is not None else ()


def pick_baseline(run: Run, wanted: str | None) -> tuple[str, str]:
    """``LABEL`` or ``LABEL/VARIANT``; by default the newest plain CPython's "before"."""
    has = {(key[0], key[1]) for key in run.samples}
    if wanted:
        label, _, variant = wanted.partition("/")
        variant = variant or "before"
        if variant not in VARIANTS:
            raise ReportError(f"baseline variant must be before or after, not {variant!r}")
        if (label, variant) not in has:
            known = ", ".join(sorted({key[0] for key in has}))
            raise ReportError(f"no {variant} results for baseline {label!r}; known: {known}")
        return label, variant
    cpythons = [i for i in run.interpreters if i.family == "cpython" and (i.label, "before") in has]
    if not cpythons:
        with_results = [i for i in run.interpreters if (i.label, "before") in has]
        if not with_results:
            raise ReportError(f"{run.run_id}: no interpreter has any 'before' result")
        cpythons = with_results
    # On a tie, the default (GIL) build rather than a free-threaded "t" one.
    newest = max(cpythons, key=lambda i: (i.version_key, not i.label.endswith("t"), i.label))
    return newest.label, "before"


def _versus(run: Run, label: str, variant: str, baseline: tuple[str, str]) -> Versus | None:
    pairs, comparisons = [], {}
    for bench in run.benchmarks:
        ref = run.sample(baseline[0], baseline[1], bench)
        chg = run.sample(label, variant, bench)
        if ref is None or chg is None:
            continue
        seed = seed_for("versus", baseline[0], baseline[1], label, variant, bench)
        comparisons[bench] = compare(ref.values, chg.values, seed=seed)
        pairs.append((ref.values, chg.values))
    if not pairs:
        return None
    summary = summarize(
        pairs, list(comparisons.values()), seed=seed_for("versus-geo", *baseline, label, variant)
    )
    return Versus(label, variant, comparisons, summary)


def _claim_pairs(run: Run) -> list[tuple[InterpreterInfo, InterpreterInfo]]:
    """(JIT interpreter, CPython of the same minor version) pairs for the Pyston claim."""
    cpython = {i.minor: i for i in run.interpreters if i.family == "cpython"}
    by_label = {i.label: i for i in run.interpreters}
    pairs = []
    for interp in run.interpreters:
        if interp.family not in {"pyston-lite", "pyston"}:
            continue
        base = by_label.get(interp.variant_of or "") or cpython.get(interp.minor)
        if base is not None:
            pairs.append((interp, base))
    return pairs


def claim_verdict(speedup: Interval | None, claimed: float = CLAIMED_SPEEDUP) -> str:
    """Whether a measured speed-up (with its CI) supports "``claimed``x as fast"."""
    if speedup is None or not speedup.noise_known:
        return "cannot be checked"
    if speedup.low > claimed:
        return "holds"  # faster than claimed, beyond doubt
    if speedup.contains(claimed):
        return "consistent"
    return "does not hold"


def _claim(run: Run, jit: InterpreterInfo, base: InterpreterInfo) -> Claim:
    pairs = [
        (ref.values, chg.values)
        for bench in run.benchmarks
        if (ref := run.sample(base.label, "before", bench)) is not None
        and (chg := run.sample(jit.label, "before", bench)) is not None
    ]
    if not pairs:
        return Claim(jit.label, base.label, None, 0, claim_verdict(None))
    speedup = invert(geometric_mean_ci(pairs, seed=seed_for("claim", jit.label, base.label)))
    return Claim(jit.label, base.label, speedup, len(pairs), claim_verdict(speedup))


def _cell(run: Run, label: str, bench: str) -> Cell:
    before, after = run.sample(label, "before", bench), run.sample(label, "after", bench)
    missing = tuple(
        _missing(run, label, variant, bench)
        for variant, sample in (("before", before), ("after", after))
        if sample is None
    )
    comparison = None
    if before is not None and after is not None:
        comparison = compare(before.values, after.values, seed=seed_for("mod", label, bench))
    return Cell(label, bench, comparison, missing)


def analyze(run: Run, baseline: str | None = None) -> Analysis:
    """Compute every comparison of the report of ``run``."""
    base = pick_baseline(run, baseline)
    cells = {(i.label, b): _cell(run, i.label, b) for i in run.interpreters for b in run.benchmarks}
    effects = {}
    for interp in run.interpreters:
        done = [cells[interp.label, b] for b in run.benchmarks]
        compared = [cell for cell in done if cell.comparison is not None]
        if not compared:
            continue
        pairs = [
            (
                _values(run.sample(interp.label, "before", c.benchmark)),
                _values(run.sample(interp.label, "after", c.benchmark)),
            )
            for c in compared
        ]
        comps = [c.comparison for c in compared if c.comparison is not None]
        effects[interp.label] = summarize(pairs, comps, seed=seed_for("mod-geo", interp.label))
    versus = {}
    for interp in run.interpreters:
        for variant in VARIANTS:
            found = _versus(run, interp.label, variant, base)
            if found is not None:
                versus[interp.label, variant] = found
    claims = [_claim(run, jit, cpy) for jit, cpy in _claim_pairs(run)]
    return Analysis(run, base, cells, effects, versus, claims)


# --------------------------------------------------------------------------- JSON export


def _num(value: float) -> float:
    """Six significant digits: stable across platforms' last-bit differences, still exact."""
    return float(f"{value:.6g}")


def _interval(interval: Interval | None) -> dict[str, float] | None:
    if interval is None:
        return None
    return {
        "estimate": _num(interval.estimate),
        "low": _num(interval.low),
        "high": _num(interval.high),
        "noise_known": interval.noise_known,
    }


def _comparison(comp: Comparison) -> dict[str, Any]:
    return {
        "ratio": _interval(comp.ratio),
        "p_value": _num(comp.p_value),
        "significant": comp.significant,
        "n": [comp.n_reference, comp.n_changed],
    }


def _summary(summary: Summary) -> dict[str, Any]:
    return {
        "geometric_mean": _interval(summary.all),
        "geometric_mean_significant": _interval(summary.significant),
        "n": summary.n_all,
        "n_significant": summary.n_significant,
    }


def to_json(analysis: Analysis, overview: dict[str, Any]) -> dict[str, Any]:
    """The report's numbers as plain JSON (``stats.json``; the index reads ``overview``)."""
    run = analysis.run
    modernization = {}
    for label in analysis.labels:
        cells = {
            b: _comparison(c.comparison)
            for (lab, b), c in analysis.cells.items()
            if lab == label and c.comparison is not None
        }
        if label in analysis.effects:
            modernization[label] = {**_summary(analysis.effects[label]), "benchmarks": cells}
    versus = {
        f"{label}/{variant}": {
            **_summary(v.summary),
            "benchmarks": {b: _comparison(c) for b, c in sorted(v.comparisons.items())},
        }
        for (label, variant), v in analysis.versus.items()
    }
    missing = {
        f"{label}/{m.variant}/{bench}": {"state": m.state, "detail": m.detail}
        for (label, bench), cell in analysis.cells.items()
        for m in cell.missing
    }
    claims = [
        {
            "interpreter": c.jit_label,
            "cpython": c.cpython_label,
            "claimed_speedup": CLAIMED_SPEEDUP,
            "speedup": _interval(c.speedup),
            "n": c.n_benchmarks,
            "verdict": c.verdict,
        }
        for c in analysis.claims
    ]
    return {
        "overview": overview,
        "suite_hash": run.suite_hash,
        "unit": run.unit,
        "baseline": "/".join(analysis.baseline),
        "modernization": modernization,
        "versus_baseline": versus,
        "pyston_claim": claims,
        "missing": dict(sorted(missing.items())),
    }
