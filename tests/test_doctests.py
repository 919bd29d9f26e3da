"""Doctest examples in docstrings and in doctest text files go through the same pipeline."""

from __future__ import annotations

import doctest
import textwrap
from pathlib import Path

import pytest

from codemods.cmp_to_key import CmpToKey
from codemods.dict_iter_methods import DictIterMethods
from legacylift import doctests
from legacylift.cli import main
from legacylift.doctests import modernize_doctest_file, modernize_examples
from legacylift.engine import Settings, modernize_text
from legacylift.walk import doctest_files, find_files

SETTINGS = Settings((3, 8), (DictIterMethods, CmpToKey))
PY2 = Settings((3, 8), (DictIterMethods, CmpToKey), python2=True)


def modernize(source: str, settings: Settings = SETTINGS) -> str:
    return modernize_text(textwrap.dedent(source), settings, "m.py").code


def test_print_statement_in_a_python2_docstring() -> None:
    before = '''\
        def show(x):
            """Print x.

            >>> print x
            1
            >>> print "a", x
            a 1
            """
            print x
        '''
    after = '''\
        def show(x):
            """Print x.

            >>> print(x)
            1
            >>> print("a", x)
            a 1
            """
            print(x)
        '''
    outcome = modernize_text(textwrap.dedent(before), SETTINGS, "m.py")
    assert outcome.code == textwrap.dedent(after)
    assert outcome.rewrites == {"py2_lift:print": 1, "doctest:py2_lift:print": 2}


def test_has_key_and_a_multiline_example() -> None:
    before = '''\
        """Tables.

          >>> d = {1: 'a'}
          >>> d.has_key(1)
          True
          >>> for k, v in d.iteritems():
          ...     print k, v
          ...
          1 a
        """
        print 1
        '''
    after = '''\
        """Tables.

          >>> d = {1: 'a'}
          >>> 1 in d
          True
          >>> for k, v in d.items():
          ...     print(k, v)
          ...
          1 a
        """
        print(1)
        '''
    assert modernize(before) == textwrap.dedent(after)
    # The result is a working Python 3 doctest, expected output and all.
    namespace: dict[str, object] = {}
    exec(compile(textwrap.dedent(after), "m.py", "exec"), namespace)
    test = doctest.DocTestParser().get_doctest(str(namespace["__doc__"]), {}, "m", "m.py", 0)
    assert doctest.DocTestRunner().run(test).failed == 0


def test_added_import_becomes_its_own_example() -> None:
    text = "  >>> # ascending\n  ... sorted([2, 1], cmp=lambda a, b: a - b)\n  [1, 2]\n"
    new, rewrites, notes = modernize_examples(text, PY2, python2=True)
    assert new == (
        "  >>> import functools\n  >>> # ascending\n"
        "  ... sorted([2, 1], key=functools.cmp_to_key(lambda a, b: a - b))\n  [1, 2]\n"
    )
    assert rewrites == {"doctest:cmp_to_key": 1} and not notes
    assert modernize_examples(new, PY2, python2=True)[0] == new


def test_an_example_that_does_not_parse_is_left_alone() -> None:
    text = ">>> d.has_key(1)\nTrue\n>>> print x y\n>>> def f(:\n...     pass\n"
    new, rewrites, notes = modernize_examples(text, PY2, python2=True)
    assert new == ">>> 1 in d\nTrue\n>>> print x y\n>>> def f(:\n...     pass\n"
    assert rewrites == {"doctest:dict_iter_methods": 1}
    assert [note.split(":")[0] for note in notes] == ["doctest line 3", "doctest line 4"]
    assert all("example left unchanged: cannot parse" in note for note in notes)


def test_a_python3_files_docstring_is_not_lifted() -> None:
    source = '''\
        def f(d):
            """
            >>> print x
            1
            >>> d.has_key(1)
            True
            """
            return d
        '''
    outcome = modernize_text(textwrap.dedent(source), SETTINGS, "m.py")
    assert outcome.code == textwrap.dedent(source)
    assert not outcome.rewrites
    assert outcome.notes == [
        "doctest line 3: example left unchanged: it is not Python 3 (--python2 lifts it)"
    ]
    # --python2 says every file is Python 2: its examples are, too.
    forced = modernize_text(textwrap.dedent(source), PY2, "m.py").code
    assert ">>> print(x)\n" in forced and ">>> 1 in d\n" in forced


def test_a_modern_docstring_is_byte_identical() -> None:
    source = '"""\n>>> d = {1: 2}\n>>> 1 in d\nTrue\n>>> list(d.items())\n[(1, 2)]\n"""\n'
    assert modernize_text(source, PY2, "m.py").code == source


def test_expected_output_and_prose_are_never_touched() -> None:
    # Output lines that look like code (even a "..." line after the output) stay as they are.
    text = "print x\n>>> print x\nprint x\n... print x\n\n    >>> print x\n    print x\n"
    new, _, _ = modernize_examples(text, PY2, python2=True)
    assert new == "print x\n>>> print(x)\nprint x\n... print x\n\n    >>> print(x)\n    print x\n"


def test_backslashes_need_a_raw_docstring() -> None:
    source = 'def f():\n    """\n    >>> print "a\\tb"\n    a\tb\n    """\nprint 1\n'
    assert modernize_text(source, SETTINGS, "m.py").code == source.replace("print 1", "print(1)")
    raw = source.replace('"""\n    >>>', 'r"""\n    >>>')
    assert 'r"""\n    >>> print("a\\tb")\n' in modernize_text(raw, SETTINGS, "m.py").code


def test_prefixes_and_quotes_are_kept() -> None:
    source = "class C:\n    u'''\n    >>> print 'x'\n    x\n    '''\nprint 1\n"
    after = "class C:\n    u'''\n    >>> print('x')\n    x\n    '''\nprint(1)\n"
    assert modernize_text(source, SETTINGS, "m.py").code == after


def test_only_docstrings_are_examples() -> None:
    # A string that is not the first statement is not a docstring; an f-string never is one.
    source = 'x = 1\n""">>> print x"""\ndef f():\n    f""">>> print x"""\nprint x\n'
    after = source.replace("print x\n", "print(x)\n")
    assert modernize_text(source, SETTINGS, "m.py").code == after


def test_crlf_lines_keep_their_endings() -> None:
    text = ">>> for k in d.iterkeys():\r\n...     print k\r\n1\r\n"
    new, _, _ = modernize_examples(text, PY2, python2=True)
    assert new == ">>> for k in d.keys():\r\n...     print(k)\r\n1\r\n"


def test_a_doctest_file_is_python2_when_one_example_is() -> None:
    py2 = ">>> d = {}\n>>> d.has_key(1)\nFalse\n>>> print 1\n1\n"
    assert modernize_doctest_file(py2, SETTINGS).code == (
        ">>> d = {}\n>>> 1 in d\nFalse\n>>> print(1)\n1\n"
    )
    # Valid Python 3 (a has_key method of its own, say) is not given Python 2 semantics.
    py3 = ">>> d.has_key(1)\nFalse\n>>> f(\n"
    outcome = modernize_doctest_file(py3, SETTINGS)
    assert outcome.code == py3
    assert outcome.notes == ["doctest line 3: example left unchanged: cannot parse"]


@pytest.mark.parametrize(
    ("code", "paths"),
    [
        ("doctest.DocFileSuite('a.txt', \"docs/b.rst\", optionflags=0)", ["a.txt", "docs/b.rst"]),
        ("from doctest import testfile\ntestfile('a.txt', globs={})", ["a.txt"]),
        ("doctest.testfile(\n    'a.txt',  # the guide\n)", ["a.txt"]),
        ("DocFileTest('a.txt')", ["a.txt"]),
        ("testfile('a.txt')", []),  # not doctest's
        ("doctest.testfile('a.txt', module_relative=False)", []),  # relative to the cwd
        ("doctest.testfile('a.txt', False)", []),
        ("doctest.DocFileSuite('a.txt', package='other')", []),
        ("doctest.DocFileSuite(os.path.join('x', 'a.txt'), f'{x}.txt', '/abs.txt')", []),
    ],
)
def test_doctest_files_reads_the_calls(code: str, paths: list[str]) -> None:
    assert doctest_files(code) == paths


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


GUIDE = "Caf\u00e9 guide\r\n==========\r\n\r\n>>> d = {'k': 1}\r\n>>> d.has_key('k')\r\nTrue\r\n"


def test_cli_rewrites_the_doctest_files_a_test_module_runs(tmp_path: Path) -> None:
    write(
        tmp_path / "tests" / "test_docs.py",
        "import doctest\n\ndef test_suite():\n"
        "    return doctest.DocFileSuite('guide.txt', '../docs/api.rst', '../../outside.txt')\n",
    )
    guide = write(tmp_path / "tests" / "guide.txt", GUIDE)
    api = write(tmp_path / "docs" / "api.rst", "API\n\n    >>> print 'x'\n    x\n")
    alone = write(tmp_path / "docs" / "notes.txt", ">>> print 'x'\nx\n")
    outside = write(tmp_path.parent / "outside.txt", ">>> print 'x'\nx\n")
    targets = find_files([str(tmp_path)])
    assert [(Path(t.display).name, t.doctest) for t in targets] == [
        ("api.rst", True), ("guide.txt", True), ("test_docs.py", False),
    ]  # fmt: skip
    command = ["modernize", str(tmp_path), "--target", "3.8", "--python2", "--jobs", "1"]
    assert main(command) == 0
    assert main([*command, "--check"]) == 0  # a fixed point
    assert guide.read_bytes() == GUIDE.replace("d.has_key('k')", "'k' in d").encode("utf-8")
    assert api.read_text() == "API\n\n    >>> print('x')\n    x\n"
    assert alone.read_bytes() == b">>> print 'x'\nx\n"
    assert outside.read_bytes() == b">>> print 'x'\nx\n"
    # The result passes as a Python 3 doctest.
    assert doctest.testfile(str(guide), module_relative=False, encoding="utf-8").failed == 0


def test_a_doctest_file_given_explicitly(tmp_path: Path) -> None:
    notes = write(tmp_path / "notes.txt", ">>> print 'x'\nx\n")
    assert main(["modernize", str(notes), "--target", "3.8", "--jobs", "1"]) == 0
    assert notes.read_text() == ">>> print('x')\nx\n"


def test_only_docstrings_are_read_for_examples(monkeypatch: pytest.MonkeyPatch) -> None:
    """``>>>`` in a comment or in a string that is no docstring: the ``ast`` says so."""

    def refuse(text: str, *args: object, **kwargs: object) -> None:
        raise AssertionError("read for examples")

    monkeypatch.setattr(doctests, "modernize_examples", refuse)
    code = (
        'PROMPT = ">>> "\n\n\ndef f():\n'
        '    x = 1  # >>> print x\n    """Not the docstring: >>> print x"""\n'
        'b""">>> print x"""\n"a" """>>> print x"""\n'  # bytes, concatenated: not module docstrings
    )
    assert doctests.modernize_docstrings(code, PY2, python2=True) == (code, {}, [])
    with pytest.raises(AssertionError, match="read for examples"):
        doctests.modernize_docstrings('"""\n>>> print x\n"""\n', PY2, python2=True)


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # ast's columns count UTF-8 bytes; a byte-order mark is not part of them.
        ('def f(s="\u00e9"): """>>> print s"""\n', 'def f(s="\u00e9"): """>>> print(s)"""\n'),
        ('\ufeff"""\n>>> print 1\n"""\n', '\ufeff"""\n>>> print(1)\n"""\n'),
        ('"""\n>>> print 1\n1 \u00e9"""\nx = 1\n', '"""\n>>> print(1)\n1 \u00e9"""\nx = 1\n'),
        (
            'class C:\n    (r"""\n    >>> print 1\n    """)\n',
            'class C:\n    (r"""\n    >>> print(1)\n    """)\n',
        ),
    ],
)
def test_docstrings_rewritten_in_place(before: str, after: str) -> None:
    code, rewrites, notes = doctests.modernize_docstrings(before, PY2, python2=True)
    assert (code, notes) == (after, [])
    assert rewrites
