"""Benchmarks of kemi: `make bench` runs bench/run.py."""
