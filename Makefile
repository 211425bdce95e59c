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

.PHONY: install lab test notebooks unit release check-release lint clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --upgrade pip
	# torch first and pinned: an unpinned torch would pull gigabytes of CUDA packages.
	$(PY) -m pip install "torch==2.13.0"
	$(PY) -m pip install -e ".[dev]"
	$(PY) -m jupyter server extension list 2>&1 | grep -q "nbgrader.server_extensions.formgrader.*enabled"
	touch $(STAMP)

install: $(STAMP)

# The environment's bin/ goes first on PATH: nbgrader's gradebook runs the `alembic` program by name, and
# formgrader fails without it when the environment is not activated.
lab: install
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/lab/tree/notebooks --port=$(PORT) $(ALLOW_ROOT) $(LAB_ARGS)

# Execute every lecture notebook and every solution (report in build/run/), then run all tests.
# The runner's own exit status is ignored here on purpose: tests/test_notebooks.py reads its report and
# fails with the notebook's error, so one broken notebook does not hide the rest of the results.
test: install
	-$(PY) -m helpers.runner --jobs $(JOBS)
	-$(PY) -m helpers.site build
	$(PY) -m pytest -n $(JOBS) --dist loadgroup --durations=15

# The course's static web site (build/site/index.html), built from the notebooks executed into build/run.
.PHONY: site
site: install
	$(PY) -m helpers.site build

notebooks: install
	$(PY) -m helpers.runner --jobs $(JOBS) --update-readme

unit: install
	$(PY) -m pytest -n $(JOBS) --dist loadgroup --ignore=tests/test_notebooks.py --ignore=tests/test_grading.py

release: install
	$(PY) -m helpers.course release

check-release: install
	$(PY) -m helpers.course check

lint: install
	$(VENV)/bin/ruff check helpers tests notebooks solutions

clean:
	rm -rf build submitted autograded feedback gradebook.db .pytest_cache .ruff_cache
