# The two commands a new user needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test
# setuptools says "Editable installation … be careful with folders in your working directory"
# in a ten-line box at every editable install of a package laid out as this one: noise on a first
# `make run`, so that one message (and nothing else) is filtered.
PIP_INSTALL := PYTHONWARNINGS="ignore:Editable installation" $(BIN)/python -m pip install --quiet
SOURCES := pyproject.toml un_akn_launcher.py $(shell find converter templates schemas -type f -not -name '*.pyc' 2>/dev/null)

.PHONY: run test golden bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python $(SOURCES)
	$(PIP_INSTALL) -e .
	touch $@

$(TEST_STAMP): $(BIN)/python $(SOURCES)
	$(PIP_INSTALL) -e ".[test]"
	touch $@ $(STAMP)

run: $(STAMP)
	$(BIN)/akn convert examples -o out/examples
	@echo "Converted examples/ into out/examples/:"
	@find out/examples -name '*.xml' | sort

test: $(TEST_STAMP)
	$(BIN)/ruff check converter un_akn_launcher.py tests benchmarks
	$(BIN)/ruff format --check converter un_akn_launcher.py tests benchmarks
	$(BIN)/mypy
	$(BIN)/python -m pytest

golden: $(TEST_STAMP)
	$(BIN)/python -m pytest tests/test_golden.py --update-golden

# Speed (issue 5): `make bench` (a few minutes), `make bench BENCH=--quick` (under a minute). The
# side-by-side with bluebell-akn creates benchmarks/.bluebell-venv with Python >= 3.12 on first use.
bench: $(STAMP)
	$(BIN)/python benchmarks/speed.py $(BENCH)

clean:
	rm -rf $(VENV) out build *.egg-info benchmarks/.bluebell-venv
