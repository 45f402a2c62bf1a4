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

.PHONY: help venv test book outputs clean

help:
	@echo "make book     set up .venv and build the website into _build/html"
	@echo "make test     set up .venv and run all tests (unit, property, nbval)"
	@echo "make outputs  re-run the chapters in a fresh kernel, store outputs"
	@echo "              (one chapter: make outputs NB=chapters/NAME.ipynb)"
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
	$(BIN)/python -m pytest --nbval --nbval-current-env tests chapters

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

clean:
	rm -rf _build .pytest_cache .hypothesis
	find . -path ./$(VENV) -prune -o -name __pycache__ -type d -print \
	  | xargs rm -rf
	find . -path ./$(VENV) -prune -o -name .ipynb_checkpoints -type d -print \
	  | xargs rm -rf
