"""pyperf benchmark "regex_logs".

Scan web server logs with match-then-test regex loops and str.format.  The
workload lives in logscan.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import logscan  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "regex_logs"
DESCRIPTION = "Scan web server logs with match-then-test regex loops and str.format"

LINES = logscan.make_log(5000)

EXPECTED = (2425, 2137219613)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = logscan.bench_logscan(LINES)
    if result != EXPECTED:
        raise RuntimeError(
            "benchmark %s: the workload returned %r but %r was expected; "
            "the benchmark code is broken" % (BENCH_NAME, result, EXPECTED))
    return result


def main():
    import pyperf

    runner = pyperf.Runner()
    runner.metadata["description"] = DESCRIPTION
    check_result()
    runner.bench_func("regex_logs", logscan.bench_logscan, LINES)


if __name__ == "__main__":
    main()
