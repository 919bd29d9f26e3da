"""Record the outcome of each test of this process as a JSON line (Python 2.7 and 3.x).

Lines are ``{"id": test id, "o": outcome, "m": first line of the message}``, appended to the
file named by LEGACYLIFT_VERIFY_RECORD. Outcomes: pass, fail, error, skip, xfail, xpass.

Only the first Python process of the test command records: the first one to start sets
LEGACYLIFT_VERIFY_PID to its pid, and children (spawned or forked) see another pid.

unittest: the add* methods of the TestResult class of the first module named ``unittest`` that
the process imports (the standard library's, or a copy the project bundles) are patched; it is
not imported here, only watched for (see _legacylift_import_hook). Only the outermost test counts:
the first test whose startTest runs while no other test is running. A test that runs an inner
suite into a result of its own, or a result that forwards to another one, adds nothing; each
outermost test gets one outcome (the first reported). Outcomes reported while no test runs
(setUpClass and setUpModule errors) are recorded as they come.
"""
import json
import os

RECORD = "LEGACYLIFT_VERIFY_RECORD"
PID = "LEGACYLIFT_VERIFY_PID"
PYTEST_PLUGIN = "_legacylift_pytest"
_TEXT = type(u"")
_MAX_MESSAGE = 300

# pid: the process that records; outer: the outermost test running; done: it has an outcome;
# pytest: pytest reports the outcomes (its plugin is configured), unittest stays silent.
state = {"pid": None, "path": None, "outer": None, "done": False, "pytest": False}


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


def record(test_id, outcome, message=None):
    """Append one outcome, if this process is the one that records."""
    if state["pid"] != os.getpid() or not state["path"]:
        return
    entry = {"id": _text(test_id), "o": outcome}
    if message:
        entry["m"] = message
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


def _wrap(cls, name, outcome, message):
    original = getattr(cls, name, None)
    if original is None:
        return

    def patched(self, test, *args):
        outer = state["outer"]
        if not state["pytest"] and (outer is None or (test is outer and not state["done"])):
            state["done"] = outer is not None
            _safely(lambda: record(_test_id(test), outcome, message(args)))
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
                record(_test_id(test), kind, error_message(err))

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
        return start(self, test)

    def stopTest(self, test):  # noqa: N802  # unittest's name
        if test is state["outer"]:
            state["outer"] = None
        return stop(self, test)

    cls.startTest, cls.stopTest = startTest, stopTest


def _patch_unittest(module):
    cls = getattr(module, "TestResult", None)
    if cls is None or "_legacylift_patched" in vars(cls):
        return
    cls._legacylift_patched = True
    _wrap_start_stop(cls)
    _wrap(cls, "addSuccess", "pass", lambda args: None)
    _wrap(cls, "addFailure", "fail", lambda args: error_message(args[0]))
    _wrap(cls, "addError", "error", lambda args: error_message(args[0]))
    _wrap(cls, "addSkip", "skip", lambda args: first_line(args[0]))
    _wrap(cls, "addExpectedFailure", "xfail", lambda args: None)
    _wrap(cls, "addUnexpectedSuccess", "xpass", lambda args: None)
    _wrap_subtest(cls)


def install():
    """Claim the recording for this process if it is the first one, and patch the runners."""
    if not os.environ.get(RECORD):
        return
    if not os.environ.get(PID):
        os.environ[PID] = str(os.getpid())
    if os.environ[PID] == str(os.getpid()):
        state["pid"], state["path"] = os.getpid(), os.environ[RECORD]
    plugins = [name for name in os.environ.get("PYTEST_PLUGINS", "").split(",") if name]
    if PYTEST_PLUGIN not in plugins:
        os.environ["PYTEST_PLUGINS"] = ",".join(plugins + [PYTEST_PLUGIN])
    import _legacylift_import_hook

    _legacylift_import_hook.on_first_import("unittest", _patch_unittest)
