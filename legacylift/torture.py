"""Corpus torture: the real ``legacylift modernize`` over whole standard libraries and legacy
projects must not crash, and must not damage a file it cannot handle.

What a clean run proves, for each root (by default pyenv's CPython 2.7 and 3.8-3.13
``lib/pythonX.Y`` without ``site-packages``, and the eight Python 2 projects of the development
corpus, ``../shared/corpus``, unpacked from their sdists checked against the manifest's sha256):

* the command a user runs, ``legacylift modernize COPY --target X.Y --jobs N --no-cache``
  (``--python2`` and target 3.8 for Python 2 code; a 3.x library's target is its own version,
  and the command chooses its Python 2 mode: on if any file is Python 2, as lib2to3's test
  data are), run in a subprocess on a copy of the root, does not crash: its exit status is 0,
  or 3 with the files it could not handle reported; nothing on its output is a traceback, no
  file was lost to an "internal error" (a codemod exception the runner caught) or to a
  worker's death, and it finishes within ``--timeout``;
* every file it reported is byte-identical to the original (sha256), and so is every file it
  does not walk to; no file appears or vanishes and no permission bits change;
* every Python file that compiled before on the root's own interpreter (2.7 for Python 2 code,
  X.Y for a 3.x library) and was not reported compiles afterwards on pyenv's interpreter of the
  target (CPython's deliberately broken test files, lib2to3's test data, ... do not count).

``python -m legacylift.torture [--jobs N] [--keep DIR] [ROOTS...]`` prints one table row per
root and a line per problem; exit status 1 if there is any. A root is ``stdlib-X.Y``,
``corpus`` (every project), ``corpus-NAME`` (one project) or a folder (``--source``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import stat
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from tabulate import tabulate

from legacylift.corpora import CorpusError, default_cache, pyenv_cpython, sha256_of, unpack
from legacylift.versions import Version, parse_version
from legacylift.walk import Target, find_files

STDLIB_VERSIONS: tuple[Version, ...] = ((2, 7), (3, 8), (3, 9), (3, 10), (3, 11), (3, 12), (3, 13))
#: The development corpus, next to this repository (``../shared/corpus``).
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
#: Never copied: third-party code, and byte code the walker never reads.
NOT_COPIED = ("site-packages", "__pycache__")
#: A reported reason that is a crash the runner survived, not a file it cannot handle.
CRASH_REASONS = ("internal error", "the worker process died")
TRACEBACK = "Traceback (most recent call last)"
EXIT_OK, EXIT_FAILED = 0, 3  # legacylift modernize: done; some files could not be modernized

# Runs on every interpreter from 2.7 on: paths on stdin, "path<TAB>why" for each failure.
_COMPILE = r"""
import sys, warnings
warnings.simplefilter("ignore")
for path in sys.stdin.read().splitlines():
    try:
        with open(path, "rb") as handle:
            compile(handle.read(), path, "exec", 0, True)
    except Exception as exc:
        sys.stdout.write("%s\t%s: %r\n" % (path, type(exc).__name__, getattr(exc, "msg", exc)))
"""


class TortureError(Exception):
    """A root or an interpreter that cannot be set up; the message is one line."""


@dataclass(frozen=True)
class Root:
    """A tree to modernize, and the Python its code was written for."""

    name: str
    path: Path
    source: Version
    target: Version

    @property
    def python2(self) -> bool:
        return self.source < (3, 0)


@dataclass(frozen=True)
class Entry:
    """A file's permission bits and content (sha256, or a link's target)."""

    mode: int
    digest: str


@dataclass
class Verdict:
    """What one root's run did, and every problem found."""

    root: Root
    files: int = 0
    changed: int = 0
    reported: dict[str, str] = field(default_factory=dict)
    untouched: int = 0
    crashes: list[str] = field(default_factory=list)
    regressions: list[str] = field(default_factory=list)
    damage: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.crashes or self.regressions or self.damage)

    def row(self) -> tuple[object, ...]:
        return (
            self.root.name, spelled(self.root.target), self.files, self.changed, self.untouched,
            len(self.crashes), len(self.regressions), len(self.damage), f"{self.seconds:.0f}",
        )  # fmt: skip

    def problems(self) -> Iterator[str]:
        for kind, found in (("crash", self.crashes), ("does not compile", self.regressions),
                            ("damage", self.damage)):  # fmt: skip
            yield from (f"{self.root.name}: {kind}: {detail}" for detail in found)


HEADERS = (
    "root", "target", "files", "changed", "reported, untouched", "crashes",
    "compile regressions", "damage", "seconds",
)  # fmt: skip


def spelled(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def interpreter(version: Version) -> str:
    """pyenv's newest plain CPython ``version`` (this Python if it is that version)."""
    found = pyenv_cpython(version)
    if found is not None:
        return found.path
    if sys.version_info[:2] == version:
        return sys.executable
    raise TortureError(
        f"pyenv has no CPython {spelled(version)} (pyenv install {spelled(version)})"
    )


def library_folder(python: str) -> Path:
    """The standard library folder (``lib/pythonX.Y``) of ``python``."""
    code = "import sysconfig; print(sysconfig.get_paths()['stdlib'])"
    done = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True)
    return Path(done.stdout.strip())


def stdlib_root(version: Version, target: Version) -> Root:
    """pyenv's ``lib/pythonX.Y``; Python 2 code is ported to ``target``, 3.x to its own."""
    path = library_folder(interpreter(version))
    return Root(
        f"stdlib-{spelled(version)}", path, version, target if version < (3, 0) else version
    )


def sdist_folders(extra: Sequence[Path]) -> list[Path]:
    """Where the corpus runner (and we) keep the sdists: ``--sdists``, ``$CORPUS_WORKDIR``,
    the runner's default workdir, then the corpus cache."""
    folders = list(extra)
    if os.environ.get("CORPUS_WORKDIR"):
        folders.append(Path(os.environ["CORPUS_WORKDIR"]) / "sdists")
    folders.append(Path(tempfile.gettempdir()) / "py2to3-corpus-work" / "sdists")
    folders.append(default_cache() / "sdists")
    return folders


def find_sdist(project: Mapping[str, str], folders: Sequence[Path]) -> Path | None:
    """The project's archive with the manifest's sha256 in one of ``folders``, or None."""
    for folder in folders:
        archive = folder / project["archive"]
        if archive.is_file() and sha256_of(archive) == project["sha256"]:
            return archive
    return None


def unzip(archive: Path, dest: Path) -> None:
    """Unpack a ``.zip`` into ``dest`` (created), refusing names that would land outside it."""
    with zipfile.ZipFile(archive) as bundle:
        for name in bundle.namelist():
            parts = PurePosixPath(name).parts
            if name.startswith("/") or ".." in parts or ":" in name:
                raise CorpusError(f"refusing archive member {name!r}: outside the folder")
        dest.mkdir(parents=True)
        bundle.extractall(dest)


def corpus_roots(
    manifest: Path, folders: Sequence[Path], scratch: Path, target: Version, only: str | None
) -> tuple[list[Root], list[str]]:
    """The corpus projects unpacked under ``scratch`` (raw sdists: no patch, no prep step),
    and a note for each project whose sdist was not found."""
    roots, notes = [], []
    for project in json.loads(manifest.read_text(encoding="utf-8"))["projects"]:
        if only is not None and project["name"].lower() != only.lower():
            continue
        archive = find_sdist(project, folders)
        if archive is None:
            where = ", ".join(str(folder) for folder in folders)
            notes.append(
                f"corpus-{project['name']}: no {project['archive']} with the pinned sha256 in "
                f"{where} (run_corpus.py downloads it; or --sdists DIR)"
            )
            continue
        dest = scratch / project["name"]
        if archive.name.endswith(".zip"):
            unzip(archive, dest)
        else:
            unpack(archive, dest)
        roots.append(Root(f"corpus-{project['name']}", dest / project["root"], (2, 7), target))
    if only is not None and not roots and not notes:
        raise TortureError(f"corpus-{only}: no such project in {manifest}")
    return roots, notes


def copy_root(root: Root, dest: Path) -> None:
    """Copy the root (links as links, modes kept) without site-packages and byte code."""
    shutil.copytree(root.path, dest, symlinks=True, ignore=shutil.ignore_patterns(*NOT_COPIED))


def snapshot(tree: Path) -> dict[str, Entry]:
    """Every file under ``tree`` (relative path -> permission bits and content)."""
    found = {}
    for folder, _, names in os.walk(tree):
        for name in names:
            path = Path(folder, name)
            info = path.lstat()
            link = stat.S_ISLNK(info.st_mode)
            digest = f"link:{os.readlink(path)}" if link else sha256_of(path)
            found[path.relative_to(tree).as_posix()] = Entry(stat.S_IMODE(info.st_mode), digest)
    return found


def compile_failures(python: str, tree: Path, files: Iterable[str]) -> dict[str, str]:
    """The ``files`` (relative to ``tree``) that ``python`` cannot compile, with why."""
    listing = "".join(f"{tree / name}\n" for name in files)
    if not listing:
        return {}
    done = subprocess.run(
        [python, "-c", _COMPILE], input=listing, capture_output=True, text=True, check=False,
        errors="replace",
    )  # fmt: skip
    if done.returncode != 0:
        raise TortureError(f"{python} could not run the compile check: {done.stderr.strip()}")
    failed = {}
    for line in done.stdout.splitlines():
        path, _, why = line.partition("\t")
        failed[Path(path).relative_to(tree).as_posix()] = why
    return failed


@dataclass
class ToolRun:
    """The modernize subprocess: exit status (None: timed out), its output, its time."""

    status: int | None
    output: str
    seconds: float


def modernize_command(command: Sequence[str], copy: Path, root: Root, jobs: int) -> list[str]:
    spell = ["--target", spelled(root.target), "--jobs", str(jobs), "--no-cache", "--quiet"]
    return [*command, "modernize", str(copy), *spell, *(["--python2"] if root.python2 else [])]


def run_tool(arguments: Sequence[str], timeout: float) -> ToolRun:
    """Run the command; stdout and stderr together (``--quiet`` prints only failures)."""
    start = time.perf_counter()
    try:
        done = subprocess.run(
            arguments, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT, text=True, errors="replace", timeout=timeout, check=False,
        )  # fmt: skip
    except subprocess.TimeoutExpired as expired:
        output = expired.output
        text = output.decode(errors="replace") if isinstance(output, bytes) else output or ""
        return ToolRun(None, text, time.perf_counter() - start)
    return ToolRun(done.returncode, done.stdout, time.perf_counter() - start)


def reported_files(output: str, displays: Mapping[str, str]) -> dict[str, str]:
    """The files the run reported (relative path -> reason): ``--quiet`` prints one
    ``PATH: REASON`` line per file it left alone, PATH as the walker displays it."""
    longest_first = sorted(displays, key=len, reverse=True)
    found = {}
    for line in output.splitlines():
        for display in longest_first:
            if line.startswith(display + ": "):
                found[displays[display]] = line[len(display) + 2 :]
                break
    return found


def crashes(run: ToolRun, reported: Mapping[str, str], timeout: float) -> list[str]:
    """Why the run counts as crashed: each file lost to a caught exception or a dead worker,
    and one entry for the process if it printed a traceback, timed out or exited unexplained."""
    found = [f"{name}: {why}" for name, why in reported.items() if why.startswith(CRASH_REASONS)]
    process = []
    if TRACEBACK in run.output:
        tail = run.output[run.output.index(TRACEBACK) :].strip().splitlines()
        process.append(f"traceback ending {tail[-1]!r}")
    if run.status is None:
        process.append(f"no result after {timeout:.0f} s (killed)")
    elif run.status < 0:
        process.append(f"killed by signal {-run.status}")
    elif run.status == EXIT_FAILED and not reported:
        process.append("exit status 3 (files could not be modernized) but no file reported")
    elif run.status not in (EXIT_OK, EXIT_FAILED):
        last = (run.output.strip().splitlines() or ["no output"])[-1]
        process.append(f"exit status {run.status}: {last}")
    if process:
        found.append("the run: " + "; ".join(process))
    return found


def damage(
    before: Mapping[str, Entry], after: Mapping[str, Entry], owned: set[str],
    reported: Mapping[str, str], status: int | None,
) -> list[str]:  # fmt: skip
    """Files changed that should not have been: reported, not walked to, appeared, vanished,
    or whose permission bits changed; and an exit status 0 despite reported files."""
    found = [f"{name}: appeared" for name in sorted(after.keys() - before.keys())]
    found += [f"{name}: vanished" for name in sorted(before.keys() - after.keys())]
    for name in sorted(before.keys() & after.keys()):
        old, new = before[name], after[name]
        if old.mode != new.mode:
            found.append(f"{name}: mode {old.mode:o} became {new.mode:o}")
        if old.digest == new.digest:
            continue
        if name in reported:
            found.append(f"{name}: reported ({reported[name]}) but changed")
        elif name not in owned:
            found.append(f"{name}: changed, though modernize does not walk to it")
    if status == EXIT_OK and reported:
        found.append(f"exit status 0 though {len(reported)} files were reported")
    return found


def regressions(
    root: Root, copy: Path, *, python_files: Sequence[str], failed_before: Mapping[str, str],
    changed: set[str], reported: Mapping[str, str],
) -> list[str]:  # fmt: skip
    """The files that compiled before (on the root's own interpreter) and not after (on the
    target's), reported files aside; for 3.x code only a changed file can have regressed."""
    porting = root.source != root.target
    candidates = [
        name for name in python_files
        if name not in failed_before and name not in reported and (porting or name in changed)
    ]  # fmt: skip
    failed = compile_failures(interpreter(root.target), copy, candidates)
    return [
        f"{name} ({'rewritten' if name in changed else 'left as it was'}) on "
        f"{spelled(root.target)}: {why}"
        for name, why in sorted(failed.items())
    ]


def owned_reals(targets: Iterable[Target], copy: Path) -> set[str]:
    """The resolved paths of the targets, relative to ``copy`` (a link's target is owned)."""
    real_copy = copy.resolve()
    return {
        target.real.relative_to(real_copy).as_posix()
        for target in targets
        if real_copy in target.real.parents
    }


def torture(root: Root, copy: Path, command: Sequence[str], jobs: int, timeout: float) -> Verdict:
    """Modernize a copy of ``root`` at ``copy`` and check everything the module promises."""
    copy_root(root, copy)
    before = snapshot(copy)
    targets = find_files([str(copy)])
    displays = {t.display: Path(t.display).relative_to(copy).as_posix() for t in targets}
    python_files = [displays[t.display] for t in targets if not t.doctest]
    failed_before = compile_failures(interpreter(root.source), copy, python_files)
    run = run_tool(modernize_command(command, copy, root, jobs), timeout)
    after = snapshot(copy)
    reported = reported_files(run.output, displays)
    changed = {name for name in before.keys() & after.keys()
               if before[name].digest != after[name].digest}  # fmt: skip
    owned = set(displays.values()) | owned_reals(targets, copy)
    verdict = Verdict(root, files=len(targets), changed=len(changed & owned), reported=reported)
    verdict.untouched = sum(1 for name in reported if name not in changed)
    verdict.crashes = crashes(run, reported, timeout)
    verdict.damage = damage(before, after, owned, reported, run.status)
    verdict.regressions = regressions(
        root, copy, python_files=python_files, failed_before=failed_before, changed=changed,
        reported=reported,
    )  # fmt: skip
    verdict.seconds = run.seconds
    return verdict


def reason_kinds(reported: Mapping[str, str]) -> str:
    """``cannot parse 12, cannot decode as utf-8 1``: the reports grouped by their first words."""
    kinds = Counter(re.split(r":|\(|;", why, maxsplit=1)[0].strip() for why in reported.values())
    return ", ".join(f"{kind} {n}" for kind, n in kinds.most_common())


def resolve_roots(
    names: Sequence[str], args: argparse.Namespace, scratch: Path
) -> tuple[list[Root], list[str]]:
    """The roots the names stand for, and notes on corpus projects not found."""
    roots: list[Root] = []
    notes: list[str] = []
    folders = sdist_folders(args.sdists)
    manifest = args.corpus / "projects.json"
    for name in names:
        if name.startswith("stdlib-"):
            roots.append(stdlib_root(parse_version(name.partition("-")[2]), args.target))
        elif name == "corpus" or name.startswith("corpus-"):
            if not manifest.is_file():
                notes.append(f"{name}: no corpus manifest {manifest} (--corpus DIR)")
                continue
            only = name.partition("-")[2] or None
            found, missing = corpus_roots(manifest, folders, scratch, args.target, only)
            roots += found
            notes += missing
        elif Path(name).is_dir():
            target = args.target if args.source < (3, 0) else args.source
            roots.append(Root(Path(name).resolve().name, Path(name), args.source, target))
        else:
            raise TortureError(f"{name}: not stdlib-X.Y, corpus, corpus-NAME nor a folder")
    return roots, notes


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m legacylift.torture", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "roots", nargs="*", metavar="ROOT",
        help="stdlib-X.Y, corpus, corpus-NAME or a folder (default: stdlib-2.7 and 3.8-3.13, "
        "then corpus)",
    )  # fmt: skip
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="modernize's --jobs")
    parser.add_argument("--keep", type=Path, metavar="DIR", help="keep the copies in DIR/ROOT")
    parser.add_argument(
        "--target", type=parse_version, default=(3, 8), metavar="X.Y",
        help="target of Python 2 code (default 3.8); a 3.x root's target is its own version",
    )  # fmt: skip
    parser.add_argument(
        "--source", type=parse_version, default=(2, 7), metavar="X.Y",
        help="the Python a folder root was written for (default 2.7)",
    )  # fmt: skip
    parser.add_argument(
        "--corpus", type=Path, default=CORPUS, metavar="DIR", help=f"default {CORPUS}"
    )
    parser.add_argument(
        "--sdists", type=Path, action="append", default=[], metavar="DIR",
        help="where the corpus sdists are (else $CORPUS_WORKDIR/sdists, the corpus runner's "
        "default workdir, ~/.cache/legacylift/corpora/sdists)",
    )  # fmt: skip
    parser.add_argument(
        "--timeout", type=float, default=4 * 3600.0, metavar="S", help="seconds per root"
    )
    parser.add_argument(
        "--command", default=shlex.join([sys.executable, "-m", "legacylift"]), metavar="CMD",
        help="the legacylift command (modernize and its options are appended)",
    )  # fmt: skip
    parser.add_argument("--verbose", action="store_true", help="list every reported file")
    return parser


def _workplace(keep: Path | None, name: str, scratch: Path) -> Path:
    if keep is None:
        return scratch / "copies" / name
    copy = keep / name
    if copy.exists():
        shutil.rmtree(copy)
    copy.parent.mkdir(parents=True, exist_ok=True)
    return copy


def _progress(verdict: Verdict, verbose: bool) -> None:
    name = verdict.root.name
    state = "ok" if verdict.ok else "PROBLEMS"
    print(f"{name}: {verdict.files} files, {verdict.changed} changed, "
          f"{len(verdict.reported)} reported, {verdict.seconds:.0f} s: {state}",
          file=sys.stderr, flush=True)  # fmt: skip
    if verdict.reported:
        print(f"  reported: {reason_kinds(verdict.reported)}", file=sys.stderr, flush=True)
    if verbose:
        for path, why in sorted(verdict.reported.items()):
            print(f"  {path}: {why}", file=sys.stderr, flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m legacylift.torture``: exit 0 when no root has a problem, 1 otherwise."""
    args = build_parser().parse_args(argv)
    names = args.roots or [f"stdlib-{spelled(v)}" for v in STDLIB_VERSIONS] + ["corpus"]
    command = shlex.split(args.command)
    verdicts: list[Verdict] = []
    with tempfile.TemporaryDirectory(prefix="legacylift-torture-") as scratch:
        try:
            roots, notes = resolve_roots(names, args, Path(scratch))
        except (TortureError, CorpusError, ValueError) as exc:
            print(f"torture: {exc}", file=sys.stderr)
            return 2
        for note in notes:
            print(f"note: {note}", file=sys.stderr)
        for root in roots:
            copy = _workplace(args.keep, root.name, Path(scratch))
            print(f"{root.name}: {root.path} -> target {spelled(root.target)}",
                  file=sys.stderr, flush=True)  # fmt: skip
            verdicts.append(torture(root, copy, command, args.jobs, args.timeout))
            _progress(verdicts[-1], args.verbose)
            if args.keep is None:
                shutil.rmtree(copy)
    rows = [verdict.row() for verdict in verdicts]
    print(tabulate(rows, headers=HEADERS, tablefmt="github", disable_numparse=True))
    problems = [line for verdict in verdicts for line in verdict.problems()]
    for line in problems:
        print(line)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
