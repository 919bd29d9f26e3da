"""FileFacts.resolve: the scope-free answer must be LibCST's own, or no answer at all."""

from __future__ import annotations

import textwrap

import libcst as cst
import pytest
from libcst.metadata import MetadataWrapper, QualifiedNameProvider, QualifiedNameSource

from legacylift.facts import FileFacts, Removal

SOURCE = textwrap.dedent(
    """\
    import io
    import os.path
    import xml.etree.ElementTree as ET
    from collections import OrderedDict as OD
    from . import sibling
    import json
    try:
        import simplejson as json
    except ImportError:
        pass

    def shadow(open):
        return open

    def rebinds():
        global gettext
        gettext = None

    io.open(p)
    open(p)
    print(p)
    os.path.join(a, b)
    ET.fromstring(t)
    OD()
    sibling.run()
    json.loads(s)
    tuple.__new__(cls)
    WindowsError()
    gettext()
    undefined.attribute()
    """
)


def _calls() -> tuple[FileFacts, dict[str, cst.BaseExpression], dict[cst.CSTNode, object]]:
    module = cst.parse_module(SOURCE)
    names = MetadataWrapper(module, unsafe_skip_copy=True).resolve(QualifiedNameProvider)
    funcs = {}
    for line in module.body:
        if m := _call(line):
            funcs[module.code_for_node(m.func)] = m.func
    return FileFacts(module, SOURCE), funcs, dict(names)


def _call(line: cst.CSTNode) -> cst.Call | None:
    if isinstance(line, cst.SimpleStatementLine) and isinstance(line.body[0], cst.Expr):
        value = line.body[0].value
        return value if isinstance(value, cst.Call) else None
    return None


@pytest.mark.parametrize(
    ("callee", "expected"),
    [
        pytest.param("io.open", "io.open", id="a-module-import"),
        pytest.param("print", "builtins.print", id="a-builtin-bound-nowhere"),
        pytest.param("open", None, id="a-parameter-somewhere-asks-the-scopes"),
        pytest.param("os.path.join", "os.path.join", id="a-dotted-import"),
        pytest.param("ET.fromstring", "xml.etree.ElementTree.fromstring", id="import-as"),
        pytest.param("OD", "collections.OrderedDict", id="from-import-as"),
        pytest.param("tuple.__new__", "builtins.tuple", id="libcst-names-a-builtin-attribute"),
        pytest.param("undefined.attribute", "", id="an-unbound-name-is-nothing"),
        pytest.param("sibling.run", None, id="relative-imports-ask-the-scopes"),
        pytest.param("json.loads", None, id="imported-twice-asks"),
        pytest.param("gettext", None, id="bound-by-global-in-a-function-asks"),
    ],
)
def test_resolve_agrees_with_libcst(callee: str, expected: str | None) -> None:
    facts, funcs, names = _calls()
    node = funcs[callee]
    assert facts.resolve(node) == expected
    if expected is not None:  # the same answer as LibCST's scopes give
        found = names.get(node, set())
        found = found() if callable(found) else found
        assert {q.name for q in found if q.source is not QualifiedNameSource.LOCAL} == (
            {expected} if expected else set()
        )


def test_open_is_not_free_where_a_parameter_shadows_it() -> None:
    facts, _, _ = _calls()
    assert facts.binding("open") == "other"  # ``def shadow(open)``
    assert facts.binding("WindowsError") == "none"
    assert facts.binding("io") == "import"


def test_names_inside_import_statements_are_not_expressions() -> None:
    module = cst.parse_module("import os.path\n")
    alias = cst.ensure_type(module.body[0], cst.SimpleStatementLine).body[0]
    dotted = cst.ensure_type(alias, cst.Import).names[0].name
    assert FileFacts(module, module.code).resolve(dotted) is None


def test_a_star_import_leaves_every_name_to_the_scopes() -> None:
    module = cst.parse_module("from os import *\nopen(p)\n")
    call = _call(module.body[1])
    assert call is not None
    assert FileFacts(module, module.code).resolve(call.func) is None


def test_syntax_this_interpreter_cannot_compile_asks_the_scopes() -> None:
    # symtable compiles the text; LibCST parsed it, the running Python may not.
    module = cst.parse_module("open(p)\n")
    facts = FileFacts(module, "open(p\n")
    assert facts.binding("open") is None


def test_a_match_statement_is_walked_through_its_cases() -> None:
    # ``match`` has cases but no body: the statement walk raised AttributeError, and every
    # codemod asking for imports failed the file ("internal error").
    source = "import io\nmatch x:\n    case 1:\n        import json\n        io.open(p)\n"
    module = cst.parse_module(source)
    facts = FileFacts(module, source)
    assert {type(i).__name__ for i in facts.imports} == {"Import"}
    assert len(facts.imports) == 2


def test_a_private_name_is_left_to_the_scopes() -> None:
    # In a class, the compiler's symbol tables hold ``__x`` as ``_C__x``: they would call it
    # bound nowhere.
    source = "class C:\n    def f(self):\n        __x = 1\n        return __x()\n"
    module = cst.parse_module(source)
    assert FileFacts(module, source).binding("__x") is None


def test_a_function_importing_the_module_again_names_the_same_thing() -> None:
    source = "import os\n\ndef f():\n    import os\n    os.getcwd()\n\nos.sep\n"
    module = cst.parse_module(source)
    facts = FileFacts(module, source)
    assert facts.binding("os") == "import"
    other = "import os\n\ndef f():\n    import posixpath as os\n"
    assert FileFacts(cst.parse_module(other), other).binding("os") == "import"
    mixed = cst.parse_module(other)
    statement = cst.parse_statement("os.sep\n")
    expression = cst.ensure_type(
        cst.ensure_type(statement, cst.SimpleStatementLine).body[0], cst.Expr
    )
    assert FileFacts(mixed, other).resolve(expression.value) is None  # os or posixpath


def _scheduled_by_libcst(module: cst.Module, node: cst.CSTNode) -> set[Removal]:
    from libcst.codemod import CodemodContext
    from libcst.codemod.visitors import RemoveImportsVisitor

    wrapper = MetadataWrapper(module, unsafe_skip_copy=True)
    context = CodemodContext(wrapper=wrapper)
    RemoveImportsVisitor.remove_unused_import_by_node(context, node)
    return set(context.scratch.get(RemoveImportsVisitor.CONTEXT_KEY, []))


@pytest.mark.parametrize(
    ("imports", "expression"),
    [
        pytest.param("import os.path", "os.path.join(a, b)", id="a dotted import"),
        pytest.param("import os\nimport os.path", "os.getcwd()", id="two imports of os"),
        pytest.param("import xml.etree.cElementTree as ET", "ET.parse(f)", id="module alias"),
        pytest.param("from socket import error as E, timeout", "E", id="from-import alias"),
        pytest.param("from pdb import set_trace\nimport sys", "set_trace(sys.argv)", id="call"),
        pytest.param("import collections", "len(x)", id="a builtin: nothing"),
    ],
)
def test_import_removals_schedule_what_the_scopes_would(imports: str, expression: str) -> None:
    module = cst.parse_module(f"{imports}\nvalue = {expression}\n")
    statement = module.body[-1]
    assert isinstance(statement, cst.SimpleStatementLine)
    node = statement.body[0]
    assert isinstance(node, cst.Assign)
    found = FileFacts(module).import_removals(node.value)
    assert found is not None
    assert set(found) == _scheduled_by_libcst(module, node.value)


def test_import_removals_take_a_functions_own_import_too() -> None:
    # The scopes see only the import in scope; a wider schedule is safe: the remover keeps
    # an import that is still used (here, the module's, by the other function).
    module = cst.parse_module(
        "import json\ndef f():\n    import json\n    return json.dumps(1)\n"
        "def g():\n    return json.loads('1')\n"
    )
    node = cst.parse_expression("json.dumps")
    assert FileFacts(module).import_removals(node) == [("json", None, None)]  # both imports


def test_a_relative_import_leaves_the_removal_to_the_scopes() -> None:
    module = cst.parse_module("from .compat import error\nx = error\n")
    assert FileFacts(module).import_removals(cst.Name("error")) is None


def _facts(source: str) -> FileFacts:
    source = textwrap.dedent(source)
    return FileFacts(cst.parse_module(source), source)


@pytest.mark.parametrize(
    ("source", "once"),
    [
        ("class C:\n    pass\n", True),
        ("import C\n", True),
        ("class C:\n    pass\nC = decorate(C)\n", False),
        ("class C:\n    pass\ndef f(C):\n    pass\n", False),  # a parameter
        ("class C:\n    pass\nfor C in x:\n    pass\n", False),
        ("class C:\n    pass\ntry:\n    pass\nexcept E as C:\n    pass\n", False),
        ("class C:\n    pass\ndef f():\n    global C\n", False),  # declared: conservative
        ("class C:\n    pass\n[C for C in x]\n", False),
        ("class C:\n    pass\ndel C\n", False),
        ("from m import *\nclass C:\n    pass\n", False),  # the star may bind it too
        ("class C:\n    pass\nC.x = 1\nprint(C)\n", True),  # an attribute, a read
    ],
)
def test_bound_once_counts_every_binding_of_a_name(source: str, once: bool) -> None:
    assert _facts(source).bound_once("C") is once


def test_bound_once_counts_match_captures() -> None:
    source = "class C:\n    pass\nmatch x:\n    case [C]:\n        pass\n"
    assert _facts(source).bound_once("C") is False


def test_bound_once_leaves_private_names_to_the_scopes() -> None:
    assert _facts("class __C:\n    pass\n").bound_once("__C") is False
