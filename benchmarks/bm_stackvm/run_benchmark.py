"""pyperf benchmark "stackvm".

Assemble and run three programs on a small stack-based bytecode VM.  The
workload lives in stackvm.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stackvm  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "stackvm"
DESCRIPTION = "Assemble and run three programs on a small stack-based bytecode VM"

LIMITS = (500, 24, 60)

EXPECTED = (95, 499, 1160, 113, 54, 90741)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = stackvm.bench_stackvm(LIMITS)
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
    runner.bench_func("stackvm", stackvm.bench_stackvm, LIMITS)


if __name__ == "__main__":
    main()
