"""Benchmark legacy code before and after modernization on every interpreter at hand."""
