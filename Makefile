# NPRZ Werkmonitor: `make run` to try it, `make test` to check it.
SHELL := /bin/bash
PYTHON ?= python3
PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python
DEV_ENV := DJANGO_DEBUG=1
TEST_ENV := DJANGO_DEBUG=0 DJANGO_SECRET_KEY=test-only-not-secret DJANGO_STATIC_MANIFEST=0 DJANGO_SECURE_SSL_REDIRECT=0
PG_URL ?= postgres://postgres@127.0.0.1:5432/werkmonitor
PYTEST_WORKERS ?= 2
SMOKE_PORT ?= 0
LOADTEST_PORT ?= 0
LOADTEST_SIZES ?= demo,bench
LOADTEST_USERS ?= 8
LOADTEST_TIME ?= 60s
LOADTEST_MIX ?= pages
CI_REDIS_URL ?= redis://127.0.0.1:6379/0

.PHONY: run setup migrate seed chromium test test-sqlite test-postgres test-postgres-redis test-e2e lint format check ci smoke loadtest bench clean reset-local-db schema schema-check contract

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 of nieuwer is nodig")'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	@node -e 'process.exit(+process.versions.node.split(".")[0] >= 18 ? 0 : 1)' || (echo "Node 18 of nieuwer is nodig" && exit 1)
	npm ci --no-audit --no-fund
	touch $@

setup: $(VENV)/.installed node_modules/.installed

migrate: setup
	$(DEV_ENV) $(PY) manage.py migrate --noinput

var/demo-password:
	@mkdir -p var
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(12))' > $@

seed: migrate var/demo-password
	$(DEV_ENV) PORT=$(PORT) DEMO_PASSWORD="$${DEMO_PASSWORD:-$$(cat var/demo-password)}" $(PY) manage.py seed_demo

run: seed
	@echo "NPRZ Werkmonitor op http://127.0.0.1:$(PORT)/ (stoppen met Ctrl+C)"
	$(DEV_ENV) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# The browser and PDF tests need Chromium: installed here when root with apt, else one line says how.
chromium:
	@$(PYTHON) -m tools.ensure_chromium

# The Schemathesis contract test has its own target (make contract), so it runs once in CI, not per database.
test: setup chromium
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) -m "not contract" $(PYTEST_ARGS)

test-sqlite: test

test-postgres: setup chromium
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(PY) -m pytest -n $(PYTEST_WORKERS) -m "not e2e and not contract" $(PYTEST_ARGS)

# The PostgreSQL suite with the page cache in Redis, as in production; every test keys under its own prefix.
test-postgres-redis: setup chromium
	@redis-cli -u $(CI_REDIS_URL) ping >/dev/null 2>&1 || { echo "Redis antwoordt niet op $(CI_REDIS_URL)"; exit 1; }
	REDIS_URL=$(CI_REDIS_URL) CACHE_KEY_PREFIX=werkmonitor-test-$$$$ $(MAKE) --no-print-directory test-postgres

test-e2e: setup chromium
	$(TEST_ENV) $(PY) -m pytest -m e2e $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

check: setup
	$(TEST_ENV) $(PY) manage.py check
	$(TEST_ENV) $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SECRET_KEY=$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))') DJANGO_ALLOWED_HOSTS=werkmonitor.example.nl \
		$(PY) manage.py check --deploy --fail-level WARNING

# The API's OpenAPI schema, committed in docs/openapi.yaml: `make schema` writes it, `make schema-check` fails when
# the code and the committed file differ.
schema: setup
	$(TEST_ENV) $(PY) manage.py spectacular --validate --fail-on-warn --file docs/openapi.yaml

schema-check: setup
	@mkdir -p var
	$(TEST_ENV) $(PY) manage.py spectacular --validate --fail-on-warn --file var/openapi-check.yaml
	@diff -u docs/openapi.yaml var/openapi-check.yaml || (echo "docs/openapi.yaml loopt achter op de code: draai make schema" && exit 1)

# Schemathesis against the committed schema, in-process through the WSGI app (nothing leaves the machine),
# on SQLite and on PostgreSQL (PG_URL): about two minutes each.
contract: setup
	$(TEST_ENV) $(PY) -m pytest -n $(PYTEST_WORKERS) -m contract tests/api/test_contract.py $(PYTEST_ARGS)
	$(TEST_ENV) DATABASE_URL=$(PG_URL) $(PY) -m pytest -n $(PYTEST_WORKERS) -m contract tests/api/test_contract.py $(PYTEST_ARGS)

ci: lint check schema-check test test-postgres-redis contract smoke

# The product as deployed: PostgreSQL, collectstatic (manifest), gunicorn, debug off, behind a TLS proxy.
smoke: setup chromium
	$(PY) -m tools.smoke --pg-url $(PG_URL) --redis-url $(CI_REDIS_URL) --port $(SMOKE_PORT)

# Bounded load on loopback against gunicorn: req/s and percentiles per page (sizes: demo,bench).
loadtest: setup
	$(PY) -m tools.loadtest --pg-url $(PG_URL) --port $(LOADTEST_PORT) --sizes $(LOADTEST_SIZES) \
		--users $(LOADTEST_USERS) --run-time $(LOADTEST_TIME) --mix $(LOADTEST_MIX)

bench: setup
	$(TEST_ENV) PG_URL=$(PG_URL) $(PY) manage.py bench --database sqlite,postgres $(BENCH_ARGS)

reset-local-db:
	rm -f var/werkmonitor.sqlite3

clean:
	rm -rf $(VENV) node_modules var/staticfiles
