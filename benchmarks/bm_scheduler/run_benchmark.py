"""pyperf benchmark "scheduler".

Cooperative priority scheduler passing packets between tasks and devices.
The workload lives in kernel.py next to this script.  Before anything is
timed, the workload runs once and its result is compared with a known-good
value, so a modernization that changed the behaviour of the program fails
loudly instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import kernel  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "scheduler"
DESCRIPTION = "Cooperative priority scheduler passing packets between tasks and devices"

JOBS = 700

# (switches, clock, idle ticks, messages, results, result digest, worker digest,
#  runs per task from the highest priority to the lowest)
EXPECTED = (8401, 10860, 164, 3500, 1400, 3687148900, 4051356570,
            (1400, 1864, 1867, 1869, 350, 350, 701))


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = kernel.bench_kernel(JOBS)
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
    runner.bench_func("scheduler", kernel.bench_kernel, JOBS)


if __name__ == "__main__":
    main()
