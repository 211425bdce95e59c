# The students' commands (the student edition ships this file alone):
#   make lab     set everything up (once) and open the course in JupyterLab
#   make check   set everything up (once) and check it: packages, the course library, nbgrader's Validate
# The instructor's and CI's commands (make test, unit, notebooks, site, release, lock, ...) are in
# instructor.mk, included below when it is there (in this repository, not in the student edition).
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

.PHONY: install lab check

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

install: $(STAMP)

# The environment's bin/ goes first on PATH: nbgrader's gradebook runs the `alembic` program by name, and
# formgrader fails without it when the environment is not activated.
lab: install
	PATH="$(abspath $(VENV))/bin:$$PATH" $(VENV)/bin/jupyter lab --ServerApp.root_dir="$(CURDIR)" --ServerApp.default_url=/lab/tree/notebooks --port=$(PORT) $(ALLOW_ROOT) $(LAB_ARGS)

# The set-up works: every package at its locked version, the course library and torch import, and nbgrader's
# Validate button (its server extension) is enabled.
check: install
	$(PY) -m pip check
	$(PY) -c "import helpers, torch, nbgrader; print('course library', helpers.__version__, '| torch', torch.__version__, '| nbgrader', nbgrader.__version__)"
	$(PY) -m jupyter server extension list 2>&1 | grep -q "nbgrader.server_extensions.validate_assignment.*enabled"
	@echo "set-up OK: run 'make lab'"

-include instructor.mk
