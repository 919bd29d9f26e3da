"""The differential check of issue 4: what pyupgrade and ruff's UP rules still rewrite after us.

For each target (3.8 ... 3.13) a fresh copy of the corpus is modernized in place (every
default codemod for the target, as ``legacylift modernize COPY --target X.Y`` would), then:

- a second run in check mode must change nothing;
- the result must compile on the target's interpreter (pyenv's CPython X.Y when present)
  wherever the original did;
- ``pyupgrade --pyXY-plus`` runs on a copy of the result: the files and lines it changes are
  what we left to rewrite. pyupgrade names no rules, so its changed blocks are classified
  roughly, by pattern (:data:`PATTERNS`; ``other`` when none matches);
- ``ruff check --select UP --target-version pyXY`` reports on the result, by rule code; the
  diagnostics with a safe fix are what ``ruff --fix`` would still rewrite (the goal: none).

The same two tools and our codemods also run alone on the original corpus, to show how much
each rewrites by itself. Every tool gets the same list of files (those ``modernize`` walks).

Run ``python -m legacylift.differential --help`` (or ``nox -s differential -- --help``).
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from tabulate import tabulate

from legacylift import __version__
from legacylift.corpora import (
    CorpusError,
    add_output_options,
    compile_failures,
    fresh_copy,
    names,
    pyenv_cpython,
    resolve,
    source_files,
)
from legacylift.engine import Settings
from legacylift.runner import Mode, Status, Summary, default_jobs, run
from legacylift.versions import Version, parse_version
from legacylift.walk import find_files, first_python2

TARGETS: tuple[Version, ...] = tuple((3, minor) for minor in range(8, 14))
#: Files per pyupgrade/ruff command line (well under the kernel's argument limit).
BATCH = 1000
#: Hunks kept per pyupgrade class in the JSON output, to check the classification by eye.
SAMPLES = 3

# --------------------------------------------------------------------------- the tools


class ToolError(Exception):
    """A tool that is missing or failed; the message is one line."""


def tool_path(name: str) -> str:
    """``name`` from this interpreter's environment, else from PATH; ToolError if absent."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.is_file() else shutil.which(name)
    if found is None:
        raise ToolError(
            f"{name} not found (nox -s differential installs it from requirements/compare.txt)"
        )
    return found


def tool_version(name: str, path: str) -> str:
    """The version of a tool: its distribution's if it lives in this environment."""
    if Path(path).parent == Path(sys.executable).parent:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    completed = subprocess.run([path, "--version"], capture_output=True, text=True, check=False)
    words = completed.stdout.split()
    return words[-1] if completed.returncode == 0 and words else "?"


def spelled(version: Version) -> str:
    return f"{version[0]}.{version[1]}"


def flag(version: Version) -> str:
    """``(3, 8)`` as ``py38``, pyupgrade's and ruff's spelling."""
    return f"py{version[0]}{version[1]}"


def batches(files: Sequence[Path], size: int = BATCH) -> list[list[str]]:
    return [[str(path) for path in files[start : start + size]]
            for start in range(0, len(files), size)]  # fmt: skip


def balanced(files: Sequence[Path], parts: int) -> list[list[Path]]:
    """``files`` split into ``parts`` groups of about the same number of bytes."""
    groups: list[list[Path]] = [[] for _ in range(max(1, parts))]
    loads = [0] * len(groups)
    for path in sorted(files, key=lambda item: item.stat().st_size, reverse=True):
        lightest = loads.index(min(loads))
        groups[lightest].append(path)
        loads[lightest] += path.stat().st_size
    return [sorted(group) for group in groups if group]


def pyupgrade_command(pyupgrade: str, target: Version) -> list[str]:
    return [pyupgrade, f"--{flag(target)}-plus", "--exit-zero-even-if-changed"]


def ruff_command(ruff: str, target: Version, *, fix: bool = False) -> list[str]:
    command = [ruff, "check", "--isolated", "--no-cache", "--exit-zero", "--select", "UP",
               "--target-version", flag(target)]  # fmt: skip
    return [*command, "--fix"] if fix else [*command, "--output-format", "json"]


def run_pyupgrade(pyupgrade: str, target: Version, files: Sequence[Path], jobs: int) -> None:
    """Rewrite ``files`` in place with ``pyupgrade --pyXY-plus`` (``jobs`` processes)."""
    commands = [pyupgrade_command(pyupgrade, target) + batch
                for group in balanced(files, jobs) for batch in batches(group)]  # fmt: skip
    with ThreadPoolExecutor(max(1, jobs)) as pool:
        for completed in pool.map(_run, commands):
            if completed.returncode != 0:
                raise ToolError(f"pyupgrade failed: {_last_line(completed.stderr)}")


def _run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False
    )


def _last_line(text: str) -> str:
    return (text.strip().splitlines() or ["no output"])[-1]


def ruff_diagnostics(ruff: str, target: Version, files: Sequence[Path]) -> list[dict[str, Any]]:
    """ruff's UP diagnostics on ``files`` for ``target`` (its JSON objects)."""
    found: list[dict[str, Any]] = []
    for batch in batches(files):
        completed = _run(ruff_command(ruff, target) + batch)
        if completed.returncode != 0:
            raise ToolError(f"ruff failed: {_last_line(completed.stderr)}")
        found.extend(json.loads(completed.stdout or "[]"))
    return found


@dataclass
class RuleCount:
    """ruff's diagnostics of one rule, by what its fix is."""

    name: str
    safe: int = 0
    unsafe: int = 0
    none: int = 0


@dataclass
class RuffFindings:
    """ruff's UP diagnostics by rule code, and the files ``ruff --fix`` would change."""

    rules: dict[str, RuleCount] = field(default_factory=dict)
    files: int = 0

    @property
    def safe(self) -> int:
        return sum(count.safe for count in self.rules.values())

    @property
    def others(self) -> int:
        return sum(count.unsafe + count.none for count in self.rules.values())


def by_rule(diagnostics: Iterable[dict[str, Any]]) -> RuffFindings:
    """Diagnostics counted by rule code (syntax errors under ``invalid-syntax``)."""
    rules: dict[str, RuleCount] = {}
    files = set()
    for item in diagnostics:
        code = item.get("code") or "invalid-syntax"
        count = rules.setdefault(code, RuleCount(item.get("name") or code))
        applicability = (item.get("fix") or {}).get("applicability")
        if applicability == "safe":
            count.safe += 1
            files.add(item.get("filename"))
        elif applicability is None:
            count.none += 1
        else:
            count.unsafe += 1
    return RuffFindings(dict(sorted(rules.items())), len(files))


# --------------------------------------------------------------------------- pyupgrade's diff

_STRING = r"""(?:'|")"""
#: (class, pattern the removed lines match, pattern the added lines match), first match wins.
#: A rough classification of pyupgrade's changed blocks by what they look like.
PATTERNS: tuple[tuple[str, str, str], ...] = (
    ("coding cookie", r"^[ \t\f]*#.*coding[:=]", r""),
    ("__future__ import", r"\bfrom\s+__future__\s+import\b", r""),
    ("super()", r"\bsuper\(\s*\w", r"\bsuper\(\)"),
    ("class X(object)", r"\bclass\b.*\bobject\b", r""),
    ("yield from", r"\bfor\b", r"\byield from\b"),
    ("six", r"\bsix\b", r""),
    ("version branch", r"\bversion_info\b|\bPY2\b|\bPY3\b", r""),
    ("u'' prefix", rf"(?<![\w'\"])[uU]{_STRING}", r""),
    ("f-string", r"\.format\(|%", rf"(?<![\w'\"])[rRbB]?[fF][rR]?{_STRING}"),
    ("printf % -> .format()", r"%", r"\.format\("),
    # A printf dict argument that became keywords, and the placeholders of a long template,
    # on lines of their own.
    ("printf % -> .format()", r"^\s*" + _STRING + r"\w+" + _STRING + r"\s*:", r"^\s*\w+\s*="),
    (
        "printf % -> .format()",
        r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[sdifrx]",
        r"\{\w*(?:![rsa])?(?::[^{}]*)?\}",
    ),
    ("'{0}' -> '{}'", r"\{\d", r"\{\}"),
    ("OSError alias", r"\b(?:IOError|EnvironmentError|WindowsError|error)\b", r"\bOSError\b"),
    ("TimeoutError alias", r"\btimeout\b|\bTimeoutError\b", r"\bTimeoutError\b"),
    ("NamedTuple/TypedDict class", r"\b(?:NamedTuple|TypedDict)\(", r"\bclass\b"),
    ("typing -> collections.abc", r"\btyping\b", r"\bcollections\.abc\b"),
    (
        "PEP 585/604 annotation",
        r"\b(?:List|Dict|Tuple|Set|FrozenSet|Type|DefaultDict|Deque|Optional|Union)\[",
        r"",
    ),
    ("set literal/comprehension", r"\bset\(", r"\{"),
    ("dict comprehension", r"\bdict\(", r"\{"),
    ("io.open -> open", r"\bio\.open\(", r""),
    ("open() mode", r"\bopen\(.*" + _STRING + r"[rU]?t?" + _STRING, r""),
    (".encode('utf-8')", r"\.encode\(\s*" + _STRING + r"utf-?8" + _STRING, r"\.encode\(\)"),
    ("lru_cache", r"\blru_cache\b", r""),
    ("mock -> unittest.mock", r"\bmock\b", r"\bunittest\b"),
    (
        "subprocess capture_output/text",
        r"\bPIPE\b|\buniversal_newlines\b",
        r"\bcapture_output\b|\btext=",
    ),
    ("datetime.UTC", r"\btimezone\.utc\b", r"\bUTC\b"),
    (
        "unittest alias",
        r"\.(?:assertEquals|assertNotEquals|assert_|failUnless\w*|failIf\w*|"
        r"assertAlmostEquals|assertNotAlmostEquals|assertRegexpMatches|assertRaisesRegexp|"
        r"makeSuite|findTestCases|getTestCaseNames)\(",
        r"",
    ),
    ("is literal -> ==", r"\bis\s+(?:not\s+)?(?:['\"\d])", r"[=!]="),
    ("str()/bytes() -> literal", r"\bstr\(\s*" + _STRING + r"|\b(?:str|bytes)\(\s*\)", r""),
    ("'...'.encode() -> b'...'", _STRING + r"\.encode\(", rf"(?<![\w'\"])[bB]{_STRING}"),
    ("defaultdict(lambda: []) -> list", r"\blambda\s*:\s*(?:\[\]|\{\}|\(\)|0)", r""),
    ("list comprehension -> unpacking/generator", r"\[.*\bfor\b|^\s*\]", r"\[\*|\(|^\s*\)"),
    ("type() of a literal", r"\btype\(\s*(?:['\"\d])", r""),
    ("typing.Text -> str", r"\bText\b", r"\bstr\b"),
    ("cElementTree", r"\bcElementTree\b", r""),
    ("__metaclass__ = type", r"\b__metaclass__\b", r""),
    (
        "escape sequence",
        r"(?<![\w'\"])" + _STRING + r"[^'\"]*\\",
        r"\\\\|(?<![\w'\"])[rR]" + _STRING,
    ),
    ("extraneous parentheses", r"\(\(", r""),
)
OTHER = "other (unclassified)"
_COMPILED = tuple((name, re.compile(removed), re.compile(added or r"(?s).?|^$"))
                  for name, removed, added in PATTERNS)  # fmt: skip


def classify(removed: Sequence[str], added: Sequence[str]) -> str:
    """The class of one changed block (its removed and added lines)."""
    before, after = "\n".join(removed), "\n".join(added)
    for name, old, new in _COMPILED:
        if old.search(before) and new.search(after):
            return name
    return OTHER


@dataclass
class Block:
    """One contiguous changed block of a file, and its class."""

    path: str
    line: int
    removed: list[str]
    added: list[str]
    kind: str = ""

    def __post_init__(self) -> None:
        self.kind = self.kind or classify(self.removed, self.added)

    @property
    def lines(self) -> int:
        return max(len(self.removed), len(self.added))

    def extend(self, other: Block) -> None:
        """Take in the block just below as the continuation of this rewrite."""
        self.removed += other.removed
        self.added += other.added
        if self.kind == OTHER:
            self.kind = classify(self.removed, self.added)

    def text(self) -> str:
        return "\n".join([f"{self.path}:{self.line}", *(f"-{line}" for line in self.removed),
                          *(f"+{line}" for line in self.added)])  # fmt: skip


def _line_blocks(path: str, old: list[str], new: list[str], start: int) -> list[Block]:
    """n lines that became n lines: one block per changed line, except that a line which is
    unclassified on its own, or of the same class as the changed line just above it, is taken
    as the continuation of that line's rewrite (a dict that became keywords, a long string)."""
    blocks: list[Block] = []
    for index, (before, after) in enumerate(zip(old, new)):
        if before == after:
            continue
        block = Block(path, start + index + 1, [before], [after])
        above = blocks[-1] if blocks else None
        if (
            above is not None
            and above.line + above.lines == block.line
            and (block.kind in (OTHER, above.kind))
        ):
            above.extend(block)
        else:
            blocks.append(block)
    return blocks


def changed_blocks(before: str, after: str, path: str) -> list[Block]:
    """The changed blocks between two versions of a file (no context lines)."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    blocks = []
    for tag, start, stop, first, last in matcher.get_opcodes():
        if tag == "equal":
            continue
        if tag == "replace" and stop - start == last - first:
            blocks += _line_blocks(path, old[start:stop], new[first:last], start)
        else:
            blocks.append(Block(path, start + 1, old[start:stop], new[first:last]))
    return blocks


def changed_files(before: Path, after: Path, relative: Iterable[str]) -> list[str]:
    """The ``relative`` paths whose bytes differ between the trees ``before`` and ``after``."""
    return [name for name in relative
            if (before / name).read_bytes() != (after / name).read_bytes()]  # fmt: skip


@dataclass
class Rewritten:
    """What one tool changed in a copy of a tree."""

    files: int = 0
    blocks: int = 0
    lines: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    samples: dict[str, list[str]] = field(default_factory=dict)


def compare_trees(before: Path, after: Path, relative: Sequence[str]) -> Rewritten:
    """Files, blocks and lines changed from ``before`` to ``after``, blocks by class."""
    result = Rewritten()
    kinds: Counter[str] = Counter()
    for name in changed_files(before, after, relative):
        old = (before / name).read_bytes().decode("utf-8", "surrogateescape")
        new = (after / name).read_bytes().decode("utf-8", "surrogateescape")
        result.files += 1
        for block in changed_blocks(old, new, name):
            kind = block.kind
            kinds[kind] += 1
            result.blocks += 1
            result.lines += block.lines
            samples = result.samples.setdefault(kind, [])
            if len(samples) < SAMPLES:
                samples.append(block.text())
    result.kinds = dict(kinds.most_common())
    return result


def pyupgrade_rewrites(
    pyupgrade: str, tree: Path, target: Version, scratch: Path, jobs: int
) -> Rewritten:
    """What ``pyupgrade --pyXY-plus`` changes in a copy of ``tree`` (``scratch``)."""
    relative = relative_sources(tree)
    fresh_copy(tree, scratch)
    run_pyupgrade(pyupgrade, target, [scratch / name for name in relative], jobs)
    return compare_trees(tree, scratch, relative)


def relative_sources(tree: Path) -> list[str]:
    """The files every tool is given, relative to ``tree``."""
    root = tree.resolve()
    return [str(path.relative_to(root)) for path in source_files(tree)]


# --------------------------------------------------------------------------- our modernize


def modernize(tree: Path, target: Version, jobs: int, mode: Mode) -> Summary:
    """Run every default codemod for ``target`` over ``tree``, as ``legacylift modernize``."""
    from legacylift.cli import select_codemods

    targets = find_files([str(tree)])
    settings = Settings(target, select_codemods([], [], target, False),
                        python2=first_python2(targets) is not None)  # fmt: skip
    return run(targets, settings, mode, jobs)


def by_codemod(summary: Summary) -> dict[str, int]:
    """Rewrites per codemod (those that rewrote anything)."""
    counts: Counter[str] = Counter()
    for result in summary.results:
        counts.update(result.rewrites)
    return dict(sorted((name, count) for name, count in counts.items() if count))


@dataclass
class Compiled:
    """Files that do not compile on the target's interpreter, before and after."""

    python: str
    before: dict[str, str]
    after: dict[str, str]

    @property
    def broken(self) -> list[str]:
        """Files that compiled before and do not after."""
        return sorted(set(self.after) - set(self.before))


def compile_check(original: Path, result: Path, target: Version) -> Compiled:
    """Compile both trees' files on pyenv's CPython ``target`` (else this interpreter)."""
    interpreter = pyenv_cpython(target)
    if interpreter is not None:
        python, label = interpreter.path, f"CPython {interpreter.full_version}"
    else:
        python, label = sys.executable, f"this Python {spelled(sys.version_info[:2])} (no pyenv)"
    relative = relative_sources(original)

    def failures(tree: Path) -> dict[str, str]:
        found = compile_failures(python, [tree / name for name in relative])
        return {str(Path(path).relative_to(tree)): reason for path, reason in found.items()}

    return Compiled(label, failures(original), failures(result))


# --------------------------------------------------------------------------- one target


@dataclass
class TargetFigures:
    """Everything measured for one target."""

    target: str
    ours_files: int
    ours_rewrites: dict[str, int]
    ours_skipped: dict[str, str]
    second_run_changes: list[str]
    compiled: Compiled
    residual_pyupgrade: Rewritten
    residual_ruff: RuffFindings
    alone_pyupgrade: Rewritten
    alone_ruff: RuffFindings

    @property
    def goal_met(self) -> bool:
        """Nothing left for pyupgrade or ruff's safe fixes; stable; nothing broken."""
        return (
            self.residual_pyupgrade.files == 0
            and self.residual_ruff.safe == 0
            and not self.second_run_changes
            and not self.compiled.broken
        )

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["compiled"]["broken"] = self.compiled.broken
        data["residual_ruff"]["safe"] = self.residual_ruff.safe
        data["alone_ruff"]["safe"] = self.alone_ruff.safe
        data["goal_met"] = self.goal_met
        return data


@dataclass(frozen=True)
class Tools:
    """The comparison tools' executables."""

    pyupgrade: str
    ruff: str

    @classmethod
    def find(cls) -> Tools:
        return cls(tool_path("pyupgrade"), tool_path("ruff"))

    def versions(self) -> dict[str, str]:
        return {"pyupgrade": tool_version("pyupgrade", self.pyupgrade),
                "ruff": tool_version("ruff", self.ruff)}  # fmt: skip


def measure_target(
    corpus: Path, target: Version, work: Path, tools: Tools, jobs: int, *,
    progress: Callable[[str], None] = lambda text: None,
) -> TargetFigures:  # fmt: skip
    """Modernize a copy of ``corpus`` for ``target`` and measure what the others still find."""
    name = spelled(target)
    relative = relative_sources(corpus)
    ours = fresh_copy(corpus, work / f"{name}-legacylift")
    progress(f"{name}: legacylift modernize")
    summary = modernize(ours, target, jobs, Mode.WRITE)
    progress(f"{name}: second run (check)")
    again = modernize(ours, target, jobs, Mode.CHECK)
    progress(f"{name}: compile check")
    compiled = compile_check(corpus, ours, target)
    progress(f"{name}: pyupgrade and ruff on the result")
    residual_pyupgrade = pyupgrade_rewrites(
        tools.pyupgrade, ours, target, work / f"{name}-legacylift-pyupgrade", jobs
    )
    residual_ruff = by_rule(ruff_diagnostics(tools.ruff, target, [ours / n for n in relative]))
    progress(f"{name}: pyupgrade and ruff alone on the original")
    alone_pyupgrade = pyupgrade_rewrites(
        tools.pyupgrade, corpus, target, work / f"{name}-pyupgrade", jobs
    )
    alone_ruff = by_rule(ruff_diagnostics(tools.ruff, target, [corpus / n for n in relative]))
    return TargetFigures(
        target=name,
        ours_files=summary.count(Status.CHANGED),
        ours_rewrites=by_codemod(summary),
        ours_skipped={r.path: r.reason for r in summary.results if r.status is Status.FAILED},
        second_run_changes=[r.path for r in again.results if r.status is Status.CHANGED],
        compiled=compiled,
        residual_pyupgrade=residual_pyupgrade,
        residual_ruff=residual_ruff,
        alone_pyupgrade=alone_pyupgrade,
        alone_ruff=alone_ruff,
    )


# --------------------------------------------------------------------------- tables


def residual_table(figures: Sequence[TargetFigures]) -> str:
    """One row per target: our run, its checks, and what pyupgrade and ruff still rewrite."""
    rows = [
        (item.target, item.ours_files, sum(item.ours_rewrites.values()), len(item.ours_skipped),
         len(item.second_run_changes), item.compiled.python,
         f"{len(item.compiled.before)} -> {len(item.compiled.after)}",
         item.residual_pyupgrade.files, item.residual_pyupgrade.lines,
         item.residual_ruff.safe, item.residual_ruff.others, "yes" if item.goal_met else "no")
        for item in figures
    ]  # fmt: skip
    headers = ("target", "our files", "our rewrites", "skipped", "2nd run changes",
               "compiled on", "not compiling", "pyupgrade files", "pyupgrade lines",
               "ruff UP safe", "ruff UP unsafe/no fix", "goal met")  # fmt: skip
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=[0])


def ruff_rule_table(figures: Sequence[TargetFigures], residual: bool) -> str:
    """ruff's UP diagnostics by rule, one row per (target, rule)."""
    rows: list[tuple[str, str, str, int, int, int]] = []
    for item in figures:
        findings = item.residual_ruff if residual else item.alone_ruff
        rows.extend((item.target, code, count.name, count.safe, count.unsafe, count.none)
                    for code, count in findings.rules.items())  # fmt: skip
    if not rows:
        return "(none)"
    headers = ("target", "rule", "name", "safe fix", "unsafe fix", "no fix")
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=[0])


def pyupgrade_class_table(figures: Sequence[TargetFigures], residual: bool) -> str:
    """pyupgrade's changed blocks by (rough) class, one row per (target, class)."""
    rows: list[tuple[str, str, int]] = []
    for item in figures:
        rewritten = item.residual_pyupgrade if residual else item.alone_pyupgrade
        rows.extend((item.target, kind, count) for kind, count in rewritten.kinds.items())
    if not rows:
        return "(none)"
    return tabulate(
        rows,
        headers=("target", "class (by pattern)", "blocks"),
        tablefmt="simple",
        disable_numparse=[0],
    )


def alone_table(figures: Sequence[TargetFigures]) -> str:
    """Each tool by itself on the original corpus: files changed and rewrites."""
    rows = []
    for item in figures:
        version = item.target.replace(".", "")
        rows += [
            (item.target, "legacylift modernize", item.ours_files,
             sum(item.ours_rewrites.values()), "rewrites counted by the codemods"),
            (item.target, f"pyupgrade --py{version}-plus", item.alone_pyupgrade.files,
             item.alone_pyupgrade.blocks, f"changed blocks ({item.alone_pyupgrade.lines} lines)"),
            (item.target, "ruff --select UP --fix", item.alone_ruff.files, item.alone_ruff.safe,
             f"safe fixes reported (+{item.alone_ruff.others} unsafe/no fix)"),
        ]  # fmt: skip
    headers = ("target", "tool", "files", "rewrites", "counted as")
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=[0])


def codemod_table(figures: Sequence[TargetFigures]) -> str:
    """Our rewrites by codemod (rows) and target (columns), on the original corpus."""
    codemods = sorted({name for item in figures for name in item.ours_rewrites})
    if not codemods:
        return "(none)"
    rows = [(name, *(item.ours_rewrites.get(name, 0) for item in figures)) for name in codemods]
    headers = ("codemod", *(item.target for item in figures))
    return tabulate(rows, headers=headers, tablefmt="simple", disable_numparse=[0])


def _listing(title: str, items: Sequence[str], limit: int = 10) -> list[str]:
    if not items:
        return []
    more = [f"  ... and {len(items) - limit} more"] if len(items) > limit else []
    return [title, *(f"  {item}" for item in items[:limit]), *more]


def details(figures: Sequence[TargetFigures]) -> str:
    """The files behind the failed checks, a few per target."""
    lines: list[str] = []
    for item in figures:
        lines += _listing(
            f"{item.target}: skipped by legacylift (left byte-identical):",
            [f"{path}: {why}" for path, why in item.ours_skipped.items()],
        )
        lines += _listing(f"{item.target}: changed again by a second run:", item.second_run_changes)
        lines += _listing(f"{item.target}: compiled before, not after ({item.compiled.python}):",
                          [f"{path}: {item.compiled.after[path]}"
                           for path in item.compiled.broken])  # fmt: skip
    return "\n".join(lines)


def report(header: str, figures: Sequence[TargetFigures]) -> str:
    """The whole printed report."""
    sections = [
        header,
        "After legacylift modernize: what is left for pyupgrade and ruff (goal: 0)",
        residual_table(figures),
        "ruff --select UP on our result, by rule (goal: no safe fix)",
        ruff_rule_table(figures, residual=True),
        "pyupgrade on our result, changed blocks by class (rough, by pattern)",
        pyupgrade_class_table(figures, residual=True),
        "Each tool alone on the original corpus",
        alone_table(figures),
        "legacylift rewrites by codemod on the original corpus",
        codemod_table(figures),
        "ruff --select UP alone on the original corpus, by rule",
        ruff_rule_table(figures, residual=False),
        "pyupgrade alone on the original corpus, changed blocks by class (rough, by pattern)",
        pyupgrade_class_table(figures, residual=False),
    ]
    extra = details(figures)
    return "\n\n".join([*sections, *([extra] if extra else [])])


# --------------------------------------------------------------------------- command line


def corpus_size(tree: Path) -> tuple[int, int]:
    """The number of files every tool is given, and their lines."""
    files = source_files(tree)
    return len(files), sum(path.read_bytes().count(b"\n") for path in files)


def run_differential(
    corpus: Path, targets: Sequence[Version], work: Path, tools: Tools, jobs: int, *,
    progress: Callable[[str], None] = lambda text: None,
) -> list[TargetFigures]:  # fmt: skip
    """Measure every target on ``corpus``; copies go to ``work``."""
    return [measure_target(corpus, target, work, tools, jobs, progress=progress)
            for target in targets]  # fmt: skip


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m legacylift.differential",
        description="Modernize a corpus for each target, then count what pyupgrade and "
        "ruff's UP rules would still rewrite (goal: nothing), check that the result compiles "
        "and that a second run changes nothing, and show each tool alone on the original.",
    )
    parser.add_argument(
        "--corpus", default="django", metavar="NAME",
        help="django (the 2.2.28 sdist, by version and sha256), stdlib (pyenv's 3.8), "
        "stdlib-X.Y, or a folder (default: %(default)s)",
    )  # fmt: skip
    parser.add_argument(
        "--targets", action="append", default=[], metavar="X.Y,...",
        help="targets to check (default: 3.8 to 3.13)",
    )  # fmt: skip
    parser.add_argument(
        "--jobs", "-j", type=int, default=default_jobs(), metavar="N",
        help="processes for our modernize and for pyupgrade (default: %(default)s)",
    )  # fmt: skip
    add_output_options(parser)
    parser.add_argument(
        "--strict", action="store_true", help="exit 1 unless the goal is met for every target"
    )
    return parser


def _targets(values: Sequence[str]) -> list[Version]:
    if not values:
        return list(TARGETS)
    return [parse_version(name) for name in names(values)]


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        targets = _targets(args.targets)
        corpus = resolve(args.corpus, args.cache)  # an unknown name fails first, tools or not
        tools = Tools.find()
    except (ValueError, ToolError, CorpusError) as exc:
        print(f"differential: {exc}", file=sys.stderr)
        return 2
    files, lines = corpus_size(corpus)
    versions = tools.versions()
    header = (
        f"corpus {args.corpus}: {corpus} ({files} files, {lines} lines)\n"
        f"legacylift {__version__} (--jobs {args.jobs}), pyupgrade {versions['pyupgrade']}, "
        f"ruff {versions['ruff']}; every tool is given the same {files} files"
    )

    def progress(text: str) -> None:
        print(f"differential: {text}", file=sys.stderr, flush=True)

    work = args.workdir or Path(tempfile.mkdtemp(prefix="legacylift-differential-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        figures = run_differential(corpus, targets, work, tools, args.jobs, progress=progress)
    except (ToolError, CorpusError) as exc:
        print(f"differential: {exc}", file=sys.stderr)
        return 2
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    print(report(header, figures))
    if args.json is not None:
        data = {
            "corpus": args.corpus, "path": str(corpus), "files": files, "lines": lines,
            "legacylift": __version__, "tools": versions, "jobs": args.jobs,
            "targets": [item.to_dict() for item in figures],
        }  # fmt: skip
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    if args.strict and not all(item.goal_met for item in figures):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
