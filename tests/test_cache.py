"""The modernize cache: a re-run skips the files it knows to be up to date, and only those."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from legacylift.cache import CACHE_VARIABLE, Cache, digest, run_key
from legacylift.cli import main

OLD = "import pdb\n\nDEBUGGER = pdb.Pdb\n\n\ndef f(x):\n    pdb.set_trace()\n    return x\n"
NEW = OLD.replace("pdb.set_trace()", "breakpoint()")
PLAIN = "def g():\n    return 1\n"


@pytest.fixture
def tree(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv(CACHE_VARIABLE, str(tmp_path / "cache"))
    root = tmp_path / "proj"
    root.mkdir()
    (root / "old.py").write_text(OLD)
    (root / "plain.py").write_text(PLAIN)
    return root


def modernize(root: Path, *extra: str) -> int:
    return main(["modernize", str(root), "--target", "3.8", "--jobs", "1", *extra])


def test_a_rerun_is_answered_by_the_cache(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert modernize(tree) == 0
    assert (tree / "old.py").read_text() == NEW
    first = capsys.readouterr().err
    assert "2 files" in first and "1 changed" in first and "by the cache" not in first
    assert modernize(tree) == 0
    second = capsys.readouterr().err
    # Both the written file and the untouched one are known: nothing was processed.
    assert "2 files (10 lines), 0 changed, 0 skipped (2 up to date by the cache" in second
    assert modernize(tree, "--no-cache") == 0
    assert "by the cache" not in capsys.readouterr().err


def test_a_cached_run_does_not_load_libcst(tree: Path) -> None:
    assert modernize(tree) == 0
    code = (
        "import sys\nfrom legacylift.cli import main\n"
        f"code = main(['modernize', {str(tree)!r}, '--target', '3.8', '--jobs', '1'])\n"
        "print(code, 'libcst' in sys.modules)\n"
    )
    env = {**os.environ, CACHE_VARIABLE: os.environ[CACHE_VARIABLE]}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout  # fmt: skip
    assert out.split() == ["0", "False"]


def test_an_edited_file_or_other_settings_are_processed_again(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert modernize(tree) == 0
    (tree / "plain.py").write_text(OLD)  # new content: not in the cache
    capsys.readouterr()
    assert modernize(tree) == 0
    assert "(1 up to date by the cache" in capsys.readouterr().err
    assert (tree / "plain.py").read_text() == NEW
    # Another target is another key: nothing is known for it yet.
    assert main(["modernize", str(tree), "--target", "3.9", "--jobs", "1"]) == 0
    assert "by the cache" not in capsys.readouterr().err


def test_notes_are_replayed_from_the_cache(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A Python 2 port (said explicitly: the ported file no longer looks like Python 2) whose
    # division the tool cannot decide gets a note, on every run.
    (tree / "div.py").write_text("print 7 / 2\n")
    assert modernize(tree, "--python2") == 0
    first = capsys.readouterr().err
    note = next(line for line in first.splitlines() if "div.py" in line and "/" in line)
    assert modernize(tree, "--python2") == 0
    second = capsys.readouterr().err
    assert "up to date by the cache" in second and note in second


def test_the_cache_file_merges_and_survives_garbage(tmp_path: Path) -> None:
    key = run_key((3, 8), unsafe=False, python2=False, select=[], ignore=[])
    first, second = Cache(key, tmp_path), Cache(key, tmp_path)
    first.add(digest(b"a"), ["a note"])
    second.add(digest(b"b"))
    first.save()
    second.save()  # merged with what the first wrote meanwhile
    again = Cache(key, tmp_path)
    assert digest(b"a") in again and digest(b"b") in again
    assert again.notes(digest(b"a")) == ["a note"]
    assert digest(b"a", doctest=True) not in again  # a doctest file is another entry
    (tmp_path / f"{key}.txt").write_bytes(b"\xff\xfe not a cache")
    assert not Cache(key, tmp_path).known


def test_an_unwritable_cache_costs_only_time(
    tree: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the cache folder should be")
    monkeypatch.setenv(CACHE_VARIABLE, str(blocker / "cache"))
    assert modernize(tree) == 0
    assert (tree / "old.py").read_text() == NEW
