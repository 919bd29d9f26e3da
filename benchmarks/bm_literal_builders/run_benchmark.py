"""pyperf benchmark "literal_builders".

Vocabulary analysis built on set([...]), dict([...]) and dict(genexpr).  The
workload lives in tagsets.py next to this script.  Before anything is timed,
the workload runs once and its result is compared with a known-good value,
so a modernization that changed the behaviour of the program fails loudly
instead of producing a meaningless timing.
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import tagsets  # noqa: E402  (the workload module sits next to this file)

BENCH_NAME = "literal_builders"
DESCRIPTION = "Vocabulary analysis built on set([...]), dict([...]) and dict(genexpr)"

DOCS = tagsets.make_documents(300, 40)

EXPECTED = (5238, 3490, 1191, 19620, 11515, 15475, 2686798169)


def check_result():
    """Run the workload once and raise RuntimeError if its answer is wrong."""
    result = tagsets.bench_tagsets(DOCS)
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
    runner.bench_func("literal_builders", tagsets.bench_tagsets, DOCS)


if __name__ == "__main__":
    main()
