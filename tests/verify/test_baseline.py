"""``--baseline 2to3``: choosing the interpreter that runs lib2to3, and the conversion."""

from __future__ import annotations

from pathlib import Path

import pytest

from legacylift.bench.interpreters import Interpreter
from legacylift.verify.baseline import convert, converter
from legacylift.verify.interpreters import InterpreterError
from tests.helpers import pyenv_python

PY312, PY313 = pyenv_python("3.12"), pyenv_python("3.13")


def cpython(path: str, version: tuple[int, int, int]) -> Interpreter:
    return Interpreter(path, "cpython", version, None, f"{version[0]}.{version[1]}")


@pytest.mark.skipif(PY312 is None or PY313 is None, reason="needs pyenv CPython 3.12 and 3.13")
def test_the_newest_cpython_that_has_lib2to3_converts() -> None:
    assert PY312 is not None and PY313 is not None
    newest, old = cpython(PY313, (3, 13, 0)), cpython(PY312, (3, 12, 1))
    assert converter([newest, old]) == old
    # Only 3.12 or older is asked; one that calls itself 3.12 but has no lib2to3 is skipped.
    impostor = cpython(PY313, (3, 12, 9))
    assert converter([newest, impostor, old]) == old
    with pytest.raises(InterpreterError, match=r"--baseline 2to3 needs a CPython 3\.12 or older"):
        converter([newest, impostor])


@pytest.mark.skipif(PY312 is None, reason="needs pyenv CPython 3.12")
def test_convert_summarises_what_lib2to3_did(tmp_path: Path) -> None:
    assert PY312 is not None
    copy = tmp_path / "proj.2to3"
    copy.mkdir()
    (copy / "old.py").write_text('print "hi"\nfor k, v in {}.iteritems(): pass\n')
    (copy / "same.py").write_text("x = 1\n")
    (copy / "broken.py").write_text("def f(:\n")
    log = tmp_path / "2to3.log"
    line = convert(cpython(PY312, (3, 12, 1)), copy, log, timeout=120)
    assert line == (
        f"converted {copy} with the lib2to3 of CPython 3.12.1: 1 files changed, "
        f"1 it could not parse (see {log})"
    )
    assert (copy / "old.py").read_text() == 'print("hi")\nfor k, v in {}.items(): pass\n'
    assert not list(copy.glob("*.bak")), "backups were written"
    assert "Can't parse" in log.read_text()
