# One task runner for people and CI (.ci/run calls `make test`).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test test-fast lint bench clean

## demo: install, ingest the bundled example corpus into ./orbat.db, show what was found
demo: $(STAMP)
	$(BIN)/orbat ingest --example
	$(BIN)/orbat stats
	$(BIN)/orbat documents
	$(BIN)/orbat events

## test: install, then run the whole test suite
test: $(STAMP)
	$(BIN)/pytest -q

## test-fast: the edit-test loop: all but the slow, browser, PostgreSQL, Dask and hardening tests
test-fast: $(STAMP)
	$(BIN)/pytest -q -m "not slow and not browser and not postgres and not dask and not hardening"

## lint: ruff and mypy (strict on the package)
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy

## bench: the benchmarks in benchmarks/ (numbers go to benchmarks/results/)
bench: $(STAMP)
	$(BIN)/python benchmarks/ingest_speed.py
	$(BIN)/python benchmarks/scale.py --sizes 1000 --modes single dask2

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) orbat.db orbat.db-wal orbat.db-shm
