# Both main targets build their own virtual environment on a fresh machine
# that has only Python 3.11 and make.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: demo test lint typecheck unit bench clean venv

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

# The long versions of the fault tests (kills, fuzzing); `make test` runs short seeded ones.
torture: $(STAMP)
	SALESDESK_TORTURE_KILLS=1000 SALESDESK_PROPERTY_EXAMPLES=2000 SALESDESK_FUZZ_SEEDS=12 \
		QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest tests/flow tests/sync -q

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
