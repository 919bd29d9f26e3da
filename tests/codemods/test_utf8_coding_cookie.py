import pytest

from codemods.utf8_coding_cookie import Utf8CodingCookie
from tests.helpers import assert_noop, assert_rewrite, docstring_example

REWRITES = [
    pytest.param("# -*- coding: utf-8 -*-\nx = 1\n", "x = 1\n", id="emacs style"),
    pytest.param("# coding=utf8\nx = 1\n", "x = 1\n", id="plain, utf8"),
    pytest.param("# encoding: UTF-8\nx = 1\n", "x = 1\n", id="encoding, upper case"),
    pytest.param("#coding:utf_8\nx = 1\n", "x = 1\n", id="no spaces, utf_8 alias"),
    pytest.param("# -*- coding: utf-8; -*-\nx = 1\n", "x = 1\n", id="emacs with a semicolon"),
    pytest.param("# vim: set fileencoding=utf-8 :\nx = 1\n", "x = 1\n", id="vim modeline"),
    pytest.param(
        "#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n\nimport os\n",
        "#!/usr/bin/env python\n\nimport os\n",
        id="after a shebang: the blank line stays",
    ),
    pytest.param(
        '# coding: utf-8\n\n"""Doc."""\n', '"""Doc."""\n', id="blank lines at the top go too"
    ),
    pytest.param("\n# coding: utf-8\nx = 1\n", "x = 1\n", id="line 2 after a blank line"),
    pytest.param(
        "# coding: utf-8\n# Copyright me\nx = 1\n",
        "# Copyright me\nx = 1\n",
        id="the next comment stays",
    ),
    pytest.param("# coding: utf-8\n", "", id="nothing else in the file"),
    pytest.param(
        "# -*- coding: utf-8 -*-\nprint 'caf\u00e9'\n",
        "print('caf\u00e9')\n",
        id="python 2 file with non-ASCII text",
    ),
]


@pytest.mark.parametrize(("before", "after"), REWRITES)
def test_rewrite(before: str, after: str) -> None:
    assert_rewrite(Utf8CodingCookie, before, after)


NOOPS = [
    pytest.param("# coding: latin-1\nx = 1\n", id="another encoding"),
    pytest.param("# coding: utf-8-sig\nx = 1\n", id="utf-8-sig is another codec name"),
    pytest.param("# coding: nonsense\nx = 1\n", id="unknown encoding"),
    pytest.param(
        "#!/usr/bin/env python\n\n# coding: utf-8\nx = 1\n",
        id="line 3 is not a cookie, just a comment",
    ),
    pytest.param("x = 1\n# coding: utf-8\n", id="after code"),
    pytest.param(
        "# coding: latin-1\n# coding: utf-8\nx = 1\n", id="line 1 is the cookie Python uses"
    ),
    pytest.param("# Copyright\nx = 1  # coding: utf-8\n", id="trailing comment of a statement"),
]


@pytest.mark.parametrize("source", NOOPS)
def test_noop(source: str) -> None:
    assert_noop(Utf8CodingCookie, source)


@pytest.mark.parametrize(
    "cookie",
    [
        "# -*- mode: python; coding: utf-8 -*-",
        "# vim: set fileencoding=utf-8 ts=4 :",
        "# This file is coding: utf-8 encoded",
    ],
)
def test_cookie_saying_more_kept_with_a_note(cookie: str) -> None:
    outcome = assert_noop(Utf8CodingCookie, f"{cookie}\nx = 1\n")
    assert any("says more than the encoding" in note for note in outcome.notes)


def test_older_target_left_alone() -> None:
    assert_noop(Utf8CodingCookie, "# coding: utf-8\nx = 1\n", target="2.7")


def test_docstring_example() -> None:
    assert_rewrite(Utf8CodingCookie, *docstring_example(Utf8CodingCookie))
