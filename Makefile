# A newcomer's commands: `make serve` and `make test`; each does all the set-up first.
PORT ?= 8001
DB ?= data/corpus.db
SEEDS := seeds
VENV := .venv
PYTHON := $(VENV)/bin/python
SETUP := $(VENV)/.setup-done
RANKING := explorer/libranking.so
BROWSER := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SCHEDULER_PORT ?= 8786
# Worker processes of the server (make serve) and of the local Dask cluster: one per core.
WORKERS ?= $(shell nproc 2>/dev/null || echo 2)
.PHONY: setup browser build serve test lint clean cluster

setup: $(SETUP) $(RANKING)

$(SETUP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@

# The search's ranking (explorer/ranking.c), compiled against the SQLite that Python uses.
$(RANKING): explorer/ranking.c
	[ -f /usr/include/sqlite3.h ] || { $(SUDO) apt-get update -q && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q libsqlite3-dev; }
	$(CC) -O2 -Wall -fPIC -shared -o $@ $< -lsqlite3 -lm

# Debian's chromium drives the browser tests; nothing is downloaded at test time.
browser: $(BROWSER)

$(BROWSER):
	$(SUDO) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium

build: $(SETUP) $(RANKING)
	$(PYTHON) -m ingest $(SEEDS) --db data/corpus.db

data/corpus.db: $(SETUP) $(RANKING) $(wildcard $(SEEDS)/*) $(wildcard ingest/*.py ingest/data/*)
	$(PYTHON) -m ingest $(SEEDS) --db $@

# Serving another database serves it as it is: nothing is built.
ifeq ($(DB),data/corpus.db)
serve: $(SETUP) $(RANKING) data/corpus.db
else
serve: $(SETUP) $(RANKING)
endif
	$(PYTHON) explorer/serve.py "$(DB)" --port $(PORT) --workers $(WORKERS)

# A Dask scheduler and $(WORKERS) single-threaded workers on this machine, in the foreground
# (Ctrl-C stops them): build through it with
#   python -m ingest SOURCES --db PATH --scheduler tcp://127.0.0.1:$(SCHEDULER_PORT)
cluster: $(SETUP)
	trap 'kill 0' INT TERM EXIT; \
	$(VENV)/bin/dask scheduler --host 127.0.0.1 --port $(SCHEDULER_PORT) & \
	sleep 2; \
	$(VENV)/bin/dask worker tcp://127.0.0.1:$(SCHEDULER_PORT) --nworkers $(WORKERS) --nthreads 1 & \
	wait

test: $(SETUP) $(RANKING) browser
	$(PYTHON) -m pytest

lint: $(SETUP)
	$(VENV)/bin/ruff check ingest explorer tests bench
	$(VENV)/bin/ruff format --check ingest explorer tests bench

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis $(RANKING)
