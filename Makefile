# Kennisbank goede praktijken - two commands for a fresh machine:
#   make run   installs into .venv, validates, indexes, builds and serves the site (http://127.0.0.1:8000)
#   make test  installs what the tests need (incl. Debian's chromium) and runs the whole suite

# The first Python 3.11+ that really runs (a pyenv shim may exist for a version that is not active).
PYTHON ?= $(shell for p in python3 python3.13 python3.12 python3.11; do \
	  $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1 && { echo $$p; break; }; done)
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run test install install-test validate index build serve bench clean

run: install
	$(BIN)/kennisbank validate
	$(BIN)/kennisbank serve

test: install-test
	bash .ci/ensure-chromium
	$(BIN)/python -m pytest

$(BIN)/python:
	@test -n "$(PYTHON)" || { echo "Python 3.11 of nieuwer is nodig; installeer het en probeer opnieuw." >&2; exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig (gevonden: " + sys.version.split()[0] + ").")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

validate: install
	$(BIN)/kennisbank validate
index: install
	$(BIN)/kennisbank index
build: install
	$(BIN)/kennisbank build
serve: install
	$(BIN)/kennisbank serve

bench: install-test
	$(BIN)/python benchmarks/bench_search.py
	$(BIN)/python benchmarks/bench_site.py

clean:
	rm -rf .cache site docs/.generated.json .pytest_cache test-artifacts
