"""pyperf benchmark "sudoku_py2".

Python 2 backtracking sudoku solver with constraint propagation.  The
workload lives in sudoku2.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.

The workload is Python 2 code on purpose: on Python 3 importing it raises
SyntaxError until it has been modernized.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import sudoku2  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "sudoku_py2"
DESCRIPTION = "Python 2 backtracking sudoku solver with constraint propagation"

PUZZLES = [sudoku2.make_puzzle(seed, 55) for seed in range(8)]

EXPECTED = (132840, 97, 23, 1479868783)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = sudoku2.bench_sudoku(PUZZLES)
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
    runner.bench_func("sudoku_py2", sudoku2.bench_sudoku, PUZZLES)


if __name__ == "__main__":
    main()
