"""pyperf benchmark "nbody".

N-body simulation of the Sun and the gas giants (float arithmetic).  The
workload lives in nbody.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import nbody  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "nbody"
DESCRIPTION = "N-body simulation of the Sun and the gas giants (float arithmetic)"

STEPS = 2000

# Total energy of the system before and after the run.  These are floats, so
# they are compared with a tolerance rather than for exact equality.
EXPECTED = (-0.169075163829, -0.169071606870)
TOLERANCE = 1e-10


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = nbody.bench_nbody(STEPS)
    if len(result) != len(EXPECTED) or [
            1 for got, want in zip(result, EXPECTED) if abs(got - want) > TOLERANCE]:
        raise RuntimeError(
            "benchmark %s: the workload returned %r but %r (+/- %g) was expected; "
            "the benchmark code is broken" % (BENCH_NAME, result, EXPECTED, TOLERANCE))
    return result


def main():
    import pyperf

    runner = pyperf.Runner()
    runner.metadata["description"] = DESCRIPTION
    check_result()
    runner.bench_func("nbody", nbody.bench_nbody, STEPS)


if __name__ == "__main__":
    main()
