# The whole dev loop. `make report` and `make test` set everything up on a fresh machine.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: setup report test lint golden clean bench

# A virtual environment with kemi and its test tools, re-installed when pyproject.toml changes.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

setup: $(STAMP)

## The main job on the shipped data: the latest half-year review (build/half-year-<period>-fi.md).
report: $(STAMP)
	$(BIN)/kemi report half-year

## Regenerate the expected Markdown and HTML of the report tests (tests/golden/); review the diff.
golden: $(STAMP)
	KEMI_REGENERATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_report_golden.py

## The whole test suite.
test: $(STAMP)
	$(BIN)/python -m pytest

## ruff on the whole project (its configuration is in pyproject.toml) and mypy on kemi_cli; both must be clean.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

clean:
	rm -rf build dist .pytest_cache

## Time the commands and `kemi build` on the shipped and generated data; prints a table and writes
## BENCHMARKS.md. `make bench BENCH_ARGS=--no-build-at-10` leaves out the build at 10× (a minute or two).
bench: $(STAMP)
	$(BIN)/python bench/run.py $(BENCH_ARGS)
