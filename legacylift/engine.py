"""Modernizing one source text: parse once, run every selected codemod in one pass, verify."""

from __future__ import annotations

import ast
import io
import re
import sys
import tokenize
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst
import libcst.matchers as m
from libcst.codemod import CodemodContext, SkipFile
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper, ProviderT

from legacylift.astindex import index
from legacylift.codemod import LiftCodemod, Pipeline, Version
from legacylift.facts import FileFacts
from legacylift.lift import LiftError, lift
from legacylift.lift._detect import parse_python3
from legacylift.linediff import removed_and_added
from legacylift.sparse import Sparse, plan
from legacylift.visitor_scans import install

install()  # LibCST's import visitors, built once or twice per changed file

#: Deeply nested sources (generated tables, long elif chains) recurse deeply in LibCST's visitors.
RECURSION_LIMIT = 20_000
#: Parse only the parts of a file within the wanted codemods' reach (False: whole files).
SPARSE = True
#: Narrow the regex pre-checks with the codemods' ``ast`` locators (False: regexes only).
LOCATE = True
#: Deeper nesting (``a.b.c...``, ``1 + 1 + ...``, ``not not ...`` thousands of times over) is
#: refused: LibCST 1.9's native parser dies of a stack overflow (a segfault, which no
#: ``except`` catches) somewhere past 5000 levels, and its parse time grows with the square
#: of the depth.
MAX_NESTING = 2500
#: Larger files (in ``ast`` nodes) are refused: LibCST and its scopes take 2-5 KB per node
#: (sympy's bench_solvers.py, the largest of 13,500 files of a site-packages: 200,000 nodes,
#: 470 MB), so a 10 MB generated table would take over 10 GB.
MAX_NODES = 400_000


class TransformError(Exception):
    """The file cannot be modernized; the message says why in one line."""


@dataclass(frozen=True)
class Settings:
    """What a run applies: the target version, the codemods, and whether unsafe rewrites run."""

    target: Version
    codemods: tuple[type[LiftCodemod], ...]
    unsafe: bool = False
    #: Treat every file as Python 2, even one that already parses as Python 3.
    python2: bool = False


@dataclass
class Outcome:
    """What the codemods did to one source text."""

    code: str
    rewrites: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    #: Comments a codemod turned into code on purpose (e.g. type comments into annotations).
    consumed: list[str] = field(default_factory=list)
    #: The text the codemods ran on: the input, or its Python 3 lift if it was Python 2.
    source: str = ""


def eligible(
    registry: tuple[type[LiftCodemod], ...], target: Version, unsafe: bool
) -> tuple[type[LiftCodemod], ...]:
    """The codemods of ``registry`` that may run for ``target``, in registry order."""
    here = sys.version_info[:2]
    return tuple(
        codemod
        for codemod in registry
        if target >= codemod.MIN_PYTHON
        and (unsafe or not codemod.UNSAFE_ONLY)
        and (here >= codemod.MIN_PYTHON or not codemod.NEW_SYNTAX)
    )


def parse(text: str, measured: str | None = None) -> cst.Module:
    """Parse with LibCST; a failure becomes a one-line TransformError.

    So does a text that LibCST would crash on or take gigabytes for (see :func:`measure`),
    judged on ``measured`` when given: the whole file that ``text`` is a sparse part of
    (its tree is already indexed, and no part is deeper or larger).
    """
    depth, nodes = measure(text if measured is None else measured)
    if depth > MAX_NESTING:
        raise TransformError(f"too deeply nested for LibCST (over {MAX_NESTING} levels)")
    if nodes > MAX_NODES:
        raise TransformError(f"too large for LibCST ({nodes} syntax nodes, at most {MAX_NODES})")
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        message = str(exc).strip().splitlines()[0]
        raise TransformError(
            f"cannot parse: {message} (line {exc.raw_line}, column {exc.raw_column})"
        ) from None


def _prepare(
    module: cst.Module,
    codemods: list[type[LiftCodemod]],
    settings: Settings,
    filename: str,
    *,
    python2: bool = False,
    source: str | None = None,
) -> tuple[Pipeline, CodemodContext]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)  # no per-file tree copy
    context = CodemodContext(filename=filename, wrapper=wrapper)
    target = f"{settings.target[0]}.{settings.target[1]}"
    instances = [codemod(context, target=target, unsafe=settings.unsafe) for codemod in codemods]
    # Metadata is computed on first use, once per file for all codemods: a file whose
    # candidates all fail the cheap structural checks never pays for scopes.
    lazy, facts = _LazyMetadata(wrapper), FileFacts(module, source)
    for instance in instances:
        instance.metadata = lazy
        instance.facts = facts
        instance.python2 = python2
    return Pipeline(instances), context


class _LazyMetadata(Mapping[ProviderT, Mapping[cst.CSTNode, object]]):
    """Resolves a provider the first time a codemod asks for it (the wrapper caches it)."""

    def __init__(self, wrapper: MetadataWrapper) -> None:
        self.wrapper = wrapper

    def __getitem__(self, provider: ProviderT) -> Mapping[cst.CSTNode, object]:
        return self.wrapper.resolve(provider)

    def __contains__(self, provider: object) -> bool:
        return True  # declared dependencies are checked by MetadataDependent.get_metadata

    def __iter__(self) -> Iterator[ProviderT]:
        return iter(())

    def __len__(self) -> int:
        return 0


def transform(
    text: str, settings: Settings, filename: str = "<string>", doctests: bool = True
) -> Outcome:
    """Lift Python 2 syntax, then run the selected codemods; ``code`` is ``text`` if unchanged.

    With ``doctests``, the doctest examples in the docstrings are then modernized too.
    """
    try:
        lifted = lift(text)  # Python 3 text comes back as is, after one ast.parse
    except LiftError as exc:
        raise TransformError(f"cannot parse: {exc}") from None
    source = lifted.code
    lift_counts = {f"py2_lift:{kind}": n for kind, n in lifted.rewrites.items()}
    python2 = lifted.changed or settings.python2
    outcome = Outcome(code=source, rewrites=lift_counts, notes=list(lifted.notes), source=source)
    usable = [c for c in settings.codemods if python2 or not c.PYTHON2_ONLY]
    # Codemods that remove code (dead version branches) run alone first, so that the others
    # never rewrite, count or add imports for code that is about to go.
    for stage in ([c for c in usable if c.PREPASS], [c for c in usable if not c.PREPASS]):
        wanted = [codemod for codemod in stage if codemod.wants(outcome.code)]
        located = locate(outcome.code, wanted)
        wanted = [codemod for codemod in wanted if located.get(codemod) != set()]
        if wanted:
            stage_outcome = _run_codemods(
                outcome.code, wanted, settings, filename, python2=python2, located=located
            )
            _merge(outcome, stage_outcome)
    if doctests and ">>>" in outcome.code:
        from legacylift.doctests import modernize_docstrings  # it imports this module

        outcome.code, found, more = modernize_docstrings(outcome.code, settings, python2, filename)
        outcome.rewrites.update(found)
        outcome.notes.extend(more)
    return outcome


def locate(text: str, codemods: list[type[LiftCodemod]]) -> dict[type[LiftCodemod], set[int]]:
    """The lines each codemod's :meth:`~LiftCodemod.locate` finds in ``text``'s ``ast``, for
    the codemods that have a locator (an empty set: nothing to rewrite)."""
    if not LOCATE or not codemods:
        return {}
    try:
        found = index(text)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return {}  # the parse reports it, or the codemods run on their regex pre-checks
    located = {}
    for codemod in codemods:
        lines = codemod.locate(found)
        if lines is not None:
            located[codemod] = lines
    return located


def measure(text: str) -> tuple[int, int]:
    """How deeply the syntax tree of ``text`` (Python 3 source) nests, as LibCST would nest it,
    and how many ``ast`` nodes it has.

    Every level and node takes a character, so a text no longer than MAX_NESTING is not
    measured ((0, 0)).  ``a and b and c`` nests in LibCST (one ``BooleanOperation`` per
    operator), not in ``ast``.  A text too deep for ``ast.parse`` itself is MAX_NESTING + 1 deep.
    """
    if len(text) <= MAX_NESTING:
        return 0, 0
    try:
        parse_python3(text)  # the lift's tree
    except (SyntaxError, ValueError):
        return 0, 0  # LibCST says why
    except (RecursionError, MemoryError):
        return MAX_NESTING + 1, 0
    found = index(text)  # the tree's walk, shared with the codemods' locators
    return found.depth, found.size


def _merge(outcome: Outcome, stage: Outcome) -> None:
    """Add what a stage of codemods did to ``outcome`` (whose ``source`` stays the input)."""
    outcome.code = stage.code
    for name, count in stage.rewrites.items():
        outcome.rewrites[name] = outcome.rewrites.get(name, 0) + count
    outcome.notes += stage.notes
    outcome.consumed += stage.consumed


def _run_codemods(
    source: str,
    wanted: list[type[LiftCodemod]],
    settings: Settings,
    filename: str,
    *,
    python2: bool = False,
    whole: bool = False,
    located: Mapping[type[LiftCodemod], set[int]] | None = None,
) -> Outcome:
    """Run ``wanted`` over ``source`` in one traversal; only the parts of the file within
    their reach are parsed (legacylift/sparse.py), unless ``whole``."""
    sparse = None if whole or not SPARSE else plan(source, wanted, located or {})
    text = sparse.text if sparse is not None else source
    module = parse(text, measured=source)
    notes: list[str] = []
    active = list(wanted)
    while True:
        pipeline, context = _prepare(
            module, active, settings, filename, python2=python2, source=source
        )
        try:
            new = module.visit(pipeline)
            break
        except SkipFile as refusal:
            # Only the refusing codemod gives up the file; the others run again without it.
            if pipeline.current is None:
                raise
            culprit = type(pipeline.current)
            notes.append(f"{culprit.name()} refused the file: {refusal}")
            active.remove(culprit)
    if not any(c.rewrites or c.consumed_comments for c in pipeline.codemods):
        # Nothing was rewritten: the tree is the parse of ``source``, so skip printing it
        # (and any import a refusing codemod had already asked for).
        return Outcome(code=source, notes=notes + context.warnings, source=source)
    keys = (AddImportsVisitor.CONTEXT_KEY, RemoveImportsVisitor.CONTEXT_KEY)
    imports = any(context.scratch.get(key) for key in keys)
    if sparse is not None and imports and all(c.REACH == "statement" for c in wanted):
        # The module's imports stood aside: a statement codemod is not to touch them.
        return _run_codemods(source, wanted, settings, filename, python2=python2, whole=True)
    if "\x0c" in text and module.code != text:
        # LibCST drops a form feed in a statement's indentation ("\x0cdef f():"): printing
        # the tree would lose bytes that no codemod meant to change.
        raise TransformError("LibCST would drop a form feed (page break) of this file")
    if AddImportsVisitor.CONTEXT_KEY in context.scratch:
        new = _add_imports(new, context)
    code = _whole(new.code, sparse)
    if code is not None and _maybe_unused_imports(context, code):
        pruned = _whole(RemoveImportsVisitor(context).transform_module(new).code, sparse)
        # An unused import is better than a lost comment: keep imports that carry one.
        if pruned is None or not comments(code) - comments(pruned):
            code = pruned
    if code is None:  # a body that stood aside did not come back intact: parse it all
        return _run_codemods(source, wanted, settings, filename, python2=python2, whole=True)
    rewrites = {type(c).name(): c.rewrites for c in pipeline.codemods if c.rewrites}
    consumed = [text for c in pipeline.codemods for text in c.consumed_comments]
    return Outcome(
        code=code, rewrites=rewrites, notes=notes + context.warnings, consumed=consumed,
        source=source,
    )  # fmt: skip


def _whole(code: str, sparse: Sparse | None) -> str | None:
    """``code`` with the bodies that stood aside back in place (None if they cannot be)."""
    return code if sparse is None else sparse.restore(code)


def _add_imports(module: cst.Module, context: CodemodContext) -> cst.Module:
    """AddImportsVisitor, run on the module's imports only (it walks every node it is given).

    The other top-level statements stand aside as numbered placeholders and come back
    unchanged in their places; the new import lines land where the visitor puts them.
    """
    indent = module.default_indent
    if indent.strip(" \t"):
        # A form feed in the first block's indentation (valid Python) becomes LibCST's default
        # indent, which its parser config (the visitor parses the new import lines with it)
        # refuses with a ValueError: the visitor gets a plain one, then the real one is back.
        plain = _add_imports(module.with_changes(default_indent="    "), context)
        return plain.with_changes(default_indent=indent)
    stand_in: dict[str, cst.BaseStatement] = {}
    body: list[cst.BaseStatement] = []
    for i, statement in enumerate(module.body):
        if m.matches(statement, IMPORT_LINE):
            body.append(statement)
        else:
            name = f"__legacylift_placeholder_{i}"
            stand_in[name] = statement
            line = cst.Expr(cst.Name(name))
            body.append(cst.SimpleStatementLine([line], leading_lines=statement.leading_lines))
    added = AddImportsVisitor(context).transform_module(module.with_changes(body=body))
    restored = [_restore(s, stand_in) if m.matches(s, PLACEHOLDER) else s for s in added.body]
    if stand_in:  # the visitor moved something it should not have: do it the slow way
        return AddImportsVisitor(context).transform_module(module)
    return added.with_changes(body=restored)


def _restore(
    placeholder: cst.BaseStatement, stand_in: dict[str, cst.BaseStatement]
) -> cst.BaseStatement:
    """The statement a placeholder stood for, with the blank lines the import adder gave it."""
    line = cst.ensure_type(placeholder, cst.SimpleStatementLine)
    name = cst.ensure_type(cst.ensure_type(line.body[0], cst.Expr).value, cst.Name).value
    return stand_in.pop(name).with_changes(leading_lines=line.leading_lines)


#: Top-level lines the import adder must see: imports, docstrings (it adds after them).
IMPORT_LINE = m.SimpleStatementLine(
    body=[m.OneOf(m.Import(), m.ImportFrom(), m.Expr(m.SimpleString() | m.ConcatenatedString()))]
)
PLACEHOLDER = m.SimpleStatementLine(
    body=[m.Expr(m.Name(m.MatchIfTrue(lambda n: n.startswith("__legacylift_placeholder_"))))]
)


def _maybe_unused_imports(context: CodemodContext, code: str) -> bool:
    """Keep only the scheduled import removals whose name may now be unused; any left?

    RemoveImportsVisitor costs a scope analysis of the whole file; a name that still occurs
    twice as a token (its import and a use) cannot be unused, so most files skip it.  Uses
    through a submodule that is imported too (``urllib.parse.quote`` with ``import
    urllib.parse``) do not count for a plain ``import urllib``.
    """
    scheduled = context.scratch.get(RemoveImportsVisitor.CONTEXT_KEY, [])
    if not scheduled:
        return False
    uses = _NameUses(code)
    maybe = [entry for entry in scheduled if uses.count(*entry) < 2]
    context.scratch[RemoveImportsVisitor.CONTEXT_KEY] = maybe
    return bool(maybe)


class _NameUses:
    """How often each name occurs as a token of ``code`` (not after a dot, not in strings)."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.plain: Counter[str] = Counter()
        self.dotted: Counter[tuple[str, str]] = Counter()
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(code).readline))
        except (tokenize.TokenError, SyntaxError):
            tokens = []  # then every name counts as unused and LibCST decides
        starts = (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT, tokenize.NL)
        previous, in_from = "", False
        for i, token in enumerate(tokens):
            if token.type == tokenize.NAME and token.string == "from" and previous in ("", ";"):
                in_from = True  # ``from m import``: m is not a use of m
            elif token.string == "import":
                in_from = False
            elif token.type == tokenize.NAME and previous != "." and not in_from:
                self.plain[token.string] += 1
                if i + 2 < len(tokens) and tokens[i + 1].string == ".":
                    self.dotted[token.string, tokens[i + 2].string] += 1
            if token.type not in (tokenize.COMMENT, tokenize.NL):
                previous = "" if token.type in starts else token.string

    def count(self, module: str, obj: str | None, asname: str | None) -> int:
        if asname or obj:
            return self.plain[asname or obj or ""]
        top = module.partition(".")[0]
        pattern = rf"^[ \t]*import[ \t]+{re.escape(top)}\.(\w+)"
        submodules = set(re.findall(pattern, self.code, re.MULTILINE))
        return self.plain[top] - sum(self.dotted[top, sub] for sub in submodules)


def comments(text: str) -> Counter[str]:
    """The comments of a source text, as a multiset of their stripped texts."""
    found: Counter[str] = Counter()
    try:
        for token in tokenize.generate_tokens(io.StringIO(text).readline):
            if token.type == tokenize.COMMENT:
                found[token.string.rstrip()] += 1
    except (tokenize.TokenError, SyntaxError):
        pass  # only reached for text LibCST parsed, so this is a tokenizer corner case
    return found


def lost_comments(before: str, after: str) -> Counter[str]:
    """``comments(before) - comments(after)``, without tokenizing two whole files when no
    changed line of ``before`` holds a ``#`` and the changes open or close no triple-quoted
    string (lines outside the changes then read the same in both)."""
    old, new = before.splitlines(True), after.splitlines(True)
    if len(old) == len(new):
        pairs = [(a, b) for a, b in zip(old, new) if a != b]
        removed, added = "".join(a for a, _ in pairs), "".join(b for _, b in pairs)
    elif (edits := removed_and_added(old, new)) is not None:
        removed, added = "".join(edits[0]), "".join(edits[1])
    else:
        return comments(before) - comments(after)  # a rewrite of hundreds of lines
    same_strings = all(removed.count(q) == added.count(q) for q in ('"""', "'''"))
    if "#" not in removed and same_strings:
        return Counter()
    return comments(before) - comments(after)


def verify(code: str, target: Version, filename: str) -> str | None:
    """Why ``code`` does not compile for ``target`` (on this interpreter), or None if it does."""
    feature = max(target, (3, 7)) if target >= (3, 0) else None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes etc. are the input's, not ours
        try:
            tree = ast.parse(code, filename, feature_version=feature)
            compile(tree, filename, "exec", dont_inherit=True)
        except (SyntaxError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            where = f" (line {line})" if line else ""
            return f"{type(exc).__name__}: {getattr(exc, 'msg', exc)}{where}"
        except RecursionError:
            return "too deeply nested to compile"
    return None


def modernize_text(
    text: str, settings: Settings, filename: str = "<string>", doctests: bool = True
) -> Outcome:
    """:func:`transform`, then check that a changed result still compiles for the target."""
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    try:
        outcome = transform(text, settings, filename, doctests)
    except RecursionError:
        raise TransformError("too deeply nested for LibCST") from None
    if outcome.code != text:
        # The lift checks its own comments; the codemods are checked against its output.
        lost = lost_comments(outcome.source, outcome.code) - Counter(outcome.consumed)
        if lost:
            dropped = next(iter(lost))
            raise TransformError(f"a rewrite would drop the comment {dropped!r}; left unchanged")
        problem = verify(outcome.code, settings.target, filename)
        if problem is not None:
            before = verify(outcome.source, settings.target, filename)
            if before is not None:
                raise TransformError(f"does not compile for the target even before: {before}")
            raise TransformError(f"rewritten code does not compile, left unchanged: {problem}")
    return outcome
