"""``@lru_cache()`` -> ``@lru_cache`` (3.8+, UP011); ``lru_cache(maxsize=None)`` -> ``cache``."""

from __future__ import annotations

import re

import libcst as cst
from libcst.codemod.visitors import AddImportsVisitor

from codemods._calls import CallsBase, keyword, positional
from codemods._py2_builtins import comments
from legacylift.codemod import Refuse, require

LRU_CACHE = "functools.lru_cache"


def unbounded(args: list[cst.Arg]) -> bool:
    """Whether ``args`` say ``maxsize=None`` and at most ``typed=False``, by keyword or not."""
    given: dict[str, cst.BaseExpression] = {}
    for i, arg in enumerate(args):
        name = keyword(arg) or (("maxsize", "typed")[i] if i < 2 else "")
        if not name or name in given:
            return False
        given[name] = arg.value
    maxsize, typed = given.pop("maxsize", None), given.pop("typed", None)
    if given or not (isinstance(maxsize, cst.Name) and maxsize.value == "None"):
        return False
    return typed is None or (isinstance(typed, cst.Name) and typed.value == "False")


class LruCacheCalls(CallsBase):
    """Drop the empty call of ``@lru_cache()``; use ``functools.cache`` for unbounded caches.

    **Why.** Since Python 3.8 ``lru_cache`` decorates a function directly, and Python 3.9
    added ``functools.cache``, which is ``lru_cache(maxsize=None)``.

    **Example.**

        import functools
        @functools.lru_cache()
        def settings():
            return load()
        @functools.lru_cache(maxsize=None)
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)

    becomes

        import functools
        @functools.lru_cache
        def settings():
            return load()
        @functools.cache
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)

    Both spellings: with ``from functools import lru_cache``, ``@lru_cache(maxsize=None)``
    becomes ``@cache`` (imported from ``functools``; the ``lru_cache`` import goes once
    unused), and ``import functools as ft`` keeps ``ft``.  ``lru_cache(None)`` and
    ``typed=False`` count as unbounded; ``lru_cache()(f)`` becomes ``lru_cache(f)``.

    **Refuses** targets before 3.8 (``cache`` needs 3.9), an ``lru_cache()`` that is neither a
    decorator nor called at once (``deco = lru_cache()`` is a decorator factory's product,
    not ``lru_cache`` itself), other arguments (``maxsize=128``, ``typed=True``), a scope
    where ``cache`` means something else, comments inside the call, and a name that is not
    the stdlib ``lru_cache``.

    **Safety.** Safe: ``lru_cache(f)`` is ``lru_cache()(f)`` on 3.8+, and ``cache(f)`` is
    defined as ``lru_cache(maxsize=None)(f)``.
    """

    MIN_PYTHON = (3, 8)
    PRECHECK = re.compile(r"\blru_cache\b")
    REACH = "local"
    FOLLOW = PRECHECK  # from functools import lru_cache as memo: each memo too

    def _lru_cache(self, original: cst.Call, updated: cst.Call) -> bool:
        """Whether ``original`` calls the stdlib ``lru_cache`` (and has no comments inside)."""
        return (
            isinstance(original.func, (cst.Name, cst.Attribute))
            and self.qualified(original.func) == LRU_CACHE
            and comments(updated) == comments(updated.func)
        )

    def leave_Decorator(
        self, original_node: cst.Decorator, updated_node: cst.Decorator
    ) -> cst.Decorator:
        call, new = original_node.decorator, updated_node.decorator
        if not isinstance(call, cst.Call) or not isinstance(new, cst.Call) or call.args:
            return updated_node
        if not self._lru_cache(call, new):
            return updated_node
        self.count_rewrite()
        return updated_node.with_changes(decorator=new.func)

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        inner, new = original_node.func, updated_node.func
        if isinstance(inner, cst.Call) and isinstance(new, cst.Call) and not inner.args:
            # lru_cache()(f) -> lru_cache(f)
            args = updated_node.args
            if len(args) != 1 or not positional(args) or args[0].keyword or new.args:
                return updated_node
            if not self._lru_cache(inner, new):
                return updated_node
            self.count_rewrite()
            return updated_node.with_changes(func=new.func)
        if self.target < (3, 9) or not self._lru_cache(original_node, updated_node):
            return updated_node
        try:
            require(positional(updated_node.args) and unbounded(list(updated_node.args)))
            func = self._cache(original_node, updated_node.func)
        except Refuse:
            return updated_node
        self.count_rewrite()
        return func.with_changes(lpar=updated_node.lpar, rpar=updated_node.rpar)

    def _cache(self, original: cst.Call, func: cst.BaseExpression) -> cst.BaseExpression:
        """``functools.cache`` spelled as ``func`` spells ``lru_cache``."""
        if isinstance(func, cst.Attribute):  # <module>.lru_cache: keep <module>
            return func.with_changes(attr=cst.Name("cache"))
        require(self.free(original, "cache", "functools.cache"))
        AddImportsVisitor.add_needed_import(self.context, "functools", "cache")
        self.unimport(original.func)
        return cst.Name("cache")
