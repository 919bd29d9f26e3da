"""From a bench run folder to a published report: README.md, charts, stats, raw data."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from legacylift.report import charts
from legacylift.report.analysis import CLAIMED_SPEEDUP, Analysis, Cell, Claim, analyze
from legacylift.report.analysis import to_json as stats_json
from legacylift.report.document import (
    Block,
    Bullets,
    Caution,
    Heading,
    Image,
    Paragraph,
    Table,
    escape,
    to_html,
    to_markdown,
)
from legacylift.report.load import (
    OPTIONS_FILE,
    RAW,
    RUN_FILE,
    STATUS_FILE,
    InterpreterInfo,
    Run,
    load_run,
    result_files,
)
from legacylift.report.stats import ALPHA, RESAMPLES, invert
from legacylift.report.text import (
    ci_text,
    format_mean_std,
    format_value,
    plural,
    ratio_cell,
    speed_phrase,
    summary_cell,
    time_change,
)

README, STATS, HTML = "README.md", "stats.json", "report.html"
SPEEDUP_SVG, RATIOS_SVG = "speedup.svg", "ratios.svg"
#: Mann-Whitney U cannot reach p < 0.05 with fewer values than this on a side (3 vs 3: 0.1).
MIN_TESTABLE = 4


# --------------------------------------------------------------------------- headline


def _what(run: Run) -> str:
    return "memory" if run.unit == "byte" else "time"


_PRETTY = {"cpython": "CPython", "pypy": "PyPy", "pyston": "Pyston"}


def _interp_name(interp: InterpreterInfo) -> str:
    jit = f", {interp.jit} JIT" if interp.jit else ""
    name = _PRETTY.get(interp.implementation, interp.implementation)
    return f"**{escape(interp.label)}** ({escape(name)} {escape(interp.full_version)}{jit})"


def _missing_reasons(analysis: Analysis, label: str) -> str:
    shorts = sorted(
        {
            f"{m.variant}: {m.short}"
            for (lab, _), cell in analysis.cells.items()
            if lab == label
            for m in cell.missing
        }
    )
    return "; ".join(shorts) or "no results"


def _modernization(analysis: Analysis) -> list[str]:
    what = _what(analysis.run)
    items = []
    for interp in analysis.run.interpreters:
        summary = analysis.effects.get(interp.label)
        if summary is None or summary.all is None:
            items.append(
                f"{_interp_name(interp)}: no benchmark has both a before and an after "
                f"result ({escape(_missing_reasons(analysis, interp.label))})."
            )
            continue
        geo = summary.all
        text = (
            f"{_interp_name(interp)}: the modernized code takes {geo.estimate:.2f}x the {what} "
            f"of the original (geometric mean over {plural(summary.n_all, 'benchmark')}"
        )
        if geo.noise_known:
            text += f", {ci_text(geo)}): {time_change(geo, what)}."
        else:
            text += "), but single values give no noise estimate: no conclusion."
        if summary.significant is None:
            text += f" No benchmark changed significantly on its own (Mann-Whitney, p < {ALPHA})."
        else:
            sig = summary.significant
            text += (
                f" {summary.n_significant} of {summary.n_all} benchmarks changed significantly "
                "on their own; "
                f"their geometric mean is {sig.estimate:.2f}x ({ci_text(sig)})."
            )
        items.append(text)
    return items


def _versus_baseline(analysis: Analysis) -> list[str]:
    label, variant = analysis.baseline
    items = []
    for interp in analysis.run.interpreters:
        parts = []
        for var, code in (("before", "original"), ("after", "modernized")):
            found = analysis.versus.get((interp.label, var))
            if (
                found is None
                or found.summary.all is None
                or (interp.label, var) == (label, variant)
            ):
                continue
            speed = invert(found.summary.all)
            count = plural(found.summary.n_all, "benchmark")
            parts.append(f"the {code} code {speed_phrase(speed, count)}")
        if parts:
            items.append(f"{_interp_name(interp)} runs {' and '.join(parts)}.")
    return items


def _claim_sentence(claim: Claim) -> str:
    jit, cpy = escape(claim.jit_label), escape(claim.cpython_label)
    if claim.speedup is None:
        return f"**{jit}** vs **{cpy}**: cannot be checked, no benchmark ran on both."
    speed = claim.speedup
    measured = (
        f"**{jit}** runs the original code {speed.estimate:.2f}x as fast as **{cpy}** "
        f"({ci_text(speed)}; {plural(claim.n_benchmarks, 'benchmark')})"
    )
    if not speed.noise_known:
        verdict = "the claim **cannot be checked** without repeated values"
    elif claim.verdict == "holds":
        verdict = f"the claim **holds**: even the lower bound exceeds {CLAIMED_SPEEDUP:.2f}x"
    elif claim.verdict == "consistent":
        verdict = (
            f"the claim **is consistent** with this suite: {CLAIMED_SPEEDUP:.2f}x lies "
            "inside the interval"
        )
    elif speed.contains(1.0):
        verdict = "the claim **does not hold** on this suite: no significant speed-up at all"
    elif speed.high < 1:
        verdict = "the claim **does not hold** on this suite: it is slower"
    else:
        verdict = (
            f"the claim **does not hold** on this suite: faster, but by less than "
            f"{CLAIMED_SPEEDUP:.2f}x"
        )
    return f"{measured}; {verdict}."


def _claims(analysis: Analysis) -> list[Block]:
    intro = Paragraph(
        f'"Pyston is 20% faster than CPython" is read as a speed ratio (CPython time / Pyston '
        f"time) of {CLAIMED_SPEEDUP:.2f}, checked on the original (before) code against the "
        "CPython of the same version: geometric mean over the benchmarks both ran, with a 95% "
        "bootstrap CI. It holds when the whole interval lies above 1.20, is consistent with the "
        "measurement when 1.20 lies inside it, and does not hold when the interval lies below."
    )
    if not analysis.claims:
        return [
            intro,
            Paragraph(
                "It cannot be checked on this run: it has no pyston-lite (or Pyston) interpreter "
                "next to a CPython of the same version. pyston-lite variants are benchmarked for "
                "CPython 3.7-3.10 when the machine has them."
            ),
        ]
    return [intro, Bullets(tuple(_claim_sentence(claim) for claim in analysis.claims))]


def _cautions(analysis: Analysis, env_warnings: Sequence[str]) -> list[Block]:
    run = analysis.run
    items = []
    if run.plan.get("preset") == "smoke":
        items.append(
            "this run used the **smoke** preset (one value per benchmark): it checks "
            "the pipeline and measures nothing; no difference can be significant."
        )
    small = sum(
        1
        for cell in analysis.cells.values()
        if cell.comparison is not None
        and min(cell.comparison.n_reference, cell.comparison.n_changed) < MIN_TESTABLE
    )
    if small:
        items.append(
            f"{plural(small, 'before/after pair')} {'has' if small == 1 else 'have'} fewer "
            f"than {MIN_TESTABLE} "
            "values on a side: the Mann-Whitney test cannot call them significant at "
            "p < 0.05 whatever the difference."
        )
    if env_warnings:
        items.append(
            "the machine was not tuned for benchmarking (see Environment): "
            + "; ".join(env_warnings)
            + "."
        )
    return [Caution(tuple(items))] if items else []


# --------------------------------------------------------------------------- matrix


@dataclass
class _Footnotes:
    numbers: dict[tuple[str, str], int] = field(default_factory=dict)
    where: dict[int, list[str]] = field(default_factory=dict)

    def ref(self, state: str, detail: str, where: str) -> int:
        number = self.numbers.setdefault((state, detail), len(self.numbers) + 1)
        self.where.setdefault(number, []).append(where)
        return number

    def items(self) -> list[str]:
        lines = []
        for (state, detail), number in self.numbers.items():
            jobs = _group_jobs(self.where[number])
            lines.append(f"[{number}] {escape(state or 'not run')}: {escape(detail)} ({jobs})")
        return lines


def _group_jobs(keys: Sequence[str]) -> str:
    groups: dict[str, list[str]] = {}
    for key in keys:
        label, variant, bench = key.split("/")
        groups.setdefault(f"{label} {variant}", []).append(bench)
    return "; ".join(f"{escape(g)}: {escape(', '.join(b))}" for g, b in groups.items())


def _missing_cell(cell: Cell, notes: _Footnotes) -> str:
    # The same reason on another interpreter shares its footnote: the label is generalized.
    refs = [
        (
            m,
            notes.ref(
                m.state,
                m.detail.replace(cell.label, "this interpreter"),
                f"{cell.label}/{m.variant}/{cell.benchmark}",
            ),
        )
        for m in cell.missing
    ]
    if len(refs) == 2 and refs[0][1] == refs[1][1]:
        return f"{escape(refs[0][0].short)} [{refs[0][1]}]"
    return "; ".join(f"{m.variant}: {escape(m.short)} [{n}]" for m, n in refs)


def _matrix(analysis: Analysis) -> list[Block]:
    labels, notes = analysis.labels, _Footnotes()
    rows = []
    for bench in analysis.run.benchmarks:
        row = [escape(bench)]
        for label in labels:
            cell = analysis.cells[label, bench]
            row.append(
                ratio_cell(cell.comparison)
                if cell.comparison is not None
                else _missing_cell(cell, notes)
            )
        rows.append(tuple(row))
    geo = ["**geometric mean**"]
    geo += [summary_cell(s.all) if (s := analysis.effects.get(label)) else "-" for label in labels]
    rows.append(tuple(geo))
    what = _what(analysis.run)
    blocks: list[Block] = [
        Paragraph(
            f"Each cell is the after/before {what} ratio of one benchmark (below 1: the "
            "modernized code is faster) with its 95% bootstrap CI in brackets. `~x (n.s.)` marks a "
            f"difference that is not significant (two-sided Mann-Whitney U, p >= {ALPHA}): read "
            "it as no change. A cell without numbers says why a variant has no result; the full "
            "reasons follow the table."
        ),
        Table(
            ("benchmark", *(escape(label) for label in labels)),
            tuple(rows),
            ("left",) + ("right",) * len(labels),
        ),
    ]
    if notes.numbers:
        blocks += [Paragraph("Why cells are missing:"), Bullets(tuple(notes.items()))]
    return blocks


# --------------------------------------------------------------------------- per interpreter


def _interpreter_table(analysis: Analysis, interp: InterpreterInfo) -> Table | None:
    run, unit = analysis.run, analysis.run.unit
    rss = any(s.max_rss is not None for k, s in run.samples.items() if k[0] == interp.label)
    rows = []
    for bench in run.benchmarks:
        cell = analysis.cells[interp.label, bench]
        row = [escape(bench)]
        samples = [run.sample(interp.label, v, bench) for v in ("before", "after")]
        if all(s is None for s in samples):
            continue
        reasons = {m.variant: m.short for m in cell.missing}
        for variant, sample in zip(("before", "after"), samples):
            row.append(
                format_mean_std(sample.values, unit)
                if sample is not None
                else f"- ({escape(reasons.get(variant, 'no result'))})"
            )
        comp = cell.comparison
        row.append(ratio_cell(comp) if comp else "-")
        row.append(f"{comp.p_value:.3g}" if comp else "-")
        row.append(" / ".join(str(len(s.values)) if s else "0" for s in samples))
        if rss:
            row.append(
                " -> ".join(
                    format_value(s.max_rss, "byte") if s and s.max_rss else "-" for s in samples
                )
            )
        rows.append(tuple(row))
    if not rows:
        return None
    quantity = "peak memory" if unit == "byte" else "mean +- std dev"
    headers = [
        "benchmark",
        f"before ({quantity})",
        f"after ({quantity})",
        "after/before [95% CI]",
        "p (Mann-Whitney)",
        "values (before / after)",
    ]
    if rss:
        headers.append("max RSS (before -> after)")
    align = ("left",) + ("right",) * (len(headers) - 1)
    return Table(tuple(headers), tuple(rows), align)


def _per_interpreter(analysis: Analysis) -> list[Block]:
    blocks: list[Block] = []
    for interp in analysis.run.interpreters:
        table = _interpreter_table(analysis, interp)
        blocks.append(Heading(3, f"{escape(interp.label)}"))
        if table is None:
            reasons = escape(_missing_reasons(analysis, interp.label))
            blocks.append(Paragraph(f"No results ({reasons})."))
        else:
            blocks.append(table)
    return blocks


# --------------------------------------------------------------------------- environment


def _distinct(run: Run, key: str) -> str:
    """One metadata value, or each distinct value with the interpreters that reported it."""
    seen: dict[str, list[str]] = {}
    for name, meta in sorted(run.metadata.items()):
        if key in meta:
            label = str(meta.get("legacylift_label", name))
            who = seen.setdefault(str(meta[key]), [])
            if label not in who:
                who.append(label)
    if not seen:
        return "not reported"
    if len(seen) == 1:
        return escape(next(iter(seen)))
    return "; ".join(f"{escape(v)} ({escape(', '.join(w))})" for v, w in sorted(seen.items()))


def tuning_warnings(run: Run) -> list[str]:
    """What pyperf's metadata says is not tuned for stable benchmarks (``pyperf system tune``)."""
    configs = {str(m["cpu_config"]) for m in run.metadata.values() if "cpu_config" in m}
    aslr = {str(m["aslr"]) for m in run.metadata.values() if "aslr" in m}
    warnings = []
    if not any("isolated" in config for config in configs):
        warnings.append("no isolated CPUs (isolcpus), so other processes share the benchmark's")
    governors = {g for c in configs for g in re.findall(r"governor:(\w+)", c)}
    if not governors:
        warnings.append("no CPU frequency governor reported (a VM?), so the clock may vary")
    elif governors - {"performance"}:
        warnings.append(f"CPU governor {', '.join(sorted(governors))}, not performance")
    if any("intel_pstate:turbo" in config for config in configs):
        warnings.append("Turbo Boost on")
    if aslr - {"Full randomization"}:
        warnings.append(f"ASLR: {', '.join(sorted(aslr))} (pyperf expects full randomization)")
    return warnings


def _job_counts(run: Run, label: str) -> str:
    states = [job.state for key, job in run.status.items() if key.split("/")[0] == label]
    return " / ".join(str(states.count(state)) for state in ("ok", "failed", "skipped"))


def _environment(analysis: Analysis, env_warnings: Sequence[str]) -> list[Block]:
    run = analysis.run
    machine = [
        ("CPU", _distinct(run, "cpu_model_name")),
        ("logical CPUs", _distinct(run, "cpu_count")),
        ("CPU config (pyperf)", _distinct(run, "cpu_config")),
        ("CPU frequency", _distinct(run, "cpu_freq")),
        ("ASLR", _distinct(run, "aslr")),
        ("platform", _distinct(run, "platform")),
    ]
    blocks: list[Block] = [Table(("machine", "as pyperf reports it"), tuple(machine))]
    if env_warnings:
        blocks.append(
            Caution(
                (
                    "not tuned: "
                    + "; ".join(env_warnings)
                    + ". `pyperf system tune` (as root) fixes what it can.",
                )
            )
        )
    meta_by_label: dict[str, dict[str, Any]] = {}
    for meta in run.metadata.values():
        meta_by_label.setdefault(str(meta.get("legacylift_label", "")), meta)
    rows = []
    for interp in run.interpreters:
        meta = meta_by_label.get(interp.label, {})
        rows.append(
            (
                escape(interp.label),
                interp.implementation,
                interp.full_version,
                escape(interp.jit or "-"),
                escape(interp.variant_of or "-"),
                escape(str(meta.get("python_version", "-"))),
                escape(str(meta.get("perf_version", "-"))),
                _job_counts(run, interp.label),
            )
        )
    blocks.append(
        Table(
            (
                "interpreter",
                "implementation",
                "version",
                "JIT",
                "variant of",
                "python_version",
                "pyperf",
                "jobs ok / failed / skipped",
            ),
            tuple(rows),
        )
    )
    blocks.append(Bullets(tuple(_settings(run))))
    return blocks


def _settings(run: Run) -> list[str]:
    plan = run.plan
    items = [
        f"legacylift {_distinct(run, 'legacylift_version')}; suite hash `{run.suite_hash}` "
        "(every result file carries it)",
        f"preset **{escape(str(plan.get('preset', '?')))}**",
    ]
    pyperf_settings = plan.get("pyperf")
    if isinstance(pyperf_settings, list) and len(pyperf_settings) == 4:
        processes, values, warmups, min_time = pyperf_settings
        items.append(
            f"pyperf settings, identical on every interpreter: "
            f"{plural(processes, 'process', 'processes')} x {plural(values, 'value')}, "
            f"{plural(warmups, 'warmup')}, min time {min_time} s"
        )
    target = plan.get("target")
    if target:
        items.append(
            f"modernize target Python {'.'.join(str(t) for t in target)}: "
            f"{plan.get('modernize_rewrites', '?')} rewrites"
        )
    for path, reason in sorted(dict(plan.get("unconverted") or {}).items()):
        short = path.split("/suite/", 1)[-1] if "/suite/" in path else path
        items.append(f"left unconverted: `{short}`: {escape(reason)}")
    items.append(
        f"statistics: Mann-Whitney U (two-sided, alpha {ALPHA}) per benchmark; percentile "
        f"bootstrap CIs ({RESAMPLES} resamples, fixed seeds; for geometric means, benchmarks "
        "and values are both resampled)"
    )
    return items


# --------------------------------------------------------------------------- assembly


def run_date(run: Run) -> str:
    """When the run started: from its id (``20261121-122910-...``) or its result file names."""
    match = re.match(r"(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})", run.run_id)
    if match:
        y, mo, d, h, mi, s = match.groups()
        return f"{y}-{mo}-{d} {h}:{mi}:{s} UTC"
    dates = sorted(
        m[1] for p in run.files if (m := re.search(r"-(\d{8})-[0-9a-f]+\.json$", p.name))
    )
    return f"{dates[0][:4]}-{dates[0][4:6]}-{dates[0][6:]}" if dates else "unknown date"


def overview(analysis: Analysis) -> dict[str, Any]:
    """What the index of reports shows about this one."""
    run = analysis.run
    return {
        "run_id": run.run_id,
        "date": run_date(run),
        "cpu": f"{_distinct(run, 'cpu_model_name')}, {_distinct(run, 'cpu_count')} CPUs",
        "interpreters": analysis.labels,
        "preset": run.plan.get("preset"),
        "suite_hash": run.suite_hash,
        "modernization": {label: summary_cell(s.all) for label, s in analysis.effects.items()},
        "pyston_claim": {c.jit_label: c.verdict for c in analysis.claims},
    }


@dataclass(frozen=True)
class Rendered:
    """A report's files as bytes, before anything is written."""

    files: dict[str, bytes]
    run_id: str


def recorded_baseline(run_dir: Path) -> str | None:
    """The baseline a published report was built with (kept in ``raw/report.json``)."""
    path = run_dir / OPTIONS_FILE
    if not path.exists():
        return None
    value = json.loads(path.read_text(encoding="utf-8")).get("baseline")
    return None if value is None else str(value)


def render(run_dir: Path, *, baseline: str | None = None, html: bool = False) -> Rendered:
    """Every generated file of the report of ``run_dir`` (raw data excluded), in memory.

    Without ``baseline``, a report's recorded one is used, so regenerating keeps it.
    """
    if baseline is None:
        baseline = recorded_baseline(run_dir)
    run = load_run(run_dir)
    analysis = analyze(run, baseline)
    speed_svg, speed_alt = charts.speedup_chart(analysis)
    ratio_svg, ratio_alt = charts.ratio_chart(analysis)
    env_warnings = tuning_warnings(run)
    base = " ".join(analysis.baseline)
    title = f"Benchmark report {run.run_id}"
    blocks: list[Block] = [
        Heading(1, escape(title)),
        Paragraph(
            f"Suite `{run.suite_hash}` run on {run_date(run)} with preset "
            f"**{escape(str(run.plan.get('preset', '?')))}** on "
            f"{plural(len(run.interpreters), 'interpreter')} and "
            f"{plural(len(run.benchmarks), 'benchmark')}; machine: "
            f"{_distinct(run, 'cpu_model_name')} ({_distinct(run, 'cpu_count')} logical CPUs). "
            f"Generated by `legacylift report` from the files in [raw/]({RAW}/); "
            f"`legacylift report reports/{escape(run.run_id)}/raw` regenerates this page."
        ),
        *_cautions(analysis, env_warnings),
        Heading(2, "Headline"),
        Heading(3, "What modernization does, per interpreter"),
        Bullets(tuple(_modernization(analysis))),
        Heading(3, f"Each interpreter against the baseline ({escape(base)})"),
        Paragraph(
            f"Speed relative to {escape(base)} on the benchmarks both ran (geometric mean, "
            "95% CI; above 1 is faster)."
        ),
        Bullets(tuple(_versus_baseline(analysis)) or ("no other interpreter to compare",)),
        Heading(3, 'Claim check: "Pyston is 20% faster than CPython"'),
        *_claims(analysis),
        Heading(2, "Charts"),
        Image(SPEEDUP_SVG, speed_alt, speed_svg),
        Image(RATIOS_SVG, ratio_alt, ratio_svg),
        Heading(2, "Before -> after, benchmark by interpreter"),
        *_matrix(analysis),
        Heading(2, "Per-interpreter results"),
        *_per_interpreter(analysis),
        Heading(2, "Environment"),
        *_environment(analysis, env_warnings),
    ]
    stats = json.dumps(stats_json(analysis, overview(analysis)), indent=1, sort_keys=True)
    files = {
        README: to_markdown(blocks).encode("utf-8"),
        STATS: (stats + "\n").encode("utf-8"),
        SPEEDUP_SVG: speed_svg.encode("utf-8"),
        RATIOS_SVG: ratio_svg.encode("utf-8"),
    }
    if html:
        files[HTML] = to_html(blocks, title).encode("utf-8")
    return Rendered(files, run.run_id)


def _copy_raw(run: Path, raw: Path, baseline: str | None, run_id: str) -> None:
    """Copy what the report is made from, so ``raw/`` alone regenerates it."""
    raw.mkdir(parents=True, exist_ok=True)
    if run.resolve() != raw.resolve():
        for stale in raw.glob("*.json"):  # a rebuilt report must not keep an older run's files
            stale.unlink()
        for path in [run / RUN_FILE, run / STATUS_FILE, *result_files(run)]:
            if path.exists():
                shutil.copyfile(path, raw / path.name)
    options = json.dumps({"baseline": baseline, "run_id": run_id}, indent=1, sort_keys=True)
    options += "\n"
    (raw / OPTIONS_FILE).write_text(options, encoding="utf-8")


def build_report(run: Path, out: Path, *, baseline: str | None = None, html: bool = False) -> Path:
    """Write the report of the bench run folder ``run`` into ``out``; return ``out/README.md``.

    ``out`` receives README.md, the SVG charts, stats.json, report.html (with ``html``) and
    ``raw/`` (the pyperf files, run.json and status.json), from which the report regenerates
    byte for byte.  ``baseline`` is an interpreter label (optionally ``LABEL/after``); by default
    the newest CPython's "before" results.
    """
    if baseline is None:
        baseline = recorded_baseline(run)
    rendered = render(run, baseline=baseline, html=html)
    out.mkdir(parents=True, exist_ok=True)
    _copy_raw(run, out / RAW, baseline, rendered.run_id)
    for name, data in rendered.files.items():
        (out / name).write_bytes(data)
    return out / README
