# A newcomer's commands: `make serve` and `make test`; each does all the set-up first.
PORT ?= 8001
DB ?= data/corpus.db
SEEDS := seeds
VENV := .venv
PYTHON := $(VENV)/bin/python
SETUP := $(VENV)/.setup-done
BROWSER := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SERVE_OPTIONS := --host 127.0.0.1 --port $(PORT) --metadata metadata.json \
	--plugins-dir explorer --template-dir explorer/templates \
	--setting sql_time_limit_ms 3000 --setting max_returned_rows 1000 \
	--setting suggest_facets off

.PHONY: setup browser build serve test lint clean

setup: $(SETUP)

$(SETUP): pyproject.toml
	python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --upgrade pip
	$(PYTHON) -m pip install --quiet -e '.[test]'
	touch $@

# Debian's chromium drives the browser tests; nothing is downloaded at test time.
browser: $(BROWSER)

$(BROWSER):
	$(SUDO) apt-get update -q
	DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q chromium

build: $(SETUP)
	$(PYTHON) -m ingest $(SEEDS) --db data/corpus.db

data/corpus.db: $(SETUP) $(wildcard $(SEEDS)/*) $(wildcard ingest/*.py ingest/data/*)
	$(PYTHON) -m ingest $(SEEDS) --db $@

ifeq ($(DB),data/corpus.db)
serve: $(SETUP) data/corpus.db
else
serve: $(SETUP)
	@test -f "$(DB)" || { echo "error: $(DB) does not exist (build it: $(PYTHON) -m ingest SOURCE --db $(DB))" >&2; exit 1; }
endif
	$(VENV)/bin/datasette serve -i "$(DB)" $(SERVE_OPTIONS)

test: $(SETUP) browser
	$(PYTHON) -m pytest

lint: $(SETUP)
	$(VENV)/bin/ruff check ingest explorer tests bench
	$(VENV)/bin/ruff format --check ingest explorer tests bench

clean:
	rm -rf $(VENV) data .pytest_cache .hypothesis
