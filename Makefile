# The two commands of the README's Quickstart:
#   make lab    set everything up (once) and open the course in JupyterLab
#   make test   set everything up (once), execute every notebook, and run the whole test suite
# Everything lives in a virtual environment in .venv (override with VENV=...).

PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PORT ?= 8888
LAB_ARGS ?=
# Jupyter refuses to start as root (containers, CI) unless told to.
ALLOW_ROOT := $(shell [ "$$(id -u)" = 0 ] && echo --allow-root)

.PHONY: install lock system-deps phase-reset lab test notebooks unit release check-release lint clean

# Every package at the exact version in requirements.lock (regenerate it with `make lock`). torch comes first,
# from PyTorch's CPU wheel index: PyPI's Linux wheel of the same version pulls several GB of CUDA libraries.
# Override TORCH_INDEX to use another index; set it empty to use pip's own configuration (CI does).
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu
TORCH_VERSION := $(shell sed -n 's/^torch==//p' requirements.lock)
# The rest of the lock is installed by uv (the resolver behind `make lock`, itself pinned in the lock), about
# five times faster than pip here. uv reads its own configuration (UV_INDEX_URL, ...), not pip's: set
# LOCK_INSTALL="$(VENV)/bin/python -m pip install" to install the lock with pip and pip's configuration.
UV_VERSION := $(shell sed -n 's/^uv==//p' requirements.lock)
LOCK_INSTALL ?= $(PY) -m uv pip install --python $(PY)

# Wall time of each phase (build/phases.json; `make test` prints the table at the end).
PHASE := $(PYTHON) tools/phase.py
# How pytest-xdist shares the tests between workers: by unit of work (tests/conftest.py, `work_unit`): the
# tests that share a session fixture (one assignment's round trip, the graded corpus, the student's
# JupyterLab) run on one worker, so the fixture is computed once, and the most expensive units start first.
DIST := --dist loadscope

$(STAMP): requirements.lock pyproject.toml
	$(PHASE) begin install
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade "pip>=24"
	$(PY) -m pip install $(if $(TORCH_INDEX),--index-url "$(TORCH_INDEX)") "torch==$(TORCH_VERSION)"
	$(PY) -m pip install "uv==$(UV_VERSION)"
	$(LOCK_INSTALL) -r requirements.lock
	$(LOCK_INSTALL) --no-deps -e .
	$(PY) -m pip check
	$(PY) -m jupyter server extension list 2>&1 | grep -q "nbgrader.server_extensions.formgrader.*enabled"
	touch $(STAMP)
	$(PHASE) end install

# Regenerate requirements.lock from pyproject.toml's ranges (tools/lock.py). LOCK_ARGS passes extra options,
# for example `LOCK_ARGS="--find-links DIR"` where PyTorch's index is out of reach but its CPU wheel is in DIR.
LOCK_ARGS ?=
lock: install
	$(PY) tools/lock.py --torch-index "$(TORCH_INDEX)" $(LOCK_ARGS)

install: $(STAMP)

# The environment's bin/ goes first on PATH: nbgrader's gradebook runs the `alembic` program by name, and
# formgrader fails without it when the environment is not activated.
lab: install
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/lab/tree/notebooks --port=$(PORT) $(ALLOW_ROOT) $(LAB_ARGS)

# The Debian packages some tests need: the grading sandbox (bubblewrap), the browser tests (chromium,
# chromium-driver) and the PostgreSQL gradebook (postgresql). Installed as root with apt-get; elsewhere the
# script says what is missing and those tests skip (tests/system_support.py names the same pieces).
SYSTEM_PACKAGES := bubblewrap chromium chromium-driver postgresql
system-deps:
	$(PHASE) run system-deps -- tools/system-deps.sh $(SYSTEM_PACKAGES)

# Execute every lecture notebook and every solution (report in build/run/; the notebooks flagged
# determinism_check in targets.toml run twice), build the site, run the quick grading benchmark (its ratios
# go into build/run/report.md), then run all tests; finally print the wall time of each phase.
# The runner's own exit status is ignored here on purpose: tests/test_notebooks.py reads its report and
# fails with the notebook's error, so one broken notebook does not hide the rest of the results.
test: phase-reset install system-deps
	-$(PHASE) run notebooks -- $(PY) -m instructor.runner --jobs $(JOBS) --check-determinism
	-$(PHASE) run site -- $(PY) -m instructor.site build
	-$(PHASE) run benchmarks -- $(PY) benchmarks/parallel_autograde.py --quick --json build/run/benchmarks.json
	$(PHASE) run tests -- $(PY) -m pytest -n $(JOBS) $(DIST) --durations=25; \
	status=$$?; $(PHASE) report; exit $$status

phase-reset:
	@$(PHASE) reset

# The course's static web site (build/site/index.html), built from the notebooks executed into build/run.
.PHONY: site
site: install
	$(PY) -m instructor.site build

notebooks: install
	$(PY) -m instructor.runner --jobs $(JOBS) --update-readme

# The fast tier (under 2 minutes): no notebook execution, no grading, no browser, nothing that reads the
# runner's report. The tiers are pytest markers registered in pyproject.toml.
unit: install
	$(PY) -m pytest -n $(JOBS) $(DIST) -m "not slow and not needs_run" --durations=10

release: install
	$(PY) -m instructor.course release

check-release: install
	$(PY) -m instructor.course check

lint: install
	$(VENV)/bin/ruff check helpers tests notebooks solutions benchmarks tools

clean:
	rm -rf build submitted autograded feedback gradebook.db .pytest_cache .ruff_cache
