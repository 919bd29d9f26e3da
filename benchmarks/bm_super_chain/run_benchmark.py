"""pyperf benchmark "super_chain".

Widget hierarchy whose methods chain through super(Class, self).  The
workload lives in widgets.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import widgets  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "super_chain"
DESCRIPTION = "Widget hierarchy whose methods chain through super(Class, self)"

COUNT = 2000

EXPECTED = (2000, 243571, 20940, 9995, 856)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = widgets.bench_widgets(COUNT)
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
    runner.bench_func("super_chain", widgets.bench_widgets, COUNT)


if __name__ == "__main__":
    main()
