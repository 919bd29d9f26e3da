"""The Python 2 syntax lift: detection, each rewrite, no-op cases, losslessness, a corpus."""

from __future__ import annotations

import ast
import io
import subprocess
import textwrap
import tokenize
import warnings
from collections import Counter

import pytest

from legacylift.lift import (
    LiftError,
    LiftResult,
    _detect,
    _lifter,
    _literals,
    is_python2,
    lift,
    python2_hint,
)
from legacylift.lift._stdlib_check import check_files, default_root
from legacylift.lift._tree import COMMENT, tokens


def code(text: str) -> str:
    """A dedented block without its first newline."""
    return textwrap.dedent(text).lstrip("\n")


def comments(text: str) -> Counter[str]:
    """The comments of Python 3 text."""
    found: Counter[str] = Counter()
    for tok in tokenize.generate_tokens(io.StringIO(text).readline):
        if tok.type == tokenize.COMMENT:
            found[tok.string.rstrip()] += 1
    return found


def python2_comments(text: str) -> Counter[str]:
    """The comments of Python 2 text (whose tabs Python 3's tokenizer may refuse)."""
    return Counter(t.string.rstrip() for t in tokens(text) if t.type == COMMENT)


def lifted(before: str) -> LiftResult:
    """Lift ``before`` and check what every lift must give: Python 3 keeping every comment,
    and a fixed point."""
    result = lift(before)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # invalid escapes in the inputs
        ast.parse(result.code.removeprefix("\ufeff"))
    assert result.changed == (result.code != before)
    assert lift(result.code).changed is False, "not idempotent"
    assert lift(result.code).code is result.code
    if "#" in before:
        assert comments(result.code) == python2_comments(before)
    return result


# (id, Python 2, Python 3, rewrite kinds expected)
CASES = [
    ("print-bare", "print\n", "print()\n", {"print": 1}),
    ("print-args", "print 'a', x\n", "print('a', x)\n", {"print": 1}),
    ("print-one", "print x\n", "print(x)\n", {"print": 1}),
    ("print-softspace", "print x,\n", 'print(x, end=" ")\n', {"print": 1}),
    (
        "print-file-softspace",
        "print >>sys.stderr, x,\n",
        'print(x, file=sys.stderr, end=" ")\n',
        {"print": 1},
    ),
    ("print-file", "print >> f, 'a', b\n", "print('a', b, file=f)\n", {"print": 1}),
    ("print-file-only", "print >>f\n", "print(file=f)\n", {"print": 1}),
    ("print-paren-single", "print(x)\nprint 1\n", "print(x)\nprint(1)\n", {"print": 1}),
    # print(...) alone parses as Python 3: each file below has another Python 2 statement
    ("print-paren-tuple", "print (a, b)\nprint\n", "print((a, b))\nprint()\n", {"print": 2}),
    ("print-empty-tuple", "print ()\nprint\n", "print(())\nprint()\n", {"print": 2}),
    ("print-paren-then-more", "print (a), b\nprint\n", "print((a), b)\nprint()\n", {"print": 2}),
    ("print-expr", "print 'a' % (x,)\n", "print('a' % (x,))\n", {"print": 1}),
    ("print-semicolons", "print 1; print\n", "print(1); print()\n", {"print": 2}),
    ("print-one-line-if", "if x: print x\n", "if x: print(x)\n", {"print": 1}),
    (
        "print-continuation",
        "print 'a', \\\n      'b'\n",
        "print('a', \\\n      'b')\n",
        {"print": 1},
    ),
    (
        "print-comment",
        "print x  # show x\n",
        "print(x)  # show x\n",
        {"print": 1},
    ),
    (
        "print-future",
        "from __future__ import print_function\nprint('a', file=f)\nexec code\n",
        "from __future__ import print_function\nprint('a', file=f)\nexec(code)\n",
        {"exec": 1},
    ),
    (
        "print-future-after-docstring",
        '"""Doc."""\nfrom __future__ import (division,\n print_function)\nprint(1, 2)\nx = `1`',
        '"""Doc."""\nfrom __future__ import (division,\n print_function)\nprint(1, 2)\nx = repr(1)',
        {"backticks": 1},
    ),
    ("exec", "exec code\n", "exec(code)\n", {"exec": 1}),
    ("exec-in", "exec code in ns\n", "exec(code, ns)\n", {"exec": 1}),
    ("exec-in-gl", "exec 'x = 1' in g, l\n", "exec('x = 1', g, l)\n", {"exec": 1}),
    ("exec-call", "exec(code)\nexec (code, ns)\nprint 1\n", None, {"print": 1}),
    ("raise-value", "raise E, 'message'\n", "raise E('message')\n", {"raise": 1}),
    (
        "raise-traceback",
        "raise E, V, T\n",
        "raise E(V).with_traceback(T)\n",
        {"raise": 1},
    ),
    ("raise-tuple", "raise E, (1, 2)\n", "raise E(1, 2)\n", {"raise": 1}),
    ("raise-none", "raise E, None\n", "raise E\n", {"raise": 1}),
    ("raise-dotted", "raise self.error, msg\n", "raise self.error(msg)\n", {"raise": 1}),
    ("raise-expression", "raise a or b, msg\n", "raise (a or b)(msg)\n", {"raise": 1}),
    ("raise-plain", "raise\nraise E\nraise E(1)\nprint\n", None, {"print": 1}),
    (
        "except",
        """
        try:
            pass
        except E, e:
            pass
        """,
        """
        try:
            pass
        except E as e:
            pass
        """,
        {"except": 1},
    ),
    (
        "except-tuple",
        "try: pass\nexcept (A, B), e: pass\n",
        "try: pass\nexcept (A, B) as e: pass\n",
        {"except": 1},
    ),
    (
        "except-unpacking",
        """
        try:
            pass
        except E, (code, message):
            log(message)
        """,
        """
        try:
            pass
        except E as code_message:
            (code, message) = code_message.args
            log(message)
        """,
        {"except": 1},
    ),
    (
        "except-attribute",
        "try: pass\nexcept E, self.error: pass\n",
        "try: pass\nexcept E as self_error: self.error = self_error; pass\n",
        {"except": 1},
    ),
    ("backticks", "x = `a` + `b.c()`\n", "x = repr(a) + repr(b.c())\n", {"backticks": 2}),
    ("backticks-tuple", "x = `a, b`\n", "x = repr((a, b))\n", {"backticks": 1}),
    (
        "backticks-nested",
        "x = `f(`y`)`.upper()\n",
        "x = repr(f(repr(y))).upper()\n",
        {"backticks": 2},
    ),
    ("ne", "if a <> b: pass\nif a<>b: pass\n", "if a != b: pass\nif a!=b: pass\n", {"ne": 2}),
    ("octal", "os.chmod(p, 0755)\nx = 00\n", "os.chmod(p, 0o755)\nx = 00\n", {"octal": 1}),
    ("long", "x = 10L + 0xFFl\n", "x = 10 + 0xFF\n", {"long": 2}),
    ("octal-long", "x = 0777L\n", "x = 0o777\n", {"octal": 1, "long": 1}),
    (
        "long-attribute",
        "x = -7L.__index__() + 0xFL.real + 1L .real\n",
        "x = -(7).__index__() + 0xF.real + (1) .real\n",
        {"long": 3},
    ),
    ("ur-plain", "x = ur'\\d+'\n", "x = r'\\d+'\n", {"ur-prefix": 1}),
    ("ur-upper", "x = UR'a'\n", "x = R'a'\n", {"ur-prefix": 1}),
    (
        "ur-escape",
        "x = ur'\\u00e9\\d'\n",
        "x = '\\u00e9\\\\d'\n",
        {"ur-prefix": 1},
    ),
    (
        "ur-escape-quote",
        "x = ur'\\u00e9\\''\n",
        "x = '\\u00e9\\\\\\''\n",
        {"ur-prefix": 1},
    ),
    ("str-bad-escape", "p = 'C:\\Users\\d'\n", "p = 'C:\\\\Users\\d'\n", {"escapes": 1}),
    (
        "bytes-non-ascii",
        "# -*- coding: utf-8 -*-\nx = b'caf\u00e9'\nprint x\n",
        "# -*- coding: utf-8 -*-\nx = b'caf\\xc3\\xa9'\nprint(x)\n",
        {"bytes": 1, "print": 1},
    ),
    (
        "def-tuple",
        """
        def f(a, (b, c)):
            return a + b + c
        """,
        """
        def f(a, b_c):
            b, c = b_c
            return a + b + c
        """,
        {"tuple-params": 1},
    ),
    (
        "def-tuple-docstring-comment",
        '''
        def f(self, (x, y)=(0, 0), *args):  # a point
            """Docstring stays first."""
            # about the body
            return x
        ''',
        '''
        def f(self, x_y=(0, 0), *args):  # a point
            """Docstring stays first."""
            x, y = x_y
            # about the body
            return x
        ''',
        {"tuple-params": 1},
    ),
    (
        "def-tuple-nested",
        """
        def f((a, (b, c)), (d, e)):

            # leading comment
            pass
        """,
        """
        def f(a_b_c, d_e):
            a, (b, c) = a_b_c
            d, e = d_e

            # leading comment
            pass
        """,
        {"tuple-params": 2},
    ),
    (
        "def-tuple-one-line",
        "def f((a, b)): return a\n",
        "def f(a_b): a, b = a_b; return a\n",
        {"tuple-params": 1},
    ),
    (
        "strings-and-comments-untouched",
        "print 'a <> b', '`x`', 'exec x in y'  # print x, `y` <> 0777L\n",
        "print('a <> b', '`x`', 'exec x in y')  # print x, `y` <> 0777L\n",
        {"print": 1},
    ),
    (
        "tabs-only",
        "if x:\n\ty = 1\n        z = 2\n",
        "if x:\n        y = 1\n        z = 2\n",
        {"indentation": 1},
    ),
    ("def-paren-name", "def f((a)): return a\n", "def f(a): return a\n", {"tuple-params": 1}),
    (
        "def-tuple-name-taken",
        "b_c = 1\ndef f((b, c)):\n    return b_c\n",
        "b_c = 1\ndef f(b_c_2):\n    b, c = b_c_2\n    return b_c\n",
        {"tuple-params": 1},
    ),
    (
        "lambda-tuple",
        "f = lambda (x, y): x + y\n",
        "f = lambda x_y: x_y[0] + x_y[1]\n",
        {"tuple-params": 1},
    ),
    (
        "lambda-tuple-nested",
        "f = lambda a, (b, (c, d)): a + c.real + g(d=d)\n",
        "f = lambda a, b_c_d: a + b_c_d[1][0].real + g(d=b_c_d[1][1])\n",
        {"tuple-params": 1},
    ),
    (
        "lambda-tuple-rebound",
        "f = lambda (x, y): [x for x in y]\n",
        "f = lambda x_y: (lambda x, y: [x for x in y])(x_y[0], x_y[1])\n",
        {"tuple-params": 1},
    ),
    (
        "lambda-parenthesized-name-no-space",
        "f = lambda(href): href\n",
        "f = lambda href: href\n",
        {"tuple-params": 1},
    ),
    (
        "import-star-in-function",
        "def test():\n    from os.path import  *\n    print 1\n",
        "def test():\n    exec('from os.path import *')\n    print(1)\n",
        {"import-star": 1, "print": 1},
    ),
    (
        "raise-instance-none-traceback",
        "raise Error(name, e), None, sys.exc_info()[2]\n",
        "raise Error(name, e).with_traceback(sys.exc_info()[2])\n",
        {"raise": 1},
    ),
    (
        "raise-exc-info-none-traceback",
        "raise exc_info[1], None, exc_info[2]\n",
        "raise exc_info[1].with_traceback(exc_info[2])\n",
        {"raise": 1},
    ),
    (
        "keyword-attribute",
        "d = {'b': xmlrpclib.False, 'c': a.b.True.x(1)}\n",
        "d = {'b': getattr(xmlrpclib, 'False'), 'c': getattr(a.b, 'True').x(1)}\n",
        {"keyword-attribute": 2},
    ),
    (
        "keyword-names",
        "class D:\n    async = False\n    def set(self, async):\n        self.x = async\n",
        "class D:\n    locals()['async'] = False\n    def set(self, async_):\n"
        "        self.x = async_\n",
        {"keyword-name": 2},
    ),
    (
        "import-star-in-function-only",  # the parser accepts it, Python 3's compiler does not
        "import unittest\nclass T(unittest.TestCase):\n    def test(self):\n"
        "        from mechanize import *\n",
        "import unittest\nclass T(unittest.TestCase):\n    def test(self):\n"
        "        exec('from mechanize import *')\n",
        {"import-star": 1},
    ),
    (
        "constant-shim",
        "try: True\nexcept NameError:\n    True = 1  # py2.2\n    False = 0\n",
        "try: True\nexcept NameError:\n    pass  # py2.2\n    pass\n",
        {"constant-shim": 2},
    ),
    (
        "comprehension-tuple",
        "x = [i for i in 1, 2, 3]\n",
        "x = [i for i in (1, 2, 3)]\n",
        {"comprehension-tuple": 1},
    ),
    (
        "indentation-mixed",
        "if x:\n\tif y:\n\t\tpass\n        z = '''\n\tkept\n'''\n",
        "if x:\n\tif y:\n\t\tpass\n\tz = '''\n\tkept\n'''\n",
        {"indentation": 1},
    ),
    (
        "indentation-to-spaces",
        "class A:\n    def f(self):\n\tprint 1\n\t# note\n        return 2\n",
        "class A:\n    def f(self):\n        print(1)\n        # note\n        return 2\n",
        {"indentation": 2, "print": 1},
    ),
    ("crlf", "print 1\r\nif a <> b:\r\n    pass\r\n", "print(1)\r\nif a != b:\r\n    pass\r\n", {}),
    (
        "crlf-tuple-param",
        "def f((a, b)):\r\n    return a\r\n",
        "def f(a_b):\r\n    a, b = a_b\r\n    return a\r\n",
        {"tuple-params": 1},
    ),
    ("no-final-newline", "print 1", "print(1)", {"print": 1}),
    ("trailing-whitespace", "print 1\n   ", "print(1)\n   ", {"print": 1}),
    ("bom", "\ufeffprint 1\n", "\ufeffprint(1)\n", {"print": 1}),
    (
        "form-feed",
        "print 1\n\f\n# page 2\nx = 1 \\\n  + 2\n",
        "print(1)\n\f\n# page 2\nx = 1 \\\n  + 2\n",
        {"print": 1},
    ),
    (
        "comments-everywhere",
        """
        # header
        import sys  # why

        def f(a,  # first
              (b, c)):  # second
            # body
            print >>sys.stderr, a, `b`  # trailing
            return [  # open
                b <> c,  # inside
            ]
        # footer
        """,
        """
        # header
        import sys  # why

        def f(a,  # first
              b_c):  # second
            b, c = b_c
            # body
            print(a, repr(b), file=sys.stderr)  # trailing
            return [  # open
                b != c,  # inside
            ]
        # footer
        """,
        {"tuple-params": 1, "print": 1, "backticks": 1, "ne": 1},
    ),
]


@pytest.mark.parametrize(
    ("before", "after", "kinds"),
    [pytest.param(code(b), None if a is None else code(a), k, id=i) for i, b, a, k in CASES],
)
def test_lift(before: str, after: str | None, kinds: dict[str, int]) -> None:
    result = lifted(before)
    assert result.changed
    if after is not None:
        assert result.code == after
    assert {kind: result.rewrites.get(kind) for kind in kinds} == kinds
    assert is_python2(before)


# Python 3 files: never changed, byte for byte (the very same string comes back).
NOOPS = [
    ("print-function", "from __future__ import print_function\nprint(x, y, end='')\n"),
    ("print-call", "print('a', 'b')\n"),
    ("except-as", "try:\n    pass\nexcept (A, B) as e:\n    pass\n"),
    ("strings", "x = 'a <> b' + '`x`' + 'print x' + \"except E, e:\"\n"),
    ("comments", "# print x\n# except E, e:\nx = 1  # a <> b, `y`, 0777\n"),
    ("fstring", "name = 'x'\nprint(f'{name!r} <> {name}')\n"),
    ("octal-py3", "os.chmod(p, 0o755)\n"),
    ("raise-from", "try:\n    pass\nexcept E as e:\n    raise F('x') from e\n"),
    ("tabs-consistent", "if x:\n\tif y:\n\t\tpass\n"),
    ("crlf", "x = 1\r\nprint(x)\r\n"),
    ("empty", ""),
    ("print-as-value", "p = print\np('x')\n"),
    ("print-shift-py3", "x = f'{y}'\nprint >> sys.stderr, 'x'\n"),
    ("async", "async def f():\n    await g()\n"),
    ("walrus", "if (n := len(a)) > 10:\n    pass\n"),
    ("ur-lookalike", "ur = 1\nx = ur + 1\n"),
]


@pytest.mark.parametrize("text", [pytest.param(t, id=i) for i, t in NOOPS])
def test_python3_untouched(text: str) -> None:
    result = lift(text)
    assert result.code is text
    assert not result.changed
    assert result.rewrites == {}
    assert not is_python2(text)


def test_pep758_trap_is_python2() -> None:
    """``except E, e:`` is found by the tokenizer, never in strings or comments."""
    text = code(
        """
        s = "except E, e:"  # except E, e:
        try:
            pass
        except (E,
                F), e:
            pass
        """
    )
    assert _detect.has_python2_except(text)
    assert not _detect.has_python2_except("s = 'except E, e:'  # except E, e:\n")
    assert not _detect.has_python2_except("try:\n    pass\nexcept (A, B) as e:\n    pass\n")
    assert not _detect.has_python2_except("try:\n    pass\nexcept* A, B:\n    pass\n")
    assert lifted(text).code == text.replace("F), e:", "F) as e:")


def test_pep758_on_an_interpreter_that_parses_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Where ``except E, e:`` parses (3.14), it is still Python 2, unless the file also has
    syntax that Python 2 rejects."""

    def parse_as_314(text: str) -> ast.Module:
        return ast.parse(text.replace("except E, e:", "except (E, e):"))

    monkeypatch.setattr(_detect, "parse_python3", parse_as_314)
    monkeypatch.setattr(_detect, "PEP758", True)
    py2 = "try:\n    pass\nexcept E, e:\n    pass\n"
    assert not _detect.is_python3(py2)
    assert _detect.is_python3("x = f'{1}'\n" + py2)
    assert _detect.is_python3("def f(*, a): pass\n" + py2)
    # print(..., end=...) is also Python 2 under print_function: no evidence either way
    future = "from __future__ import print_function\nprint(1, end='')\n"
    assert not _detect.is_python3(future + py2)


def test_softspace_and_traceback_notes() -> None:
    result = lifted("print 'a',\nprint 'b',\nraise E, V, T\n")
    assert len(result.notes) == 2
    assert result.notes[0].startswith("lines 1, 2: print with a trailing comma")
    assert result.notes[1].startswith("line 3: raise E, V, T became")


def test_exec_in_function_note() -> None:
    result = lifted("def f():\n    exec code\n")
    assert result.notes == [
        "line 2: exec in a function can no longer change the function's local variables"
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("def (:\n", id="syntax"),
        pytest.param("x = (\n", id="eof"),
        pytest.param("if x:\n  pass\n pass\n", id="dedent"),
        pytest.param("async = 1\nprint async\n", id="python3-keyword"),
        pytest.param("True = 1\nprint True\n", id="assigning True outside a NameError shim"),
        pytest.param("x.None = 1\nprint x\n", id="assigning a keyword attribute"),
    ],
)
def test_lift_error(text: str) -> None:
    with pytest.raises(LiftError) as error:
        lift(text)
    message = str(error.value)
    assert message.startswith("line ")
    assert "\n" not in message


def test_future_features() -> None:
    text = '#!/usr/bin/env python\n"""Doc."""\nfrom __future__ import (a as b,\n c); import d\n'
    assert _lifter.future_features(text) == {"a", "c"}
    assert _lifter.future_features("x = 1\nfrom __future__ import a\n") == set()


def test_garbage_is_not_python2() -> None:
    assert not is_python2("def (:\n")
    assert not is_python2("x = 1\n")


def test_literal_helpers() -> None:
    assert _literals.number("0") == ("0", [])
    assert _literals.number("0777") == ("0o777", ["octal"])
    assert _literals.number("0L") == ("0", ["long"])
    assert _literals.number("07j") == ("07j", [])
    assert _literals.number("0.5") == ("0.5", [])
    assert _literals.string("u'x'", False, "utf-8") == ("u'x'", None)
    assert _literals.string("r'\\N'", False, "utf-8") == ("r'\\N'", None)
    # with unicode_literals a plain literal is unicode in Python 2: \N{...} is an escape there
    assert _literals.string("'\\N{DASH}'", True, "utf-8") == ("'\\N{DASH}'", None)
    assert _literals.string("'\\N{EM DASH}'", False, "utf-8") == ("'\\N{EM DASH}'", None)
    assert _literals.string("'\\N{NO SUCH}'", False, "utf-8")[0] == "'\\\\N{NO SUCH}'"
    assert _literals.string("'\\\\u12'", False, "utf-8") == ("'\\\\u12'", None)


UR_LITERALS = [
    "ur'\\u00e9'",
    "ur'\\\\u00e9'",
    "ur'\\\\\\u00e9'",
    "ur'a\\d\\n\\'x'",
    "ur'\\U0001F600 \\N{DASH}'",
    "ur'''a\n\\u00e9\\\nb'''",
    "ur'a\\\nb\\u00e9'",
    'UR"\\x41\\""',
]


def test_ur_values_match_python2() -> None:
    """Each ``ur''`` literal keeps the value Python 2.7 gives it."""
    python2 = default_root()
    if python2 is None:
        pytest.skip("no Python 2.7 here")
    interpreter = str(python2.parent.parent / "bin" / "python")
    script = "import sys\nfor s in [%s]:\n    sys.stdout.write(repr(map(ord, s)) + '\\n')\n"
    out = subprocess.run(
        [interpreter, "-c", script % ", ".join(UR_LITERALS)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for literal, expected in zip(UR_LITERALS, out):
        new, kind = _literals.string(literal, False, "utf-8")
        assert kind == "ur-prefix"
        assert repr([ord(char) for char in ast.literal_eval(new)]) == expected, literal


def test_python2_stdlib_sample() -> None:
    """~20 modules of the Python 2.7 library (known to compile there) lift and compile."""
    root = default_root()
    if root is None:
        pytest.skip("no Python 2.7 library here")
    names = [
        "string.py", "pickle.py", "difflib.py", "textwrap.py", "shlex.py", "cmd.py",
        "code.py", "getopt.py", "fnmatch.py", "calendar.py", "csv.py", "heapq.py",
        "pprint.py", "repr.py", "sched.py", "urlparse.py", "json/encoder.py",
        "email/utils.py", "sre_parse.py", "tabnanny.py", "decimal.py",
    ]  # fmt: skip
    paths = [root / name for name in names if (root / name).exists()]
    assert len(paths) >= 15
    report = check_files(paths)
    assert report.lift_errors == []
    assert report.compile_errors == []
    assert report.not_idempotent == []
    assert report.lost_comments == []
    assert len(report.lifted) + len(report.python3) == len(paths)
    assert report.rewrites["print"] > 0


def test_lift_of_python3_is_cheap_identity() -> None:
    text = "x: int = 1\n"
    assert lift(text) == LiftResult(code=text, changed=False)


def test_roundtrip_bytes_outside_rewrites() -> None:
    """Every line a rewrite does not touch comes out byte for byte."""
    lines = [
        "# -*- coding: utf-8 -*-\r\n",
        "x = {  # open\r\n",
        "\t'a': 1,\x0c\r\n",
        "}\r\n",
        "print x\r\n",
        "y = '''\r\n",
        "  print x\r\n",
        "'''\r\n",
    ]
    text = "".join(lines)
    result = lifted(text)
    out = result.code.split("\r\n")
    assert out[4] == "print(x)"
    assert [line for i, line in enumerate(out) if i != 4] == [
        line.removesuffix("\r\n") for i, line in enumerate([*lines, ""]) if i != 4
    ]


@pytest.mark.parametrize(
    "text",
    [
        "print 'x'\n",
        "    print >>sys.stderr, 'x'\n",
        "exec code in ns\n",
        "try:\n    f()\nexcept E, e:\n    pass\n",
        "try:\n    f()\nexcept (A, B), e:\n    pass\n",
        "mode = 0755\n",
        "n = 10L\n",
        "s = ur'x'\n",
        "r = `x`\n",
        "if a <> b: pass\n",
        "raise E, 'message'\n",
        's = "a"  # a comment\nprint s\n',  # the string and the comment end where they should
    ],
)
def test_python2_hint_finds_python2_syntax(text: str) -> None:
    assert python2_hint(text)


@pytest.mark.parametrize(
    "text",
    [
        # Each would hint Python 2 but for where it stands: in a docstring, a string, a comment.
        'def f():\n    """Use ``f(x)`` with mode 0755, or print x."""\n',
        "s = '`x` <> y'\n",
        "t = '''\nprint x\n'''\n",
        's = "a \\" `b`"\n',  # an escaped quote does not end the string
        "x = 1  # see `x`, mode 0644\n",
        # Python 3 syntax that the old hint took for Python 2.
        "try:\n    f()\nexcept (A, B):\n    pass\n",
        "price, zero = 1.05, 00\n",
    ],
)
def test_python2_hint_ignores_strings_comments_and_python3(text: str) -> None:
    assert not python2_hint(text)
