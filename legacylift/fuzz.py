"""Property-based fuzzing of the whole modernize pipeline with hypothesmith's random programs.

Every program goes through what ``legacylift modernize`` runs on a file (the Python 2 lift,
every codemod of the registry that may run for the target, the import adder and remover, the
doctest pass and the engine's own checks) for each target 3.8-3.13 and each mode (default,
``--unsafe``, ``--unsafe --python2``), and must:

* not crash: any exception other than :class:`legacylift.engine.TransformError` is a bug (the
  CLI would report it as an "internal error");
* compile for the target whenever it changed (``engine.verify``; with ``--interpreters``, also
  on pyenv's real interpreter of the target, when the input compiles there);
* be a fixed point: a second run with the same settings changes and refuses nothing;
* when rewritten, come from a text that LibCST prints back byte for byte (else bytes that no
  codemod meant to change are lost);
* finish within ``--timeout`` seconds.

A TransformError that blames a rewrite (the rewritten code does not compile, a comment would be
lost) is the engine's safety net catching a codemod bug: it is a failure too, unless
``--lenient``.

Three sources of programs: ``grammar`` (``hypothesmith.from_grammar()``: odd whitespace, odd
names, odd nesting), ``node`` (``hypothesmith.from_node()``: statements LibCST built, more
realistic) and ``idioms`` (the before-code of the codemods' docstring examples mixed with
programs of both, wrapped in functions, classes, ``if`` blocks or doctests, so that the
codemods find something to rewrite in random company).

``python -m legacylift.fuzz --examples 2000 --target 3.8`` (``nox -s fuzz -- ...``) runs a
campaign that goes on past failures and prints each distinct one once, reduced to a few lines;
:func:`check_strategy` is the same property as a plain Hypothesis test (tests/test_fuzz.py).
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import inspect
import json
import os
import signal
import subprocess
import sys
import textwrap
import time
import traceback
import warnings
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from types import FrameType

import hypothesis
import hypothesmith
from hypothesis import HealthCheck, Phase
from hypothesis import strategies as st

import legacylift.sparse
from legacylift.engine import (
    RECURSION_LIMIT,
    Outcome,
    Settings,
    TransformError,
    eligible,
    modernize_text,
    transform,
)
from legacylift.versions import Version, parse_version

TARGETS: tuple[Version, ...] = ((3, 8), (3, 9), (3, 10), (3, 11), (3, 12), (3, 13))
#: Mode name -> (unsafe, python2), as ``--unsafe`` and ``--python2`` set them.
MODES: dict[str, tuple[bool, bool]] = {
    "default": (False, False),
    "unsafe": (True, False),
    "python2": (True, True),
}
STRATEGIES = ("grammar", "node", "idioms")
#: A campaign prints a line every so many programs.
PROGRESS = 100
FILENAME = "<fuzz>"
ROOT = Path(__file__).resolve().parent.parent
#: TransformError messages that blame a rewrite rather than the input: a codemod bug.
BLAMES_A_REWRITE = {
    "rewritten code does not compile": "invalid-output",
    "a rewrite would drop the comment": "lost-comment",
}


@dataclass(frozen=True)
class Failure:
    """A program that breaks a property, and where."""

    #: crash, invalid-output, lost-comment, second-run-refused, not-fixed-point, lossy-parse, hang
    kind: str
    where: str  # file:line of a crash, or the codemods to blame
    target: Version
    mode: str
    source: str
    detail: str

    @property
    def signature(self) -> tuple[str, str]:
        return self.kind, self.where

    def at(self, target: Version, mode: str, source: str) -> Failure:
        return replace(self, target=target, mode=mode, source=source)

    def describe(self) -> str:
        version = f"{self.target[0]}.{self.target[1]}"
        return (
            f"{self.kind} at {self.where} (target {version}, mode {self.mode}): {self.detail}\n"
            f"--- source ---\n{self.source}\n--- as a literal ---\n{self.source!r}"
        )


class FuzzFailure(AssertionError):
    """Raised inside a Hypothesis test, so that it shrinks the program."""


class _Hang(BaseException):
    """Raised by the alarm in the middle of a run (not an Exception: nothing may catch it)."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise :class:`_Hang` after ``seconds`` (0: no limit; main thread of a POSIX system)."""
    if seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def alarm(signum: int, frame: FrameType | None) -> None:
        raise _Hang

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@cache
def settings_for(target: Version, mode: str, only: str | None = None) -> Settings:
    """The settings of ``legacylift modernize --target`` in ``mode`` (``only``: one codemod)."""
    from codemods import CODEMODS

    unsafe, python2 = MODES[mode]
    chosen = tuple(c for c in CODEMODS if only is None or c.name() == only)
    return Settings(target, eligible(chosen, target, unsafe), unsafe=unsafe, python2=python2)


def _crash_site(exc: BaseException) -> str:
    """The deepest frame of the traceback inside this repository (``codemods/x.py:12``)."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if f.filename.startswith(str(ROOT)) and "/tests/" not in f.filename]
    if not (ours or frames):
        return type(exc).__name__
    frame = (ours or frames)[-1]
    name = os.path.relpath(frame.filename, ROOT) if ours else Path(frame.filename).name
    return f"{name}:{frame.lineno} {type(exc).__name__}"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0] if text else ''}"[:300]


class Interpreters:
    """Compile servers on pyenv's interpreters (one long-lived process per target version)."""

    _SERVER = textwrap.dedent(
        """
        import json, sys, warnings
        warnings.simplefilter("ignore")
        for line in sys.stdin:
            try:
                compile(json.loads(line), "<fuzz>", "exec", dont_inherit=True)
                answer = None
            except Exception as exc:
                answer = "%s: %s" % (type(exc).__name__, getattr(exc, "msg", exc))
            except RecursionError:
                answer = None  # too deep for this interpreter: no verdict
            sys.stdout.write(json.dumps(answer) + "\\n")
            sys.stdout.flush()
        """
    )

    def __init__(self) -> None:
        self.servers: dict[Version, subprocess.Popen[str] | None] = {}

    @staticmethod
    def find(target: Version) -> str | None:
        """pyenv's newest interpreter of ``target``, or None."""
        root = os.environ.get("PYENV_ROOT", os.path.expanduser("~/.pyenv"))
        pattern = os.path.join(root, "versions", f"{target[0]}.{target[1]}.*", "bin", "python")
        found = sorted(glob.glob(pattern))
        return found[-1] if found else None

    def _server(self, target: Version) -> subprocess.Popen[str] | None:
        if target not in self.servers:
            python = self.find(target)
            self.servers[target] = None
            if python is not None:
                self.servers[target] = subprocess.Popen(
                    [python, "-c", self._SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                    text=True,
                )  # fmt: skip
        return self.servers[target]

    def problem(self, code: str, target: Version) -> str | None:
        """Why ``code`` does not compile on the real ``target`` (None: it does, or no verdict)."""
        server = self._server(target)
        if server is None or server.stdin is None or server.stdout is None:
            return None
        try:
            server.stdin.write(json.dumps(code) + "\n")
            server.stdin.flush()
            answer: str | None = json.loads(server.stdout.readline())
        except (OSError, ValueError):
            self.servers[target] = None  # died: no more verdicts from it
            return None
        return answer

    def close(self) -> None:
        for server in self.servers.values():
            if server is not None:
                server.kill()
                server.wait()
        self.servers.clear()


@dataclass
class Checker:
    """Runs a program through the pipeline and names the property it breaks, if any."""

    lenient: bool = False
    timeout: float = 30.0
    interpreters: Interpreters | None = None

    def check(
        self, source: str, target: Version, mode: str, only: str | None = None
    ) -> tuple[str, Failure | None]:
        """(what happened, the failure or None) for one program, target and mode."""
        settings = settings_for(target, mode, only)

        def failure(kind: str, where: str, detail: str) -> tuple[str, Failure]:
            return "failed", Failure(kind, where, target, mode, source, detail)

        first = self._run(source, settings)
        if isinstance(first, Failure):
            return "failed", first.at(target, mode, source)
        if isinstance(first, TransformError):
            message = str(first)
            for start, kind in BLAMES_A_REWRITE.items():
                if message.startswith(start) and not self.lenient:
                    return failure(kind, "-", message)
            return f"refused: {_refusal(message)}", None
        if first.code == source:
            return "unchanged", None
        second = self._run(first.code, settings)
        if isinstance(second, Failure):
            return "failed", second.at(target, mode, source)
        if isinstance(second, TransformError):
            return failure("second-run-refused", "-", str(second))
        if second.code != first.code:
            culprits = ",".join(sorted(second.rewrites)) or "-"
            return failure("not-fixed-point", culprits, f"second run rewrote {culprits}")
        sparse = self._run_sparse(source, settings)
        if not isinstance(sparse, Outcome) or sparse.code != first.code:
            # Parsing only the bodies within the codemods' reach must change nothing.
            return failure("sparse-differs", "-", "the sparse parse gives another result")
        if not _round_trips(first.source or source):
            # The output is LibCST's print of its tree: bytes it cannot print back are lost.
            return failure("lossy-parse", "libcst", "LibCST does not print the input back")
        if self.interpreters is not None and self.interpreters.problem(source, target) is None:
            problem = self.interpreters.problem(first.code, target)
            if problem is not None:
                return failure("invalid-output", "-", f"real interpreter: {problem}")
        return "rewritten", None

    def _run(self, source: str, settings: Settings) -> Outcome | TransformError | Failure:
        """The engine's outcome, its refusal, or a crash or hang (target, mode: filled later)."""
        try:
            with time_limit(self.timeout), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return modernize_text(source, settings, FILENAME)
        except _Hang:
            return Failure("hang", "-", (0, 0), "", "", f"more than {self.timeout:g} s")
        except TransformError as exc:
            return exc
        except Exception as exc:  # the property under test: nothing else may escape
            return Failure("crash", _crash_site(exc), (0, 0), "", "", _one_line(exc))

    def _run_sparse(self, source: str, settings: Settings) -> Outcome | TransformError | Failure:
        """:meth:`_run` with the sparse parse on for any size of file (fuzzed programs are
        small; the engine parses such files whole)."""
        size = legacylift.sparse.MIN_SIZE
        legacylift.sparse.MIN_SIZE = 0
        try:
            return self._run(source, settings)
        finally:
            legacylift.sparse.MIN_SIZE = size

    def blame(self, found: Failure) -> Failure:
        """``found`` with ``where`` naming the codemods that fail the same way alone (of those
        that rewrote something on the way)."""
        if found.where != "-":
            return found
        settings = settings_for(found.target, found.mode)
        try:
            with time_limit(self.timeout), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                rewrote = set(transform(found.source, settings, FILENAME).rewrites)
        except (_Hang, Exception):  # then try them all
            rewrote = {codemod.name() for codemod in settings.codemods}
        culprits = []
        for codemod in settings.codemods:
            if codemod.name() not in rewrote:
                continue
            _, alone = self.check(found.source, found.target, found.mode, codemod.name())
            if alone is not None and alone.kind == found.kind:
                culprits.append(codemod.name())
        where = ",".join(culprits) if culprits else "several codemods together"
        return replace(found, where=where)

    def reproduces(self, found: Failure, source: str) -> bool:
        """Whether ``source`` fails as ``found`` did (with its culprit alone, if it has one)."""
        culprit = found.where.split(",")[0]
        alone = culprit in {c.name() for c in settings_for(found.target, found.mode).codemods}
        _, again = self.check(source, found.target, found.mode, culprit if alone else None)
        if again is None or again.kind != found.kind:
            return False
        return alone or found.kind != "crash" or again.where == found.where

    def minimize(self, found: Failure, budget: float = 60.0) -> Failure:
        """``found`` on a shorter program that fails the same way (greedy line removal)."""
        lines = found.source.splitlines(keepends=True)
        deadline = time.monotonic() + budget
        chunk = max(1, len(lines) // 2)
        while chunk >= 1 and time.monotonic() < deadline:
            start, shrunk = 0, False
            while start < len(lines) and time.monotonic() < deadline:
                candidate = lines[:start] + lines[start + chunk :]
                if candidate and self.reproduces(found, "".join(candidate)):
                    lines, shrunk = candidate, True
                else:
                    start += chunk
            if not shrunk:
                chunk //= 2
        return replace(found, source="".join(lines))


def _round_trips(text: str) -> bool:
    """Whether LibCST prints its parse of ``text`` back byte for byte."""
    import libcst as cst

    try:
        return cst.parse_module(text).code == text
    except (cst.ParserSyntaxError, RecursionError):
        return True  # not LibCST's print, then


def _refusal(message: str) -> str:
    """A short category for a TransformError message (for the tallies)."""
    for category in ("cannot parse", "too deeply nested", "does not compile for the target"):
        if message.startswith(category):
            return category
    return message.split(":", maxsplit=1)[0][:60]


# --- Programs ----------------------------------------------------------------------------------


def _indented_block(text: str) -> str:
    """The first block of lines indented by four spaces in ``text``, dedented."""
    lines: list[str] = []
    for line in text.splitlines():
        if line.startswith("    ") or (lines and not line.strip()):
            lines.append(line)
        elif lines:
            break
    return textwrap.dedent("\n".join(lines)).strip("\n") + "\n" if lines else ""


@cache
def idiom_examples() -> tuple[str, ...]:
    """The before-code of every codemod docstring example (the code the codemods rewrite)."""
    from codemods import CODEMODS

    found = []
    for codemod in CODEMODS:
        doc = inspect.cleandoc(codemod.__doc__ or "") + "\n"
        _, marker, rest = doc.partition("Example")
        block = _indented_block(rest.split("\n", 1)[1]) if marker and "\n" in rest else ""
        if block.strip():
            found.append(block)
    return tuple(found)


def _doctest(code: str) -> str:
    """``code`` as the examples of a function docstring."""
    prompts = [(">>> " if not line.startswith((" ", "\t")) else "... ") + line
               for line in code.splitlines() if line.strip()]  # fmt: skip
    body = textwrap.indent("\n".join(prompts), "    ")
    return f'def documented():\n    r"""Run it.\n\n{body}\n    """\n'


def _wrap(code: str, how: str) -> str:
    if how == "function":
        return "def wrapper(self, *args):\n" + textwrap.indent(code, "    ")
    if how == "class":
        return "class Wrapper(object):\n" + textwrap.indent(code, "    ")
    if how == "if":
        return "if __name__ == '__main__':\n" + textwrap.indent(code, "    ")
    if how == "doctest" and '"""' not in code and "\\" not in code:
        return _doctest(code)
    return code


@st.composite
def _idioms(draw: st.DrawFn) -> str:
    random_code = hypothesmith.from_node(auto_target=False) | hypothesmith.from_grammar(
        auto_target=False
    )
    pieces = draw(st.lists(st.sampled_from(idiom_examples()) | random_code, min_size=1, max_size=4))
    if not any(piece in idiom_examples() for piece in pieces):
        pieces.append(draw(st.sampled_from(idiom_examples())))
    how = draw(st.sampled_from(("module", "module", "function", "class", "if", "doctest")))
    return _wrap("\n".join(pieces), how)


def strategy(name: str) -> st.SearchStrategy[str]:
    """The programs of one source: ``grammar``, ``node`` or ``idioms``."""
    if name == "grammar":
        return hypothesmith.from_grammar()
    if name == "node":
        return hypothesmith.from_node()
    if name == "idioms":
        return _idioms()
    raise ValueError(f"unknown strategy {name!r}; known: {', '.join(STRATEGIES)}")


# --- Campaigns ---------------------------------------------------------------------------------


@dataclass
class Stats:
    """What a campaign saw: programs per target, outcomes, and each distinct failure once."""

    programs: Counter[str] = field(default_factory=Counter)  # per strategy
    distinct: set[int] = field(default_factory=set)
    outcomes: Counter[tuple[Version, str]] = field(default_factory=Counter)
    failures: dict[tuple[str, str], Failure] = field(default_factory=dict)
    seconds: float = 0.0


def _hypothesis_settings(examples: int, derandomize: bool, shrink: bool) -> hypothesis.settings:
    phases = [Phase.explicit, Phase.generate, Phase.target]
    if shrink:
        phases.append(Phase.shrink)
    return hypothesis.settings(
        max_examples=examples,
        derandomize=derandomize,
        database=None,
        deadline=None,
        phases=phases,
        suppress_health_check=list(HealthCheck),
        verbosity=hypothesis.Verbosity.quiet,
        print_blob=False,
    )


def check_strategy(
    name: str,
    examples: int,
    *,
    targets: Sequence[Version] = TARGETS,
    modes: Sequence[str] = tuple(MODES),
    checker: Checker | None = None,
    derandomize: bool = True,
) -> int:
    """A Hypothesis test of the properties: raises FuzzFailure on the shrunk program that
    fails.  Returns how many programs it checked."""
    checker = checker or Checker()
    seen = [0]
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))  # as the engine does

    @_hypothesis_settings(examples, derandomize, shrink=True)
    @hypothesis.given(strategy(name))
    def programs(source: str) -> None:
        seen[0] += 1
        for target in targets:
            for mode in modes:
                _, failure = checker.check(source, target, mode)
                if failure is not None:
                    raise FuzzFailure(failure.describe())

    programs()
    return seen[0]


def campaign(
    name: str,
    examples: int,
    *,
    targets: Sequence[Version],
    modes: Sequence[str],
    checker: Checker,
    stats: Stats,
    seed: int | None = None,
) -> None:
    """Run ``examples`` programs of ``name`` through every target and mode, past failures."""
    start = time.perf_counter()
    sys.setrecursionlimit(max(sys.getrecursionlimit(), RECURSION_LIMIT))  # as the engine does

    @_hypothesis_settings(examples, derandomize=False, shrink=False)
    @hypothesis.given(strategy(name))
    def programs(source: str) -> None:
        stats.programs[name] += 1
        stats.distinct.add(hash(source))
        if stats.programs[name] % PROGRESS == 0:
            print(f"{name}: {stats.programs[name]}/{examples} programs, {len(stats.failures)} "
                  f"distinct failures, {time.perf_counter() - start:.0f} s",
                  file=sys.stderr, flush=True)  # fmt: skip
        for target in targets:
            for mode in modes:
                what, failure = checker.check(source, target, mode)
                stats.outcomes[target, what] += 1
                if failure is None:
                    continue
                failure = checker.blame(failure)
                known = stats.failures.get(failure.signature)
                if known is None or len(failure.source) < len(known.source):
                    stats.failures[failure.signature] = failure

    if seed is not None:
        programs = hypothesis.seed(seed)(programs)
    programs()
    stats.seconds += time.perf_counter() - start


def report(stats: Stats, targets: Sequence[Version], modes: Sequence[str]) -> str:
    """The end-of-campaign summary."""
    lines = [
        f"{sum(stats.programs.values())} programs ({len(stats.distinct)} distinct; "
        + ", ".join(f"{name} {n}" for name, n in stats.programs.items())
        + f") x {len(modes)} modes ({', '.join(modes)}) in {stats.seconds:.0f} s",
    ]
    for target in targets:
        tally = {what: n for (version, what), n in stats.outcomes.items() if version == target}
        runs = sum(tally.values())
        parts = ", ".join(f"{what} {n}" for what, n in sorted(tally.items()))
        lines.append(f"  {target[0]}.{target[1]}: {runs // len(modes)} programs; {parts}")
    lines.append(f"{len(stats.failures)} distinct failures")
    for failure in stats.failures.values():
        lines.append(textwrap.indent(failure.describe(), "  "))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m legacylift.fuzz``: a fuzzing campaign; exit 1 if anything failed."""
    parser = argparse.ArgumentParser(
        prog="python -m legacylift.fuzz",
        description="Fuzz `legacylift modernize` with hypothesmith's random Python programs: "
        "no crash, the output compiles for the target, a second run is a fixed point.",
    )
    parser.add_argument(
        "--examples", type=int, default=1000, metavar="N", help="programs per strategy"
    )
    parser.add_argument(
        "--target", action="append", type=parse_version, metavar="X.Y",
        help="target version (repeatable; default: 3.8 to 3.13)",
    )  # fmt: skip
    parser.add_argument(
        "--strategy", action="append", choices=STRATEGIES,
        help="program source (repeatable; default: all three)",
    )  # fmt: skip
    parser.add_argument(
        "--mode", action="append", choices=tuple(MODES),
        help="default, unsafe (--unsafe) or python2 (--unsafe --python2); default: all",
    )  # fmt: skip
    parser.add_argument("--seed", type=int, help="Hypothesis seed (default: random)")
    parser.add_argument(
        "--timeout", type=float, default=30.0, metavar="S", help="seconds per program and run"
    )
    parser.add_argument(
        "--interpreters", action="store_true",
        help="also compile every rewritten program on pyenv's interpreter of the target",
    )  # fmt: skip
    parser.add_argument(
        "--lenient", action="store_true",
        help="a rewrite the engine refuses (no longer compiles, drops a comment) is no failure",
    )  # fmt: skip
    parser.add_argument(
        "--no-minimize", action="store_true", help="report failures as found, not reduced"
    )
    args = parser.parse_args(argv)
    targets = args.target or list(TARGETS)
    modes = args.mode or list(MODES)
    interpreters = Interpreters() if args.interpreters else None
    checker = Checker(lenient=args.lenient, timeout=args.timeout, interpreters=interpreters)
    stats = Stats()
    try:
        for name in args.strategy or STRATEGIES:
            campaign(
                name, args.examples, targets=targets, modes=modes, checker=checker, stats=stats,
                seed=args.seed,
            )  # fmt: skip
            print(f"{name}: {stats.programs[name]} programs, {len(stats.failures)} failures "
                  f"so far, {stats.seconds:.0f} s", file=sys.stderr, flush=True)  # fmt: skip
    except KeyboardInterrupt:
        print("interrupted: the report covers the programs run so far", file=sys.stderr)
    finally:
        if not args.no_minimize:
            stats.failures = {key: checker.minimize(f) for key, f in stats.failures.items()}
        if interpreters is not None:
            interpreters.close()
    print(report(stats, targets, modes))
    return 1 if stats.failures else 0


__all__ = [
    "MODES",
    "STRATEGIES",
    "TARGETS",
    "Checker",
    "Failure",
    "FuzzFailure",
    "check_strategy",
    "main",
    "strategy",
]

if __name__ == "__main__":
    sys.exit(main())
