# Everything runs from a virtual environment that this Makefile creates and keeps current.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GENERATED := generated
PACKAGE := partnercenter

.DEFAULT_GOAL := generate
.PHONY: generate check lint lint-generated test clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

## Regenerate generated/ from spec/ and templates/.
generate: $(STAMP)
	$(PY) -m generator generate

## Fail with a diff when generated/ is not what `generate` would write.
check: $(STAMP)
	$(PY) -m generator check

## Lint and type-check the generator and the tests.
lint: $(STAMP)
	$(PY) -m ruff check generator tests
	$(PY) -m mypy

## The generated package is black-formatted, ruff-clean and passes mypy --strict.
## (Caches go outside generated/, which must hold only what the generator writes.)
lint-generated: $(STAMP)
	cd $(GENERATED) && ../$(PY) -m black --check --quiet --target-version py311 $(PACKAGE)
	cd $(GENERATED) && ../$(PY) -m ruff check --quiet --cache-dir ../.ruff_cache .
	cd $(GENERATED) && ../$(PY) -m mypy --strict --cache-dir ../.mypy_cache/generated $(PACKAGE)

## Everything CI runs.
test: check lint lint-generated
	$(PY) -m pytest

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
