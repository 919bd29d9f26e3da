"""``@six.add_metaclass(M)``, ``six.with_metaclass(M, B)`` -> ``class C(B, metaclass=M)``."""

from __future__ import annotations

import re
from typing import ClassVar

import libcst as cst
import libcst.matchers as m
from libcst.metadata import QualifiedNameProvider

from codemods._py2_builtins import comments
from codemods._six_table import six_name
from legacylift.codemod import LiftCodemod, Refuse, require

DOTTED = m.Name() | m.Attribute(value=m.Name() | m.Attribute())
POSITIONAL = m.Arg(keyword=None, star="")
WITH = frozenset({"six.with_metaclass", "future.utils.with_metaclass"})
NONE = cst.SimpleWhitespace("")
EQUAL = cst.AssignEqual(whitespace_before=NONE, whitespace_after=NONE)
COMMA = cst.Comma(whitespace_after=cst.SimpleWhitespace(" "))
MULTILINE = m.Comma(whitespace_after=m.ParenthesizedWhitespace())


class SixMetaclass(LiftCodemod):
    """Replace six's metaclass helpers with the Python 3 ``metaclass=`` keyword.

    **Why.** ``six.add_metaclass`` builds the class twice (first with ``type``) and
    ``six.with_metaclass`` goes through a temporary class; Python 3 says it in the header.
    The code is valid Python 3 already: a pyupgrade-style cleanup of a dependency.

    **Example.**

        import abc
        import six

        @six.add_metaclass(abc.ABCMeta)
        class Plugin(Base):
            pass

        class Form(six.with_metaclass(FormMeta, BaseForm)):
            pass

    becomes

        import abc

        class Plugin(Base, metaclass=abc.ABCMeta):
            pass

        class Form(BaseForm, metaclass=FormMeta):
            pass

    Names are resolved (``from six import add_metaclass``, ``future.utils.with_metaclass``);
    the six import goes when nothing else uses it.

    **Refuses** a metaclass that is not a (dotted) name (it would be evaluated later), a class
    that already has keywords, ``add_metaclass`` that is not the decorator nearest the class
    (the decorators under it would then get the final class), ``with_metaclass`` next to
    other bases (six drops those) or with star arguments, and anything whose comments would
    be lost.

    **Safety.** Safe: the class is created once, by its metaclass, as both helpers intend.
    Unlike ``add_metaclass``, the metaclass's ``__prepare__`` now runs and a zero-argument
    ``super()`` in a method sees the final class (it saw the throwaway one before).
    """

    PRECHECK = re.compile(r"\b(?:add_metaclass|with_metaclass)\b")
    METADATA_DEPENDENCIES: ClassVar = (QualifiedNameProvider,)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        try:
            if original_node.decorators and not updated_node.keywords:
                return self._decorated(original_node, updated_node)
            if len(original_node.bases) == 1 and not updated_node.keywords:
                return self._based(original_node, updated_node)
        except Refuse:
            pass
        return updated_node

    def _decorated(self, original: cst.ClassDef, node: cst.ClassDef) -> cst.ClassDef:
        """``@six.add_metaclass(M)`` nearest the class -> ``metaclass=M``."""
        call = original.decorators[-1].decorator
        require(isinstance(call, cst.Call) and six_name(self, call.func) == "six.add_metaclass")
        last = node.decorators[-1]
        require(m.matches(last.decorator, m.Call(args=[POSITIONAL])) and not comments(call))
        require(last.trailing_whitespace.comment is None)
        meta = cst.ensure_type(last.decorator, cst.Call).args[0].value
        moved = [*last.leading_lines, *node.lines_after_decorators]
        node = node.with_changes(decorators=node.decorators[:-1], lines_after_decorators=moved)
        return self._keyword(node, list(node.bases), meta, call)

    def _based(self, original: cst.ClassDef, node: cst.ClassDef) -> cst.ClassDef:
        """``class C(six.with_metaclass(M, B))`` -> ``class C(B, metaclass=M)``."""
        call = original.bases[0].value
        require(isinstance(call, cst.Call) and six_name(self, call.func) in WITH)
        assert isinstance(call, cst.Call)
        require(call.args and all(m.matches(a, POSITIONAL) for a in call.args))
        inside = sum(comments(a.value) for a in call.args)
        require(comments(original.bases[0]) == inside)
        updated = cst.ensure_type(node.bases[0].value, cst.Call)
        return self._keyword(node, list(updated.args[1:]), updated.args[0].value, call)

    def _keyword(
        self, node: cst.ClassDef, bases: list[cst.Arg], meta: cst.BaseExpression, used: cst.CSTNode
    ) -> cst.ClassDef:
        require(m.matches(meta, DOTTED))
        if bases and not m.matches(bases[-1].comma, MULTILINE):
            bases[-1] = bases[-1].with_changes(comma=COMMA)
        keyword = cst.Arg(meta, keyword=cst.Name("metaclass"), equal=EQUAL)
        self.unimport(used)
        self.count_rewrite()
        lpar = node.lpar if isinstance(node.lpar, cst.LeftParen) else cst.LeftParen()
        rpar = node.rpar if isinstance(node.rpar, cst.RightParen) else cst.RightParen()
        return node.with_changes(bases=bases, keywords=[keyword], lpar=lpar, rpar=rpar)
