import ast

import pytest

from codemods.json_encoding_keyword import JsonEncodingKeyword
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        import json
        data = json.loads(text, encoding="utf-8")
        conf = json.load(
            fp,
            encoding="latin-1",
        )
        """,
        """\
        import json
        data = json.loads(text)
        conf = json.load(
            fp,
        )
        """,
        id="docstring example",
    ),
    pytest.param(
        "import json\nd = json.loads(s, encoding=ENC, object_hook=h)\n",
        "import json\nd = json.loads(s, object_hook=h)\n",
        id="in the middle",
    ),
    pytest.param(
        "import json\nd = json.loads(s, object_hook=h, encoding=self.enc)\n",
        "import json\nd = json.loads(s, object_hook=h)\n",
        id="last, an attribute",
    ),
    pytest.param(
        "from json import loads as parse\nd = parse(s, encoding='utf-8')  # keep me\n",
        "from json import loads as parse\nd = parse(s)  # keep me\n",
        id="aliased from-import; comment after the call kept",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(JsonEncodingKeyword, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(
            "import json\nd = json.loads(s, encoding=pick())\n", id="a call would not run"
        ),
        pytest.param("import json\nd = json.loads(s, cls=D, encoding='u8')\n", id="custom decoder"),
        pytest.param("import json\nd = json.loads(s, encoding='u8', **kw)\n", id="star-star kw"),
        pytest.param(
            "import json\nd = json.loads(\n    s,\n    encoding='u8',  # why\n)\n",
            id="a comment in the argument",
        ),
        pytest.param(
            "import json\nd = json.loads(\n    s,  # why\n    encoding='u8'\n)\n",
            id="a comment on the comma that would go",
        ),
        pytest.param(
            "import simplejson\nd = simplejson.loads(s, encoding='u8')\n",
            id="simplejson still takes encoding",
        ),
        pytest.param("d = open(p, encoding='utf-8')\n", id="another function"),
        pytest.param("import json\nd = json.dumps(o, encoding='u8')\n", id="dumps is not handled"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(JsonEncodingKeyword, source)


def test_kept_calls_are_noted() -> None:
    outcome = assert_noop(JsonEncodingKeyword, "import json\nd = json.loads(s, encoding=pick())\n")
    assert outcome.notes == [
        "line(s) 2: json encoding= kept: not a plain value, a comment inside, or a cls=/**kw call"
    ]


OLD = """\
import io, json
print(json.loads('{"a": [1, "\\\\u00e9"]}', encoding="latin-1"))
print(json.load(io.StringIO("[2]"), encoding="ascii", object_hook=dict))
"""


def test_same_output_on_3_8_and_3_13() -> None:
    new = run(JsonEncodingKeyword, OLD).code
    assert new != OLD
    assert pyenv_output("3.8", OLD) == pyenv_output("3.13", new)


def test_docstring_example() -> None:
    assert_rewrite(JsonEncodingKeyword, *docstring_example(JsonEncodingKeyword))


def located(source: str) -> set[int] | None:
    return JsonEncodingKeyword.locate(AstIndex(ast.parse(source)))


def test_locate_skips_other_encoding_keywords() -> None:
    # encoding= goes to open(), which keeps it.
    source = 'import json\n\ndef f(p):\n    return json.load(open(p, encoding="utf-8"))\n'
    assert JsonEncodingKeyword.wants(source)
    assert located(source) == set()


def test_locate_finds_an_imported_loads() -> None:
    source = 'from json import loads as parse\n\ndef f(s):\n    return parse(s, encoding="u8")\n'
    assert located(source) == {4}
