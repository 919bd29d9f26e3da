"""End-to-end runs of `legacylift modernize` on real files in temporary trees."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from legacylift.cli import main

PDB = "import pdb\n\ndef f():\n    pdb.set_trace()\n"
BREAKPOINT = "\ndef f():\n    breakpoint()\n"


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def modernize(*args: str | Path) -> int:
    return main(["modernize", "--jobs", "1", *map(str, args)])


def test_diff_mode_prints_a_diff_and_writes_nothing(sample_copy: Path, capsys) -> None:
    before = snapshot(sample_copy)
    assert modernize(sample_copy, "--diff", "--target", "3.8") == 0
    out, err = capsys.readouterr()
    assert "\n-        pdb.set_trace()\n" in out and "\n+        breakpoint()\n" in out
    assert "\n+@dataclass(eq=False, repr=False)\n" in out
    assert "\n+    while (line := stream.readline()):\n" in out
    assert out.startswith("--- ") and f"--- {sample_copy / 'inventory.py'}\n+++ " in out
    assert snapshot(sample_copy) == before
    for name in ("set_trace_to_breakpoint", "assign_then_test_to_walrus", "init_to_dataclass"):
        assert name in err
    assert "would change" in err


def test_check_write_then_fixed_point(sample_copy: Path, capsys) -> None:
    modern = 'def greet(name: str) -> str:\n    return f"hi {name}"\n'
    (sample_copy / "modern.py").write_text(modern)
    before = snapshot(sample_copy)
    assert modernize(sample_copy, "--check", "--target", "3.8") == 1
    assert snapshot(sample_copy) == before
    assert modernize(sample_copy, "--target", "3.8") == 0
    after = snapshot(sample_copy)
    assert after["inventory.py"] != before["inventory.py"]
    assert b"breakpoint()" in after["inventory.py"]
    assert after["modern.py"] == before["modern.py"], "unchanged files are not rewritten"
    capsys.readouterr()
    assert modernize(sample_copy, "--check", "--target", "3.8") == 0
    assert "0 would change" in capsys.readouterr().err


def test_summary_table_counts_files_and_rewrites(tmp_path: Path, capsys) -> None:
    for name in ("a.py", "b.py"):
        (tmp_path / name).write_text("import pdb\npdb.set_trace()\npdb.set_trace()\n")
    (tmp_path / "c.py").write_text("x = 1\n")
    assert modernize(tmp_path, "--target", "3.8") == 0
    err = capsys.readouterr().err
    row = next(line for line in err.splitlines() if line.startswith("set_trace_to_breakpoint"))
    assert row.split()[1:] == ["2", "4"]
    assert "3 files" in err and "2 changed" in err


def test_bad_input_is_reported_and_left_byte_identical(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.py"
    broken.write_bytes(b"import pdb\npdb.set_trace()\ndef f(:\n")
    undecodable = tmp_path / "bytes.py"
    undecodable.write_bytes(b"import pdb\npdb.set_trace()\ns = '\xff\xfe'\n")
    good = tmp_path / "good.py"
    good.write_text(PDB)
    before = snapshot(tmp_path)
    assert modernize(tmp_path, "--target", "3.8") == 3
    err = capsys.readouterr().err
    assert f"{broken}: cannot parse" in err
    assert f"{undecodable}: cannot decode as utf-8" in err
    assert broken.read_bytes() == before["broken.py"]
    assert undecodable.read_bytes() == before["bytes.py"]
    assert good.read_text() == BREAKPOINT, "the run goes on past bad files"


def test_one_python2_file_makes_the_run_a_python2_port(tmp_path: Path, capsys) -> None:
    (tmp_path / "old.py").write_text("print 'hi'\n")
    modern = tmp_path / "also_old.py"  # parses as Python 3, but iteritems is Python 2
    modern.write_text("for k, v in d.iteritems():\n    pass\n")
    assert modernize(tmp_path, "--target", "3.8", "--no-python2") == 0
    assert modern.read_text() == "for k, v in d.iteritems():\n    pass\n"
    (tmp_path / "old.py").write_text("print 'hi'\n")  # the first run ported it
    assert modernize(tmp_path, "--target", "3.8") == 0
    assert modern.read_text() == "for k, v in d.items():\n    pass\n"
    assert "Python 2 code base (" in capsys.readouterr().err


def test_a_ported_python2_package_is_a_fixed_point(tmp_path: Path) -> None:
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "__init__.py").write_text("from util import half\n")
    (package / "util.py").write_text(
        "from __future__ import division, absolute_import\n"
        "import json\n\ndef half(n):\n    print n / 2\n    return d.has_key(n)\n"
    )
    assert modernize(tmp_path, "--target", "3.8") == 0
    assert (package / "__init__.py").read_text() == "from .util import half\n"
    assert "from __future__" not in (package / "util.py").read_text()
    assert modernize(tmp_path, "--target", "3.8", "--check") == 0


def test_a_python3_tree_is_not_ported_as_python2(tmp_path: Path, capsys) -> None:
    source = "for k, v in d.iteritems():\n    print(k)\n"  # a method of the project's own class
    (tmp_path / "mod.py").write_text(source)
    assert modernize(tmp_path, "--target", "3.8") == 0
    assert (tmp_path / "mod.py").read_text() == source
    assert "Python 2 code base" not in capsys.readouterr().err


def test_quiet_still_lists_skipped_files(tmp_path: Path, capsys) -> None:
    (tmp_path / "bad.py").write_text("def f(:\n")
    assert modernize(tmp_path, "--target", "3.8", "--quiet") == 3
    err = capsys.readouterr().err
    assert err.strip().startswith(f"{tmp_path / 'bad.py'}: cannot parse")
    assert "codemod" not in err  # no table


def test_latin1_crlf_bom_and_tabs_survive(tmp_path: Path) -> None:
    latin = tmp_path / "latin.py"
    latin.write_bytes(
        b"# -*- coding: latin-1 -*-\nimport pdb\nname = '\xe9t\xe9'\npdb.set_trace()\n"
    )
    crlf = tmp_path / "crlf.py"
    crlf.write_bytes(b"import pdb\r\nif True:\r\n\tpdb.set_trace()\r\n")
    bom = tmp_path / "bom.py"
    bom.write_bytes(b"\xef\xbb\xbfimport pdb\nx = '\xc3\xa9'\npdb.set_trace()\n")
    assert modernize(tmp_path, "--target", "3.8") == 0
    assert latin.read_bytes() == b"# -*- coding: latin-1 -*-\nname = '\xe9t\xe9'\nbreakpoint()\n"
    assert crlf.read_bytes() == b"if True:\r\n\tbreakpoint()\r\n"
    assert bom.read_bytes() == b"\xef\xbb\xbfx = '\xc3\xa9'\nbreakpoint()\n"


def test_executable_script_found_and_mode_kept(tmp_path: Path) -> None:
    script = tmp_path / "tool"
    script.write_text("#!/usr/bin/env python3\n" + PDB)
    script.chmod(0o751)
    (tmp_path / "notes").write_text("#!/bin/sh\nimport pdb; pdb.set_trace()\n")
    assert modernize(tmp_path, "--target", "3.8") == 0
    assert script.read_text() == "#!/usr/bin/env python3\n" + BREAKPOINT
    assert stat.S_IMODE(script.stat().st_mode) == 0o751
    assert "pdb" in (tmp_path / "notes").read_text(), "not a python script"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "no temp file left"


def test_skipped_folders_and_symlinks(tmp_path: Path) -> None:
    root = tmp_path / "project"
    outside = tmp_path / "outside"
    for folder in (root / ".git", root / "env", root / "pkg", outside):
        folder.mkdir(parents=True)
    (root / "env" / "pyvenv.cfg").write_text("home = /usr\n")
    for path in (
        root / ".git" / "a.py",
        root / "env" / "b.py",
        outside / "c.py",
        root / "pkg" / "d.py",
    ):
        path.write_text(PDB)
    (root / "linked_out").symlink_to(outside)
    (root / "pkg" / "loop").symlink_to(root / "pkg")
    (root / "alias.py").symlink_to(root / "pkg" / "d.py")
    assert modernize(root, "--target", "3.8") == 0
    assert (root / "pkg" / "d.py").read_text() == BREAKPOINT
    assert (root / "alias.py").is_symlink(), "written through the link, not over it"
    for untouched in (root / ".git" / "a.py", root / "env" / "b.py", outside / "c.py"):
        assert untouched.read_text() == PDB


def test_select_and_ignore(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.py").write_text(PDB)
    assert modernize(tmp_path, "--check", "--ignore", "set_trace_to_breakpoint") == 0
    assert modernize(tmp_path, "--check", "--select", "set_trace_to_breakpoint") == 1
    with pytest.raises(SystemExit, match="unknown codemod no_such_thing"):
        modernize(tmp_path, "--select", "no_such_thing")


def test_target_gates_codemods_and_defaults_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.6"\n')
    (tmp_path / "a.py").write_text(PDB)
    assert modernize(tmp_path, "--check") == 0, "breakpoint() does not exist on 3.6"
    assert modernize(tmp_path, "--check", "--target", "3.7") == 1
    (tmp_path / "pyproject.toml").write_text('[project]\nrequires-python = ">=3.7.2"\n')
    assert modernize(tmp_path, "--check") == 1


def test_two_jobs_match_one(tmp_path: Path, sample_copy: Path) -> None:
    for i in range(6):
        (sample_copy / f"m{i}.py").write_text(PDB)
    twin = tmp_path / "twin"
    twin.mkdir()
    for path in sample_copy.iterdir():
        (twin / path.name).write_bytes(path.read_bytes())
    assert main(["modernize", "--jobs", "2", "--target", "3.8", str(sample_copy)]) == 0
    assert modernize(twin, "--target", "3.8") == 0
    assert snapshot(sample_copy) == snapshot(twin)


def test_missing_path_is_a_usage_error(tmp_path: Path, capsys) -> None:
    assert modernize(tmp_path / "nope") == 2
    assert "no such file or directory" in capsys.readouterr().err


def test_no_path_shows_the_sample_diff_and_writes_nothing(capsys) -> None:
    assert main(["modernize", "--jobs", "1"]) == 0
    assert "+        breakpoint()" in capsys.readouterr().out


def test_help_documents_every_option() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "legacylift", "modernize", "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "COLUMNS": "200"},
    ).stdout
    for option in ("--target", "--check", "--diff", "--select", "--ignore", "--unsafe", "--jobs"):
        assert option in out


def test_readme_codemod_table_is_current() -> None:
    readme = Path(__file__).resolve().parent.parent / "README.md"
    assert main(["codemods", "--readme", str(readme), "--check"]) == 0, (
        "run `legacylift codemods --readme README.md`"
    )


def test_readme_starts_with_the_two_commands() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    block = readme.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0].endswith("python3 -m nox -s pipeline")
    assert block[1] == "python3 -m nox -s tests"


def test_each_codemod_runs_through_libcst_tool(tmp_path: Path) -> None:
    script = tmp_path / "a.py"
    script.write_text(PDB)
    subprocess.run(
        [sys.executable, "-m", "libcst.tool", "codemod",
         "set_trace_to_breakpoint.SetTraceToBreakpoint", "-j", "1", "--target", "3.8", str(script)],
        cwd=Path(__file__).resolve().parent.parent, capture_output=True, check=True,
    )  # fmt: skip
    assert script.read_text() == BREAKPOINT


def test_the_version_is_pyprojects() -> None:
    try:
        import tomllib
    except ImportError:  # Python < 3.11
        import tomli as tomllib

    import legacylift

    pyproject = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())
    assert legacylift.__version__ == pyproject["project"]["version"]


@pytest.mark.parametrize("jobs", [1, 2])
def test_the_first_python2_file_in_order_is_named_with_any_number_of_jobs(
    tmp_path: Path, jobs: int
) -> None:
    from legacylift.walk import PARALLEL_MIN, find_files, first_python2

    for index in range(PARALLEL_MIN + 20):
        # A backtick in a docstring is a Python 2 hint that the parse must dismiss.
        (tmp_path / f"m{index:03}.py").write_text(f'"""`{index}`"""\nx = {index}\n')
    for index in (PARALLEL_MIN + 10, 40):
        (tmp_path / f"m{index:03}.py").write_text("print `x`\n")
    targets = find_files([str(tmp_path)])
    assert first_python2(targets, jobs) == str(tmp_path / "m040.py")
    (tmp_path / "m040.py").write_text("x = 1\n")
    assert first_python2(targets, jobs) == str(tmp_path / f"m{PARALLEL_MIN + 10}.py")
    (tmp_path / f"m{PARALLEL_MIN + 10}.py").write_text("x = 1\n")
    assert first_python2(targets, jobs) is None
