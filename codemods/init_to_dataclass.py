"""Turn classes whose ``__init__`` only stores its arguments into dataclasses."""

from __future__ import annotations

import re

import libcst as cst
import libcst.matchers as m
from libcst.codemod.visitors import AddImportsVisitor
from libcst.metadata import ClassScope, GlobalScope, ParentNodeProvider, ScopeProvider

from codemods import _dataclass_fields as df
from codemods._class_names import OwnNames, from_scope, module_level, plain_names
from legacylift.astindex import AstIndex
from legacylift.codemod import LiftCodemod, Refuse, require


class InitToDataclass(LiftCodemod):
    """Turn a class whose ``__init__`` only stores its parameters into an annotated dataclass.

    Why: fields are declared once, where readers and type checkers look for them.  Example::

        class Point(object):
            def __init__(self, x, y=0):
                self.x = x
                self.y = y

    becomes (``dataclass`` and ``Any`` get imported)::

        @dataclass(eq=False, repr=False)
        class Point(object):
            x: Any
            y: int = 0

    Field types: the parameter's annotation, else the type of a literal default (int, float,
    complex, str, bytes, bool, tuple; ``None`` gives ``Any``), else ``Any``.  Comments move with
    the assignments.  ``(object)`` is left to ``drop_object_base``.

    Refused: an ``__init__`` doing more than ``self.p = p`` for each parameter, in order (no
    docstring, ``super().__init__()``, checks), or with ``*``, ``/``, ``*args``, ``**kwargs``,
    decorators, ``async`` or a return type but ``None``; defaults but immutable literals; classes
    in functions, decorated, with a base but ``object``, a metaclass, ``__post_init__``,
    ``__new__``, class annotations, attributes named like a field or annotation, or ``__slots__``
    (unless, on 3.10+, it lists just the fields and no ``super()``/``__class__`` relies on the
    class: ``slots=True`` replaces it); ``dataclass``/``Any`` bound elsewhere; lost comments.

    Safety: safe mode keeps behaviour: ``eq=False`` keeps ``==`` as identity and instances
    hashable (a class ``__eq__`` is kept, and ``__hash__`` as Python made it); ``repr=False``
    keeps ``<Point object at 0x...>`` (a class ``__repr__`` is never replaced).  ``--unsafe``
    drops ``repr=False``: repr (and str without ``__str__``) show ``Point(x=1, y=0)``.  Always:
    defaults become class attributes; ``__doc__`` (if none) and annotations appear.
    """

    MIN_PYTHON = (3, 7)
    REACH = "class"
    # ``def __init__(self, p...)``, then (within a long header's reach) ``self.p = p``: what
    # every class it rewrites has, the first parameter being stored first.
    PRECHECK = re.compile(
        r"\bdef\s+__init__\s*\(\s*\w+\s*,\s*(\w+)(?:[^\n]*\n){1,60}?"
        r"[ \t]+\w+\s*\.\s*\1\s*(?::[^=\n]*)?=\s*\1\b"
    )
    METADATA_DEPENDENCIES = (ScopeProvider, ParentNodeProvider)

    @classmethod
    def locate(cls, found: AstIndex) -> set[int]:
        return df.plain_init_classes(found)

    def leave_ClassDef(
        self, original_node: cst.ClassDef, updated_node: cst.ClassDef
    ) -> cst.ClassDef:
        try:
            return self._rewrite(original_node, updated_node)
        except Refuse:
            return updated_node

    def _rewrite(self, original: cst.ClassDef, updated: cst.ClassDef) -> cst.ClassDef:
        body = df.check_header(updated)
        inits = [stmt for stmt in body.body if df.is_plain_init(stmt)]
        require(len(inits) == 1)
        if not (fields := df.read_fields(cst.ensure_type(inits[0], cst.FunctionDef))):
            raise Refuse
        # Only a real candidate gets here, and it pays for the file's scopes only when the
        # pipeline's stack, the file's facts and a plain class body cannot tell.
        top = module_level(original, self.parents(original))
        require(top is not False)  # classes in functions are left alone
        if top is None:
            self._check_scope(original)
        asked = {*df.ASKED, *fields, *df.annotation_names(fields.values())}
        own = plain_names(original.body, asked) if top else None
        own = own or from_scope(self.get_metadata(ScopeProvider, original.body.body[0]))
        require(not updated.bases or self._binds(original, "builtins", "object"))
        require(own.bound("__init__") == 1)
        df.check_names(own, body, fields)
        slots = self._slots(own, body, fields)
        self._add_imports(original, fields)
        new_body = df.new_body(body, [inits[0], slots], list(fields.values()))
        self.count_rewrite()
        return updated.with_changes(decorators=[self._decorator(own, slots)], body=new_body)

    def _check_scope(self, original: cst.ClassDef) -> None:
        """Refuse classes in functions (as LibCST's scopes tell)."""
        enclosing = self.get_metadata(ScopeProvider, original)
        while isinstance(enclosing, ClassScope):
            enclosing = enclosing.parent
        require(isinstance(enclosing, GlobalScope))

    def _add_imports(self, original: cst.ClassDef, fields: df.Fields) -> None:
        """Schedule the imports not there yet (last: nothing may refuse after this)."""
        wanted = [("dataclasses", "dataclass")]
        wanted += [("typing", "Any")] if "Any" in df.annotation_names(fields.values()) else []
        missing = [(mod, name) for mod, name in wanted if not self._binds(original, mod, name)]
        for module, name in missing:
            AddImportsVisitor.add_needed_import(self.context, module, name)

    def _binds(self, original: cst.ClassDef, module: str, name: str) -> bool:
        """Whether ``name`` is ``module.name`` where the class is defined (False: unbound);
        refuse if it is another."""
        fast = self.facts.resolve(cst.Name(name))  # when the whole file binds it one way
        scope = self.get_metadata(ScopeProvider, original) if fast is None else None
        names = scope.get_qualified_names_for(name) if scope is not None else ()
        bound = {fast} - {""} if fast is not None else {qualified.name for qualified in names}
        require(bound <= {f"{module}.{name}"})
        return bool(bound)

    def _slots(
        self, own: OwnNames, body: cst.IndentedBlock, fields: df.Fields
    ) -> cst.CSTNode | None:
        """The ``__slots__`` statement that ``slots=True`` replaces; None if there is none."""
        if not own.bound("__slots__"):
            return None
        found = [stmt for stmt in body.body if df.slot_names(stmt) is not None]
        require(self.target >= (3, 10) and len(found) == own.bound("__slots__") == 1)
        listed = sorted(df.slot_names(found[0]) or ())
        require(listed == sorted(fields) and not own.read("__slots__"))
        # slots=True makes a new class: zero-argument super() and __class__ see the old one.
        bare = m.findall(body, m.Name("__class__"))
        require(len(bare) == len(m.findall(body, m.Attribute(attr=m.Name("__class__")))))
        require(not m.findall(body, m.Call(m.Name("super"), args=[])))
        return found[0]

    def _decorator(self, own: OwnNames, slots: object) -> cst.Decorator:
        flags = {
            "eq=False": not own.bound("__eq__"),  # identity ==, hashable instances
            "repr=False": not own.bound("__repr__") and not self.unsafe,  # <... at 0x..>
            "slots=True": slots is not None,
        }
        args = ", ".join(flag for flag, wanted in flags.items() if wanted)
        return cst.Decorator(cst.parse_expression(f"dataclass({args})" if args else "dataclass"))
