"""The nox sessions, run for real on small inputs (each reuses one session virtualenv)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.helpers import pyenv_python

ROOT = Path(__file__).resolve().parent.parent
pytestmark = [
    pytest.mark.nox,
    pytest.mark.skipif(shutil.which("nox") is None and sys.prefix == sys.base_prefix,
                       reason="nox is not installed"),
]  # fmt: skip


def nox(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nox", "-f", str(ROOT / "noxfile.py"), *args],
        # nox merges a command's stderr into its own output, so read both as one stream.
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=600, check=False,
    )  # fmt: skip


def run_sample(python: str, folder: Path) -> str:
    return subprocess.run(
        [python, str(folder)], capture_output=True, text=True, check=True, cwd=folder
    ).stdout


def test_modernize_session_end_to_end(sample_copy: Path) -> None:
    python = pyenv_python("3.8") or sys.executable
    before_output = run_sample(python, sample_copy)
    before = (sample_copy / "inventory.py").read_text()

    diff = nox("-s", "modernize", "--", str(sample_copy), "--target", "3.8", "--diff")
    assert diff.returncode == 0, diff.stdout
    assert "+        breakpoint()" in diff.stdout
    assert (sample_copy / "inventory.py").read_text() == before

    check = nox("-s", "modernize", "--", str(sample_copy), "--target", "3.8", "--check")
    assert check.returncode == 1, check.stdout
    assert "set_trace_to_breakpoint" in check.stdout

    write = nox("-s", "modernize", "--", str(sample_copy), "--target", "3.8")
    assert write.returncode == 0, write.stdout
    after = (sample_copy / "inventory.py").read_text()
    assert after != before
    assert run_sample(python, sample_copy) == before_output, "behaviour changed"

    again = nox("-s", "modernize", "--", str(sample_copy), "--target", "3.8", "--check")
    assert again.returncode == 0, "a second run must change nothing:\n" + again.stdout


def test_modernize_session_bad_input_and_help(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_bytes(b"print 'py2 style'\nimport pdb; pdb.set_trace(\n")
    result = nox("-s", "modernize", "--", str(tmp_path))
    assert result.returncode != 0
    assert "broken.py: cannot parse" in result.stdout
    assert (
        tmp_path / "broken.py"
    ).read_bytes() == b"print 'py2 style'\nimport pdb; pdb.set_trace(\n"
    helptext = nox("-s", "modernize", "--", "--help").stdout
    for option in ("--target", "--check", "--diff", "--select", "--ignore", "--unsafe", "--jobs"):
        assert option in helptext


def test_default_modernize_session_shows_the_sample_diff() -> None:
    result = nox("-s", "modernize")
    assert result.returncode == 0, result.stdout
    assert "\n--- " in result.stdout and "\n+++ " in result.stdout
    assert "would change" in result.stdout
