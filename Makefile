# sitrep: `make run` installs into .venv and ingests the bundled sample; `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
DB ?= sitrep.db
PORT ?= 8000

.PHONY: install run test lint eval clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,ray]'
	touch $@

install: $(VENV)/.installed

run: install basemap
	$(BIN)/sitrep demo --db $(DB)
	$(BIN)/sitrep serve --db $(DB) --port $(PORT)

test: install basemap
	$(BIN)/ruff check src tests
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests

eval: install
	$(BIN)/sitrep eval ../shared/corpus/dev/gold ../shared/corpus/dev/docs

# Extraction throughput (bench/throughput.py): `make bench`, or `make bench BENCH_MB=0.2` for a quick run.
BENCH_MB ?= 2
.PHONY: bench
bench: install
	$(BIN)/python bench/throughput.py --mb $(BENCH_MB)

# Fuzz campaign over readers and extractors (bench/fuzz.py): prints counts of documents, errors,
# time-outs and crashes.
.PHONY: fuzz
fuzz: install
	$(BIN)/python bench/fuzz.py --readers 5000 --texts 500

# Query latency at size (bench/queries.py: SQLite and PostgreSQL, 1,000,000 facts by default)
# and the API load test (bench/load.py: 50 clients for 60 s against `sitrep serve` on loopback).
QUERY_FACTS ?= 1000000
LOAD_SECONDS ?= 60
.PHONY: bench-queries load
bench-queries: install
	$(BIN)/python bench/queries.py --facts $(QUERY_FACTS)

load: install
	$(BIN)/python bench/load.py --seconds $(LOAD_SECONDS)

clean:
	rm -rf $(VENV) $(DB) $(DB)-wal $(DB)-shm build *.egg-info .basemap

# The web map's offline world basemap: Natural Earth land outlines from the npm package
# world-atlas, installed into the git-ignored .basemap/ (without npm the map draws a grid).
BASEMAP := .basemap/node_modules/world-atlas/land-110m.json
.PHONY: basemap
basemap: $(BASEMAP)
$(BASEMAP):
	@if command -v npm >/dev/null; then \
	    npm install --silent --no-save --no-package-lock --no-audit --no-fund \
	        --prefix .basemap world-atlas@2.0.2 || echo "basemap not installed: the map draws a grid"; \
	else echo "npm not found: the web map will have no basemap"; fi

# The event type classifier shipped in src/sitrep/data/models/event_types: trained on our own
# sentences and the visible PLOVER gold half (deterministic, seed 0; well under a minute).
PLOVER_GOLD ?= ../shared/data/plover/PLOVER_GSR_dev.json
.PHONY: train-events
train-events: install
	$(BIN)/python -m sitrep.events.train $(PLOVER_GOLD)
