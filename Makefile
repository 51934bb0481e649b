# riskbrief: two-command quickstart (make demo, make test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test install dev bench contract clean system-packages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $@

$(DEVSTAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[dev,postgres]"
	-@timeout 900 .ci/install-system-packages || true
	touch $@

# Best effort: poppler-utils (pdftoppm, pdftotext) for the printed-brief tests; never fails.
system-packages:
	-@timeout 900 .ci/install-system-packages || true

install: $(STAMP)

dev: $(DEVSTAMP)

demo: $(STAMP)
	$(BIN)/riskbrief generate examples/*.yaml --format md,html,json --out briefs
	@echo
	@echo "Briefs for every example and audience are in $(CURDIR)/briefs/"

test: $(DEVSTAMP) system-packages
	$(BIN)/python -m pytest -q

bench: $(DEVSTAMP)
	$(BIN)/riskbrief bench faithfulness

contract: $(STAMP)
	PATH="$(CURDIR)/$(BIN):$$PATH" ../shared/contract/check

clean:
	rm -rf briefs build dist *.egg-info .pytest_cache
