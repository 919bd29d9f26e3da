"""pyperf benchmark "records".

Build an order book from thousands of boilerplate-__init__ record objects.
The workload lives in records.py next to this script.  Before anything is
timed, the workload runs once and its result is compared with a known-good
value, so a modernization that changed the behaviour of the program fails
loudly instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import records  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "records"
DESCRIPTION = "Build an order book from thousands of boilerplate-__init__ record objects"

RAW = records.make_raw(400, 2500)
ROUNDS = 2

EXPECTED = (2500, 1884, 17392846, 5260848, 221, (4364178, 4015108, 4268331, 4745229))


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = records.bench_records(RAW, ROUNDS)
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
    runner.bench_func("records", records.bench_records, RAW, ROUNDS)


if __name__ == "__main__":
    main()
