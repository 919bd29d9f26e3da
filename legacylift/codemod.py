"""The base class every legacylift codemod derives from, and the pass that runs them together.

A codemod is a :class:`libcst.codemod.CodemodCommand`, so `python -m libcst.tool codemod` can run
any one of them alone.  The engine does not use LibCST's own driver, though: that driver deep-copies
every tree and walks it once per codemod through the matcher-decorator machinery, which costs
several times the parse.  Instead :class:`Pipeline` walks a tree once and, for each node, calls
the ``visit_<Node>`` / ``leave_<Node>`` methods of every active codemod in registry order.

Rules a codemod follows so that it can share that single walk:

* ``visit_*`` methods only observe; their return value is ignored (children are always visited,
  since another codemod may need them).
* ``leave_*`` methods get ``(original_node, updated_node)``; metadata is looked up on
  ``original_node``.  They return ``updated_node`` itself when they change nothing, and call
  :meth:`LiftCodemod.count_rewrite` for each rewrite they make.
* A codemod that returns another kind of node ends the node's round: the later codemods do
  not see the new node (its original would be of another kind).
* Raising :class:`libcst.codemod.SkipFile` refuses the whole file for that codemod only.
* No comment may be lost: the engine compares the comments before and after and refuses the
  file otherwise, unless the codemod listed the comment in ``consumed_comments`` (a type
  comment that became an annotation, say).
* :meth:`LiftCodemod.parents` gives the nodes around the node being visited or left (the
  pipeline keeps them on a stack), without computing ``ParentNodeProvider`` for the file.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterator
from typing import Any, Callable, ClassVar, Union

import libcst as cst
from libcst.codemod import CodemodCommand, CodemodContext, SkipFile
from libcst.codemod.visitors import RemoveImportsVisitor
from libcst.metadata import BuiltinAssignment, ParentNodeProvider, Scope, ScopeProvider

from legacylift.astindex import AstIndex
from legacylift.facts import FileFacts
from legacylift.prefilter import required_literals, searcher
from legacylift.versions import Version, parse_version

LeaveResult = Union[cst.CSTNode, cst.RemovalSentinel, cst.FlattenSentinel[Any]]
_LeaveFn = Callable[[Any, Any], LeaveResult]


class Refuse(Exception):
    """Raised by a codemod's own helpers to leave the node at hand unchanged."""


def require(condition: object) -> None:
    """Refuse (leave the node at hand unchanged) unless ``condition`` holds."""
    if not condition:
        raise Refuse


def is_builtin(scope: Scope | None, name: str) -> bool:
    """Whether ``name`` in ``scope`` can only mean the builtin (no binding, no import of it)."""
    return scope is not None and all(isinstance(a, BuiltinAssignment) for a in scope[name])


class LiftCodemod(CodemodCommand):
    """Base class of the legacylift codemods (see the module docstring for the contract)."""

    #: Oldest target Python the rewritten code may run on.
    MIN_PYTHON: ClassVar[Version] = (3, 0)
    #: True when every rewrite of this codemod may change behaviour: it then runs only under
    #: ``--unsafe``.  Codemods with some unsafe cases check :attr:`unsafe` themselves.
    UNSAFE_ONLY: ClassVar[bool] = False
    #: True for Python 2 semantics that would change what valid Python 3 code does (renaming a
    #: ``next`` method, say): such a codemod runs only on files that were Python 2 (lifted)
    #: or when the user says every file is (``--python2``).
    PYTHON2_ONLY: ClassVar[bool] = False
    #: True for a codemod that removes code (dead branches): it runs alone, before the others,
    #: at the cost of a second parse for the files it changed.
    PREPASS: ClassVar[bool] = False
    #: True when the rewrite writes syntax that only MIN_PYTHON parses (``type X = ...``): every
    #: result is compiled to check it, so the codemod runs only where legacylift itself runs on
    #: MIN_PYTHON or newer.
    NEW_SYNTAX: ClassVar[bool] = False
    #: Cheap pre-check on the source text: a file it does not match never reaches this codemod.
    PRECHECK: ClassVar[re.Pattern[str] | None] = None
    #: Where this codemod's rewrites may reach from a PRECHECK match: ``"statement"`` (only
    #: the statement that holds it, for a rewrite that reads no name's binding and adds or
    #: removes no import), ``"local"``
    #: (the function around it, or its module-level statement), ``"class"`` (the class around
    #: it), or ``"file"``.  What is out of every match's reach is not parsed (legacylift/sparse.py).
    REACH: ClassVar[str] = "file"
    #: Where the rewrites of a local codemod may be, when PRECHECK (which decides whether the
    #: file is wanted at all) does not match there: ``c.Mapping`` after ``import collections
    #: as c``.  Every rewrite must be within reach of a PRECHECK or LOCATIONS match.
    LOCATIONS: ClassVar[re.Pattern[str] | None] = None
    #: For a local codemod that rewrites uses of imported names: an import statement whose
    #: text this matches makes every line that names what it binds a location too (``from
    #: socket import error as E``: each ``E``).
    FOLLOW: ClassVar[re.Pattern[str] | None] = None

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        # `python -m libcst.tool list` shows DESCRIPTION: keep it the docstring's first line.
        cls.DESCRIPTION = cls.summary()

    def __init__(self, context: CodemodContext, target: str = "3.10", unsafe: bool = False) -> None:
        super().__init__(context)
        self.target: Version = parse_version(target) if isinstance(target, str) else target
        self.unsafe = unsafe
        self.rewrites = 0
        #: Comments this codemod removed on purpose; any other lost comment fails the file.
        self.consumed_comments: list[str] = []
        #: Whether the file is ported as Python 2 (it was lifted, or the run is a Python 2 port).
        self.python2 = False
        #: Whole-file facts, shared by the codemods of a run (set before the traversal).
        self.facts = FileFacts(cst.Module([]))
        #: The original nodes the running :class:`Pipeline` is inside, the Module first and the
        #: node being visited or left last (None: no pipeline runs this codemod).
        self.visiting: list[cst.CSTNode] | None = None

    @classmethod
    def name(cls) -> str:
        """The registry name: the codemod's module name, e.g. ``set_trace_to_breakpoint``."""
        return cls.__module__.rpartition(".")[2]

    @classmethod
    def summary(cls) -> str:
        """First line of the docstring: what the codemod does."""
        return (cls.__doc__ or "").strip().splitlines()[0]

    @classmethod
    def wants(cls, source: str) -> bool:
        """Whether the cheap pre-check says this source may hold something to rewrite."""
        if cls.PRECHECK is None:
            return True
        needs = required_literals(cls.PRECHECK)  # cached per pattern
        if needs is not None and not any(needed in source for needed in needs):
            return False  # a plain substring test, before a regex that scans every character
        return searcher(cls.PRECHECK)(source)  # the regex, sped up for leading \b anchors

    @classmethod
    def locate(cls, found: AstIndex) -> set[int] | None:
        """A finer pre-check, run on the ``ast`` of a file that PRECHECK matched: the lines
        of every place this codemod may rewrite, or None when it cannot tell.

        No line: the codemod skips the file.  Lines: for a local or class codemod, they
        replace PRECHECK, LOCATIONS and FOLLOW as the places the sparse parse keeps, so they
        must cover each rewrite: a line of it is enough for a local codemod (the function
        around it stays), a line of each statement it reads for a statement one.  A
        locator may take more than the codemod rewrites (it has no settings, no scopes), never
        less: the engine's tests run every codemod case sparse as well as whole.
        """
        return None

    @staticmethod
    def add_args(arg_parser: argparse.ArgumentParser) -> None:
        """Options for `python -m libcst.tool codemod`."""
        arg_parser.add_argument("--target", default="3.10", help="oldest Python to support")
        arg_parser.add_argument(
            "--unsafe", action="store_true", help="also apply rewrites that may change behaviour"
        )

    def count_rewrite(self, n: int = 1) -> None:
        """Record that this codemod rewrote something (shown in the run's summary table)."""
        self.rewrites += n

    def unimport(self, node: cst.CSTNode) -> None:
        """Remove the imports of the names ``node`` (an original node) reads, if the result
        no longer uses them: ``RemoveImportsVisitor.remove_unused_import_by_node`` without
        computing the file's scopes for it (FileFacts.import_removals)."""
        removals = self.facts.import_removals(node)
        if removals is None:
            RemoveImportsVisitor.remove_unused_import_by_node(self.context, node)
            return
        for module, name, alias in removals:
            RemoveImportsVisitor.remove_unused_import(self.context, module, name, alias)

    def builtin(self, node: cst.CSTNode, name: str) -> bool:
        """Whether ``name`` read at ``node`` (an original node) can only mean the builtin (or
        nothing).  A name the file binds nowhere (FileFacts.binding, from the compiler's symbol
        tables) needs no scope analysis; else the codemod must list ``ScopeProvider`` in
        METADATA_DEPENDENCIES."""
        if self.facts.binding(name) == "none":
            return True
        return is_builtin(self.get_metadata(ScopeProvider, node, None), name)

    def parents(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        """The original nodes around ``node`` (an original node), its parent first, up to the
        Module.

        Read from the pipeline's stack when ``node`` is on it (the node being visited or left,
        or one around it): no cost.  Any other node is looked up with ``ParentNodeProvider``,
        which the codemod must then list in METADATA_DEPENDENCIES (it is computed for the
        whole file on first use).
        """
        stack = self.visiting
        if stack:
            for index in range(len(stack) - 1, -1, -1):  # the node being left is the last one
                if stack[index] is node:
                    return reversed(stack[:index])
        return self._parents_from_metadata(node)

    def _parents_from_metadata(self, node: cst.CSTNode) -> Iterator[cst.CSTNode]:
        parent = self.get_metadata(ParentNodeProvider, node, None)
        while parent is not None:
            yield parent
            parent = self.get_metadata(ParentNodeProvider, parent, None)

    def transform_module_impl(self, tree: cst.Module) -> cst.Module:
        # Only reached through LibCST's own driver, which has already resolved our metadata;
        # it knows nothing of our gates, so apply them here as the engine's eligible() does.
        if self.target < self.MIN_PYTHON or (self.UNSAFE_ONLY and not self.unsafe):
            return tree
        self.facts = FileFacts(tree)
        return tree.visit(Pipeline([self]))


class Pipeline(cst.CSTTransformer):
    """One traversal that dispatches each node to every active codemod, in registry order."""

    def __init__(self, codemods: list[LiftCodemod]) -> None:
        super().__init__()
        self.codemods = codemods
        self._visits: dict[str, list[tuple[int, Callable[[Any], object]]]] = {}
        self._leaves: dict[str, list[tuple[int, _LeaveFn]]] = {}
        for index, codemod in enumerate(codemods):
            for attr in dir(type(codemod)):
                kind, _, node_name = attr.partition("_")
                if kind not in ("visit", "leave") or not hasattr(cst, node_name):
                    continue
                method = getattr(codemod, attr)
                if kind == "visit":
                    self._visits.setdefault(node_name, []).append((index, method))
                else:
                    self._leaves.setdefault(node_name, []).append((index, method))
        #: The codemod running when a SkipFile escaped, so the engine can retry without it.
        self.current: LiftCodemod | None = None
        #: The original nodes being visited, outermost first (see LiftCodemod.parents).
        self.stack: list[cst.CSTNode] = []
        for codemod in codemods:
            codemod.visiting = self.stack

    def on_visit(self, node: cst.CSTNode) -> bool:
        self.stack.append(node)
        visitors = self._visits.get(type(node).__name__)
        if visitors:
            for index, visit in visitors:
                self.current = self.codemods[index]
                visit(node)
            self.current = None
        return True

    def on_leave(  # type: ignore[override]  # any node kind may come back
        self, original_node: cst.CSTNode, updated_node: cst.CSTNode
    ) -> LeaveResult:
        if type(updated_node).__name__ not in self._leaves:
            self.stack.pop()
            return updated_node  # most nodes: no codemod leaves them
        node: LeaveResult = updated_node
        for index, leave in self._leaves[type(updated_node).__name__]:
            self.current = self.codemods[index]
            node = leave(original_node, node)
            if type(node) is not type(updated_node):
                # A new kind of node (or a removal): later codemods would get an original_node
                # of another kind, with metadata for the old one, so they leave it alone.
                break
        self.current = None
        self.stack.pop()  # original_node, on top while the codemods left it
        return node

    # LibCST calls these for every field of every node, to look up ``visit_<Node>_<field>``
    # methods by name (a tenth of a traversal); no codemod has one.
    def on_visit_attribute(self, node: cst.CSTNode, attribute: str) -> None:
        pass

    def on_leave_attribute(self, original_node: cst.CSTNode, attribute: str) -> None:
        pass


__all__ = ["LiftCodemod", "Pipeline", "Refuse", "SkipFile", "Version", "parse_version", "require"]
