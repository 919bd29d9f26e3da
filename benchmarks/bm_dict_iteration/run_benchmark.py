"""pyperf benchmark "dict_iteration".

Warehouse stock book: dict.items()/keys() loops and dict([...]) building.
The workload lives in stockbook.py next to this script.  Before anything is
timed, the workload runs once and its result is compared with a known-good
value, so a modernization that changed the behaviour of the program fails
loudly instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import stockbook  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "dict_iteration"
DESCRIPTION = "Warehouse stock book: dict.items()/keys() loops and dict([...]) building"

MOVES = stockbook.make_movements(3000)
ROUNDS = 6

EXPECTED = (27241, 134287, 4516, 205, 2142, 183801400)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = stockbook.bench_stockbook(MOVES, ROUNDS)
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
    runner.bench_func("dict_iteration", stockbook.bench_stockbook, MOVES, ROUNDS)


if __name__ == "__main__":
    main()
