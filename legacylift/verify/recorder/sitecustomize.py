"""Start recording test outcomes in the test command of `legacylift verify` (2.7 and 3.x).

`legacylift verify` puts this folder first on PYTHONPATH, so every Python process of the
project's test command imports this module at start-up. It must never break that process:
any failure to install the recorder is reported on stderr and the tests run unrecorded.
"""
try:
    import _legacylift_recorder

    _legacylift_recorder.install()
except Exception as exc:  # noqa: BLE001  # keep the project's own run alive
    import sys

    sys.stderr.write("legacylift verify: the test recorder is off: %r\n" % (exc,))
