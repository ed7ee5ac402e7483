# The two commands: `make demo` (the demonstration case, end to end) and `make test` (every test).
# Both set up everything first; set-up is idempotent and fast when nothing changed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DEMO   ?= out/demo-case
# `make demo DEMO_SERVE=0` builds and checks the demonstration case without starting the server.
DEMO_SERVE ?= 1

.PHONY: setup system assets screenshots dossier-pages demo test check lint typecheck constraints clean

setup: $(STAMP) system assets

# The web application's front-end libraries: from the npm registry into web/node_modules (not
# committed), then copied to the git-ignored src/dadkhah/web/static/vendor/.
VENDOR := src/dadkhah/web/static/vendor/manifest.json
assets: $(VENDOR)

$(VENDOR): web/package.json web/package-lock.json web/copy-vendor.mjs
	cd web && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	node web/copy-vendor.mjs

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -c constraints.txt -e '.[test,spark]'
	touch $(STAMP)

system:
	scripts/install-system-deps

# PNGs of the main pages of the web application, on a small demonstration case.
screenshots: setup
	$(BIN)/python -m dadkhah.web.screenshots out/screenshots

# Every page of two case files (the war crimes unit's in English, the public's in Persian) as PNG,
# on a small demonstration case: look at them before handing a case file to anyone.
dossier-pages: setup
	$(BIN)/python -m dadkhah.dossier.pages out/dossier-pages

# Build the demonstration case (generate, ingest, register witnesses, import lists, link, estimate,
# analyse, verify, write case files), then serve the web application on it until Ctrl-C.
demo: setup
	$(BIN)/dadkhah demo $(DEMO) --force
ifeq ($(DEMO_SERVE),1)
	$(BIN)/dadkhah --case $(DEMO) serve
endif

test: setup
	$(BIN)/pytest -n 2 --dist loadgroup -q

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: setup
	$(BIN)/mypy

check: lint typecheck test

# Re-pin the exact versions CI installs, after changing dependencies in pyproject.toml.
constraints: setup
	$(BIN)/python -m pip freeze --exclude-editable | grep -v '^dadkhah' > constraints.txt

clean:
	rm -rf $(VENV) out .pytest_cache .mypy_cache .ruff_cache web/node_modules src/dadkhah/web/static/vendor
