# Two entry points for a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench docs venv clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install -q --python $(BIN)/python -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# Migrates the SQLite database under var/, loads the demo document once, prints the demo logins, serves.
run: venv
	$(BIN)/jixiao migrate --noinput -v0
	$(BIN)/jixiao setupdemo
	$(BIN)/jixiao serve --host 127.0.0.1 --port 8000

test: venv
	bash scripts/system-deps.sh
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/run_all.py

# Rewrites every file generated from the code (README command table, review and scoring references).
docs: venv
	$(BIN)/python -m jixiao.docs

clean:
	rm -rf $(VENV) build *.egg-info
