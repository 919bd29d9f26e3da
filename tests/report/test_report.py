"""``build_report`` on a fixed run: golden files, determinism, regeneration, refusals."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from legacylift.report import ReportError, build_report
from legacylift.report.analysis import claim_verdict, short_reason
from legacylift.report.build import RATIOS_SVG, README, SPEEDUP_SVG, STATS, tuning_warnings
from legacylift.report.load import load_run
from legacylift.report.stats import Interval

from .conftest import GOLDEN

BEFORE = "cpython-3.9.18-before-20260102-abc123def456.json"
AFTER = "cpython-3.9.18-after-20260102-abc123def456.json"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture run's report with HTML, built once for the module's read-only checks."""
    from .conftest import FIXTURE_RUN

    run = tmp_path_factory.mktemp("runs") / FIXTURE_RUN.name
    shutil.copytree(FIXTURE_RUN, run)
    out = tmp_path_factory.mktemp("reports") / FIXTURE_RUN.name
    build_report(run, out, html=True)
    return out


def test_golden_readme_and_stats(built: Path, update_golden: bool) -> None:
    for name in (README, STATS):
        produced = (built / name).read_bytes()
        if update_golden:
            GOLDEN.mkdir(exist_ok=True)
            (GOLDEN / name).write_bytes(produced)
        assert produced == (GOLDEN / name).read_bytes(), (
            f"{name} differs from tests/report/golden/{name}; if the change is intended, "
            "rerun with `pytest tests/report --update-golden` and review the diff"
        )


def test_output_is_byte_identical_on_rebuild(built: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build_report(built / "raw", again, html=True)
    for path in sorted(built.rglob("*")):
        if path.is_file():
            rel = path.relative_to(built)
            assert (again / rel).read_bytes() == path.read_bytes(), rel


def test_raw_holds_everything_needed(built: Path) -> None:
    names = sorted(p.name for p in (built / "raw").iterdir())
    assert names == [
        "cpython-2.7.18-before-20260102-abc123def456.json",
        AFTER,
        BEFORE,
        "pyston-lite-3.9.18-after-20260102-abc123def456.json",
        "pyston-lite-3.9.18-before-20260102-abc123def456.json",
        "report.json",
        "run.json",
        "status.json",
    ]


def test_svgs_are_deterministic_and_text_stays_text(built: Path) -> None:
    for name in (SPEEDUP_SVG, RATIOS_SVG):
        svg = (built / name).read_text(encoding="utf-8")
        assert "<dc:date>" not in svg  # no timestamp
        assert "<text" in svg  # svg.fonttype none: labels are text, not glyph paths
        assert "cpython-3.9" in svg


def test_every_image_has_alt_text(built: Path) -> None:
    readme = (built / README).read_text(encoding="utf-8")
    images = re.findall(r"!\[([^\]]*)\]\(([^)]+)\)", readme)
    assert {target for _, target in images} == {SPEEDUP_SVG, RATIOS_SVG}
    assert all(len(alt) > 40 for alt, _ in images)


def test_html_is_one_self_contained_page(built: Path) -> None:
    page = (built / "report.html").read_text(encoding="utf-8")
    assert page.count("<svg") == 2 and 'aria-label="' in page
    assert not re.search(r"<(img|script|link)\b", page)  # nothing fetched from elsewhere
    assert "<?xml" not in page
    assert "py2_ledger" in page and "py2\\_ledger" not in page  # escapes resolved
    # The same content as the Markdown: as many tables, as many rows.
    markdown = (built / README).read_text(encoding="utf-8")
    assert page.count("<table>") == len(re.findall(r"^\|-", markdown, re.MULTILINE))
    assert page.count("<tr>") == len(re.findall(r"^\| ", markdown, re.MULTILINE))


def test_matrix_cells(built: Path) -> None:
    readme = (built / README).read_text(encoding="utf-8")
    records = next(line for line in readme.splitlines() if line.startswith("| records "))
    assert "0.90 [0.89, 0.91]" in records  # significant: ratio and CI
    assert "after: timed out [4]" in records  # the failed cell says why
    nbody = next(line for line in readme.splitlines() if line.startswith("| nbody "))
    assert "~1.00 (n.s.)" in nbody  # unequal sizes, same distribution: no speed-up claimed
    assert "- [4] failed: timed out after 600 s (pyston-lite-3.9 after: records)" in readme


def test_claim_and_baseline_sentences(built: Path) -> None:
    readme = (built / README).read_text(encoding="utf-8")
    assert "Each interpreter against the baseline (cpython-3.9 before)" in readme
    assert "the claim **is consistent** with this suite" in readme
    stats = json.loads((built / STATS).read_text())
    assert stats["pyston_claim"][0]["verdict"] == "consistent"
    assert stats["baseline"] == "cpython-3.9/before"


def test_ratios_agree_with_pyperf_compare_to(built: Path) -> None:
    raw = built / "raw"
    done = subprocess.run(
        [sys.executable, "-m", "pyperf", "compare_to", "--table", str(raw / BEFORE),
         str(raw / AFTER)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    theirs = {
        name: float(x) if how == "slower" else 1 / float(x)
        for name, x, how in re.findall(r"\| (\w+) +\|[^|]*\|[^|]*?([\d.]+)x (faster|slower)",
                                       done.stdout)
    }  # fmt: skip
    ours = json.loads((built / STATS).read_text())["modernization"]["cpython-3.9"]
    assert set(theirs) == {"nbody", "records"}
    for name in ("nbody", "records"):
        mine = ours["benchmarks"][name]["ratio"]["estimate"]
        assert round(mine, 2) == pytest.approx(theirs[name], abs=0.011), name
    assert ours["geometric_mean"]["estimate"] == pytest.approx(1 / 1.05, abs=0.006)


def test_different_suite_hashes_are_refused(fixture_run: Path) -> None:
    path = fixture_run / AFTER
    data = json.loads(path.read_text())
    data["metadata"]["legacylift_suite_hash"] = "000000000000"
    path.write_text(json.dumps(data))
    with pytest.raises(ReportError, match="different suites are never compared"):
        load_run(fixture_run)


def test_a_stray_file_of_another_suite_is_refused_by_name(fixture_run: Path) -> None:
    shutil.copyfile(fixture_run / AFTER, fixture_run / AFTER.replace("abc123def456", "ffff0000"))
    with pytest.raises(ReportError, match="suite ffff0000"):
        load_run(fixture_run)


def test_unknown_baseline_is_refused(fixture_run: Path, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match=r"no before results for baseline 'cpython-3\.12'"):
        build_report(fixture_run, tmp_path / "out", baseline="cpython-3.12")


def test_baseline_is_kept_when_regenerating(fixture_run: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    build_report(fixture_run, out, baseline="cpython-2.7")
    first = (out / README).read_bytes()
    assert b"against the baseline (cpython-2.7 before)" in first
    build_report(out / "raw", out)  # no --baseline: the recorded one
    assert (out / README).read_bytes() == first


def test_short_reasons() -> None:
    assert short_reason("failed", "timed out after 600 s") == "timed out"
    assert (
        short_reason("failed", "killed by signal 11: Segmentation fault") == "crashed (signal 11)"
    )
    assert short_reason("failed", "exit status 1: MemoryError") == "failed (exit 1)"
    assert short_reason("skipped", "the after code targets Python 3.9+") == "needs Python 3.9+"
    assert short_reason("skipped", "requires-python >=2.7,<3 excludes x") == (
        "excluded by requires-python"
    )
    assert short_reason("skipped", "environment: no wheel") == "no environment"
    assert short_reason("", "") == "not run"


def test_claim_verdicts() -> None:
    assert claim_verdict(Interval(1.5, 1.3, 1.7)) == "holds"
    assert claim_verdict(Interval(1.2, 1.1, 1.3)) == "consistent"
    assert claim_verdict(Interval(1.05, 1.0, 1.1)) == "does not hold"
    assert claim_verdict(Interval(1.5, 1.5, 1.5, noise_known=False)) == "cannot be checked"
    assert claim_verdict(None) == "cannot be checked"


def test_tuning_warnings(fixture_run: Path) -> None:
    assert tuning_warnings(load_run(fixture_run)) == []  # the fixture machine is tuned
    for path in fixture_run.glob("cpython-3.9*.json"):
        text = path.read_text().replace("governor:performance, isolated", "governor:powersave")
        path.write_text(text.replace("Full randomization", "No randomization"))
    warnings = tuning_warnings(load_run(fixture_run))
    assert any("powersave" in w for w in warnings)
    assert any("ASLR" in w for w in warnings)
    assert not any("isolated" in w for w in warnings)  # other files still report isolation
