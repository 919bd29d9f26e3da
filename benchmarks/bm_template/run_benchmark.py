"""pyperf benchmark "template".

Parse and render an HTML page with a small template engine.  The workload
lives in minitemplate.py next to this script.  Before anything is timed, the
workload runs once and its result is compared with a known-good value, so a
modernization that changed the behaviour of the program fails loudly instead
of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import minitemplate  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "template"
DESCRIPTION = "Parse and render an HTML page with a small template engine"

DATA = minitemplate.make_data(300)
REPEAT = 2

EXPECTED = (234748, 2902493711)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = minitemplate.bench_template(minitemplate.PAGE, DATA, REPEAT)
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
    runner.bench_func("template", minitemplate.bench_template, minitemplate.PAGE, DATA, REPEAT)


if __name__ == "__main__":
    main()
