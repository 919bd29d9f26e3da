import libcst as cst
import pytest
from libcst.codemod import CodemodContext
from libcst.metadata import ScopeProvider

from codemods.super_without_arguments import SuperWithoutArguments
from tests.helpers import (
    assert_noop,
    assert_rewrite,
    docstring_example,
    pyenv_output,
    record_metadata,
    run,
)

EXAMPLE = """\
class Child(Base):
    def __init__(self, x):
        super(Child, self).__init__(x)
"""

REWRITES = [
    pytest.param(
        EXAMPLE,
        """\
        class Child(Base):
            def __init__(self, x):
                super().__init__(x)
        """,
        id="docstring example",
    ),
    pytest.param(
        "class C(B):\n    @classmethod\n    def make(cls):\n        return super(C, cls).make()\n",
        "class C(B):\n    @classmethod\n    def make(cls):\n        return super().make()\n",
        id="classmethod with cls",
    ),
    pytest.param(
        "class C(B):\n    @staticmethod\n    def f(x):\n        return super(C, x).f()\n",
        "class C(B):\n    @staticmethod\n    def f(x):\n        return super().f()\n",
        id="staticmethod: super() takes the first argument too",
    ),
    pytest.param(
        "class C(B):\n    def f(this):\n        super(C, this).f()\n",
        "class C(B):\n    def f(this):\n        super().f()\n",
        id="first parameter not called self",
    ),
    pytest.param(
        "class C(B):\n    def f(self, /, x):\n        super(C, self).f(x)\n",
        "class C(B):\n    def f(self, /, x):\n        super().f(x)\n",
        id="positional-only first parameter",
    ),
    pytest.param(
        "class Outer:\n    class Inner(B):\n        def f(self):\n"
        "            super(Outer.Inner, self).f()\n",
        "class Outer:\n    class Inner(B):\n        def f(self):\n            super().f()\n",
        id="nested class through its dotted name",
    ),
    pytest.param(
        "def make():\n    class L(M):\n        def f(self):\n            super(L, self).f()\n"
        "    return L\n",
        "def make():\n    class L(M):\n        def f(self):\n            super().f()\n"
        "    return L\n",
        id="class defined in a function",
    ),
    pytest.param(
        "class C(B):\n    async def f(self):\n        await super(C, self).f()\n",
        "class C(B):\n    async def f(self):\n        await super().f()\n",
        id="async method",
    ),
    pytest.param(
        "class C(B):\n    if FLAG:\n        def f(self):\n            super(C, self).f()\n",
        "class C(B):\n    if FLAG:\n        def f(self):\n            super().f()\n",
        id="method under an if in the class body",
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        super(C, self).f(  # why\n            1)\n",
        "class C(B):\n    def f(self):\n        super().f(  # why\n            1)\n",
        id="comment elsewhere in the statement survives",
    ),
    pytest.param(
        "import dataclasses\n@dataclasses.dataclass\nclass C(B):\n    def f(self):\n"
        "        super(C, self).f()\n",
        "import dataclasses\n@dataclasses.dataclass\nclass C(B):\n    def f(self):\n"
        "        super().f()\n",
        id="decorator known to return its class",
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        return [x for x in super(C, self).f()]\n",
        "class C(B):\n    def f(self):\n        return [x for x in super().f()]\n",
        id="first iterable of a comprehension: it runs in the method (the scopes say so)",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(SuperWithoutArguments, before, after)


NOOPS = [
    pytest.param(
        "class C(B):\n    def f(self):\n        def g():\n            super(C, self).f()\n",
        id="nested function: super() would have no instance",
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        return lambda: super(C, self).f()\n",
        id="lambda",
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        return [super(C, self).f() for _ in x]\n",
        id="comprehension",
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        class X:\n            y = super(C, self)\n",
        id="class body inside the method",
    ),
    pytest.param(
        "class C(B):\n    def f(self, other):\n        super(C, other).f()\n",
        id="second argument is not the first parameter",
    ),
    pytest.param(
        "class C(B):\n    def f(*args):\n        super(C, args).f()\n", id="no first param"
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        super(D, self).f()\n", id="another class named"
    ),
    pytest.param(
        "class C:\n    class D(B):\n        def f(self):\n            super(D, self).f()\n",
        id="nested class by its bare name (that name is not visible in the method)",
    ),
    pytest.param(
        "class C(B):\n    def f(self):\n        super(C, self).f()\nC = wrap(C)\n",
        id="class name rebound",
    ),
    pytest.param(
        "super = my_super\nclass C(B):\n    def f(self):\n        super(C, self).f()\n",
        id="super shadowed",
    ),
    pytest.param("def f(self):\n    super(C, self).f()\n", id="plain function"),
    pytest.param(
        "class C(B):\n    def f(self):\n        super(\n"
        "            C, self  # why\n        ).f()\n",
        id="comment inside the arguments would be lost",
    ),
    pytest.param("class C(B):\n    def f(self):\n        super(C).f()\n", id="one argument"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(SuperWithoutArguments, source)


DECORATED = """\
import dataclasses

@dataclasses.dataclass(slots=True)
class C(B):
    def f(self):
        return super(C, self).f()
"""


def test_decorated_class_only_with_unsafe() -> None:
    outcome = assert_noop(SuperWithoutArguments, DECORATED)
    assert any("decorated class(es) C" in note for note in outcome.notes)
    after = DECORATED.replace("super(C, self)", "super()")
    assert_rewrite(SuperWithoutArguments, DECORATED, after, unsafe=True)


def test_unknown_decorator_kept() -> None:
    source = "@register\nclass C(B):\n    def f(self):\n        super(C, self).f()\n"
    assert run(SuperWithoutArguments, source).code == source


def test_same_behaviour() -> None:
    code = (
        "class A:\n    def f(self):\n        return 'A'\n"
        "    @classmethod\n    def g(cls):\n        return cls.__name__\n"
        "class B(A):\n    def f(self):\n        return 'B' + super().f()\n"
        "    @classmethod\n    def g(cls):\n        return 'b' + super().g()\n"
        "print(B().f(), B.g())\n"
    )
    old = code.replace("super()", "super(B, self)", 1).replace("super()", "super(B, cls)")
    assert run(SuperWithoutArguments, old).code == code
    assert pyenv_output("3.8", code) == pyenv_output("3.8", old) == "BA bB\n"


@pytest.mark.parametrize(
    ("source", "rewritten"),
    [
        ("class C[T](B):\n    def f(self):\n        super(C, self).f()\n", True),
        (
            "class C[T]:\n    class D(B):\n        def f(self):\n"
            "            super(C.D, self).f()\n",
            True,
        ),
        ("class C(B):\n    def f[T](self):\n        super(C, self).f()\n", False),
    ],
)
def test_type_parameters(source: str, rewritten: bool) -> None:
    """Type parameters add a scope: LibCST's scopes decide, not the nodes around the call
    (the last: an annotation scope stands between the method and the class).  Through
    LibCST's own driver, since this interpreter may not parse them."""
    codemod = SuperWithoutArguments(CodemodContext(), target="3.12")
    code = codemod.transform_module(cst.parse_module(source)).code
    after = source.replace("(C, self)", "()").replace("(C.D, self)", "()")
    assert code == (after if rewritten else source)


def test_older_target_left_alone() -> None:
    assert_noop(SuperWithoutArguments, EXAMPLE, target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(SuperWithoutArguments, *docstring_example(SuperWithoutArguments))


def test_scopes_only_where_the_class_name_is_bound_again(monkeypatch: pytest.MonkeyPatch) -> None:
    resolved = record_metadata(monkeypatch)
    assert run(SuperWithoutArguments, EXAMPLE).rewrites  # the class statement binds it alone
    assert ScopeProvider not in resolved
    rebound = "class C(B):\n    def f(self):\n        super(C, self).f()\nC = wrap(C)\n"
    assert run(SuperWithoutArguments, rebound).rewrites == {}
    assert ScopeProvider in resolved
