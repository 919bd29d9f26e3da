"""One benchmark process: run it under a timeout, kill all of it, and say why it failed.

A benchmark is a pyperf master that spawns worker processes; it runs under a small
supervisor in a session of its own, so that a timeout (or an interrupted harness) can kill the
whole process group, and the processes below it that left the group are found in ``/proc``
and killed as well.  On Linux the supervisor also kills the group when the harness dies
(``PR_SET_PDEATHSIG``), so a harness killed with SIGKILL leaves nothing running.

pyperf reports a worker that failed as ``RuntimeError: ... failed with exit code N``; the
cause worth showing is the worker's own exception (or signal), which this module digs out
of the log.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

TRACEBACK = "Traceback (most recent call last):"
_WORKER_FAILED = re.compile(r"^RuntimeError: .* failed with exit code (-?\d+)\s*$")
_LIMIT = 300

#: Runs (with the harness's Python) as the leader of each benchmark's session.  It starts the
#: benchmark and exits as the benchmark did (re-raising its signal).  It adopts every orphan
#: below it (PR_SET_CHILD_SUBREAPER), so that the processes a benchmark leaves behind, even
#: those that left its session, are still below it: they are killed when the benchmark ends,
#: and on SIGTERM or when the harness dies (PR_SET_PDEATHSIG), with the whole group.
SUPERVISOR = r"""
import ctypes, os, signal, subprocess, sys

def below():
    children = {}
    for name in os.listdir("/proc") if os.path.isdir("/proc") else ():
        if not name.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % name) as stat:
                parent = int(stat.read().rpartition(")")[2].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(parent, []).append(int(name))
    found, queue = [], [os.getpid()]
    while queue:
        for pid in children.get(queue.pop(), []):
            found.append(pid)
            queue.append(pid)
    return found

def clean():
    for pid in below():
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass

def stop(*_):
    clean()
    os.killpg(0, signal.SIGKILL)

signal.signal(signal.SIGTERM, stop)
if sys.platform.startswith("linux"):
    try:
        prctl = ctypes.CDLL(None).prctl
        prctl(36, 1)  # PR_SET_CHILD_SUBREAPER
        prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
if os.getppid() != int(sys.argv[1]):  # the harness died before prctl
    stop()
try:
    child = subprocess.Popen(sys.argv[2:])
except OSError as exc:
    sys.stderr.write("cannot run %s: %s\n" % (sys.argv[2], exc.strerror or exc))
    sys.exit(127)
code = child.wait()
clean()
if code < 0:
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    try:
        signal.signal(-code, signal.SIG_DFL)
    except (OSError, ValueError):
        pass
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


class InterpreterGone(Exception):
    """The interpreter of a job no longer exists or no longer starts; the message is one line."""


def signal_name(number: int) -> str:
    """``SIGKILL`` for 9; ``signal 99`` for a number that names no signal here."""
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _short(line: str) -> str:
    line = " ".join(line.split())
    return line if len(line) <= _LIMIT else line[: _LIMIT - 3] + "..."


def exceptions(lines: Sequence[str]) -> list[str]:
    """The exception line that ends each traceback in ``lines``, in order."""
    found, inside = [], False
    for line in lines:
        if line.startswith(TRACEBACK):
            inside = True
        elif inside and line.strip() and not line[0].isspace():
            found.append(line.strip())
            inside = False
    return found


def describe_failure(code: int, output: str) -> str:
    """One line: why a benchmark process that exited with ``code`` failed, from its output."""
    lines = [line for line in output.splitlines() if line.strip()]
    last = _short(lines[-1]) if lines else "no output"
    if code < 0:
        return f"killed by signal {-code} ({signal_name(-code)}): {last}"
    raised = exceptions(lines)
    own = [line for line in raised if not _WORKER_FAILED.match(line)]
    if own:  # the benchmark's exception, in the master or in a worker
        return f"exit status {code}: {_short(own[-1])}"
    worker = [int(m.group(1)) for m in map(_WORKER_FAILED.match, raised) if m]
    if worker and worker[-1] < 0:
        number = -worker[-1]
        return f"killed by signal {number} ({signal_name(number)}) in a pyperf worker"
    if worker:
        return f"exit status {worker[-1]} in a pyperf worker, without a traceback"
    return f"exit status {code}: {last}"


def descendants(pid: int) -> list[int]:
    """The processes below ``pid``, from ``/proc`` (none where there is no ``/proc``)."""
    children: dict[int, list[int]] = {}
    with contextlib.suppress(OSError):
        for name in os.listdir("/proc"):
            if not name.isdigit():
                continue
            try:
                stat = Path("/proc", name, "stat").read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
            # "pid (command) state ppid ...": the command may hold spaces and parentheses.
            parent = int(stat.rpartition(")")[2].split()[1])
            children.setdefault(parent, []).append(int(name))
    found, queue = [], [pid]
    while queue:
        for child in children.get(queue.pop(), []):
            found.append(child)
            queue.append(child)
    return found


def kill_tree(process: subprocess.Popen[bytes]) -> int:
    """SIGKILL ``process`` (a session leader), its group and every process below it; reap it.

    Returns how many processes were signalled, besides the group.
    """
    below = descendants(process.pid)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    for pid in below:  # those that left the group (setsid) too
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)
    process.wait()
    return len(below)


def run_process(
    command: Sequence[str], env: Mapping[str, str], timeout: float, log: Path
) -> str | None:
    """Run one benchmark process tree with its output in ``log``; return why it failed, or None.

    Raises ``OSError`` if the log cannot be written.  Whatever happens (timeout,
    KeyboardInterrupt), no process of the tree outlives this call; and if the harness itself
    is killed, the supervisor kills the tree.
    """
    with open(log, "wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-I", "-c", SUPERVISOR, str(os.getpid()), *command],
            stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT, env=dict(env),
            start_new_session=True,
        )  # fmt: skip
        try:
            code = process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_tree(process)
            return f"timed out after {timeout:g} s"
        finally:
            if process.returncode is None:  # interrupted: nothing may keep running
                kill_tree(process)
    if code == 0:
        return None
    return describe_failure(code, log.read_text(encoding="utf-8", errors="replace"))


def check_interpreter(python: str, *, start: bool = False) -> None:
    """Raise :class:`InterpreterGone` unless ``python`` exists (and, with ``start``, starts)."""
    if not os.path.exists(python):  # follows symlinks: an environment whose base is gone
        real = os.path.realpath(python)
        where = f"{python} (-> {real})" if real != os.path.abspath(python) else python
        raise InterpreterGone(f"the interpreter is gone: {where} does not exist any more")
    if not os.access(python, os.X_OK):
        raise InterpreterGone(f"the interpreter is gone: {python} is not executable")
    if not start:
        return
    try:
        done = subprocess.run(
            # -E -s: the harness's PYTHONPATH may not even parse on this interpreter (2.7).
            [python, "-E", "-s", "-c", "pass"], stdin=subprocess.DEVNULL, capture_output=True,
            timeout=120, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise InterpreterGone(f"the interpreter no longer starts: {python}: {exc}") from None
    if done.returncode != 0:
        output = done.stdout.decode(errors="replace") + done.stderr.decode(errors="replace")
        lines = [line for line in output.splitlines() if line.strip()]
        cause = _short(lines[-1]) if lines else f"exit status {done.returncode}"
        raise InterpreterGone(f"the interpreter no longer starts: {python}: {cause}")
