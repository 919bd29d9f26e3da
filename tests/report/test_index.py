"""``reports/README.md``, staleness checks, and the ``legacylift report`` command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from legacylift.report import main, stale_reports, update_index
from legacylift.report.index import END, START

from .conftest import FIXTURE_RUN


@pytest.fixture
def published(tmp_path: Path, fixture_run: Path) -> Path:
    """A reports folder holding the fixture run's report and a current index."""
    reports = tmp_path / "reports"
    assert main([str(fixture_run), "--reports", str(reports)]) == 0
    return reports


def test_report_lands_in_reports_and_the_index_lists_it(published: Path) -> None:
    report = published / FIXTURE_RUN.name
    assert (report / "README.md").exists() and (report / "raw" / "run.json").exists()
    index = (published / "README.md").read_text(encoding="utf-8")
    table = index.split(START)[1].split(END)[0]
    assert f"[{FIXTURE_RUN.name}]({FIXTURE_RUN.name}/README.md)" in table
    assert "2026-01-02 03:04:05 UTC" in table
    assert "Fixture CPU @ 3.00GHz, 4 CPUs; preset default" in table
    assert "cpython-3.9 ~0.95 (n.s.)" in table
    assert "pyston-lite-3.9: consistent" in table


def test_update_index_reports_change_and_check_reports_staleness(published: Path) -> None:
    assert update_index(published) is False  # already current: nothing written
    assert update_index(published, check=True) is True
    extra = published / "20270101-000000-abc123def456"
    shutil.copytree(published / FIXTURE_RUN.name, extra)
    before = (published / "README.md").read_bytes()
    assert update_index(published, check=True) is False  # stale...
    assert (published / "README.md").read_bytes() == before  # ...and nothing written
    assert update_index(published) is True
    index = (published / "README.md").read_text(encoding="utf-8")
    assert index.index("20270101-000000") < index.index(FIXTURE_RUN.name)  # newest first
    assert update_index(published, check=True) is True


def test_text_outside_the_markers_is_kept(published: Path) -> None:
    index = published / "README.md"
    index.write_text("# Ours\n\nHand-written intro.\n\n" + START + "\nold\n" + END + "\nTail.\n")
    assert update_index(published) is True
    text = index.read_text(encoding="utf-8")
    assert text.startswith("# Ours\n\nHand-written intro.\n") and text.endswith(END + "\nTail.\n")
    assert "old" not in text


def test_index_without_markers_gets_them(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# Reports\n")
    assert update_index(tmp_path) is True
    text = (tmp_path / "README.md").read_text(encoding="utf-8")
    assert text.startswith("# Reports\n") and "No report published yet." in text


def test_check_passes_when_current(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert stale_reports(published) == []
    assert main(["--check", "--reports", str(published)]) == 0
    assert capsys.readouterr().err == ""


def test_check_names_an_edited_report(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = published / FIXTURE_RUN.name / "README.md"
    readme.write_text(readme.read_text(encoding="utf-8").replace("0.90", "0.80"))
    assert main(["--check", "--reports", str(published)]) == 1
    err = capsys.readouterr().err
    assert f"{readme} is stale" in err
    assert err.count("\n") == 1  # the index itself is still current


def test_check_names_a_stale_index(published: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = published / "README.md"
    index.write_text(index.read_text(encoding="utf-8").replace("consistent", "holds"))
    assert main(["--check", "--reports", str(published)]) == 1
    assert f"{index} is stale" in capsys.readouterr().err
    assert index.read_text(encoding="utf-8").count("holds") == 1  # --check wrote nothing


def test_check_names_a_report_without_raw(
    published: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.rmtree(published / FIXTURE_RUN.name / "raw")
    assert main(["--check", "--reports", str(published)]) == 1
    assert "no raw/ folder" in capsys.readouterr().err


def test_default_run_is_the_newest_with_a_run_json(
    tmp_path: Path, fixture_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = fixture_run.parent
    (runs / "99999999-999999-unfinished").mkdir()  # no run.json: not a run
    reports = tmp_path / "reports"
    assert main(["--runs", str(runs), "--reports", str(reports), "--html"]) == 0
    assert capsys.readouterr().out.strip() == str(reports / FIXTURE_RUN.name / "README.md")
    assert (reports / FIXTURE_RUN.name / "report.html").exists()


def test_cli_errors_are_one_line_and_exit_2(
    tmp_path: Path, fixture_run: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--runs", str(tmp_path / "none"), "--reports", str(tmp_path)]) == 2
    assert "no bench run under" in capsys.readouterr().err
    (fixture_run / "run.json").write_text('{"suite_hash": "000000000000"}')
    assert main([str(fixture_run), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("legacylift report: ") and "never compared" in err
    assert err.count("\n") == 1


def test_check_of_an_empty_reports_folder_passes(tmp_path: Path) -> None:
    assert update_index(tmp_path / "reports", check=True) is True
    assert main(["--check", "--reports", str(tmp_path / "reports")]) == 0
