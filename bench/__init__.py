"""Benchmarks: figures for speed and size, written down in bench/README.md."""
