"""pyperf benchmark "calc".

Tokenize, parse (recursive descent) and evaluate arithmetic expressions.
The workload lives in arith.py next to this script.  Before anything is
timed, the workload runs once and its result is compared with a known-good
value, so a modernization that changed the behaviour of the program fails
loudly instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import arith  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "calc"
DESCRIPTION = "Tokenize, parse (recursive descent) and evaluate arithmetic expressions"

EXPRESSIONS = arith.make_expressions(1000)

EXPECTED = (1000, 13766, 10048, 1719016175)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = arith.bench_calc(EXPRESSIONS)
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
    runner.bench_func("calc", arith.bench_calc, EXPRESSIONS)


if __name__ == "__main__":
    main()
