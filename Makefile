# Everything runs from a virtual environment that this Makefile creates and keeps current.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
GENERATED := generated
PACKAGE := partnercenter

.DEFAULT_GOAL := generate
.PHONY: generate check lint lint-generated test clean node_modules bench

# An editable install in setuptools' compat mode: a path in a .pth file, where the default mode
# installs an import hook that every start of .venv/bin/python pays for (17 ms of a 30 ms start).
$(STAMP): pyproject.toml Makefile
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed (PYTHON=$(PYTHON))"; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[dev]' \
		--config-settings editable_mode=compat
	@touch $(STAMP)

## Regenerate generated/ from spec/ and templates/.
generate: $(STAMP)
	$(PY) -m generator generate

## Fail with a diff when generated/ is not what `generate` would write.
check: $(STAMP)
	$(PY) -m generator check

## Lint the spec, then lint and type-check the generator and the tests.
lint: $(STAMP)
	$(PY) -m generator lint
	$(PY) -m ruff check generator tests
	$(PY) -m mypy

## The generated package is black-formatted, ruff-clean and passes mypy --strict.
## (Caches go outside generated/, which must hold only what the generator writes. black reads
## the package's own pyproject.toml: ours excludes generated/ from black's runs.)
lint-generated: $(STAMP)
	cd $(GENERATED) && ../$(PY) -m black --check --quiet --config pyproject.toml --target-version py311 $(PACKAGE)
	cd $(GENERATED) && ../$(PY) -m ruff check --quiet --cache-dir ../.ruff_cache .
	cd $(GENERATED) && ../$(PY) -m mypy --strict --cache-dir ../.mypy_cache/generated $(PACKAGE)

## The Node tools of the contract tests (the Prism mock server), as package-lock.json pins them.
## Without npm this only says so, and the Prism contract tests skip themselves.
node_modules: node_modules/.package-lock.json

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --no-audit --no-fund; \
	else \
		echo "npm not found: not installing node_modules (the Prism contract tests will skip)"; \
	fi

## Everything CI runs.
test: check lint lint-generated node_modules
	$(PY) -m pytest

## Time generation, linting, decoding and import against the peers (bench/run.py); the
## peers are installed in bench/.venv, Spectral in node_modules. Writes bench/results.md.
bench: $(STAMP) node_modules
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) node_modules .pytest_cache .mypy_cache .ruff_cache
