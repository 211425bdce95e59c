# The instructor's and CI's commands, included by the Makefile (which defines PY, VENV, PHASE, JOBS, ...).
# The student edition does not ship this file.
#   make test    set everything up (once), execute every notebook, and run the whole test suite (CI: .ci/run)
#   make unit    the fast tier of the tests (under a minute)

.PHONY: lock system-deps phase-reset test notebooks unit release check-release lint clean site student-edition \
        publish-student hub hub-stop hub-status hub-load

# How pytest-xdist shares the tests between workers: by unit of work (tests/conftest.py, `work_unit`): the
# tests that share a session fixture (one assignment's round trip, the graded corpus, the student's
# JupyterLab) run on one worker, so the fixture is computed once, and the most expensive units start first.
DIST := --dist loadscope

# Regenerate requirements.lock from pyproject.toml's ranges (tools/lock.py). LOCK_ARGS passes extra options,
# for example `LOCK_ARGS="--find-links DIR"` where PyTorch's index is out of reach but its CPU wheel is in DIR.
LOCK_ARGS ?=
lock: install
	$(PY) tools/lock.py --torch-index "$(TORCH_INDEX)" $(LOCK_ARGS)

# The Debian packages some tests need: the grading sandbox (bubblewrap), the browser tests (chromium,
# chromium-driver) and the PostgreSQL gradebook (postgresql). Installed as root with apt-get; elsewhere the
# script says what is missing and those tests skip (tests/system_support.py names the same pieces).
SYSTEM_PACKAGES := bubblewrap chromium chromium-driver postgresql
system-deps:
	$(PHASE) run system-deps -- tools/system-deps.sh $(SYSTEM_PACKAGES)

# Execute every lecture notebook (report in build/run/; the notebooks flagged determinism_check in course.toml
# run twice; each solution is executed once, by nbgrader, in its grading round trip), build the site, run the
# quick grading benchmark (its ratios go into build/run/report.md), then run all tests; finally print the wall
# time of each phase.
# The runner's own exit status is ignored here on purpose: tests/test_notebooks.py reads its report and
# fails with the notebook's error, so one broken notebook does not hide the rest of the results.
test: phase-reset install system-deps
	-$(PHASE) run notebooks -- $(PY) -m instructor.runner --jobs $(JOBS) --lectures --check-determinism
	-$(PHASE) run site -- $(PY) -m instructor.site build
	-$(PHASE) run benchmarks -- $(PY) benchmarks/parallel_autograde.py --quick --json build/run/benchmarks.json
	$(PHASE) run tests -- $(PY) -m pytest -n $(JOBS) $(DIST) --durations=25; \
	status=$$?; $(PHASE) report; exit $$status

phase-reset:
	@$(PHASE) reset

# The course's static web site (build/site/index.html), built from the notebooks executed into build/run.
site: install
	$(PY) -m instructor.site build

notebooks: install
	$(PY) -m instructor.runner --jobs $(JOBS) --update-readme

# The fast tier (under 2 minutes): no notebook execution, no grading, no browser, nothing that reads the
# runner's report. The tiers are pytest markers registered in pyproject.toml.
unit: install
	$(PY) -m pytest -n $(JOBS) $(DIST) -m "not slow and not needs_run" --durations=10

# The student edition (what students receive: lectures, exercises, the teaching library, data, the students'
# Makefile; no solution, hidden test, wrong answer or instructor tooling), built into STUDENT_EDITION, a folder
# that must not exist yet. `publish-student` commits it as the next commit of the `student` branch of this
# repository, which Binder, Colab and students' clones use; push that branch to publish it.
STUDENT_EDITION ?= ../course-for-students
student-edition: install
	$(PY) -m instructor.course student-edition "$(STUDENT_EDITION)"

publish-student: install
	$(PY) -m instructor.course check
	$(PY) -m instructor.course publish --branch student

release: install
	$(PY) -m instructor.course release

check-release: install
	$(PY) -m instructor.course check

# The course on one JupyterHub server (deploy/README.md): as root on Debian/Ubuntu, idempotent. JupyterHub
# 5.5.4 with configurable-http-proxy from npm, LocalProcessSpawner with Unix accounts, the grader account
# running formgrader and the feedback service as hub services, the exchange with the course's permissions,
# the PostgreSQL gradebook. HUB_ROSTER=roster.csv also creates the class's accounts (deploy/hub/add-students).
hub:
	deploy/hub/setup.sh
hub-stop:
	deploy/hub/setup.sh stop
hub-status:
	deploy/hub/setup.sh status

# The load benchmark of a class on one hub (tests/test_hub.py on a hub of its own, as root): HUB_LOAD_STUDENTS
# students fetch, submit and get feedback at nearly the same moment, then the instructor collects and grades
# the class; wall times and feedback latency go to build/run/hub.json. `make test` runs the same path with a
# smaller class (3 students).
HUB_LOAD_STUDENTS ?= 30
hub-load: install
	COURSE_HUB_LOAD_STUDENTS=$(HUB_LOAD_STUDENTS) $(PY) -m pytest -p no:cacheprovider -n 0 tests/test_hub.py \
	    -k "idempotent or load" -v

lint: install
	$(VENV)/bin/ruff check helpers tests notebooks solutions benchmarks tools instructor deploy

clean:
	rm -rf build submitted autograded feedback gradebook.db .pytest_cache .ruff_cache
