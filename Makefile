# Two entry points for a fresh clone: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test bench fuzz docs screenshots venv clean

$(BIN)/uv:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q uv

# Reinstall only when the dependency list changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/uv
	$(BIN)/uv pip install -q --python $(BIN)/python -e '.[test]'
	touch $@

venv: $(VENV)/.installed

# Migrates the SQLite database under var/, loads the demo document once, prints the demo logins, serves
# (gunicorn on every core, static files collected on start, one job worker beside it).
run: venv
	$(BIN)/jixiao migrate --noinput -v0
	$(BIN)/jixiao setupdemo
	$(BIN)/jixiao serve --host 127.0.0.1 --port 8000

test: venv
	bash scripts/system-deps.sh
	$(BIN)/python -m pytest

bench: venv
	$(BIN)/python bench/run_all.py

# Mutated inputs to every reader, 10,000 per reader (the suite runs a few dozen); prints the figures
# table quoted in docs/reading.md#fuzzing (about 10 minutes of CPU).
fuzz: venv
	JIXIAO_FUZZ_EXAMPLES=10000 $(BIN)/python -m pytest tests/core/test_fuzz_readers.py -q

# Rewrites every file generated from the code (README command table, review and scoring references).
docs: venv
	$(BIN)/python -m jixiao.docs

# docs/screenshots/: list, table, 运行监控, 绩效自评 and 自评表 at 1366 px and 375 px, on a fresh demo (~4 minutes).
screenshots: venv
	$(BIN)/python scripts/screenshots.py

clean:
	rm -rf $(VENV) build *.egg-info
