# riskbrief: two-command quickstart (make demo, make test).
# The interpreter .venv is made with: scripts/pick-python prefers a build with the
# interpreter linked into its executable (about 10% faster here). `make PYTHON=...` overrides.
PYTHON ?= $(shell sh scripts/pick-python 2>/dev/null || echo python3)
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test install dev bench contract clean system-packages bytecode

$(BIN)/python:
	@echo "Making $(VENV) with $(PYTHON) ($$($(PYTHON) -c 'import platform; print(platform.python_version())'))"
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

# The project is installed editable, so pip compiles none of its own modules; where
# PYTHONDONTWRITEBYTECODE is set, every riskbrief process would then compile ~27,000
# lines afresh (about 0.9 s of CPU before the first brief). Only changed files recompile.
bytecode: $(STAMP)
	@$(BIN)/python -m compileall -q -j 0 engine evals schemas tui prompts > /dev/null

install: $(STAMP) bytecode

dev: $(DEVSTAMP) bytecode

demo: $(STAMP) bytecode
	$(BIN)/riskbrief generate examples/*.yaml --format md,html,json --out briefs
	@echo
	@echo "Briefs for every example and audience are in $(CURDIR)/briefs/"

test: $(DEVSTAMP) bytecode system-packages
	$(BIN)/python -m pytest -q

bench: $(DEVSTAMP) bytecode
	$(BIN)/riskbrief bench faithfulness

contract: $(STAMP) bytecode
	PATH="$(CURDIR)/$(BIN):$$PATH" ../shared/contract/check

clean:
	rm -rf briefs build dist *.egg-info .pytest_cache
