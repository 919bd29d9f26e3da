import ast

import pytest

from codemods.re_global_flags_first import ReGlobalFlagsFirst, misplaced
from legacylift.astindex import AstIndex
from tests.helpers import assert_noop, assert_rewrite, docstring_example, pyenv_output, run

REWRITES = [
    pytest.param(
        """\
        import re
        WORD = re.compile(r"\\w+(?i)")
        found = re.findall("^(?m)x|y", text)
        """,
        """\
        import re
        WORD = re.compile(r"(?i)\\w+")
        found = re.findall("(?m)^x|y", text)
        """,
        id="docstring example",
    ),
    pytest.param(
        """\
        import re
        class UserAgent:
            _version_re = r'(?:%s)[/\\sa-z(]*(\\d+)?(?i)'
            def __init__(self):
                self.browsers = [re.compile(self._version_re % a) for a in names]
        """,
        """\
        import re
        class UserAgent:
            _version_re = r'(?i)(?:%s)[/\\sa-z(]*(\\d+)?'
            def __init__(self):
                self.browsers = [re.compile(self._version_re % a) for a in names]
        """,
        id="a named template formatted with % (Werkzeug)",
    ),
    pytest.param(
        "import re\nr = re.match('%s(?i)' % w, s)\n",
        "import re\nr = re.match('(?i)%s' % w, s)\n",
        id="a literal template",
    ),
    pytest.param(
        'import re\nP = re.compile(r"""\n    (?x)   # verbose\n    a b  # c\n""")\n',
        'import re\nP = re.compile(r"""(?x)\n       # verbose\n    a b  # c\n""")\n',
        id="verbose flag after a newline",
    ),
    pytest.param(
        "import re as r\nm = r.search(r'a(?i)(?m)b(?s)', s)\n",
        "import re as r\nm = r.search(r'(?i)(?m)(?s)ab', s)\n",
        id="several groups, aliased module",
    ),
    pytest.param(
        "from re import compile\nP = compile(br'a(?i)')\n",
        "from re import compile\nP = compile(br'(?i)a')\n",
        id="from-import, raw bytes",
    ),
    pytest.param(
        "import re\nm = re.match('ab' 'c(?s)' 'd', s)\n",
        "import re\nm = re.match('(?s)ab' 'c' 'd', s)\n",
        id="concatenated: into the first piece",
    ),
    pytest.param(
        "import re\nx = re.sub(pattern='a|(?i)b', repl='', string=s)\n",
        "import re\nx = re.sub(pattern='(?i)a|b', repl='', string=s)\n",
        id="keyword pattern, second alternative",
    ),
    pytest.param(
        "import re\nx = re.split(r'(,)(?i)', s, 1, re.X)\n",
        "import re\nx = re.split(r'(?i)(,)', s, 1, re.X)\n",
        id="flags argument without a #",
    ),
    pytest.param(
        "import re\nm = re.match(r'a(?#c)(?u)[(?i)]', s)\n",
        "import re\nm = re.match(r'(?u)a(?#c)[(?i)]', s)\n",
        id="comment group and character class skipped",
    ),
    pytest.param(
        "import re\nm = re.match('a # (?i)', s)\n",
        "import re\nm = re.match('(?i)a # ', s)\n",
        id="# is a literal when the pattern cannot be verbose",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(ReGlobalFlagsFirst, before, after)


@pytest.mark.parametrize(
    "source",
    [
        pytest.param("import re\nP = re.compile(r'(?i)abc')\n", id="already first"),
        pytest.param("import re\nP = re.compile(r'(?#c)(?i)abc')\n", id="first after a comment"),
        pytest.param("import re\nP = re.compile(r'a(?i:b)')\n", id="scoped flags"),
        pytest.param("import re\nP = re.compile(f'a(?i){x}')\n", id="f-string"),
        pytest.param("import re\nP = re.compile('\\\\d(?i)')\n", id="non-raw with a backslash"),
        pytest.param("import re\nP = re.compile(r'\\(?i)')\n", id="escaped parenthesis"),
        pytest.param("import re\nP = re.compile(r'a{1(?i),2}')\n", id="inside braces"),
        pytest.param("import re\nP = re.compile(r'a(?i)*')\n", id="before a quantifier"),
        pytest.param("import re\nP = re.compile(r'(a)\\1(?i)0')\n", id="\\1 and 0 would join"),
        pytest.param("import re\nP = re.compile('ab' 'c(?' 's)d')\n", id="split across pieces"),
        pytest.param("import re\nP = re.compile(r'a(?a)(?u)')\n", id="does not compile"),
        pytest.param("import re\nx = re.sub('a # (?i)', '', s, 0, re.X)\n", id="maybe a comment"),
        pytest.param(
            'import re\nP = re.compile(r"""\n  a # c (?i)\n  (?x)\n""")\n',
            id="in a comment of a verbose pattern",
        ),
        pytest.param("import re\nP = re.compile(p + '(?i)')\n", id="not a literal"),
        pytest.param("import regex\nP = regex.compile(r'a(?i)')\n", id="another module"),
        pytest.param("def compile(p):\n    pass\nP = compile(r'a(?i)')\n", id="a local compile"),
    ],
)
def test_noop(source: str) -> None:
    assert_noop(ReGlobalFlagsFirst, source)


def test_kept_literals_are_noted() -> None:
    source = "import re\nP = re.compile(r'a(?i)*')\nQ = re.compile(r'(?i)a')\nR = re.compile(p)\n"
    assert assert_noop(ReGlobalFlagsFirst, source).notes == [
        "line(s) 2: regex global flags (?...) not first kept: move them to the pattern's start "
        "by hand"
    ]


@pytest.mark.parametrize(
    ("pattern", "verbose", "spans"),
    [
        ("a(?i)", False, [(1, 5)]),
        ("(?i)a(?m)", False, [(5, 9)]),
        ("[]()(?i)]x(?s)", False, [(10, 14)]),
        ("[^]()(?i)]x", False, []),
        ("a#(?i)", False, [(2, 6)]),
        ("a#(?i)", True, None),
        ("a(?#x", False, None),
    ],
)
def test_scanner(pattern: str, verbose: bool, spans: list[tuple[int, int]] | None) -> None:
    assert misplaced(pattern, verbose) == spans


#: (pattern, flags): each compiled on 3.10 as it is and on 3.13 as rewritten.
PATTERNS = [
    (r"\w+(?i)", "0"), ("^(?m)b$|x", "0"), ("\n (?x) a b  # c\n (c) ", "0"),
    ("a|(?i)B", "0"), (r"(?s)a.(?u)b", "0"), ("(a(?i))B", "0"), (r"[(?i)]a(?m)^b", "re.X"),
]  # fmt: skip
PROBE = """
for p in PATTERNS:
    print(p.flags, [p.search(t) and p.search(t).span() for t in {texts}])
"""


def test_same_matches_on_3_10_and_3_13() -> None:
    texts = ["AB", "ab\nb", "a\nB", "a\nb", "Ab", "aB\nB", "abc", "a.(b", "?a\nb", " ab c"]
    compiled = ", ".join(f"re.compile(r'''{p}''', {flags})" for p, flags in PATTERNS)
    old = f"import re\nPATTERNS = [{compiled}]\n" + PROBE.format(texts=texts)
    outcome = run(ReGlobalFlagsFirst, old)
    assert outcome.rewrites == {"re_global_flags_first": len(PATTERNS)}
    assert pyenv_output("3.10", old) == pyenv_output("3.13", outcome.code)


def test_docstring_example() -> None:
    assert_rewrite(ReGlobalFlagsFirst, *docstring_example(ReGlobalFlagsFirst))


def located(source: str) -> set[int] | None:
    return ReGlobalFlagsFirst.locate(AstIndex(ast.parse(source)))


def test_locate_skips_flags_at_the_start() -> None:
    # The group is where it belongs already.
    source = 'import re\n\nWORD = re.compile(r"(?i)\\w+")\n'
    assert ReGlobalFlagsFirst.wants(source)
    assert located(source) == set()


def test_locate_finds_a_late_group() -> None:
    assert located('import re\n\nWORD = re.compile(r"\\w+(?i)")\n') == {3}
