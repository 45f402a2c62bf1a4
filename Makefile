# The course's commands. `make book` and `make test` do everything on a fresh
# machine that has Python 3 (>= 3.10) and make: they create .venv, install
# requirements.txt into it, then build or test.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The chapters, in any order (the book's order is in _toc.yml).
NOTEBOOKS := $(wildcard chapters/*.ipynb)
# `make outputs NB=chapters/foo.ipynb` refreshes one chapter only.
NB ?= $(NOTEBOOKS)

.PHONY: help venv test book outputs bench clean linkcheck site-test

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
	@echo "make clean    remove _build and caches (keeps .venv)"

# The virtual environment, rebuilt when the requirements change.
$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $(STAMP)

venv: $(STAMP)

# Unit and property tests of bce, tests of the book, and every chapter
# notebook under nbval in strict mode: each stored output must equal the
# output of a fresh run (images excepted).
test: $(STAMP)
	$(BIN)/python -m pytest --nbval --nbval-current-env -m "not site" tests chapters

# The website. The static checks of tests/test_book.py run first, so that a
# notebook holding an error output or a file missing from the toc stops the
# build; then Sphinx with warnings as errors (-W), nitpicky cross-references
# (-n), reporting every warning before it fails (--keep-going).
book: $(STAMP)
	$(BIN)/python -m pytest -q -p no:cacheprovider tests/test_book.py
	$(BIN)/jupyter-book build . --builder html -W -n --keep-going

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
