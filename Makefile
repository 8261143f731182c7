# fazhi — two commands: `make run` (set up and serve the demo) and `make test` (every test).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
STAMP := $(VENV)/.installed
VENDOR := static/vendor
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run install test test-fast lint bench bench-city assets messages browser clean faults

run: install
	@$(PYTHON) manage.py load_demo | tail -n 20
	@echo "法治乡镇工作平台: http://$(HOST):$(PORT)/"
	DJANGO_DEBUG=1 $(PYTHON) manage.py runserver $(HOST):$(PORT)

install: $(STAMP) assets messages
	@mkdir -p var
	$(PYTHON) manage.py migrate --noinput
	$(PYTHON) manage.py createcachetable
	$(PYTHON) manage.py collectstatic --noinput -v 0
	$(PYTHON) manage.py load_demo > /dev/null

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -r requirements-dev.txt
	touch $(STAMP)

# Front-end assets come from the npm registry at set-up and are served locally (no CDN at run time).
assets: $(VENDOR)/.stamp
$(VENDOR)/.stamp: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	mkdir -p $(VENDOR)
	cp node_modules/bootstrap/dist/css/bootstrap.min.css node_modules/bootstrap/dist/js/bootstrap.bundle.min.js \
	   node_modules/htmx.org/dist/htmx.min.js node_modules/echarts/dist/echarts.min.js $(VENDOR)/
	touch $@

messages: $(STAMP)
	$(PYTHON) manage.py compilemessages -v 0 --ignore=.venv --ignore=node_modules

# Debian's Chromium drives the browser tests (never a browser download); Noto CJK renders Chinese in it and in the
# PDF of the annual report, which LibreOffice converts from the .docx: Noto Serif CJK SC for 仿宋/小标宋, Noto Sans
# CJK SC for 黑体, AR PL UKai for 楷体 (docs/reports.md); pdffonts (poppler-utils) checks the faces in the tests;
# LibreOffice Calc saves an import template as township staff would in one import test.
DEBIAN_PACKAGES := chromium fonts-noto-cjk fonts-arphic-ukai libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils
browser:
	@dpkg -s $(DEBIAN_PACKAGES) >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq $(DEBIAN_PACKAGES) >/dev/null)

# PYTEST_WORKERS="-n 2 --dist loadgroup" runs the suite on both cores (pytest-xdist): each worker has its own test
# database (in-memory SQLite, or test_<name>_gw0, _gw1 on PostgreSQL), its own Chromium, live servers on free ports
# and tmp folders; loadgroup keeps a module marked xdist_group on one worker, so the demo it shares is built once
# (fazhi/core/testing.py). Off by default until a full run on both databases has passed with it.
PYTEST_WORKERS ?=
test: install browser
	$(BIN)/ruff check .
	$(BIN)/lint-imports
	$(PYTHON) manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_WORKERS)

test-fast: $(STAMP)
	$(BIN)/pytest $(PYTEST_WORKERS) -m "not browser and not faults" -x -q

# Benchmarks report ratios to a floor measured in the same run (see docs/performance.md).
bench: install
	$(PYTHON) bench/run.py

# A city-size run on PostgreSQL (BENCH_DATABASE_URL, BENCH_CITY_TOWNSHIPS): the page targets at the largest size.
bench-city: install
	$(PYTHON) bench/city.py

# Fault scenarios on private PostgreSQL clusters and a real gunicorn (docs/reliability.md); needs root for tmpfs.
faults: $(STAMP)
	$(BIN)/pytest tests/faults -m faults -rA -p no:warnings

lint: $(STAMP)
	$(BIN)/ruff check . && $(BIN)/ruff format --check . && $(BIN)/lint-imports

clean:
	rm -rf $(VENV) node_modules $(VENDOR) var
