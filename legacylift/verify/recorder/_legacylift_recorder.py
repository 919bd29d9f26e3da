"""Record the outcome of each test of this process as a JSON line (Python 2.7 and 3.x).

Lines are ``{"id": test id, "o": outcome, "m": first line of the message, "t": frames}``,
appended to the file named by LEGACYLIFT_VERIFY_RECORD. Outcomes: pass, fail, error, skip,
xfail, xpass. ``t`` lists, for a failure or an error, the ``path:line`` of the traceback frames
inside the project's tree (LEGACYLIFT_VERIFY_TREE, else the current folder), innermost last:
`legacylift verify` matches them with the lines the modernization changed.

Only the first Python process of the test command records: the first one to start sets
LEGACYLIFT_VERIFY_PID to its pid, and children (spawned or forked) see another pid.

unittest: the add* methods of the TestResult class of the first module named ``unittest`` that
the process imports (the standard library's, or a copy the project bundles) are patched; it is
not imported here, only watched for (see _legacylift_import_hook). Only the outermost test counts:
the first test whose startTest runs while no other test is running. A test that runs an inner
suite into a result of its own, or a result that forwards to another one, adds nothing; each
outermost test gets one outcome (the first reported). Outcomes reported while no test runs
(setUpClass and setUpModule errors) are recorded as they come. With
LEGACYLIFT_VERIFY_TEST_TIMEOUT, an outermost test (or a pytest test) that runs longer is
interrupted by SIGALRM with a TestTimeout error, and the run goes on.

doctest: ``DocTestRunner.run`` of the first ``doctest`` module imported records one outcome per
docstring or text file (``python -m doctest``, ``doctest.testmod()``), unless a unittest test
(DocTestSuite) or pytest (--doctest-modules) already records it.
"""
import json
import os

RECORD = "LEGACYLIFT_VERIFY_RECORD"
PID = "LEGACYLIFT_VERIFY_PID"
TREE = "LEGACYLIFT_VERIFY_TREE"
TEST_TIMEOUT = "LEGACYLIFT_VERIFY_TEST_TIMEOUT"
PYTEST_PLUGIN = "_legacylift_pytest"
_TEXT = type(u"")
_MAX_MESSAGE = 300
_MAX_FRAMES = 8

# pid: the process that records; outer: the outermost test running; done: it has an outcome;
# pytest: pytest reports the outcomes (its plugin is configured), unittest stays silent;
# root: the project's tree; doctest: the failure seen so far in the docstring being run.
state = {"pid": None, "path": None, "outer": None, "done": False, "pytest": False,
         "root": None, "doctest": None, "timeout": 0.0}


def _text(value):
    if isinstance(value, _TEXT):
        return value
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    try:
        return _TEXT(value)
    except Exception:  # noqa: BLE001  # a Python 2 message of undecodable bytes
        return _text(repr(value))


def first_line(value):
    """The first non-blank line of ``value`` as text, shortened."""
    for line in _text(value).splitlines():
        if line.strip():
            return line.strip()[:_MAX_MESSAGE]
    return u""


def error_message(err):
    """``Type: first line`` of an exc_info tuple."""
    kind, value = err[0], err[1]
    name = getattr(kind, "__name__", None) or first_line(kind)
    detail = first_line(value) if value is not None else u""
    return u"%s: %s" % (name, detail) if detail else _text(name)


def place(filename, line):
    """``path:line`` relative to the project's tree, or None for a file outside it."""
    root = state["root"]
    if not root or not filename or line is None:
        return None
    path = os.path.realpath(filename)
    # "<doctest x[0]>" and "<string>" resolve into the current folder too: real files only.
    if not path.startswith(root + os.sep) or not os.path.isfile(path):
        return None
    return u"%s:%d" % (_text(path[len(root) + 1:]), line)


def frames(err):
    """The places of an exc_info tuple's traceback inside the tree, innermost last."""
    import traceback

    found = []
    for entry in traceback.extract_tb(err[2]) if err[2] is not None else []:
        found.append(place(entry[0], entry[1]))
    if isinstance(err[1], SyntaxError):  # the file that does not compile is not a frame
        found.append(place(err[1].filename, err[1].lineno))
    return [item for item in found if item][-_MAX_FRAMES:]


def record(test_id, outcome, message=None, where=None):
    """Append one outcome, if this process is the one that records."""
    if state["pid"] != os.getpid() or not state["path"]:
        return
    entry = {"id": _text(test_id), "o": outcome}
    if message:
        entry["m"] = message
    if where:
        entry["t"] = where
    handle = open(state["path"], "a")
    try:
        handle.write(json.dumps(entry, sort_keys=True) + "\n")
    finally:
        handle.close()


def _safely(write):
    # The recorder must never change the outcome of the project's own run.
    try:
        write()
    except Exception as exc:  # noqa: BLE001
        import sys

        sys.stderr.write("legacylift verify: an outcome was not recorded: %r\n" % (exc,))


def _test_id(test):
    try:
        return test.id()
    except Exception:  # noqa: BLE001  # an object that only looks like a test
        return str(test)


def _wrap(cls, name, outcome, describe):
    # describe(args) gives (message, where) for the outcome reported with args.
    original = getattr(cls, name, None)
    if original is None:
        return

    def patched(self, test, *args):
        outer = state["outer"]
        if not state["pytest"] and (outer is None or (test is outer and not state["done"])):
            state["done"] = outer is not None
            _safely(lambda: record(_test_id(test), outcome, *describe(args)))
        return original(self, test, *args)

    patched.__name__ = name
    setattr(cls, name, patched)


def _wrap_subtest(cls):
    original = getattr(cls, "addSubTest", None)
    if original is None:  # Python 2
        return

    def addSubTest(self, test, subtest, err):  # noqa: N802  # unittest's name
        failed = err is not None and not state["pytest"]
        if failed and test is state["outer"] and not state["done"]:
            state["done"] = True

            def write():
                kind = "fail" if issubclass(err[0], test.failureException) else "error"
                record(_test_id(test), kind, error_message(err), frames(err))

            _safely(write)
        return original(self, test, subtest, err)

    cls.addSubTest = addSubTest


def _wrap_start_stop(cls):
    start, stop = getattr(cls, "startTest", None), getattr(cls, "stopTest", None)
    if start is None or stop is None:  # a bundled unittest of its own kind: record all
        return

    def startTest(self, test):  # noqa: N802  # unittest's name
        if state["outer"] is None:
            state["outer"], state["done"] = test, False
            arm()
        return start(self, test)

    def stopTest(self, test):  # noqa: N802  # unittest's name
        if test is state["outer"]:
            state["outer"] = None
            disarm()
        return stop(self, test)

    cls.startTest, cls.stopTest = startTest, stopTest


class TestTimeout(BaseException):  # noqa: N818  # the name the user reads in the report
    """Raised in a test that runs longer than LEGACYLIFT_VERIFY_TEST_TIMEOUT seconds.

    A BaseException, so that the test's own ``except Exception`` does not swallow it; unittest
    and pytest record it as the test's error and go on with the next test.
    """


def _expired(signum, frame):
    raise TestTimeout("the test ran longer than %s s" % os.environ.get(TEST_TIMEOUT))


def arm():
    """Start the per-test clock (in the main thread of a Unix process only)."""
    seconds = state["timeout"]
    if not seconds:
        return
    import signal
    import threading

    if threading.current_thread().name != "MainThread" or not hasattr(signal, "setitimer"):
        return
    signal.signal(signal.SIGALRM, _expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)


def disarm():
    if state["timeout"]:
        import signal

        if hasattr(signal, "setitimer"):
            signal.setitimer(signal.ITIMER_REAL, 0)


def _patch_unittest(module):
    cls = getattr(module, "TestResult", None)
    if cls is None or "_legacylift_patched" in vars(cls):
        return
    cls._legacylift_patched = True
    _wrap_start_stop(cls)
    nothing = lambda args: (None, None)  # noqa: E731
    failure = lambda args: (error_message(args[0]), frames(args[0]))  # noqa: E731
    _wrap(cls, "addSuccess", "pass", nothing)
    _wrap(cls, "addFailure", "fail", failure)
    _wrap(cls, "addError", "error", failure)
    _wrap(cls, "addSkip", "skip", lambda args: (first_line(args[0]), None))
    _wrap(cls, "addExpectedFailure", "xfail", nothing)
    _wrap(cls, "addUnexpectedSuccess", "xpass", nothing)
    _wrap_subtest(cls)


def _doctest_failure(test, example, message, where):
    # Only the first failing example of a docstring is kept.
    seen = state["doctest"]
    if seen is not None and seen["m"] is None:
        line = (test.lineno or 0) + example.lineno + 1
        seen["m"] = message
        seen["t"] = ([place(test.filename, line)] if place(test.filename, line) else []) + where


def _record_doctest(test, result, seen):
    failed, attempted = result[0], result[1]
    if not attempted:  # doctest itself does not count a docstring without examples
        return
    if not failed:
        record(test.name, "pass")
    else:
        record(test.name, seen["o"], seen["m"], seen["t"])


def _patch_doctest(module):
    cls = getattr(module, "DocTestRunner", None)
    if cls is None or "_legacylift_patched" in vars(cls):
        return
    cls._legacylift_patched = True
    run, failure, unexpected = cls.run, cls.report_failure, cls.report_unexpected_exception

    def patched_run(self, test, *args, **kwargs):
        own = not state["pytest"] and state["outer"] is None and state["doctest"] is None
        if own:
            state["doctest"] = {"o": "fail", "m": None, "t": None}
        try:
            result = run(self, test, *args, **kwargs)
        finally:
            seen = state["doctest"] if own else None
            if own:
                state["doctest"] = None
        if own:
            _safely(lambda: _record_doctest(test, result, seen))
        return result

    def report_failure(self, out, test, example, got):
        _safely(lambda: _doctest_failure(
            test, example, u"Failed example: " + first_line(example.source), []))
        return failure(self, out, test, example, got)

    def report_unexpected_exception(self, out, test, example, exc_info):
        def note():
            if state["doctest"] is not None and state["doctest"]["m"] is None:
                state["doctest"]["o"] = "error"
            _doctest_failure(test, example, error_message(exc_info), frames(exc_info))

        _safely(note)
        return unexpected(self, out, test, example, exc_info)

    cls.run, cls.report_failure = patched_run, report_failure
    cls.report_unexpected_exception = report_unexpected_exception


def install():
    """Claim the recording for this process if it is the first one, and patch the runners."""
    if not os.environ.get(RECORD):
        return
    if not os.environ.get(PID):
        os.environ[PID] = str(os.getpid())
    if os.environ[PID] == str(os.getpid()):
        state["pid"], state["path"] = os.getpid(), os.environ[RECORD]
        state["root"] = os.path.realpath(os.environ.get(TREE) or os.getcwd())
        try:
            state["timeout"] = float(os.environ.get(TEST_TIMEOUT) or 0)
        except ValueError:
            pass
    plugins = [name for name in os.environ.get("PYTEST_PLUGINS", "").split(",") if name]
    if PYTEST_PLUGIN not in plugins:
        os.environ["PYTEST_PLUGINS"] = ",".join(plugins + [PYTEST_PLUGIN])
    import _legacylift_import_hook

    _legacylift_import_hook.on_first_import("unittest", _patch_unittest)
    _legacylift_import_hook.on_first_import("doctest", _patch_doctest)
    _doctest_as_main()


def _doctest_as_main():
    # `python -m doctest FILE` runs doctest's code afresh as __main__, whose DocTestRunner is
    # not the patched one; run the imported (patched) module's own main function instead.
    import runpy

    original = runpy._run_module_as_main

    def run_module_as_main(mod_name, *args, **kwargs):
        if mod_name != "doctest":
            return original(mod_name, *args, **kwargs)
        import sys

        import doctest

        sys.argv[0] = doctest.__file__
        sys.exit(doctest._test())

    runpy._run_module_as_main = run_module_as_main
