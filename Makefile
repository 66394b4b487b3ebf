# Two commands set everything up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PORT ?= 8000
VENV := .venv
BIN := $(VENV)/bin
# The first Python 3.12+ found (a .python-version file makes pyenv pick 3.13).
PYTHON ?= $(shell for p in python3 python3.13 python3.12; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null \
	&& { echo $$p; break; }; done)

.PHONY: help run test fuzz lint format bench bench-faults bench-nginx bench-front-desk \
	screenshots lock upgrade clean-venv messages

help:
	@echo "make run          serve the site, its task worker and scheduler on http://127.0.0.1:$(PORT)"
	@echo "make test         run the whole test suite (lint, server-side and browser tests)"
	@echo "make fuzz         the hostile-input properties with many more examples (minutes)"
	@echo "make bench        measure requests per second and callback latency (needs wrk)"
	@echo "make bench-faults the callback form under load and faults (BENCH_ARGS='--only load')"
	@echo "make bench-nginx  the explainer through the deploy recipe's nginx vs a static file"
	@echo "make bench-front-desk  the front desk's list and CSV download with 100,000 requests"
	@echo "make screenshots  write PNGs of the key pages into docs/screenshots/"
	@echo "make lint         ruff check and format check; make format to fix formatting"
	@echo "make messages     collect new words to translate into locale/es/LC_MESSAGES/django.po"
	@echo "make lock         update requirements/*.txt after editing pyproject.toml"
	@echo "make upgrade      upgrade every locked package as far as pyproject.toml allows"

# --- the virtual environment -------------------------------------------------

# Installed only from the lock files in requirements/ (exact versions, every file's hash;
# `make lock` writes them). The venv's own pip does the installing: upgrading it would be
# a download that no lock pins.
$(BIN)/python:
	@if [ -z "$(PYTHON)" ]; then \
		echo "This site needs Python 3.12 or newer, and none was found."; \
		echo "Install Python 3.13 (for example with pyenv) and try again."; exit 1; fi
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed-run: requirements/run.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/run.txt
	@touch $@

# test.txt holds everything in run.txt, at the same versions.
$(VENV)/.installed-test: requirements/test.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements/test.txt
	@touch $@ $(VENV)/.installed-run

# --- the lock files ----------------------------------------------------------

# pip-tools, pinned, in a venv of its own that nothing else uses.
PIP_TOOLS_VERSION := 7.6.2
LOCK_VENV := .venv-lock
$(LOCK_VENV)/.pip-tools-$(PIP_TOOLS_VERSION):
	@if [ -z "$(PYTHON)" ]; then echo "Locking needs Python 3.12 or newer."; exit 1; fi
	rm -rf $(LOCK_VENV)
	$(PYTHON) -m venv $(LOCK_VENV)
	$(LOCK_VENV)/bin/python -m pip install --quiet pip-tools==$(PIP_TOOLS_VERSION)
	@touch $@

# Every file of each pinned version gets its hash. --strip-extras writes psycopg[binary] as
# psycopg and psycopg-binary, so test.txt can serve as a constraint file; --allow-unsafe
# locks setuptools too (textstat declares it); this machine's find-links and extra index
# (pip's config) stay out of the files.
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(LOCK_VENV)/bin/pip-compile --quiet \
	--generate-hashes --strip-extras --allow-unsafe --no-emit-index-url --no-emit-find-links

# test.txt is compiled first, from [project] dependencies and the test extra together;
# run.txt is compiled next with test.txt as a constraint, so every package the two share
# has the same version and hashes in both. (The other order would pin runtime packages
# without regard to the test tools, which could then find no version to fit.) run.txt
# always takes --upgrade: test.txt pins all of it, so that only drops its old pins.
# `make lock` keeps every pin that pyproject.toml still allows; `make upgrade` takes the
# newest versions it allows.
lock: | $(LOCK_VENV)/.pip-tools-$(PIP_TOOLS_VERSION)
	$(PIP_COMPILE) --extra test --output-file requirements/test.txt pyproject.toml
	$(PIP_COMPILE) --upgrade --constraint requirements/test.txt \
		--output-file requirements/run.txt pyproject.toml

upgrade: | $(LOCK_VENV)/.pip-tools-$(PIP_TOOLS_VERSION)
	$(PIP_COMPILE) --upgrade --extra test --output-file requirements/test.txt pyproject.toml
	$(PIP_COMPILE) --upgrade --constraint requirements/test.txt \
		--output-file requirements/run.txt pyproject.toml

# --- the Spanish messages ----------------------------------------------------

# Patients' words in Spanish: locale/es/LC_MESSAGES/django.po (edited, committed), compiled
# here to django.mo (not committed) by GNU gettext's msgfmt whenever the .po is newer.
# `make messages` collects new strings from the code into the .po files.
MESSAGES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))
locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	@command -v msgfmt >/dev/null 2>&1 || { echo "Compiling the Spanish messages needs \
	GNU gettext's msgfmt: apt-get install gettext"; exit 1; }
	msgfmt --check --output-file=$@ $<

messages: $(VENV)/.installed-test
	$(BIN)/python manage.py makemessages --all --add-location=file --no-obsolete --ignore=tools \
		--ignore=var --ignore=.venv --ignore=benchmarks --ignore=tests \
		--ignore=templates/admin --ignore=templates/staff --ignore=due_words.py

# --- make run ----------------------------------------------------------------

# Safe local values for the production settings, written once and kept.
var/local.env: | $(BIN)/python
	@mkdir -p -m 700 var
	@{ echo "# Written once by 'make run' for this machine only. Not for a real deployment."; \
	  echo "DJANGO_SETTINGS_MODULE=config.settings.prod"; \
	  echo "SECRET_KEY=$$($(BIN)/python -c 'import secrets; print(secrets.token_urlsafe(50))')"; \
	  echo "ALLOWED_HOSTS=127.0.0.1,localhost"; \
	  echo "HTTPS=false"; \
	  echo "SITE_URL=http://127.0.0.1:$(PORT)"; \
	  echo "EMAIL_URL=console://"; \
	  echo "STAFF_NOTIFICATION_EMAILS=front-desk@localhost"; \
	} > $@
	@chmod 600 $@
	@echo "Wrote var/local.env (a secret key for this machine and local defaults)."

# var/ holds patients' details: only this user may read it (folders 0700, files 0600).
# The site's processes create files that way themselves (umask 077, config/settings/prod.py);
# the chmod tightens a var/ left by an older run, which production settings would refuse.
# Uploaded pictures are served by Django here (SERVE_MEDIA), by the proxy in a deployment.
# supervisord (config/supervisord.conf) runs gunicorn, the task worker and the scheduler in
# the foreground and starts again, within seconds, whichever of them dies.
run: $(VENV)/.installed-run var/local.env $(MESSAGES)
	@chmod -R go-rwx var
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_starter_content
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/python manage.py clear_page_cache
	@echo "Serving on http://127.0.0.1:$(PORT)/  (Ctrl-C stops the site, its worker and scheduler;"
	@echo "each is started again if it dies; requests are logged in var/log/access.log)"
	umask 077; export VAR_DIR="$${VAR_DIR:-$(CURDIR)/var}"; mkdir -p "$$VAR_DIR/log" "$$VAR_DIR/run"; \
		PATH="$(CURDIR)/$(BIN):$$PATH" PORT=$(PORT) SITE_URL="$${SITE_URL:-http://127.0.0.1:$(PORT)}" \
		SERVE_MEDIA="$${SERVE_MEDIA:-true}" \
		exec $(BIN)/supervisord --configuration config/supervisord.conf

# --- checks ------------------------------------------------------------------

# W3C's Nu HTML Checker, from npm, for the HTML validity test.
VNU := tools/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU): tools/package.json tools/package-lock.json
	@if command -v npm >/dev/null 2>&1; then \
		npm ci --prefix tools --no-audit --no-fund --loglevel=error && touch $@; \
	else echo "npm is missing: the HTML validity test will skip (or fail when CI is set)."; fi

test: $(VENV)/.installed-test $(VNU) $(MESSAGES)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The property-based tests of hostile input, 25 times the examples `make test` tries.
fuzz: $(VENV)/.installed-test
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest -q tests/appointments/test_hostile_input.py \
		tests/appointments/test_hostile_admin_input.py $(PYTEST_ARGS)

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.installed-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

bench: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.run

# Each scenario, or those named: make bench-faults BENCH_ARGS='--only smtp-down,web-kill'
bench-faults: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.faults $(BENCH_ARGS)

bench-nginx: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.behind_nginx

# SQLite, and PostgreSQL too when DATABASE_URL points at it (a throw-away database beside it).
bench-front-desk: $(VENV)/.installed-test
	$(BIN)/python -m benchmarks.front_desk

screenshots: $(VENV)/.installed-test
	SCREENSHOTS_DIR=docs/screenshots $(BIN)/python -m pytest -q tests/browser/test_screenshots.py
	@echo "Wrote docs/screenshots/*.png"

clean-venv:
	rm -rf $(VENV) $(LOCK_VENV)
