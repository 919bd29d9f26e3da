"""pyperf benchmark "tree_walk".

Walk a directory tree with recursive generators re-yielding sub-generators.
The workload lives in treewalk.py next to this script.  Before anything is
timed, the workload runs once and its result is compared with a known-good
value, so a modernization that changed the behaviour of the program fails
loudly instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import treewalk  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "tree_walk"
DESCRIPTION = "Walk a directory tree with recursive generators re-yielding sub-generators"

TREE = treewalk.build_tree(9, 4)

EXPECTED = (3842, 5776199, 518056854, 51985791, 5776205)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = treewalk.bench_treewalk(TREE)
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
    runner.bench_func("tree_walk", treewalk.bench_treewalk, TREE)


if __name__ == "__main__":
    main()
