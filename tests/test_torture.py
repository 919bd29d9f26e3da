"""legacylift.torture: the real modernize on a tiny tree, and fake commands that crash or
damage files, which the checks must catch."""

from __future__ import annotations

import shlex
import stat
import sys
import textwrap
from pathlib import Path

import pytest

from legacylift.corpora import pyenv_cpython
from legacylift.torture import main

HERE = f"{sys.version_info[0]}.{sys.version_info[1]}"
BROKEN = b"def f(:\n    pass\n"
LATIN = b"name = '\xff'\n"  # no coding cookie: not UTF-8


def tree(folder: Path) -> Path:
    """A py3 file to modernize, two Python 2 files (one a script), a syntax error, an
    undecodable file and a data file."""
    folder.mkdir()
    (folder / "modern.py").write_text("class A(object):\n    pass\n")
    (folder / "modern.py").chmod(0o644)
    (folder / "old.py").write_text('print "hello"\n')
    (folder / "tool").write_text('#!/usr/bin/env python\nprint "a script"\n')
    (folder / "tool").chmod(0o755)
    (folder / "broken.py").write_bytes(BROKEN)
    (folder / "latin.py").write_bytes(LATIN)
    (folder / "notes.dat").write_text("not code\n")
    return folder


def table_row(output: str, name: str) -> list[str]:
    """The cells of the root's row of the Markdown table."""
    line = next(line for line in output.splitlines() if line.startswith(f"| {name} "))
    return [cell.strip() for cell in line.strip("|").split("|")]


@pytest.mark.skipif(
    pyenv_cpython((2, 7)) is None or pyenv_cpython((3, 8)) is None,
    reason="needs pyenv's CPython 2.7 and 3.8 to compile before and after",
)
def test_a_python2_tree_is_ported_and_what_cannot_be_is_reported_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = tree(tmp_path / "legacy")
    keep = tmp_path / "kept"

    status = main([str(root), "--keep", str(keep), "--verbose"])

    out, err = capsys.readouterr()
    assert status == 0, out + err
    # root, target, files, changed, reported+untouched, crashes, regressions, damage, seconds
    assert table_row(out, "legacy")[:8] == ["legacy", "3.8", "5", "3", "2", "0", "0", "0"]
    assert "broken.py: cannot parse" in err and "latin.py:" in err
    assert (keep / "legacy" / "broken.py").read_bytes() == BROKEN
    assert (keep / "legacy" / "latin.py").read_bytes() == LATIN
    assert (keep / "legacy" / "old.py").read_text() == 'print("hello")\n'
    assert stat.S_IMODE((keep / "legacy" / "tool").stat().st_mode) == 0o755
    assert (root / "old.py").read_text() == 'print "hello"\n', "the root itself is never written"


FAKE = """\
import os, sys
what, copy = sys.argv[1], sys.argv[3]  # FAKE WHAT modernize COPY --target ...
if what == "crash":
    raise RuntimeError("a codemod blew up")
if what == "internal":
    print(os.path.join(copy, "modern.py") + ": internal error: KeyError('x')")
    sys.exit(3)
if what == "damage":
    with open(os.path.join(copy, "broken.py"), "ab") as handle:
        handle.write(b"# touched\\n")
    print(os.path.join(copy, "broken.py") + ": cannot parse: invalid syntax")
    os.chmod(os.path.join(copy, "modern.py"), 0o600)
    with open(os.path.join(copy, "notes.dat"), "w") as handle:
        handle.write("rewritten\\n")
    open(os.path.join(copy, "stray.py"), "w").close()
    sys.exit(3)
"""


def fake_run(tmp_path: Path, what: str) -> tuple[int, str]:
    fake = tmp_path / "fake.py"
    fake.write_text(FAKE)
    command = shlex.join([sys.executable, str(fake), what])
    root = tree(tmp_path / "legacy")
    status = main([str(root), "--source", HERE, "--command", command])
    return status, root.name


def test_a_crashing_command_is_a_crash(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, name = fake_run(tmp_path, "crash")

    out = capsys.readouterr().out
    assert status == 1
    assert table_row(out, name)[5] == "1"
    assert "legacy: crash: the run: traceback ending 'RuntimeError: a codemod blew up'" in out
    assert "exit status 1" in out


def test_a_file_lost_to_an_internal_error_is_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, name = fake_run(tmp_path, "internal")

    out = capsys.readouterr().out
    assert status == 1
    assert table_row(out, name)[4:8] == ["1", "1", "0", "0"]
    assert "legacy: crash: modern.py: internal error: KeyError('x')" in out


def test_a_reported_file_that_changed_and_other_damage_are_caught(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, name = fake_run(tmp_path, "damage")

    out = capsys.readouterr().out
    assert status == 1
    assert table_row(out, name)[4:8] == ["0", "0", "0", "4"]
    expected = """\
        legacy: damage: stray.py: appeared
        legacy: damage: broken.py: reported (cannot parse: invalid syntax) but changed
        legacy: damage: modern.py: mode 644 became 600
        legacy: damage: notes.dat: changed, though modernize does not walk to it
    """
    assert textwrap.dedent(expected) in out


def test_an_unknown_root_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["no/such/folder"]) == 2
    assert "not stdlib-X.Y, corpus, corpus-NAME nor a folder" in capsys.readouterr().err
