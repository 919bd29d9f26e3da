"""Interrupting `legacylift modernize --jobs 2` in the middle leaves every file whole.

A tree of a few hundred files is modernized once without interruption (the expected result),
then again from a fresh copy, interrupted by SIGINT (Ctrl-C: the whole process group) or
SIGKILL (the whole group, or the main process alone) after some files were written.  Each file
must then be byte-identical either to its original or to its fully rewritten version, with its
mode; no temporary file may be left behind by SIGINT (SIGKILL may leave one, which is never
taken for a source); no process may outlive the run; and a rerun finishes the job.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

FILES = 240
#: write_atomic's temporary files: ``.NAME.XXXXXXXX.legacylift`` next to NAME.
TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[^.]+\.legacylift$")


def source(i: int) -> str:
    # Several classes per file, so that a run lasts long enough to be interrupted mid-way.
    classes = "".join(
        f"\n\nclass Node{i}x{k}(object):\n"
        "    def visit(self, x):\n"
        f"        super(Node{i}x{k}, self).visit(x)\n"
        "        if isinstance(x, collections.Mapping):\n"
        "            pdb.set_trace()\n"
        f"        return '%s-%d' % (x, {i})\n"
        for k in range(4)
    )
    return "import pdb\nimport collections\n" + classes


def command(tree: Path) -> list[str]:
    return [sys.executable, "-m", "legacylift", "modernize", str(tree), "--jobs", "2",
            "--target", "3.8", "--no-cache", "--quiet"]  # fmt: skip


def snapshot(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mode)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def trees(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The original tree and its uninterrupted rewrite."""
    base = tmp_path_factory.mktemp("interrupt")
    original = base / "original"
    for i in range(FILES):
        path = original / f"pkg{i % 8}" / f"mod{i}.py"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source(i))
        path.chmod(0o755 if i % 5 == 0 else 0o640 if i % 5 == 1 else 0o644)
    expected = base / "expected"
    shutil.copytree(original, expected)
    done = subprocess.run(command(expected), capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return original, expected


def _changed(tree: Path, original: Path) -> int:
    return sum(
        1
        for path in original.rglob("*.py")
        if (tree / path.relative_to(original)).read_bytes() != path.read_bytes()
    )


def _group_gone(pgid: int, seconds: float = 10.0) -> bool:
    """Whether every process of the group has exited (waits up to ``seconds``)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.05)
    return False


def interrupt(
    tree: Path, original: Path, send: Callable[[subprocess.Popen[str]], None]
) -> tuple[int, str]:
    """Start a run on ``tree``, ``send`` it a signal once some files were written; its exit
    status and standard error."""
    # A run started in the background (``nohup``, ``&``) inherits SIGINT ignored, and an
    # ignored signal stays ignored across exec: give the child the handling a terminal's job
    # has (a handler of ours becomes the default in the child).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        run = subprocess.Popen(
            command(tree), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            start_new_session=True,  # its own process group, as a shell gives a job
        )  # fmt: skip
    finally:
        signal.signal(signal.SIGINT, previous)
    deadline = time.monotonic() + 120
    while run.poll() is None and _changed(tree, original) < 10 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert run.poll() is None, "the run ended before it could be interrupted"
    send(run)
    _, err = run.communicate(timeout=120)
    assert _group_gone(run.pid), "a worker outlived the run"
    return run.returncode, err


def check_whole(tree: Path, original: Path, expected: Path, strays_allowed: bool) -> int:
    """Every file is its original or its rewrite; returns how many were rewritten."""
    before, after, now = snapshot(original), snapshot(expected), snapshot(tree)
    strays = {name for name in now if name not in before}
    for stray in strays:
        match = TEMPORARY.match(Path(stray).name)
        assert strays_allowed and match, f"unexpected file {stray}"
        assert str(Path(stray).parent / match["name"]) in before
    rewritten = 0
    for name, (data, mode) in before.items():
        assert now[name] in ((data, mode), after[name]), f"{name} is neither old nor new"
        rewritten += now[name] == after[name]
    return rewritten


CASES = {
    "SIGINT-to-the-group": (lambda run: os.killpg(run.pid, signal.SIGINT), 130),
    "SIGKILL-to-the-group": (lambda run: os.killpg(run.pid, signal.SIGKILL), -signal.SIGKILL),
    "SIGKILL-to-the-main-process": (lambda run: run.kill(), -signal.SIGKILL),
}


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
@pytest.mark.parametrize("case", list(CASES))
def test_interrupted_run_leaves_every_file_old_or_new(
    trees: tuple[Path, Path], tmp_path: Path, case: str
) -> None:
    original, expected = trees
    tree = tmp_path / "tree"
    shutil.copytree(original, tree)
    send, status = CASES[case]
    returncode, err = interrupt(tree, original, send)
    assert returncode == status
    if case.startswith("SIGINT"):
        assert err == "legacylift: interrupted\n", "one line, no worker traceback"
    rewritten = check_whole(tree, original, expected, strays_allowed=case.startswith("SIGKILL"))
    assert 0 < rewritten < FILES, "interrupted in the middle"
    if case == "SIGKILL-to-the-group":  # the worst case: a second run finishes the job
        again = subprocess.run(command(tree), capture_output=True, text=True, check=False)
        assert again.returncode == 0, again.stderr
        assert check_whole(tree, original, expected, strays_allowed=True) == FILES


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX signals")
def test_a_worker_that_dies_costs_only_its_file(trees: tuple[Path, Path], tmp_path: Path) -> None:
    # What a crash in native code (SIGSEGV) or the out-of-memory killer does to a worker:
    # the run used to wait forever for the file the worker had taken.
    psutil = pytest.importorskip("psutil")
    original, expected = trees
    tree = tmp_path / "tree"
    shutil.copytree(original, tree)
    run = subprocess.Popen(command(tree), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, start_new_session=True)  # fmt: skip
    deadline = time.monotonic() + 120
    while run.poll() is None and _changed(tree, original) < 10 and time.monotonic() < deadline:
        time.sleep(0.01)
    workers = psutil.Process(run.pid).children()
    assert len(workers) == 2
    workers[0].send_signal(signal.SIGSEGV)
    try:
        _, err = run.communicate(timeout=300)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(run.pid, signal.SIGKILL)
    assert run.returncode == 3
    [line] = err.splitlines()
    path, _, reason = line.partition(": ")
    assert reason == "the worker process died on this file (killed by SIGSEGV)"
    assert check_whole(tree, original, expected, strays_allowed=True) >= FILES - 1
    name = str(Path(path).relative_to(tree))
    assert (tree / name).read_bytes() in ((original / name).read_bytes(),
                                          (expected / name).read_bytes())  # fmt: skip
