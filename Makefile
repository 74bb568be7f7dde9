# Both main targets build their own virtual environment on a fresh machine
# that has only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit torture bench clean venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	$(BIN)/salesdesk demo

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

# Qt allows one application object per process, and the self-test builds its own: the
# widget tests and the self-test therefore run in processes of their own.
QT_ONLY := tests/ui tests/packaging_tests/test_selftest.py
unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS) \
		--ignore=tests/ui --deselect tests/packaging_tests/test_selftest.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS) tests/ui
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest $(PYTEST_ARGS) \
		tests/packaging_tests/test_selftest.py

# The long versions of the fault tests (docs/reliability.md); `make test` runs a short,
# seeded version of each. Needs PostgreSQL (SALESDESK_TEST_PG_URL, default the local one).
# About 20 minutes on a quiet 2-core machine.
TORTURE_PG ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
TORTURE_ENV := QT_QPA_PLATFORM=offscreen PYTHONUNBUFFERED=1 \
	SALESDESK_TEST_PG_URL=$${SALESDESK_TEST_PG_URL:-$(TORTURE_PG)}
torture: $(STAMP)
	$(TORTURE_ENV) SALESDESK_TORTURE_KILLS=1000 SALESDESK_TORTURE_SEED=2 \
		$(BIN)/python -m pytest tests/torture -q -s --timeout=3600
	$(TORTURE_ENV) SALESDESK_FAULT_ROUNDS=500 SALESDESK_FAULT_SEEDS=1,2,3 \
		$(BIN)/python -m pytest tests/faults -q -s --timeout=3600
	$(TORTURE_ENV) SALESDESK_PROPERTY_EXAMPLES=2000 \
		$(BIN)/python -m pytest tests/hostile tests/flow/test_replay_property.py -q -s --timeout=3600
	$(TORTURE_ENV) SALESDESK_PROPERTY_EXAMPLES=600 \
		$(BIN)/python -m pytest tests/server/test_openapi_fuzz.py -q -s --timeout=3600
	$(TORTURE_ENV) SALESDESK_TORTURE_KILLS=200 SALESDESK_FUZZ_SEEDS=1,2,3,4,5,6,7,8,9,10,11,12 \
		$(BIN)/python -m pytest --timeout=3600 tests/flow/test_crash.py tests/sync/test_kill.py \
		tests/sync/test_faults.py -q -s

test: lint typecheck unit

bench: $(STAMP)
	$(BIN)/python benchmarks/engine.py --quick

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

# ---------------------------------------------------------------- packaging
# `make package`: PyInstaller bundle, .deb and .tar.gz in dist/ (packaging/build.py).
# `make package-test`: builds them, then smoke-tests the built executable, the unpacked
# .deb and the .tar.gz offscreen (packaging/smoketest.py), with no display and no X
# server. Not part of `make test` (a bundle build takes a minute or two); CI (.ci/run)
# runs it after `make test`.
PKG_STAMP := $(VENV)/.installed-package

.PHONY: package package-test

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench,package]'
	@touch $(PKG_STAMP)

package: $(PKG_STAMP)
	$(BIN)/python packaging/build.py

package-test: package
	QT_QPA_PLATFORM=offscreen $(BIN)/python packaging/smoketest.py
