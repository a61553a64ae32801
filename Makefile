# Two entry points do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint bench index browser lock schemas clean

$(STAMP): pyproject.toml requirements.lock
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	# CPU torch first, from local disk: nothing later may replace it with a CUDA build.
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -r requirements.lock
	$(BIN)/pip install -q --no-deps -e .
	@if $(BIN)/pip list 2>/dev/null | grep -qi '^nvidia-'; then \
		echo "CUDA packages found in $(VENV); refusing to continue" >&2; exit 1; fi
	touch $(STAMP)

index: $(STAMP)
	$(BIN)/poa ingest --quiet

run: index
	$(BIN)/streamlit run app.py --server.address 127.0.0.1 --server.port 8501

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Debian's Chromium renders eval reports and drives the app in browser tests (no browser download).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq chromium >/dev/null; }

test: lint browser index
	$(BIN)/pytest
	# A regression in drafting fails CI: every dev case must pass every gate.
	$(BIN)/poa eval --suite dev --backend offline --fail-under 0.7
	$(BIN)/poa eval --suite holdout --backend offline --fail-under 0.4

bench: index
	$(BIN)/poa bench

# Regenerate evals/schema/*.schema.json from the dataset models (a test fails when they drift).
schemas: $(STAMP)
	$(BIN)/python -c 'from poa.evals.datasets import write_schemas; from poa.core.config import PROJECT_ROOT; write_schemas(PROJECT_ROOT / "evals" / "schema")'

# Re-pin requirements.lock from the current venv (after changing pyproject.toml).
lock: $(STAMP)
	{ sed -n '1,3p' requirements.lock; $(BIN)/pip freeze --exclude-editable | grep -v '^torch=='; } > requirements.lock.new
	mv requirements.lock.new requirements.lock

clean:
	rm -rf $(VENV) .poa .pytest_cache .ruff_cache
