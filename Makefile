# The project's commands. Each sets up what is missing, then does its job.
#   make site      validate, then build the site and the downloads into site/
#   make test      the whole test suite (installs Debian's chromium when missing)
#   make validate  the validator alone (FORMAT=json or FORMAT=github for machines)
#   make serve     live preview on http://127.0.0.1:8000
#   make release VERSION=X.Y.Z   cut a version: versions, dates, CHANGELOG, releases/X.Y.Z/, a commit and tag vX.Y.Z
#   make bench     the benchmark (speed and size at 1x, 10x and 100x the real package; about an hour)
#   make lock      re-resolve requirements/*.in into the exact-version locks

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FORMAT ?= text
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
export NO_MKDOCS_2_WARNING := 1
export DISABLE_MKDOCS_2_WARNING := true

.PHONY: site test validate serve bench release lock chromium python-venv clean

$(VENV)/.runtime: requirements/runtime.lock pyproject.toml
	$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV) && $(MAKE) --no-print-directory python-venv && $(PYTHON) -m venv $(VENV); }
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/runtime.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements/dev.lock
	$(BIN)/python -m pip install -q --disable-pip-version-check -r requirements/dev.lock
	touch $@

site: $(VENV)/.runtime
	$(BIN)/lunar-atlas build

validate: $(VENV)/.runtime
	$(BIN)/lunar-atlas validate --format $(FORMAT)

release: $(VENV)/.runtime
	@[ -n "$(VERSION)" ] || { echo "Say which version: make release VERSION=X.Y.Z" >&2; exit 1; }
	$(BIN)/lunar-atlas release "$(VERSION)"

serve: $(VENV)/.runtime
	$(BIN)/lunar-atlas serve

tools/lighthouse/node_modules: tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --silent
	touch $@

bench: $(VENV)/.dev chromium tools/lighthouse/node_modules
	$(BIN)/lunar-atlas bench

test: $(VENV)/.dev chromium
	$(BIN)/python -m pytest

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium >/dev/null; }

# Debian and Ubuntu ship what `python3 -m venv` needs (ensurepip) apart, as python3.X-venv.
python-venv:
	@package=$$($(PYTHON) -c 'import sys; print("python%d.%d-venv" % sys.version_info[:2])') && \
	echo "$(PYTHON) -m venv could not create $(VENV): installing Debian's $$package" && \
	$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$package >/dev/null || \
	{ echo "Could not install it. Run: sudo apt-get install $${package:-python3-venv}   then make again." >&2; exit 1; }

lock:
	rm -rf build/lock && $(PYTHON) -m venv build/lock
	build/lock/bin/pip install -q -r requirements/runtime.in
	{ echo "# Exact versions for the runtime (make site). Regenerate with: make lock"; \
	  build/lock/bin/pip freeze --all | grep -v '^pip=='; } > requirements/runtime.lock
	build/lock/bin/pip install -q -r requirements/dev.in
	{ echo "# Exact versions for development and tests (make test), on top of runtime.lock. Regenerate with: make lock"; \
	  echo "-r runtime.lock"; \
	  build/lock/bin/pip freeze --all | grep -v '^pip==' | grep -vxFf requirements/runtime.lock; } > requirements/dev.lock

clean:
	rm -rf site build .pytest_cache
