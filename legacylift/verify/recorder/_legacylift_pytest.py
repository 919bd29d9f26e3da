"""The pytest plugin of `legacylift verify`'s recorder (registered through PYTEST_PLUGINS).

pytest runs plain test functions (and unittest classes, and --doctest-modules) without a
unittest.TestResult, so its reports are recorded here, by node id: the call phase gives pass,
fail, xfail and xpass (a strict xpass fails); a setup failure is an error; a skip in setup or
call is a skip; a teardown failure adds an error; a module that cannot be collected is an error.
"""
import _legacylift_recorder as recorder
import pytest

# (node id, phase) -> the places of the exception's traceback, from pytest_runtest_makereport.
_frames = {}


def pytest_configure(config):
    recorder.state["pytest"] = True


def _message(report):
    if getattr(report, "wasxfail", None) and not report.failed:  # xfail or xpass: the reason
        return recorder.first_line(report.wasxfail)
    longrepr = report.longrepr
    if isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (file, line, reason)
        reason = recorder.first_line(longrepr[2])
        return reason[len("Skipped: "):] if reason.startswith("Skipped: ") else reason
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None and getattr(crash, "message", None):
        return recorder.first_line(crash.message)
    return recorder.first_line(longrepr) if longrepr else None


def _outcome(report):
    xfail = hasattr(report, "wasxfail")
    if report.when == "call":
        if report.passed:
            return "xpass" if xfail else "pass"
        if report.skipped:
            return "xfail" if xfail else "skip"
        return "fail"
    if report.failed:
        return "error"
    if report.when == "setup" and report.skipped:
        return "xfail" if xfail else "skip"
    return None


def _write(report):
    outcome = _outcome(report)
    where = _frames.pop((report.nodeid, report.when), None)
    if outcome is not None:
        message = None if outcome == "pass" else _message(report)
        recorder.record(report.nodeid, outcome, message, where if outcome != "pass" else None)


def _keep_frames(item, call):
    excinfo = call.excinfo
    if excinfo is not None and not excinfo.errisinstance(_skips()):
        _frames[(item.nodeid, call.when)] = recorder.frames(
            (excinfo.type, excinfo.value, excinfo.tb))


def _skips():
    return (pytest.skip.Exception, pytest.xfail.Exception)


@pytest.hookimpl(tryfirst=True)  # before pytest's own implementation runs the test
def pytest_runtest_call(item):
    recorder.arm()


def pytest_runtest_teardown(item):
    recorder.disarm()


def pytest_runtest_makereport(item, call):
    recorder._safely(lambda: _keep_frames(item, call))


def pytest_runtest_logreport(report):
    recorder._safely(lambda: _write(report))


def pytest_collectreport(report):
    if report.failed:
        recorder._safely(lambda: recorder.record(report.nodeid, "error", _message(report)))
