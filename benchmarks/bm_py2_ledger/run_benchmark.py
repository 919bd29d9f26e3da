"""pyperf benchmark "py2_ledger".

Python 2 bank ledger: print >>, xrange, iteritems, has_key, except E, e.
The workload lives in ledger.py next to this script.  Before anything is
timed, the workload runs once and its result is compared with a known-good
value, so a modernization that changed the behaviour of the program fails
loudly instead of producing a meaningless timing.

The workload is Python 2 code on purpose: on Python 3 importing it raises
SyntaxError until it has been modernized.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import ledger  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "py2_ledger"
DESCRIPTION = "Python 2 bank ledger: print >>, xrange, iteritems, has_key, except E, e"

ACCOUNTS = 200
ROWS = ledger.make_transactions(ACCOUNTS, 5000)

EXPECTED = (118825, 1330499917, 95, 147, 20174825)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = ledger.bench_ledger(ACCOUNTS, ROWS)
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
    runner.bench_func("py2_ledger", ledger.bench_ledger, ACCOUNTS, ROWS)


if __name__ == "__main__":
    main()
