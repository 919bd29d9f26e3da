"""legacylift's nox sessions: each is a docstring and a call into the package.

Every environment installs from the hash-pinned lock files in ``requirements/`` with
``--require-hashes --only-binary :all:``, so no dependency runs code at install time.
"""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["lint", "tests"]
nox.options.reuse_venv = "yes"

ROOT = Path(__file__).parent
LOCKS = ROOT / "requirements"


def install(session: nox.Session, lock: str) -> None:
    """Install a lock file (hashes required, wheels only), then this project without deps."""
    session.install("--require-hashes", "--only-binary", ":all:", "-r", str(LOCKS / f"{lock}.txt"))
    session.install("--no-deps", "--no-build-isolation", "-e", str(ROOT), silent=True)


@nox.session
def modernize(session: nox.Session) -> None:
    """Rewrite PATH... in place (`-- --help` for options); no PATH: diff of the bundled sample."""
    install(session, "tool")
    session.run("legacylift", "modernize", *session.posargs)


@nox.session
def codemods(session: nox.Session) -> None:
    """List the codemods in the order they run, with their minimum target and safety."""
    install(session, "tool")
    session.run("legacylift", "codemods", *session.posargs)


@nox.session(default=False)
def pipeline(session: nox.Session) -> None:
    """The main job: bundled suite before/after on every interpreter, then the report."""
    install(session, "report")
    session.run("legacylift", "pipeline", *session.posargs)


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Bench the suite before and after modernization on every interpreter (`-- --help`)."""
    install(session, "tool")
    session.run("legacylift", "bench", *session.posargs)


@nox.session(default=False)
def verify(session: nox.Session) -> None:
    """Run a project's own tests before and after modernization and list the tests lost."""
    install(session, "tool")
    session.run("legacylift", "verify", *session.posargs)


@nox.session(default=False)
def report(session: nox.Session) -> None:
    """Write reports/<run>/ from a bench run's pyperf JSON (`-- --check`: fail if stale)."""
    install(session, "report")
    session.run("legacylift", "report", *session.posargs)


@nox.session(default=False)
def differential(session: nox.Session) -> None:
    """What pyupgrade and ruff's UP rules still rewrite after us, per target (`-- --help`)."""
    install(session, "compare")
    session.run("python", "-m", "legacylift.differential", *session.posargs)


@nox.session(default=False)
def perf(session: nox.Session) -> None:
    """Our speed and memory against pyupgrade and ruff on Django and the stdlib (`-- --help`)."""
    install(session, "compare")
    session.run("python", "-m", "legacylift.perf", *session.posargs)


@nox.session(default=False)
def fuzz(session: nox.Session) -> None:
    """Fuzz modernize with hypothesmith's random programs, every target (`-- --examples N`)."""
    install(session, "dev")
    session.run("python", "-m", "legacylift.fuzz", *session.posargs)


@nox.session(default=False)
def torture(session: nox.Session) -> None:
    """modernize pyenv's stdlibs 2.7, 3.8-3.13 and the corpus: no crash, no file damaged."""
    install(session, "tool")
    session.run("python", "-m", "legacylift.torture", *session.posargs)


@nox.session
def interpreters(session: nox.Session) -> None:
    """Show the interpreters the bench would use, their labels, and how to get missing ones."""
    install(session, "tool")
    session.run("legacylift", "interpreters", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite (pytest arguments after `--`)."""
    install(session, "dev")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check, ruff format --check and mypy --strict on the package."""
    install(session, "dev")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session(default=False)
def lock(session: nox.Session) -> None:
    """Regenerate the hash-pinned lock files from requirements/**/*.in (needs the network)."""
    session.install("--require-hashes", "--only-binary", ":all:", "-r", str(LOCKS / "lock.txt"))
    session.install("--no-deps", "--no-build-isolation", "-e", str(ROOT), silent=True)
    for source in sorted(LOCKS.glob("*.in")):
        session.run(
            "uv", "pip", "compile", "--quiet", "--universal", "--python-version", "3.9",
            "--generate-hashes", "--only-binary", ":all:", "--custom-compile-command",
            "nox -s lock", str(source), "-o", str(source.with_suffix(".txt")),
        )  # fmt: skip
    # The bench families need per-interpreter rules (2.7 pins, PyPy sdists): their own writer.
    session.run("python", "-m", "legacylift.bench.locks", str(LOCKS / "bench"))
