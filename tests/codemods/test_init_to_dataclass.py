"""Tests of the init_to_dataclass codemod: rewrites, refusals, and unchanged behaviour."""

from __future__ import annotations

import ast
import inspect
import json
import re
import subprocess
import sys
import textwrap

import libcst as cst
import pytest
from libcst.codemod import CodemodContext

from codemods.init_to_dataclass import InitToDataclass
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, pyenv_python, run

IMPORTS = "from dataclasses import dataclass\nfrom typing import Any\n\n"

DOC_BEFORE = """\
class Point(object):
    def __init__(self, x, y=0):
        self.x = x
        self.y = y
"""
DOC_AFTER = """\
from dataclasses import dataclass
from typing import Any

@dataclass(eq=False, repr=False)
class Point(object):
    x: Any
    y: int = 0
"""


def case(
    before: str,
    after: str,
    id: str,
    *,
    imports: str = IMPORTS,
    target: str = "3.8",
    unsafe: bool = False,
) -> object:
    """A rewrite case; ``imports`` are what the output starts with before ``after``."""
    after = imports + textwrap.dedent(after)
    return pytest.param(textwrap.dedent(before), after, target, unsafe, id=id)


REWRITES = [
    case(DOC_BEFORE, DOC_AFTER, "docstring example", imports=""),
    case(
        """\
        class Point(object):
            def __init__(self, x, y=0, label="p", z: float = 1.5):
                self.x = x
                self.y = y
                self.label = label
                self.z = z

            def norm(self):
                return abs(self.x) + abs(self.y)
        """,
        """\
        @dataclass(eq=False, repr=False)
        class Point(object):
            x: Any
            y: int = 0
            label: str = "p"
            z: float = 1.5

            def norm(self):
                return abs(self.x) + abs(self.y)
        """,
        "fields, inferred and given annotations, method kept after one blank line",
    ),
    case(
        """\
        class Lit:
            def __init__(self, a=-1, b=-2.5, c=1j, d=b"r", e=True, f=None, g=(1, ("a", -2)),
                         h="a" "b", i=rb"x", j=+3, k=(), l=False, n=0x1F):
                self.a = a
                self.b = b
                self.c = c
                self.d = d
                self.e = e
                self.f = f
                self.g = g
                self.h = h
                self.i = i
                self.j = j
                self.k = k
                self.l = l
                self.n = n
        """,
        """\
        @dataclass(eq=False, repr=False)
        class Lit:
            a: int = -1
            b: float = -2.5
            c: complex = 1j
            d: bytes = b"r"
            e: bool = True
            f: Any = None
            g: tuple = (1, ("a", -2))
            h: str = "a" "b"
            i: bytes = rb"x"
            j: int = +3
            k: tuple = ()
            l: bool = False
            n: int = 0x1F
        """,
        "annotation inference from every literal kind",
    ),
    case(
        """\
        class C:
            def __init__(self, x, y):
                # where it is
                self.x = x  # the x

                self.y = y  # the y
            def f(self):
                return 1
        """,
        """\
        @dataclass(eq=False, repr=False)
        class C:
            # where it is
            x: Any  # the x

            y: Any  # the y

            def f(self):
                return 1
        """,
        "comments and blank lines carried over; one blank line before the next method",
    ),
    case(
        """\
        class C:
            \"\"\"The docstring.\"\"\"

            KIND = "c"

            def f(self):
                return 1

            def __init__(self, x: int, y: "C | None" = None) -> None:
                self.x = x
                self.y = y
        """,
        """\
        from dataclasses import dataclass

        @dataclass(eq=False, repr=False)
        class C:
            \"\"\"The docstring.\"\"\"

            x: int
            y: "C | None" = None

            KIND = "c"

            def f(self):
                return 1
        """,
        "class docstring kept first; fields go to the top; no Any import when unused",
        imports="",
    ),
    case(
        """\
        class C:
            \"\"\"The docstring.\"\"\"
            def __init__(this, value: int):
                this.value = value
        """,
        """\
        from dataclasses import dataclass

        @dataclass(eq=False, repr=False)
        class C:
            \"\"\"The docstring.\"\"\"
            value: int
        """,
        "no blank line after the docstring when there was none; self named otherwise",
        imports="",
    ),
    case(
        """\
        class C:
            def __init__(self, x):
                self.x = x

            def __eq__(self, other):
                return self.x == other.x
        """,
        """\
        @dataclass(repr=False)
        class C:
            x: Any

            def __eq__(self, other):
                return self.x == other.x
        """,
        "__eq__ defined: dataclass keeps it, eq=False not needed",
    ),
    case(
        """\
        class C:
            def __init__(self, x):
                self.x = x

            def __repr__(self):
                return "C"
        """,
        """\
        @dataclass(eq=False)
        class C:
            x: Any

            def __repr__(self):
                return "C"
        """,
        "__repr__ defined: dataclass keeps it, repr=False not needed",
    ),
    case(
        """\
        class C:
            def __init__(self, x):
                self.x = x

            def __eq__(self, other):
                return self.x == other.x

            def __hash__(self):
                return hash(self.x)

            def __repr__(self):
                return "C"
        """,
        """\
        @dataclass
        class C:
            x: Any

            def __eq__(self, other):
                return self.x == other.x

            def __hash__(self):
                return hash(self.x)

            def __repr__(self):
                return "C"
        """,
        "__eq__, __hash__ and __repr__ defined: plain @dataclass",
    ),
    case(
        DOC_BEFORE,
        DOC_AFTER.replace(", repr=False", ""),
        "unsafe: repr generated",
        imports="",
        unsafe=True,
    ),
    case(
        """\
        class C:
            def __init__(self, x):
                self.x = x

            def __eq__(self, other):
                return self.x == other.x
        """,
        """\
        @dataclass
        class C:
            x: Any

            def __eq__(self, other):
                return self.x == other.x
        """,
        "unsafe with __eq__: plain @dataclass",
        unsafe=True,
    ),
    case(
        """\
        class P(object):
            __slots__ = ("x", "y")

            def __init__(self, x, y=0):
                self.x = x
                self.y = y

            def norm(self):
                return type(self).__name__ + self.__class__.__name__
        """,
        """\
        @dataclass(eq=False, repr=False, slots=True)
        class P(object):
            x: Any
            y: int = 0

            def norm(self):
                return type(self).__name__ + self.__class__.__name__
        """,
        "__slots__ replaced by slots=True on 3.10",
        target="3.10",
    ),
    case(
        """\
        from dataclasses import dataclass
        from typing import Any, Optional


        class C:
            def __init__(self, x, y: Optional[int] = None):
                self.x = x
                self.y = y
        """,
        """\
        from dataclasses import dataclass
        from typing import Any, Optional


        @dataclass(eq=False, repr=False)
        class C:
            x: Any
            y: Optional[int] = None
        """,
        "existing imports reused",
        imports="",
    ),
    case(
        """\
        import dataclasses


        class Outer:
            class Inner:
                def __init__(self, x=1):
                    self.x = x
        """,
        """\
        import dataclasses
        from dataclasses import dataclass


        class Outer:
            @dataclass(eq=False, repr=False)
            class Inner:
                x: int = 1
        """,
        "class nested in a class; a plain `import dataclasses` is not enough",
        imports="",
    ),
    case(
        """\
        def helper():
            dataclass = 1
            return dataclass


        class C:
            def __init__(self, x=1):
                self.x = x
        """,
        """\
        def helper():
            dataclass = 1
            return dataclass


        @dataclass(eq=False, repr=False)
        class C:
            x: int = 1
        """,
        "dataclass a local elsewhere: the scopes say it is unbound here",
        imports="from dataclasses import dataclass\n\n",
    ),
    case(
        """\
        class C:
            def __init__(self, x=1):
                self.x = x

            def same(self, other: "C") -> "x":
                return other
        """,
        """\
        @dataclass(eq=False, repr=False)
        class C:
            x: int = 1

            def same(self, other: "C") -> "x":
                return other
        """,
        "a string annotation naming a field: the scopes say it only reads it",
        imports="from dataclasses import dataclass\n\n",
    ),
    case(
        """\
        import os

        # A point.
        class P():  # trailing
            def __init__(self, x=1):
                self.x = x
        class Q:
            def __init__(self, q=1):
                self.q = q
                print(q)
        """,
        """\
        import os
        from dataclasses import dataclass

        # A point.
        @dataclass(eq=False, repr=False)
        class P():  # trailing
            x: int = 1
        class Q:
            def __init__(self, q=1):
                self.q = q
                print(q)
        """,
        "comments around the class stay; a refused class next to it is untouched",
        imports="",
    ),
]


@pytest.mark.parametrize(("before", "after", "target", "unsafe"), REWRITES)
def test_rewrite(before: str, after: str, target: str, unsafe: bool) -> None:
    assert_rewrite(InitToDataclass, before, after, target=target, unsafe=unsafe)


def test_docstring_example_round_trips() -> None:
    doc = inspect.cleandoc(InitToDataclass.__doc__ or "")
    before, after = (textwrap.dedent(b) for b in re.findall(r"::\n\n((?: {4}.*\n|\n)+)", doc))
    assert (before.strip() + "\n", after.strip() + "\n") == (DOC_BEFORE, DOC_AFTER[len(IMPORTS) :])
    assert_rewrite(InitToDataclass, DOC_BEFORE, DOC_AFTER)


def init(params: str, body: str, extra: str = "", head: str = "class C:") -> str:
    """A class with ``def __init__(self, <params>)`` and ``body``, then ``extra``, all dedented."""
    lines = textwrap.indent(textwrap.dedent(body), " " * 8)
    more = textwrap.indent(textwrap.dedent(extra), " " * 4)
    return f"{head}\n    def __init__(self, {params}):\n{lines}{more}"


NOOPS = [
    pytest.param(init("x", '"""Doc."""\nself.x = x\n'), id="docstring in __init__ would be lost"),
    pytest.param(init("x", "super().__init__()\nself.x = x\n"), id="super().__init__() call"),
    pytest.param(init("x", "assert x > 0\nself.x = x\n"), id="validation in __init__"),
    pytest.param(init("x", "self.x = x\npass\n"), id="pass in __init__"),
    pytest.param(init("x, y", "self.x = x\n"), id="a parameter not stored"),
    pytest.param(init("x", "self.x = x\nself.x = x\n"), id="a parameter stored twice"),
    pytest.param(init("x, y", "self.y = y\nself.x = x\n"), id="stores out of parameter order"),
    pytest.param(init("x, y", "self.x = y\nself.y = x\n"), id="stored under another name"),
    pytest.param(init("x", "self.x = x; self.y = 1\n"), id="two statements on a line"),
    pytest.param(
        "class C:\n    def __init__(self, x): self.x = x\n", id="one-line __init__ (not handled)"
    ),
    pytest.param(init("x", "def helper():\n    pass\nself.x = x\n"), id="nested def in __init__"),
    pytest.param(init("x, *args", "self.x = x\n"), id="*args"),
    pytest.param(init("x, **kw", "self.x = x\n"), id="**kwargs"),
    pytest.param(init("x, *, y", "self.x = x\nself.y = y\n"), id="keyword-only parameter"),
    pytest.param(init("x, /", "self.x = x\n"), id="positional-only parameter"),
    pytest.param(init("x=[]", "self.x = x\n"), id="mutable list default"),
    pytest.param(init("x={}", "self.x = x\n"), id="dict default"),
    pytest.param(init("x=DEFAULT", "self.x = x\n"), id="name default"),
    pytest.param(init("x=make()", "self.x = x\n"), id="call default"),
    pytest.param(init("x=(1, [])", "self.x = x\n"), id="tuple holding a list"),
    pytest.param(init('x=f"{y}"', "self.x = x\n"), id="f-string default"),
    pytest.param(init("x=-y", "self.x = x\n"), id="negated name default"),
    pytest.param(init("x: ClassVar[int] = 1", "self.x = x\n"), id="ClassVar annotation"),
    pytest.param(init("x  # the x\n", "self.x = x\n"), id="comment among the parameters"),
    pytest.param(
        "class C:\n    def __init__(self, x):  # build\n        self.x = x\n",
        id="comment on the def line",
    ),
    pytest.param(
        "class C:\n    # Build it.\n    def __init__(self, x):\n        self.x = x\n",
        id="comment above __init__",
    ),
    pytest.param(
        "class C:\n    def __init__(self, x):\n        self.x = (x  # x\n        )\n",
        id="comment inside the assignment",
    ),
    pytest.param(init("x", "self.x = x\n# done\n"), id="comment after the last assignment"),
    pytest.param(
        "class C:\n    @decorate\n    def __init__(self, x):\n        self.x = x\n",
        id="decorated __init__",
    ),
    pytest.param(
        "class C:\n    async def __init__(self, x):\n        self.x = x\n", id="async __init__"
    ),
    pytest.param(
        "class C:\n    def __init__(self, x) -> int:\n        self.x = x\n",
        id="__init__ returning other than None",
    ),
    pytest.param(init("x", "self.x = x\n", "__slots__ = ('x',)\n"), id="__slots__ below 3.10"),
    pytest.param(init("x", "self.x = x\n", head="@total\nclass C:"), id="class decorator"),
    pytest.param(init("x", "self.x = x\n", head="class C(Base):"), id="base other than object"),
    pytest.param(init("x", "self.x = x\n", head="class C(object, Base):"), id="second base"),
    pytest.param(init("x", "self.x = x\n", head="class C(metaclass=M):"), id="metaclass="),
    pytest.param(init("x", "self.x = x\n", "__metaclass__ = M\n"), id="__metaclass__"),
    pytest.param(
        init("x", "self.x = x\n", "def __post_init__(self):\n    pass\n"), id="__post_init__"
    ),
    pytest.param(init("x", "self.x = x\n", "def __new__(cls, x):\n    return 1\n"), id="__new__"),
    pytest.param(init("x", "self.x = x\n", "y: int = 0\n"), id="class-level annotation"),
    pytest.param(init("x", "self.x = x\n", "x = 0\n"), id="class attribute named like a field"),
    pytest.param(
        init("x", "self.x = x\n", "@property\ndef x(self):\n    return 1\n"),
        id="property named like a field",
    ),
    pytest.param(
        init("x: Kind", "self.x = x\n", "Kind = int\n"), id="annotation reads a class attribute"
    ),
    pytest.param(init("x", "self.x = x\n", "reset = __init__\n"), id="__init__ used in class"),
    pytest.param(
        init("x", "self.x = x\n", "def __init__(self):\n    pass\n"), id="two __init__ defs"
    ),
    pytest.param(
        init("x", "self.x = x\n", "if True:\n    y: int = 1\n"), id="annotation in class-level if"
    ),
    pytest.param(
        "class C:  # no def __init__(self, x)\n    def f(self, x):\n        self.x = x\n",
        id="no __init__",
    ),
    pytest.param(
        "def f():\n    class C:\n        def __init__(self, x):\n            self.x = x\n",
        id="class inside a function",
    ),
    pytest.param(
        "dataclass = print\n" + init("x", "self.x = x\n"), id="dataclass bound to another thing"
    ),
    pytest.param(
        "from attr import dataclass\n" + init("x", "self.x = x\n"),
        id="dataclass imported from elsewhere",
    ),
    pytest.param("Any = object\n" + init("x", "self.x = x\n"), id="Any bound to another thing"),
    pytest.param(
        "object = type\n" + init("x", "self.x = x\n", head="class C(object):"),
        id="object rebound",
    ),
    pytest.param(
        "class C: pass\nclass D: x = 1\n" + init("x=1", "self.x = x\n", "x = 2\n"),
        id="one-line class bodies are skipped quietly",
    ),
    pytest.param(init("x", "self.x = x\n", "y = (x := 0)\n"), id="a walrus binds a field's name"),
    pytest.param(
        init("x", "self.x = x\n", "from os import sep as x\n"), id="a field's name imported"
    ),
    pytest.param(
        init("x", "self.x = x\n", "def f(self, g=__init__):\n    pass\n"),
        id="__init__ read by a default",
    ),
    pytest.param(
        init("x", "self.x = x\n", "def f(self) -> '__init__':\n    pass\n"),
        id="__init__ read by a string annotation (LibCST parses it)",
    ),
]


@pytest.mark.parametrize(
    ("source", "rewritten"),
    [
        ("class C[T]:\n    def __init__(self, x=1):\n        self.x = x\n", True),
        (
            "class O[T]:\n    class C:\n        def __init__(self, x=1):\n            self.x = x\n",
            False,
        ),
    ],
)
def test_type_parameters(source: str, rewritten: bool) -> None:
    """Type parameters add a scope: LibCST's scopes decide where the class is (the second is
    not in the module's scope to them).  Through LibCST's own driver, since this interpreter
    may not parse them."""
    codemod = InitToDataclass(CodemodContext(), target="3.12")
    code = codemod.transform_module(cst.parse_module(source)).code
    assert ("@dataclass(eq=False, repr=False)" in code) is rewritten


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(InitToDataclass, source)


SLOT_NOOPS = [
    pytest.param(init("x", "self.x = x\n", "__slots__ = ('x', 'y')\n"), id="slots not the fields"),
    pytest.param(init("x", "self.x = x\n", "__slots__ = ['x', 'x']\n"), id="slots repeat a field"),
    pytest.param(init("x", "self.x = x\n", "__slots__ = 'x'\n"), id="slots as one string"),
    pytest.param(
        init("x", "self.x = x\n", "__slots__ = ('x',)  # lean\n"), id="comment on the slots line"
    ),
    pytest.param(
        init("x", "self.x = x\n", "__slots__ = ('x',)\ndef f(self):\n    return super().f()\n"),
        id="zero-argument super() with slots",
    ),
    pytest.param(
        init("x", "self.x = x\n", "__slots__ = ('x',)\ndef f(self):\n    return __class__\n"),
        id="__class__ with slots",
    ),
    pytest.param(
        init("x", "self.x = x\n", "__slots__ = ('x',)\nNAMES = __slots__\n"),
        id="slots read in the class body",
    ),
]


@pytest.mark.parametrize("source", SLOT_NOOPS)
def test_noop_slots_on_310(source: str) -> None:
    assert_noop(InitToDataclass, source, target="3.10")


BEHAVIOUR = """\
class Point(object):
    def __init__(self, x, y=0, label="p", z: float = 1.5):
        self.x = x
        self.y = y
        self.label = label
        self.z = z

class WithEq:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return isinstance(other, WithEq) and (self.x, self.y) == (other.x, other.y)

class WithEqHash:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __eq__(self, other):
        return self.x == other.x

    def __hash__(self):
        return hash(self.x)

class WithRepr:
    def __init__(self, x, y=0):
        self.x = x
        self.y = y

    def __repr__(self):
        return "WithRepr(%r)" % self.x

class Private:
    def __init__(self, __x, y=None):
        self.__x = __x
        self.y = y

    def x(self):
        return self.__x

class Sub(Point):
    def __init__(self, x):
        super().__init__(x, y=2)
        self.extra = True
"""

OBSERVE = r"""
import inspect, json, re

def observe(cls, *args, **kwargs):
    a, b = cls(*args, **kwargs), cls(*args, **kwargs)
    seen = [a == b, a == a, a != b, vars(a)]
    try:
        seen += [len({a, b, a}), {a: 1, b: 2}[a]]
    except TypeError as exc:
        seen.append("unhashable: " + str(exc))
    seen += [re.sub(r"0x[0-9a-fA-F]+", "0x?", text) for text in (repr(a), str(a))]
    signature = inspect.signature(cls).parameters.values()
    seen.append([(p.name, repr(p.default), str(p.kind)) for p in signature])
    try:
        cls()
    except TypeError:
        seen.append("cls() raises TypeError")
    return seen

print(json.dumps([
    observe(Point, 1), observe(Point, 1, 2, label="q", z=3.0), observe(WithEq, 1),
    observe(WithEqHash, 1, y=2), observe(WithRepr, 1), observe(Sub, 5),
    observe(Private, 1) + [Private(7).x()],
], default=repr))
"""


def output(python: str, code: str) -> str:
    """What ``code`` prints when ``python`` runs it (it must not fail)."""
    out = subprocess.run([python, "-c", code], check=False, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("version", ["3.7", "3.8", "3.10", "3.13", "current"])
def test_behaviour_unchanged_in_safe_mode(version: str) -> None:
    """Run a program before and after the rewrite, on each Python we have: same observations.

    Covers ``==`` by identity, hashing (sets, dicts), the repr pattern, the ``__init__``
    signature, and the ``__eq__`` claim: ``WithEq`` stays unhashable (dataclass sets
    ``__hash__ = None`` just as Python did), ``WithEqHash`` keeps its own ``__hash__``.
    """
    python = sys.executable if version == "current" else pyenv_python(version)
    if python is None:
        pytest.skip(f"no Python {version} here")
    after = run(InitToDataclass, BEHAVIOUR, target="3.7").code
    assert after.count("@dataclass") == 5  # Sub calls super().__init__: left alone
    seen_after = json.loads(output(python, after + OBSERVE))
    assert seen_after == json.loads(output(python, BEHAVIOUR + OBSERVE))


SLOTS = """\
class P:
    __slots__ = ("x", "y")

    def __init__(self, x, y=0):
        self.x = x
        self.y = y
"""

SLOTS_PROBE = """
p = P(1)
try:
    p.z = 1
except AttributeError:
    print("no z")
print(sorted(P.__slots__), hasattr(p, "__dict__"), p.y, P(2, 3).y)
"""


def test_slots_behaviour_on_310() -> None:
    python = pyenv_python("3.10") or (sys.executable if sys.version_info >= (3, 10) else None)
    if python is None:
        pytest.skip("no Python 3.10+ here")
    after = run(InitToDataclass, SLOTS, target="3.10").code
    assert "slots=True" in after
    for code in (SLOTS, after):
        assert output(python, code + SLOTS_PROBE) == "no z\n['x', 'y'] False 0 3\n"


def located(source: str) -> set[int] | None:
    return InitToDataclass.locate(AstIndex(ast.parse(source)))


def test_locate_skips_inits_that_do_more() -> None:
    # Every class here is refused: a call in __init__, a base that is not object, a
    # parameter stored under another name, a decorator, ``*args``.
    source = """\
class A(object):
    def __init__(self, x):
        super().__init__()
        self.x = x

class B(Base):
    def __init__(self, x):
        self.x = x

class C:
    def __init__(self, x):
        self.y = x

@decorated
class D:
    def __init__(self, x):
        self.x = x

class E:
    def __init__(self, x, *args):
        self.x = x
"""
    assert InitToDataclass.wants(source)
    assert located(source) == set()


def test_locate_finds_the_class() -> None:
    # six_to_builtins turns the base into ``object`` in the same pass.
    source = "import six\n\n" + DOC_BEFORE.replace("(object)", "(six.Iterator)")
    assert located(source) == {3}
