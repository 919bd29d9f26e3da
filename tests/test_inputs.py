"""Awkward inputs through the real CLI (`legacylift modernize` on files in temporary trees).

Each case checks the exit status, a one-line message for a file that could not be modernized,
the bytes of a file left alone, and the content and mode of a file rewritten.  Covered
elsewhere (tests/test_cli.py): a latin-1 cookie, CRLF with tabs, a UTF-8 BOM, undecodable
UTF-8, a python script without extension (and its mode), a symlinked folder loop, links
into and out of the tree.
"""

from __future__ import annotations

import contextlib
import os
import signal
import stat
import sys
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

import pytest

from legacylift import engine, runner
from legacylift.cli import main
from legacylift.engine import Settings, eligible
from legacylift.runner import Mode, Status, largest_first, run
from legacylift.walk import Target, find_files

PDB = b"import pdb\n\ndef f():\n    pdb.set_trace()\n"
BREAKPOINT = b"\ndef f():\n    breakpoint()\n"
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 3, 2


def modernize(*args: str | Path) -> int:
    return main(["modernize", "--jobs", "1", "--target", "3.8", "--no-cache", "--quiet",
                 *map(str, args)])  # fmt: skip


def failures(capsys: pytest.CaptureFixture[str]) -> dict[str, str]:
    """The ``path: reason`` lines that --quiet prints for skipped files, by path."""
    lines = capsys.readouterr().err.splitlines()
    return dict(line.split(": ", 1) for line in lines if line.strip())


class Timeout(Exception):
    pass


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Fail the test (instead of hanging it) past ``seconds``."""

    def expired(signum: int, frame: FrameType | None) -> None:
        raise Timeout(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


# --- Encodings ---------------------------------------------------------------------------------


def test_cp1252_text_survives_in_cp1252(tmp_path: Path) -> None:
    path = tmp_path / "win.py"
    path.write_bytes(
        b"# -*- coding: cp1252 -*-\nimport pdb\n"
        b"price = '\x80 5'  # \x93quoted\x94\npdb.set_trace()\n"
    )
    assert modernize(path) == EXIT_OK
    assert path.read_bytes() == (
        b"# -*- coding: cp1252 -*-\nprice = '\x80 5'  # \x93quoted\x94\nbreakpoint()\n"
    )


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        pytest.param(
            b"# coding: cp1252\nimport pdb\nx = '\x81'\npdb.set_trace()\n",
            "cannot decode as cp1252: byte 0x81 at offset 33",
            id="byte-cp1252-does-not-define",
        ),
        pytest.param(
            b"# -*- coding: klingon -*-\nimport pdb\npdb.set_trace()\n",
            "unknown encoding: klingon",
            id="unknown-codec-in-cookie",
        ),
        pytest.param(
            b"import pdb\npdb.set_trace()\nx = '\xe9'\n",
            "cannot decode as utf-8: byte 0xe9 at offset 32",
            id="latin-1-bytes-without-cookie",
        ),
    ],
)
def test_undecodable_file_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes, reason: str
) -> None:
    path = tmp_path / "bad.py"
    path.write_bytes(data)
    assert modernize(path) == EXIT_FAILED
    assert failures(capsys) == {str(path): reason}
    assert path.read_bytes() == data


def test_a_nul_byte_is_reported_and_left_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = b"import pdb\npdb.set_trace()\nx = '\x00'\n"
    path = tmp_path / "nul.py"
    path.write_bytes(data)
    assert modernize(path) == EXIT_FAILED
    reason = failures(capsys)[str(path)]
    assert reason.startswith("cannot parse") and "null bytes" in reason
    assert path.read_bytes() == data


# --- Newlines and whitespace -------------------------------------------------------------------


def test_mixed_newlines_are_kept_line_by_line(tmp_path: Path) -> None:
    path = tmp_path / "mixed.py"
    path.write_bytes(b"import pdb\r\nif True:\n    pdb.set_trace()\r\nx = 1\ry = 2\r\n")
    assert modernize(path) == EXIT_OK
    assert path.read_bytes() == b"if True:\n    breakpoint()\r\nx = 1\ry = 2\r\n"


def test_form_feeds_are_kept(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "paged.py"
    path.write_bytes(
        b"import pdb\n\x0c\ndef f():\n    pdb.set_trace()\n\x0c\n\ndef g():\n    pass\n"
    )
    assert modernize(path, "--diff") == EXIT_OK
    # Lines end at newlines only (str.splitlines would also break them at the form feeds).
    assert capsys.readouterr().out.endswith(
        "@@ -1,7 +1,6 @@\n-import pdb\n \x0c\n def f():\n-    pdb.set_trace()\n"
        "+    breakpoint()\n \x0c\n \n def g():\n"
    )
    assert modernize(path) == EXIT_OK
    assert path.read_bytes() == b"\x0c\ndef f():\n    breakpoint()\n\x0c\n\ndef g():\n    pass\n"


def test_a_form_feed_libcst_would_drop_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # LibCST prints "\x0cdef g():" (a page break before a statement) as "def g():".
    data = b"import pdb\n\ndef f():\n    pdb.set_trace()\n\x0cdef g():\n    pass\n"
    path = tmp_path / "paged.py"
    path.write_bytes(data)
    assert modernize(path) == EXIT_FAILED
    assert failures(capsys) == {
        str(path): "LibCST would drop a form feed (page break) of this file"
    }
    assert path.read_bytes() == data


def test_form_feed_in_an_indentation_with_an_import_added(tmp_path: Path) -> None:
    # LibCST takes " \x0c " as the default indent, which its own parser config then refuses.
    path = tmp_path / "ff.py"
    path.write_bytes(b"if x:\n \x0c pass\nimport collections\nok = collections.Sequence\n")
    assert modernize(path) == EXIT_OK
    assert path.read_bytes() == (
        b"import collections.abc\n\nif x:\n \x0c pass\nimport collections\n"
        b"ok = collections.abc.Sequence\n"
    )


def test_no_trailing_newline_stays_so(tmp_path: Path) -> None:
    path = tmp_path / "open_end.py"
    path.write_bytes(b"import pdb\npdb.set_trace()")
    assert modernize(path) == EXIT_OK
    assert path.read_bytes() == b"breakpoint()"


@pytest.mark.parametrize(
    "data", [b"", b"\n\n", b"# only a comment", b"\xef\xbb\xbf", b"   \t\n"], ids=repr
)
def test_empty_and_blank_files_are_fine_and_untouched(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], data: bytes
) -> None:
    path = tmp_path / "empty.py"
    path.write_bytes(data)
    assert modernize(path) == EXIT_OK
    assert failures(capsys) == {}
    assert path.read_bytes() == data


# --- Size and depth ----------------------------------------------------------------------------


def test_a_10_mb_file_is_rewritten_in_reasonable_time(tmp_path: Path) -> None:
    # Long lines keep LibCST's node count (and memory) modest; every byte still goes through
    # the lift, the pre-checks, the parse, the printer and the compile check.
    line = "".join(chr(ord("a") + (i * 7) % 26) for i in range(10_000))
    body = "".join(f'CHUNKS.append("{line}")  # {i}\n' for i in range(1_050))
    path = tmp_path / "huge.py"
    path.write_text(f"import pdb\n\n\ndef debug():\n    pdb.set_trace()\n\n\nCHUNKS = []\n{body}")
    assert path.stat().st_size > 10 * 1024 * 1024
    with deadline(180):
        assert modernize(path) == EXIT_OK
    assert path.read_text() == f"\n\ndef debug():\n    breakpoint()\n\n\nCHUNKS = []\n{body}"


def test_a_file_too_large_for_libcst_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The real limit (400,000 nodes, over 1 GB in LibCST) scaled down: the same code path.
    monkeypatch.setattr(engine, "MAX_NODES", 2_000)
    table = "".join(f"    ({i}, 'name{i}', {i}.5, None),\n" for i in range(1_000))
    data = f"import pdb\npdb.set_trace()\nTABLE = [\n{table}]\n".encode()
    path = tmp_path / "table.py"
    path.write_bytes(data)
    assert modernize(path) == EXIT_FAILED
    reason = failures(capsys)[str(path)]
    assert reason.startswith("too large for LibCST (") and reason.endswith("at most 2000)")
    assert path.read_bytes() == data


@pytest.mark.parametrize(
    "expression",
    [
        pytest.param("a." * 20_000 + "b", id="attribute-chain"),
        pytest.param("f" + "(1)" * 20_000, id="call-chain"),
        pytest.param("1" + " + 1" * 20_000, id="binary-operators"),
        pytest.param("a" + " and a" * 20_000, id="boolean-operators"),
        pytest.param("not " * 20_000 + "x", id="unary-operators"),
        pytest.param("a" + "[0]" * 3_000, id="subscripts"),
    ],
)
def test_deep_nesting_is_refused_not_a_crash(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], expression: str
) -> None:
    # LibCST's native parser died of a stack overflow (SIGSEGV) on most of these.
    data = f"import pdb\npdb.set_trace()\nx = {expression}\n".encode()
    path = tmp_path / "deep.py"
    path.write_bytes(data)
    with deadline(60):
        assert modernize(path) == EXIT_FAILED
    assert failures(capsys)[str(path)] == "too deeply nested for LibCST (over 2500 levels)"
    assert path.read_bytes() == data


def test_nesting_within_the_limit_is_rewritten(tmp_path: Path) -> None:
    chain = "".join(f"elif x == {i}:\n    y = {i}\n" for i in range(1, 600))
    path = tmp_path / "chain.py"
    path.write_text(
        f"import pdb\npdb.set_trace()\nif x == 0:\n    y = 0\n{chain}z = {'-' * 1000}1\n"
    )
    with deadline(120):
        assert modernize(path) == EXIT_OK
    assert path.read_text() == f"breakpoint()\nif x == 0:\n    y = 0\n{chain}z = {'-' * 1000}1\n"


# --- Permissions and files that go away --------------------------------------------------------


def test_a_read_only_file_keeps_its_content_and_mode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "locked.py"
    path.write_bytes(PDB)
    path.chmod(0o444)
    assert modernize(path) == EXIT_FAILED
    assert failures(capsys) == {str(path): "read-only file; left as it is"}
    assert path.read_bytes() == PDB
    assert stat.S_IMODE(path.stat().st_mode) == 0o444
    assert modernize(path, "--check") == 1, "--check writes nothing: no complaint"


def test_a_rewritten_file_keeps_its_unusual_mode(tmp_path: Path) -> None:
    path = tmp_path / "group.py"
    path.write_bytes(PDB)
    path.chmod(0o640)
    assert modernize(path) == EXIT_OK
    assert path.read_bytes() == BREAKPOINT
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def settings() -> Settings:
    from codemods import CODEMODS

    return Settings((3, 8), eligible(CODEMODS, (3, 8), unsafe=False))


def test_a_file_gone_before_processing_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gone.py"
    path.write_bytes(PDB)
    targets = find_files([str(tmp_path)])
    path.unlink()  # between the walk and the processing
    summary = run(targets, settings(), Mode.WRITE, jobs=1)
    [result] = summary.results
    assert (result.status, result.reason) == (
        Status.FAILED,
        "cannot read: No such file or directory",
    )
    assert not path.exists(), "nothing recreated"


@pytest.mark.parametrize("event", ["deleted", "edited"])
def test_a_file_that_changes_while_modernized_is_not_overwritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, event: str
) -> None:
    path = tmp_path / "moving.py"
    path.write_bytes(PDB)
    original = engine.modernize_text

    def meanwhile(text: str, *args: object, **kwargs: object) -> engine.Outcome:
        if event == "deleted":
            path.unlink()
        else:
            path.write_bytes(b"# edited by someone else\n" + PDB)
            os.utime(path, ns=(1, 1))  # a different mtime even on a coarse clock
        return original(text, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(engine, "modernize_text", meanwhile)
    summary = run([Target(str(path), path)], settings(), Mode.WRITE, jobs=1)
    [result] = summary.results
    assert result.status is Status.FAILED
    if event == "deleted":
        assert result.reason == "cannot write: No such file or directory"
        assert not path.exists(), "nothing recreated"
    else:
        assert result.reason == "changed on disk while being modernized; left as it is"
        assert path.read_bytes() == b"# edited by someone else\n" + PDB
    assert sorted(p.name for p in tmp_path.iterdir()) == (
        ["moving.py"] if event == "edited" else []
    )


def test_a_stray_temporary_file_is_never_taken_for_a_source(tmp_path: Path) -> None:
    # What a kill between write_atomic's temporary file and its replace would leave.
    stray = tmp_path / ".mod.py.k2j4h5g6.legacylift"
    stray.write_bytes(PDB)
    script_stray = tmp_path / ".tool.a1b2c3d4.legacylift"
    script_stray.write_bytes(b"#!/usr/bin/env python\n" + PDB)
    (tmp_path / "mod.py").write_bytes(PDB)
    assert [t.display for t in find_files([str(tmp_path)])] == [str(tmp_path / "mod.py")]
    assert modernize(tmp_path) == EXIT_OK
    assert stray.read_bytes() == PDB
    assert script_stray.read_bytes() == b"#!/usr/bin/env python\n" + PDB


def test_an_interrupted_write_leaves_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from legacylift import files

    path = tmp_path / "mod.py"
    path.write_bytes(PDB)

    def interrupted(src: str, dst: str) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("legacylift.files.os.replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        files.write_atomic(path, BREAKPOINT)
    assert [p.name for p in tmp_path.iterdir()] == ["mod.py"]
    assert path.read_bytes() == PDB


# --- Links and scripts -------------------------------------------------------------------------


def test_a_file_symlink_loop_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "a.py").symlink_to(tmp_path / "b.py")
    (tmp_path / "b.py").symlink_to(tmp_path / "a.py")
    (tmp_path / "real.py").write_bytes(PDB)
    assert modernize(tmp_path) == EXIT_OK
    assert (tmp_path / "real.py").read_bytes() == BREAKPOINT
    assert (tmp_path / "a.py").is_symlink() and (tmp_path / "b.py").is_symlink()


def test_a_symlink_loop_given_by_name_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    loop = tmp_path / "self.py"
    loop.symlink_to(loop)
    assert modernize(loop) == EXIT_USAGE
    assert capsys.readouterr().err == f"legacylift: {loop}: no such file or directory\n"


def test_dangling_links_and_links_out_of_the_tree_are_left_alone(tmp_path: Path) -> None:
    root, outside = tmp_path / "root", tmp_path / "outside.py"
    root.mkdir()
    outside.write_bytes(PDB)
    (root / "dangling.py").symlink_to(tmp_path / "missing.py")
    (root / "out.py").symlink_to(outside)
    (root / "mod.py").write_bytes(PDB)
    assert modernize(root) == EXIT_OK
    assert (root / "mod.py").read_bytes() == BREAKPOINT
    assert outside.read_bytes() == PDB, "not under the root it was found in"
    assert os.readlink(root / "dangling.py") == str(tmp_path / "missing.py")


@pytest.mark.parametrize(
    "shebang",
    [
        b"#!/usr/bin/env python2.7\n",
        b"#! /usr/bin/python3.11 -u\n",
        b"#!/usr/local/bin/python\r\n",
        b"#!/usr/bin/env -S python3 -X dev\n",
    ],
    ids=repr,
)
def test_python_scripts_without_suffix_are_modernized(tmp_path: Path, shebang: bytes) -> None:
    script = tmp_path / "tool"
    script.write_bytes(shebang + PDB)
    script.chmod(0o755)
    assert modernize(tmp_path) == EXIT_OK
    assert script.read_bytes() == shebang + BREAKPOINT
    assert stat.S_IMODE(script.stat().st_mode) == 0o755


def test_a_python2_script_is_ported(tmp_path: Path) -> None:
    script = tmp_path / "report"
    script.write_bytes(b"#!/usr/bin/python2\nprint 'total:', 1\n")
    assert modernize(tmp_path) == EXIT_OK
    assert script.read_bytes() == b"#!/usr/bin/python2\nprint('total:', 1)\n"


def test_other_scripts_are_not_walked_but_taken_when_named(tmp_path: Path) -> None:
    suffixed = tmp_path / "run.sh"  # a suffix that is not .py: not a Python file in a walk
    suffixed.write_bytes(b"#!/usr/bin/env python\n" + PDB)
    lookalike = tmp_path / "pythonista"
    lookalike.write_bytes(b"#!/usr/bin/env pythonista\n" + PDB)
    assert modernize(tmp_path) == EXIT_OK
    assert suffixed.read_bytes() == b"#!/usr/bin/env python\n" + PDB
    assert lookalike.read_bytes() == b"#!/usr/bin/env pythonista\n" + PDB
    assert modernize(suffixed) == EXIT_OK
    assert suffixed.read_bytes() == b"#!/usr/bin/env python\n" + BREAKPOINT


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_an_unreadable_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "secret.py"
    path.write_bytes(PDB)
    path.chmod(0o000)
    if os.access(path, os.R_OK):
        pytest.skip("running as root: every file is readable")
    assert modernize(path) == EXIT_FAILED
    assert failures(capsys) == {str(path): "cannot read: Permission denied"}


def test_a_pool_starts_with_the_largest_files(tmp_path: Path) -> None:
    sizes = {"a.py": 10, "b.py": 3000, "c.py": 200, "gone.py": 0}
    targets = []
    for name, size in sizes.items():
        path = tmp_path / name
        if size:
            path.write_text("#" * size)
        targets.append(Target(name, path))
    assert [t.display for t in largest_first(targets)] == ["b.py", "c.py", "a.py", "gone.py"]


@pytest.mark.parametrize(
    ("resident", "trims", "collections"),
    [
        ([100.0], 0, 0),  # below the threshold: nothing to do
        ([200.0, 110.0], 1, 0),  # the trim was enough
        ([200.0, 190.0], 2, 1),  # cycles held it: collect, then trim again
    ],
)
def test_release_memory_after_a_large_file(
    monkeypatch: pytest.MonkeyPatch, resident: list[float], trims: int, collections: int
) -> None:
    readings = iter(resident)
    calls = {"trim": 0, "collect": 0}
    monkeypatch.setattr(runner, "_resident_mb", lambda: next(readings))
    monkeypatch.setattr(runner, "_trim", lambda: calls.__setitem__("trim", calls["trim"] + 1))
    monkeypatch.setattr(
        runner.gc, "collect", lambda: calls.__setitem__("collect", calls["collect"] + 1)
    )
    runner.release_memory()
    assert calls == {"trim": trims, "collect": collections}


def test_resident_memory_is_read() -> None:
    # On Linux the figure is this process's; elsewhere 0, and release_memory does nothing.
    resident = runner._resident_mb()
    assert resident > 10 if sys.platform == "linux" else resident == 0
    runner._trim()  # glibc's malloc_trim, or nothing
