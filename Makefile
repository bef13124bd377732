# Two commands matter: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Every Python package, the build's and the tests' too, comes from requirements.lock:
# exact versions and hashes (`make lock` refreshes it from pyproject.toml).
LOCK := requirements.lock
RUNTIME := $(VENV)/.locked-installed
BUILDDEPS := $(RUNTIME)
TESTDEPS := $(RUNTIME)
LOCK_VENV := .venv-lock
PIP_TOOLS := pip-tools==7.6.2
# Build-time JavaScript tools (terser), pinned by package-lock.json.
NODE_TOOLS := node_modules/.package-lock.json

.PHONY: demo test build chromium redis unit e2e qa-acceptance fuzz lint lock bench bench-ledger bench-ledger-scale bench-page bench-paint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Exactly the lock (--no-deps: nothing it does not name), then the project on top.
$(RUNTIME): $(LOCK) pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

$(LOCK_VENV)/bin/pip-compile:
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIP_TOOLS)

# Re-resolve every extra the Makefile installs at its newest allowed version, with hashes.
lock: $(LOCK_VENV)/bin/pip-compile
	$(LOCK_VENV)/bin/pip-compile --quiet --upgrade --generate-hashes --strip-extras \
		--no-emit-index-url --no-emit-find-links --unsafe-package cookie-consent \
		--extra build --extra test --extra postgres --extra lint \
		--output-file $(LOCK) pyproject.toml

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

# The API fuzz at 5,000 requests (make test sends about 1,200).
fuzz: $(TESTDEPS)
	CONSENT_FUZZ_EXAMPLES=420 CONSENT_FUZZ_MIN_REQUESTS=5000 \
		$(BIN)/python -m pytest tests/server/test_openapi_fuzz.py -q

# Both benchmarks, one after the other even under -j (at once they would slow each
# other); each writes its own section of benchmarks/results.md.
bench:
	$(MAKE) bench-ledger
	$(MAKE) bench-page

# Consent writes/s and latency under gunicorn on SQLite (issue 3, item 8).
bench-ledger: build
	$(BIN)/python -m benchmarks.ledger

# The ledger as it grows (issue 17): verify, /admin, export, purge at SIZE records (1M).
bench-ledger-scale: build
	$(if $(SIZE),SIZE=$(SIZE)) $(BIN)/python -m benchmarks.ledger_scale

# Page speed beside vanilla-cookieconsent in headless Chromium (issue 6); RUNS=3 for a quick look.
bench-page: build chromium
	$(BIN)/python -m benchmarks.page $(if $(RUNS),--runs $(RUNS))

# The host page's DCL and FCP alone, 80 first visits per variant and rate, with
# confidence intervals (issue 13); LOADS=20 for a quick look. About half an hour.
bench-paint: build chromium
	$(BIN)/python -m benchmarks.paint $(if $(LOADS),--loads $(LOADS))

lint: $(TESTDEPS)
	$(BIN)/ruff check banner bundler server demo_site tests e2e scripts benchmarks

clean:
	rm -rf build instance .pytest_cache
