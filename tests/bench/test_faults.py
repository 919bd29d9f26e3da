"""Faults in a bench run: each is reported with its cause, nothing recorded is lost, and
``--resume`` continues.

The suites are tiny plain pyperf scripts run with the smoke preset (one process, one value);
"interpreters" are this Python under several labels, or throwaway environments of it that a
test deletes.  No environment is built except in the lock-file test, which installs nothing
from the network: it points pip at a wheel written by hand.
"""

from __future__ import annotations

import argparse
import base64
import errno
import hashlib
import json
import os
import signal
import subprocess
import sys
import sysconfig
import textwrap
import time
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyperf
import pytest

from legacylift.bench import cli, envs
from legacylift.bench.envs import EnvError, ensure_env
from legacylift.bench.interpreters import Interpreter
from legacylift.bench.results import JOBS, STATUS, JobStatus, load_status, unreadable
from legacylift.bench.run import Job, Options, RunPlan, RunStopped, execute, recover, run_job
from legacylift.bench.suite import load_suite
from legacylift.bench.variants import Variant

ROOT = Path(__file__).resolve().parents[2]
VERSION = (sys.version_info[0], sys.version_info[1], sys.version_info[2])
LABEL = f"cpython-{VERSION[0]}.{VERSION[1]}"
SMOKE = Options("smoke", timeout=60)

OK = """\
import pyperf
pyperf.Runner().bench_func({name!r}, sum, range(100))
"""
# In a worker, as a workload would: pyperf's master then reports "exit code N".
IN_WORKER = """\
import os, signal
import pyperf

def workload():
{body}

pyperf.Runner().bench_func({name!r}, workload)
"""
# The worker records its pid, starts a process that leaves the session, and never returns.
HANG = """\
import os, subprocess, sys, time
import pyperf

def workload():
    escapee = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(300)"],
                               start_new_session=True)
    with open({pids!r}, "w") as out:
        out.write("%d %d" % (os.getpid(), escapee.pid))
    time.sleep(300)

pyperf.Runner().bench_func("hang", workload)
"""
# Slow the first time only: a test kills the harness while it runs.
SLOW_ONCE = """\
import os, time
import pyperf

def workload():
    if not os.path.exists({marker!r}):
        with open({marker!r}, "w") as out:
            out.write(str(os.getpid()))
        time.sleep(120)

pyperf.Runner().bench_func("slow", workload)
"""


# --------------------------------------------------------------------------- helpers


def suite(tmp_path: Path, **scripts: str) -> Path:
    folder = tmp_path / "suite"
    folder.mkdir(exist_ok=True)
    for name, body in scripts.items():
        (folder / f"{name}.py").write_text(body.format(name=name))
    return folder


def worker(body: str) -> str:
    """A benchmark whose workload runs ``body`` (in the pyperf worker)."""
    return IN_WORKER.replace("{body}", textwrap.indent(textwrap.dedent(body), "    "))


def interpreter(label: str = LABEL, path: str = sys.executable) -> Interpreter:
    return Interpreter(path=path, implementation="cpython", version=VERSION, jit=None, label=label)


def plan_for(
    tmp_path: Path, folder: Path, pythons: dict[str, str], options: Options = SMOKE
) -> RunPlan:
    """A plan of the "before" variant of the suite ``folder`` on every interpreter given."""
    variant = Variant("before", folder, None)
    jobs = [Job(interpreter(label, path), variant, bench)
            for label, path in pythons.items() for bench in load_suite(folder)]  # fmt: skip
    run = tmp_path / "run"
    run.mkdir(exist_ok=True)
    return RunPlan(run, jobs, dict(pythons), options, "faults", date="20250101")


def no_errors(plan: RunPlan) -> dict[tuple[str, str], dict[str, str]]:
    return {(label, "before"): {} for label in plan.pythons}


def states(status: dict[str, JobStatus]) -> dict[str, str]:
    return {key: job.state for key, job in status.items()}


def names_in(path: Path) -> list[str]:
    benchmarks = pyperf.BenchmarkSuite.load(str(path)).get_benchmarks()
    return sorted(bench.get_name() for bench in benchmarks)


def fake_env(where: Path) -> Path:
    """A virtual environment of this Python that sees its packages (pyperf): its python."""
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(where)], check=True)
    purelib = sysconfig.get_path("purelib", vars={"base": str(where), "platbase": str(where)})
    Path(purelib, "dev.pth").write_text(sysconfig.get_path("purelib") + "\n")
    return where / "bin" / "python"


def dead(pid: int) -> bool:
    """Whether ``pid`` is gone or a zombie (killed, waiting to be reaped)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rpartition(")")[2].split()[0] in ("Z", "X")


def wait_until(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.1)


@pytest.fixture
def bench_args(tmp_path: Path) -> Callable[..., argparse.Namespace]:
    """``legacylift bench`` arguments for a run in ``tmp_path/run``."""

    def make(*extra: str) -> argparse.Namespace:
        common = ["--suite", str(tmp_path / "suite"), "--workdir", str(tmp_path / "w")]
        speed = [] if {"--fast", "--smoke"} & set(extra) else ["--smoke"]
        where = [] if "--resume" in extra else ["--results", str(tmp_path / "run")]
        return cli.build_parser().parse_args([*common, *speed, *where, *extra])

    return make


@pytest.fixture
def labelled(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, str]]:
    """Discovery finds exactly the interpreters put in this dict (label -> path); the
    environment of an interpreter is the interpreter itself, except for missing ones, which
    go through the real environment builder."""
    found: dict[str, str] = {}

    def discovered(args: argparse.Namespace) -> list[Interpreter]:
        return [interpreter(label, path) for label, path in found.items()]

    def environment(interp: Interpreter, root: Path) -> Path:
        if os.path.exists(interp.path):
            return Path(interp.path)
        return envs.ensure_env(interp, root)

    monkeypatch.setattr(cli, "_interpreters", discovered)
    monkeypatch.setattr(cli, "ensure_env", environment)
    yield found


DRIVER = """\
import json, os, sys
from pathlib import Path
from legacylift.bench import cli
from legacylift.bench.interpreters import Interpreter

version = tuple(sys.version_info[:3])
cli._interpreters = lambda args: [Interpreter(sys.executable, "cpython", version, None, {label!r})]
cli.ensure_env = lambda interp, root: Path(interp.path)
sys.exit(cli.main(sys.argv[1:]))
"""


def start_bench(tmp_path: Path, *args: str) -> subprocess.Popen[str]:
    """``legacylift bench`` in a process of its own, discovering only this Python."""
    driver = tmp_path / "driver.py"
    driver.write_text(DRIVER.format(label=LABEL))
    common = ["--smoke", "--suite", str(tmp_path / "suite"), "--workdir", str(tmp_path / "w")]
    return subprocess.Popen(
        [sys.executable, str(driver), *common, *args], cwd=ROOT, text=True,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


# --------------------------------------------------------------------------- benchmarks


def test_a_raising_benchmark_is_reported_and_the_others_still_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = suite(
        tmp_path,
        alpha=OK,
        boom=worker("raise ValueError('the workload broke at step 3')"),
        omega=OK,
    )
    plan = plan_for(tmp_path, folder, {LABEL: sys.executable, "other-3.11": sys.executable})
    status = execute(plan, no_errors(plan))
    assert states(status) == {
        f"{label}/before/{name}": "failed" if name == "boom" else "ok"
        for label in (LABEL, "other-3.11")
        for name in ("alpha", "boom", "omega")
    }
    cause = "exit status 1: ValueError: the workload broke at step 3"
    assert status[f"{LABEL}/before/boom"].detail == cause
    assert not status[f"{LABEL}/before/boom"].retry, "the benchmark's own fault: not retried"
    lines = [line for line in capsys.readouterr().err.splitlines() if "FAILED" in line]
    assert len(lines) == 2
    assert all("before" in line and "boom" in line and line.endswith(cause) for line in lines)
    assert LABEL in lines[0] and "other-3.11" in lines[1]
    for suite_file in {plan.result_file(job) for job in plan.jobs}:
        assert names_in(suite_file) == ["alpha", "omega"]


@pytest.mark.parametrize(
    ("body", "cause"),
    [
        pytest.param("os._exit(3)", "exit status 3 in a pyperf worker, without a traceback",
                     id="os._exit"),
        pytest.param("os.kill(os.getpid(), signal.SIGKILL)",
                     "killed by signal 9 (SIGKILL) in a pyperf worker", id="SIGKILL"),
        pytest.param("import ctypes\nctypes.string_at(0)",
                     "killed by signal 11 (SIGSEGV) in a pyperf worker", id="segfault"),
    ],
)  # fmt: skip
def test_a_benchmark_that_kills_its_worker_is_reported_with_the_signal(
    tmp_path: Path, body: str, cause: str
) -> None:
    folder = suite(tmp_path, crash=worker(body))
    [job] = plan_for(tmp_path, folder, {LABEL: sys.executable}).jobs
    output, failure = run_job(job, sys.executable, SMOKE, tmp_path)
    assert (output, failure) == (None, cause)


def test_a_benchmark_that_kills_the_pyperf_master_is_reported_with_the_signal(
    tmp_path: Path,
) -> None:
    folder = suite(tmp_path, crash="import os, signal\nos.kill(os.getpid(), signal.SIGSEGV)\n")
    [job] = plan_for(tmp_path, folder, {LABEL: sys.executable}).jobs
    assert run_job(job, sys.executable, SMOKE, tmp_path) == (
        None,
        "killed by signal 11 (SIGSEGV): no output",
    )


def test_a_hanging_benchmark_times_out_and_its_whole_tree_is_killed(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    folder = suite(tmp_path, hang=HANG.replace("{pids!r}", repr(str(pids))))
    [job] = plan_for(tmp_path, folder, {LABEL: sys.executable}).jobs
    started = time.monotonic()
    output, failure = run_job(job, sys.executable, Options("smoke", timeout=4), tmp_path)
    assert (output, failure) == (None, "timed out after 4 s")
    assert time.monotonic() - started < 30
    worker_pid, escapee = map(int, pids.read_text().split())
    # The pyperf worker (in the benchmark's group), and the process that left the group.
    wait_until(lambda: dead(worker_pid) and dead(escapee), seconds=10)


# --------------------------------------------------------------------------- interpreters


def test_an_interpreter_that_disappears_mid_run_is_reported_and_retried(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = suite(tmp_path, alpha=OK, beta=OK)
    gone = fake_env(tmp_path / "gone-env")
    pythons = {LABEL: sys.executable, "gone-3.11": str(gone), "other-3.11": sys.executable}
    plan = plan_for(tmp_path, folder, pythons)
    (folder / "alpha.py").write_text(  # the first job uninstalls the second interpreter
        "import shutil\n"
        f"shutil.rmtree({str(tmp_path / 'gone-env')!r}, ignore_errors=True)\n"
        + OK.format(name="alpha")
    )
    status = execute(plan, no_errors(plan))
    err = capsys.readouterr().err
    for name in ("alpha", "beta"):
        assert status[f"{LABEL}/before/{name}"].state == "ok"
        assert status[f"other-3.11/before/{name}"].state == "ok", "the others run"
        lost = status[f"gone-3.11/before/{name}"]
        assert lost.state == "failed" and lost.retry
        assert lost.detail == f"the interpreter is gone: {gone} does not exist any more"
    assert err.count("FAILED: the interpreter is gone") == 2
    # Back again (reinstalled): a resumed run runs exactly its jobs.
    (folder / "alpha.py").write_text(OK.format(name="alpha"))
    fake_env(tmp_path / "gone-env")
    status = execute(plan, no_errors(plan))
    assert set(states(status).values()) == {"ok"}
    assert "[  2/2] gone-3.11" in capsys.readouterr().err


def test_the_summary_lists_every_failure_with_its_cause(
    tmp_path: Path,
    labelled: dict[str, str],
    bench_args: Callable[..., argparse.Namespace],
    capsys: pytest.CaptureFixture[str],
) -> None:
    suite(tmp_path, alpha=OK, boom=worker("raise KeyError('no such record')"))
    gone = tmp_path / "python3-deleted"
    os.symlink(sys.executable, gone)
    labelled.update({LABEL: sys.executable, "cpython-3.99": str(gone)})
    gone.unlink()  # between discovery and its run
    code, folder = cli.run_bench(bench_args())
    err = capsys.readouterr().err
    assert code == 1 and folder == tmp_path / "run"
    cause = f"cpython-3.99: the interpreter is gone: {gone} does not exist any more"
    assert f"  {cause} (log:" not in err and f"  {cause}" in err, "one line, no pip log"
    summary = err[err.index("failed (6):") :]
    assert f"  {LABEL}/before/boom: exit status 1: KeyError: 'no such record'" in summary
    assert f"  {LABEL}/after/boom: exit status 1: KeyError: 'no such record'" in summary
    assert f"  cpython-3.99/before/alpha: environment: {cause}" in summary
    assert f"  cpython-3.99/after/boom: environment: {cause}" in summary
    status = load_status(folder)
    assert status[f"{LABEL}/after/alpha"].state == "ok"
    assert status["cpython-3.99/after/alpha"].retry, "--resume builds its environment again"


# --------------------------------------------------------------------------- result files


def test_damaged_results_are_set_aside_and_only_their_jobs_run_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = suite(tmp_path, alpha=OK, beta=OK, gamma=OK)
    plan = plan_for(tmp_path, folder, {LABEL: sys.executable})
    execute(plan, no_errors(plan))
    alpha, beta, gamma = (plan.job_file(job) for job in plan.jobs)
    suite_file = plan.result_file(plan.jobs[0])
    kept = gamma.read_bytes()
    alpha.write_bytes(alpha.read_bytes()[:100])  # truncated
    beta.write_text('{"version": "1.0", "benchmarks": [{}]}')  # JSON, but no pyperf result
    suite_file.write_bytes(suite_file.read_bytes()[:-30])

    notes = recover(plan)
    assert notes == [
        f"{LABEL}/before/alpha: cannot trust {JOBS}/{alpha.name} "
        f"({unreadable(alpha.with_name(alpha.name + '.corrupt'))}): running it again",
        f"{LABEL}/before/beta: cannot trust {JOBS}/{beta.name} "
        f"({unreadable(beta.with_name(beta.name + '.corrupt'))}): running it again",
        f"{suite_file.name} is unreadable "
        f"({unreadable(suite_file.with_name(suite_file.name + '.corrupt'))}): "
        "set aside, rebuilt from 1 per-job results",
    ]
    assert "JSONDecodeError" in notes[0]
    assert names_in(suite_file) == ["gamma"]
    capsys.readouterr()
    status = execute(plan, no_errors(plan))
    assert set(states(status).values()) == {"ok"}
    err = capsys.readouterr().err
    assert "[  1/2]" in err and "alpha" in err and "beta" in err and "gamma" not in err
    assert gamma.read_bytes() == kept
    assert names_in(suite_file) == ["alpha", "beta", "gamma"]


def test_an_unreadable_ledger_is_rebuilt_from_the_result_files(tmp_path: Path) -> None:
    folder = suite(tmp_path, alpha=OK, crash="raise SystemExit('broken')\n")
    plan = plan_for(tmp_path, folder, {LABEL: sys.executable})
    execute(plan, no_errors(plan))
    (plan.folder / STATUS).write_text('{"cpython-3.11/before/alpha": {"state": "o')
    [note] = recover(plan)
    assert note.startswith(f"{STATUS} is unreadable (JSONDecodeError: ")
    assert note.endswith(f"1 finished jobs recovered from {JOBS}/, the others run again")
    assert states(load_status(plan.folder)) == {f"{LABEL}/before/alpha": "ok"}
    assert (plan.folder / f"{STATUS}.corrupt").exists()
    status = execute(plan, no_errors(plan))
    assert status[f"{LABEL}/before/crash"].detail == "exit status 1: broken"


def test_a_full_disk_stops_the_run_keeps_what_was_written_and_resume_continues(
    tmp_path: Path,
    labelled: dict[str, str],
    bench_args: Callable[..., argparse.Namespace],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    suite(tmp_path, alpha=OK, beta=OK)
    labelled[LABEL] = sys.executable
    real_dump = pyperf.BenchmarkSuite.dump
    calls = []

    def dump(self: Any, filename: str, **kwargs: Any) -> None:
        calls.append(filename)
        if len(calls) == 4:  # beta's suite file: half written, then the disk is full
            Path(filename).write_text('{"version": "1.0", "benchm')
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), filename)
        real_dump(self, filename, **kwargs)

    monkeypatch.setattr(pyperf.BenchmarkSuite, "dump", dump)
    code, folder = cli.run_bench(bench_args())
    err = capsys.readouterr().err
    run = tmp_path / "run"
    assert (code, folder) == (1, None)
    stop = f"{LABEL}/before/beta: cannot write the results: No space left on device"
    assert f"legacylift bench: stopped: {stop}" in err
    assert f"continue with: legacylift bench --resume {run}" in err
    assert "[  3/4]" not in err, "no job runs once the results cannot be written"
    assert states(load_status(run)) == {f"{LABEL}/before/alpha": "ok"}
    [suite_file] = run.glob("cpython-*-before-*.json")
    assert names_in(suite_file) == ["alpha"], "the suite file of before is whole"
    assert not [p.name for p in run.glob(".*") if p.name != ".lock"], "no temporary file left"

    monkeypatch.setattr(pyperf.BenchmarkSuite, "dump", real_dump)  # space freed
    code, folder = cli.run_bench(bench_args("--resume", str(run)))
    err = capsys.readouterr().err
    assert (code, folder) == (0, run)
    assert "[  1/3]" in err and "alpha" not in err.split("[  1/3]", 1)[1].split("\n")[0]
    assert set(states(load_status(run)).values()) == {"ok"} and len(load_status(run)) == 4
    assert names_in(suite_file) == ["alpha", "beta"]


def test_a_benchmark_out_of_disk_space_stops_the_run_unrecorded(tmp_path: Path) -> None:
    folder = suite(
        tmp_path,
        alpha=OK,
        full="import errno, os\nraise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))\n",
        omega=OK,
    )
    plan = plan_for(tmp_path, folder, {LABEL: sys.executable})
    with pytest.raises(RunStopped, match=r"/before/full: exit status 1: OSError: \[Errno 28\]"):
        execute(plan, no_errors(plan))
    assert states(load_status(plan.folder)) == {f"{LABEL}/before/alpha": "ok"}


def test_a_resumed_run_keeps_its_files_and_refuses_a_second_harness(
    tmp_path: Path,
    labelled: dict[str, str],
    bench_args: Callable[..., argparse.Namespace],
    capsys: pytest.CaptureFixture[str],
) -> None:
    suite(tmp_path, alpha=OK)
    labelled[LABEL] = sys.executable
    assert cli.run_bench(bench_args())[0] == 0
    run = tmp_path / "run"
    # Started on an earlier day: the resumed jobs go into that day's files, not new ones.
    plan = json.loads((run / "run.json").read_text())
    for path in run.glob(f"*-{plan['date']}-*.json"):
        path.rename(path.with_name(path.name.replace(plan["date"], "20240229")))
    (run / "run.json").write_text(json.dumps({**plan, "date": "20240229"}))
    status = json.loads((run / STATUS).read_text())
    del status[f"{LABEL}/after/alpha"]
    (run / STATUS).write_text(json.dumps(status))
    damaged = run / JOBS / f"{LABEL}--before--alpha.json"
    damaged.write_bytes(damaged.read_bytes()[:-10])
    capsys.readouterr()
    assert cli.run_bench(bench_args("--resume", str(run), "--fast"))[0] == 0
    err = capsys.readouterr().err
    assert "resuming with the run's own preset smoke (not fast)" in err
    assert (
        f"legacylift bench: {LABEL}/before/alpha: cannot trust {JOBS}/{damaged.name} "
        "(JSONDecodeError: "
    ) in err
    assert "running it again" in err and "[  2/2]" in err
    assert sorted(p.name.split("-")[3] for p in run.glob("cpython-*.json")) == ["20240229"] * 2
    assert json.loads((run / "run.json").read_text())["date"] == "20240229"

    fcntl = pytest.importorskip("fcntl")
    with (run / ".lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(SystemExit, match="another legacylift bench is running in"):
            cli.run_bench(bench_args("--resume", str(run)))


# --------------------------------------------------------------------------- interruption


def test_a_killed_harness_leaves_nothing_running_and_resume_runs_the_rest(
    tmp_path: Path,
) -> None:
    marker = tmp_path / "slow-started"
    suite(tmp_path, alpha=OK, slow=SLOW_ONCE.replace("{marker!r}", repr(str(marker))), zeta=OK)
    run = tmp_path / "run"
    bench = start_bench(tmp_path, "--results", str(run), "--timeout", "300")
    try:
        wait_until(lambda: marker.exists() and marker.read_text() != "", seconds=90)
        worker_pid = int(marker.read_text())
        bench.kill()
        bench.communicate()
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.communicate()
    wait_until(lambda: dead(worker_pid), seconds=10)  # its supervisor killed the benchmark
    status = load_status(run)
    assert states(status) == {f"{LABEL}/before/alpha": "ok"}
    alpha = run / JOBS / f"{LABEL}--before--alpha.json"
    kept = alpha.read_bytes()

    resumed = start_bench(tmp_path, "--resume", str(run))
    _, err = resumed.communicate(timeout=300)
    assert resumed.returncode == 0, err
    assert "[  1/5]" in err and "[  5/5]" in err and "[  1/6]" not in err
    assert set(states(load_status(run)).values()) == {"ok"} and len(load_status(run)) == 6
    assert alpha.read_bytes() == kept, "a finished result is kept, not run again"
    [before] = run.glob("cpython-*-before-*.json")
    assert names_in(before) == ["alpha", "slow", "zeta"]


def test_sigterm_stops_the_run_cleanly_and_says_how_to_resume(tmp_path: Path) -> None:
    pids = tmp_path / "pids"
    suite(tmp_path, hang=HANG.replace("{pids!r}", repr(str(pids))))
    run = tmp_path / "run"
    bench = start_bench(tmp_path, "--results", str(run), "--timeout", "300")
    try:
        wait_until(lambda: pids.exists() and len(pids.read_text().split()) == 2, seconds=90)
        bench.send_signal(signal.SIGTERM)
        _, err = bench.communicate(timeout=60)
    finally:
        if bench.poll() is None:
            bench.kill()
            bench.communicate()
    assert bench.returncode == 130, err
    assert "legacylift bench: stopped: interrupted" in err
    assert f"continue with: legacylift bench --resume {run}" in err
    assert "Traceback" not in err
    worker_pid, escapee = map(int, pids.read_text().split())
    wait_until(lambda: dead(worker_pid) and dead(escapee), seconds=10)
    assert load_status(run) == {}


# --------------------------------------------------------------------------- lock files


def digest(data: bytes) -> str:
    """A wheel RECORD's hash: urlsafe base64 of the sha256, without padding."""
    return base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def wheel(folder: Path, name: str, version: str = "1.0") -> Path:
    """A pure-Python wheel of one module ``name`` (``__version__ = version``), made by hand."""
    files = {f"{name}.py": f"__version__ = {version!r}\n".encode()}
    info = f"{name}-{version}.dist-info"
    files[f"{info}/METADATA"] = (
        f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n".encode()
    )
    files[f"{info}/WHEEL"] = (
        b"Wheel-Version: 1.0\nGenerator: legacylift-tests\nRoot-Is-Purelib: true\n"
        b"Tag: py3-none-any\n"
    )
    record = [f"{path},sha256={digest(data)},{len(data)}" for path, data in files.items()]
    files[f"{info}/RECORD"] = ("\n".join([*record, f"{info}/RECORD,,"]) + "\n").encode()
    path = folder / f"{name}-{version}-py3-none-any.whl"
    with zipfile.ZipFile(path, "w") as archive:
        for member, data in files.items():
            archive.writestr(member, data)
    return path


def test_a_hash_mismatch_in_a_lock_is_refused_before_anything_is_installed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    wheels, locks = tmp_path / "wheels", tmp_path / "locks"
    wheels.mkdir()
    locks.mkdir()
    good, bad = wheel(wheels, "llfaults_good"), wheel(wheels, "llfaults_bad")
    right = hashlib.sha256(good.read_bytes()).hexdigest()
    wrong = hashlib.sha256(bad.read_bytes() + b"tampered").hexdigest()
    (locks / "py3.txt").write_text(
        f"llfaults_good==1.0 \\\n    --hash=sha256:{right}\n"
        f"llfaults_bad==1.0 \\\n    --hash=sha256:{wrong}\n"
    )
    monkeypatch.setenv("PIP_NO_INDEX", "1")  # offline: only the wheels above
    monkeypatch.setenv("PIP_FIND_LINKS", str(wheels))
    target = interpreter(path=getattr(sys, "_base_executable", sys.executable))
    log = tmp_path / "pip.log"

    with pytest.raises(EnvError) as caught:
        ensure_env(target, tmp_path / "envs", log=log, locks=locks)

    message = str(caught.value)
    assert "\n" not in message
    assert message == (
        f"{LABEL}: {locks / 'py3.txt'}: hash mismatch for llfaults_bad 1.0: "
        f"refusing to install (log: {log})"
    )
    assert "--require-hashes" in log.read_text()
    python = envs.env_python(tmp_path / "envs" / LABEL)
    for module in ("llfaults_good", "llfaults_bad"):
        imported = subprocess.run([str(python), "-c", f"import {module}"], capture_output=True,
                                  check=False)  # fmt: skip
        assert imported.returncode != 0, f"{module} was installed"
    assert not (tmp_path / "envs" / LABEL / envs.STAMP_NAME).exists()

    # The same lock with the right hash installs (the refusal above was the hash's doing).
    right_bad = hashlib.sha256(bad.read_bytes()).hexdigest()
    (locks / "py3.txt").write_text((locks / "py3.txt").read_text().replace(wrong, right_bad))
    build = envs._Build(target, envs.PLANS["py3"], locks, log)
    build.install(python, envs.Step("py3.txt"))
    code = "import llfaults_bad; print(llfaults_bad.__version__)"
    shown = subprocess.run([str(python), "-c", code], capture_output=True, text=True, check=True)
    assert shown.stdout.strip() == "1.0"
