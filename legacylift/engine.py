"""Modernizing one source text: parse once, run every selected codemod in one pass, verify."""

from __future__ import annotations

import ast
import io
import sys
import tokenize
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

import libcst as cst
from libcst.codemod import CodemodContext, SkipFile
from libcst.codemod.visitors import AddImportsVisitor, RemoveImportsVisitor
from libcst.metadata import MetadataWrapper, ProviderT

from legacylift.codemod import LiftCodemod, Pipeline, Version
from legacylift.lift import LiftError, lift

#: Deeply nested sources (generated tables, long elif chains) recurse deeply in LibCST's visitors.
RECURSION_LIMIT = 20_000


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
    return tuple(
        codemod
        for codemod in registry
        if target >= codemod.MIN_PYTHON and (unsafe or not codemod.UNSAFE_ONLY)
    )


def parse(text: str) -> cst.Module:
    """Parse with LibCST; a failure becomes a one-line TransformError."""
    try:
        return cst.parse_module(text)
    except cst.ParserSyntaxError as exc:
        message = str(exc).strip().splitlines()[0]
        raise TransformError(
            f"cannot parse: {message} (line {exc.raw_line}, column {exc.raw_column})"
        ) from None


def _prepare(
    module: cst.Module, codemods: list[type[LiftCodemod]], settings: Settings, filename: str
) -> tuple[Pipeline, CodemodContext]:
    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)  # no per-file tree copy
    context = CodemodContext(filename=filename, wrapper=wrapper)
    target = f"{settings.target[0]}.{settings.target[1]}"
    instances = [codemod(context, target=target, unsafe=settings.unsafe) for codemod in codemods]
    # Metadata is computed on first use, once per file for all codemods: a file whose
    # candidates all fail the cheap structural checks never pays for scopes.
    lazy = _LazyMetadata(wrapper)
    for instance in instances:
        instance.metadata = lazy
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
        if wanted:
            _merge(outcome, _run_codemods(outcome.code, wanted, settings, filename))
    if doctests and ">>>" in outcome.code:
        from legacylift.doctests import modernize_docstrings  # it imports this module

        outcome.code, found, more = modernize_docstrings(outcome.code, settings, python2, filename)
        outcome.rewrites.update(found)
        outcome.notes.extend(more)
    return outcome


def _merge(outcome: Outcome, stage: Outcome) -> None:
    """Add what a stage of codemods did to ``outcome`` (whose ``source`` stays the input)."""
    outcome.code = stage.code
    for name, count in stage.rewrites.items():
        outcome.rewrites[name] = outcome.rewrites.get(name, 0) + count
    outcome.notes += stage.notes
    outcome.consumed += stage.consumed


def _run_codemods(
    source: str, wanted: list[type[LiftCodemod]], settings: Settings, filename: str
) -> Outcome:
    module = parse(source)
    notes: list[str] = []
    while True:
        pipeline, context = _prepare(module, wanted, settings, filename)
        try:
            new = module.visit(pipeline)
            break
        except SkipFile as refusal:
            # Only the refusing codemod gives up the file; the others run again without it.
            if pipeline.current is None:
                raise
            culprit = type(pipeline.current)
            notes.append(f"{culprit.name()} refused the file: {refusal}")
            wanted.remove(culprit)
    if AddImportsVisitor.CONTEXT_KEY in context.scratch:
        new = AddImportsVisitor(context).transform_module(new)
    code = new.code
    if RemoveImportsVisitor.CONTEXT_KEY in context.scratch:
        pruned = RemoveImportsVisitor(context).transform_module(new).code
        # An unused import is better than a lost comment: keep imports that carry one.
        if not comments(code) - comments(pruned):
            code = pruned
    rewrites = {type(c).name(): c.rewrites for c in pipeline.codemods if c.rewrites}
    consumed = [text for c in pipeline.codemods for text in c.consumed_comments]
    return Outcome(
        code=code, rewrites=rewrites, notes=notes + context.warnings, consumed=consumed,
        source=source,
    )  # fmt: skip


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
        lost = comments(outcome.source) - comments(outcome.code) - Counter(outcome.consumed)
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
