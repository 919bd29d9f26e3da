"""pyperf benchmark "report_render".

Render paged fixed-width sales reports with heavy %-formatting.  The
workload lives in report.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import report  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "report_render"
DESCRIPTION = "Render paged fixed-width sales reports with heavy %-formatting"

SALES = report.make_sales(1400)
TITLES = ['Quarterly sales', 'Regional review', 'Board summary']

EXPECTED = (381663, 1956407476)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = report.bench_report(SALES, TITLES)
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
    runner.bench_func("report_render", report.bench_report, SALES, TITLES)


if __name__ == "__main__":
    main()
