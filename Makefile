# The course's commands. `make book` and `make test` do everything on a fresh
# machine that has Python 3 (>= 3.10) and make: they create .venv, install
# the lock, requirements.txt, into it, then build or test.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The chapters, in any order (the book's order is in _toc.yml).
NOTEBOOKS := $(wildcard chapters/*.ipynb)
# `make outputs NB=chapters/foo.ipynb` refreshes one chapter only.
NB ?= $(NOTEBOOKS)

# The maintainers' tool for the lock and the side environments: uv, from
# PyPI, at this version, in its own environment (never in the lock, so a
# learner does not install it). It must never download a Python of its own.
UV_VERSION := 0.13.8
TOOLS  := .venv-tools
UV     := $(TOOLS)/bin/uv
export UV_PYTHON_DOWNLOADS := never
# The oldest Python the course supports, for `make lock` and `make test-min`.
MIN_PYTHON_VERSION := 3.10
# Its interpreter: python3.10 on PATH if it runs, else one that pyenv holds;
# if neither is found, test-min runs on $(PYTHON) and says so.
PYTHON_MIN ?= $(firstword $(foreach p,python$(MIN_PYTHON_VERSION) \
  $(wildcard $(HOME)/.pyenv/versions/$(MIN_PYTHON_VERSION).*/bin/python$(MIN_PYTHON_VERSION)),\
  $(shell $(p) -c "import sys; print(sys.executable)" 2>/dev/null)))
# What `make test` runs; `make test-latest` runs the same in its environment.
PYTEST_ALL := -m pytest --nbval --nbval-current-env -m "not site" tests chapters

.PHONY: help venv test book outputs bench clean linkcheck site-test \
	lock test-latest test-min

help:
	@echo "make book     set up .venv and build the website into _build/html"
	@echo "make test     set up .venv and run all tests (unit, property, nbval)"
	@echo "make outputs  re-run the chapters in a fresh kernel, store outputs"
	@echo "              (one chapter: make outputs NB=chapters/NAME.ipynb)"
	@echo "make bench    time bce against scikit-learn and the memory floor,"
	@echo "              write bench/RESULTS.md and bench/scaling.png (~1 min)"
	@echo "make site-test  build the website, then test every page offline in headless"
	@echo "              Chromium (needs the Debian package chromium)"
	@echo "make linkcheck  check the internal links of the website (Sphinx linkcheck)"
	@echo "make lock     recompile requirements.txt from requirements.in (newest"
	@echo "              versions allowed; run make test-latest first)"
	@echo "make test-latest  the whole suite in .venv-latest, with the newest"
	@echo "              versions requirements.in allows (the drift alarm)"
	@echo "make test-min the tests of tests/ in .venv-min, with the lowest"
	@echo "              versions requirements.in and pyproject.toml declare"
	@echo "make clean    remove _build and caches (keeps the environments)"

# The virtual environment: exactly the lock, rebuilt when it changes. pip
# installs requirements.txt (every package pinned, pip itself included);
# whatever an older lock installed and this one does not name is removed;
# then tools/lockcheck.py fails the build unless .venv holds exactly the pins.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python tools/lockcheck.py --extras requirements.txt \
	  | xargs -r $(BIN)/python -m pip uninstall --quiet --yes
	$(BIN)/python tools/lockcheck.py requirements.txt
	touch $(STAMP)

venv: $(STAMP)

$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/python -m pip install --quiet uv==$(UV_VERSION)

# The lock: requirements.in compiled for every supported Python at once
# (--universal; a package whose newest release differs between Pythons gets
# one pin per Python, under a marker), at the newest versions it allows.
# `make lock LOCK_FLAGS=` keeps the pins that still fit (after adding a
# package, say). Then: make test, make book, make site-test, and commit the
# notebooks' outputs if `make outputs` changed any (README, "Updating the lock").
LOCK_FLAGS ?= --upgrade
lock: $(UV)
	$(UV) pip compile requirements.in --output-file requirements.txt \
	  --universal --python-version $(MIN_PYTHON_VERSION) $(LOCK_FLAGS) \
	  --custom-compile-command "make lock"

# The drift alarm: a fresh .venv-latest with the newest versions that
# requirements.in allows today, the whole suite there, stored outputs
# included. It first lists every package whose version differs from the
# lock; pytest's summary then names each test and notebook cell that differs.
test-latest: $(UV)
	rm -rf .venv-latest
	$(UV) venv --quiet --python $(PYTHON) .venv-latest
	$(UV) pip install --quiet --python .venv-latest/bin/python --upgrade \
	  -r requirements.in
	.venv-latest/bin/python tools/lockcheck.py --report requirements.txt
	.venv-latest/bin/python $(PYTEST_ALL) -p no:cacheprovider

# The honest lower bounds: a fresh .venv-min on the oldest supported Python
# with the lowest versions that requirements.in and pyproject.toml declare
# for what they name (their dependencies at the newest versions that fit),
# then the unit, property and book tests of tests/. The chapters' stored
# outputs are not compared here: they belong to the lock.
test-min: $(UV)
	rm -rf .venv-min
	@test -n "$(PYTHON_MIN)" || echo "test-min: no Python $(MIN_PYTHON_VERSION) found; using $(PYTHON)"
	$(UV) venv --quiet --python $(or $(PYTHON_MIN),$(PYTHON)) .venv-min
	$(UV) pip compile --quiet requirements.in --resolution lowest-direct \
	  --python .venv-min/bin/python --no-header --output-file .venv-min/lowest.txt
	$(UV) pip install --quiet --python .venv-min/bin/python \
	  -r .venv-min/lowest.txt
	.venv-min/bin/python tools/lockcheck.py .venv-min/lowest.txt
	.venv-min/bin/python -m pytest -m "not site" -p no:cacheprovider tests

# Unit and property tests of bce, tests of the book, and every chapter
# notebook under nbval in strict mode: each stored output must equal the
# output of a fresh run (images excepted).
test: $(STAMP)
	$(BIN)/python $(PYTEST_ALL)

# The website. The static checks of tests/test_book.py run first, so that a
# notebook holding an error output or a file missing from the toc stops the
# build; then Sphinx with warnings as errors (-W), nitpicky cross-references
# (-n), reporting every warning before it fails (--keep-going), and every
# page (--all: Sphinx copies _static/ only when it rebuilds some page, so a
# change to the CSS alone would not reach _build/html otherwise).
book: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_book.py
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going --all

# Re-execute chapters top to bottom in a fresh kernel, writing the outputs
# back into the .ipynb files (what an author runs after changing bce/).
outputs: $(STAMP)
	$(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	  --ExecutePreprocessor.timeout=900 \
	  --ExecutePreprocessor.record_timing=False \
	  --ExecutePreprocessor.kernel_name=python3 $(NB)

# The benchmarks (not part of `make test`, which runs only their smoke
# version, tests/test_bench.py): ratios against scikit-learn and against one
# X.sum() pass, measured in the same process; writes bench/RESULTS.md and
# bench/scaling.png. Takes about a minute on a quiet machine; BLAS runs on one
# thread (python bench/run.py --help for the options).
bench: $(STAMP)
	$(BIN)/python bench/run.py

# The browser test of the website (tests/test_site.py, marked `site`): every
# page of the toc opened from _build/html in headless Chromium with the
# network blocked; formulas typeset, images loaded, no console error, no
# broken internal link; screenshots in _build/screenshots/. Needs the Debian
# package chromium (/usr/bin/chromium, or CHROMIUM=/path): apt-get install chromium.
site-test: book
	$(BIN)/python -m pytest -m site -p no:cacheprovider tests/test_site.py

# Sphinx's link checker on the internal links: links to local files must
# exist, and (-n) every cross-reference must resolve. Its report is
# _build/linkcheck/_build/html/output.txt (apart from the website's files).
# External http(s) links cannot be reached from the test machines (no
# network), so _config.yml ignores them (linkcheck_ignore); anchors inside
# the built pages are checked by `make site-test`.
linkcheck: $(STAMP)
	$(BIN)/jupyter-book build . --builder linkcheck --path-output _build/linkcheck \
	  -W -n --keep-going

clean:
	rm -rf _build .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print \
	  | xargs rm -rf
	find . -path ./$(VENV) -prune -o -name .ipynb_checkpoints -type d -print \
	  | xargs rm -rf
