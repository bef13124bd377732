# Two commands matter: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
RUNTIME := $(VENV)/.runtime-installed
BUILDDEPS := $(VENV)/.build-installed
TESTDEPS := $(VENV)/.test-installed
# Build-time JavaScript tools (terser), pinned by package-lock.json.
NODE_TOOLS := node_modules/.package-lock.json

.PHONY: demo test build chromium redis unit e2e qa-acceptance lint bench bench-ledger bench-page clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(RUNTIME): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(BUILDDEPS): $(RUNTIME)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[build]'
	touch $@

$(TESTDEPS): $(BUILDDEPS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $@

$(NODE_TOOLS): package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

build: $(BUILDDEPS) $(NODE_TOOLS)
	$(BIN)/python -m bundler

demo: build
	$(BIN)/python -m demo_site

chromium: $(TESTDEPS)
	$(BIN)/python scripts/ensure_chromium.py

# The shared rate-limit tests start their own redis-server; this makes sure there is one.
redis:
	$(PYTHON) scripts/ensure_redis.py

test: build chromium redis
	$(BIN)/python -m pytest

unit: build $(TESTDEPS) redis
	$(BIN)/python -m pytest tests

e2e: build chromium
	$(BIN)/python -m pytest e2e

# The README's QA sample in a fresh venv that installs this repository (issue 15); minutes.
qa-acceptance: build chromium
	$(BIN)/python -m pytest -m fresh_venv e2e

# Both benchmarks, one after the other even under -j (at once they would slow each
# other); each writes its own section of benchmarks/results.md.
bench:
	$(MAKE) bench-ledger
	$(MAKE) bench-page

# Consent writes/s and latency under gunicorn on SQLite (issue 3, item 8).
bench-ledger: build
	$(BIN)/python -m benchmarks.ledger

# Page speed beside vanilla-cookieconsent in headless Chromium (issue 6); RUNS=3 for a quick look.
bench-page: build chromium
	$(BIN)/python -m benchmarks.page $(if $(RUNS),--runs $(RUNS))

lint: $(TESTDEPS)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check ruff
	$(BIN)/ruff check banner bundler server demo_site tests e2e scripts benchmarks

clean:
	rm -rf build instance .pytest_cache
