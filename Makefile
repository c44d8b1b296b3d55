# Two entry points for a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench venv clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install -q --python $(BIN)/python -e '.[test]'
	touch $@

venv: $(VENV)/.installed

run: venv
	$(BIN)/jixiao demo

test: venv
	bash scripts/system-deps.sh
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info
