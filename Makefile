# Recovery Site: `make run` serves the site with demo content, `make test` runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
# Links in pages and staff email name the port the development server listens on, and
# staff email (printed to the terminal under debug) goes to a made-up intake address.
DEV_ENV := DJANGO_DEBUG=1 DJANGO_SITE_DOMAIN=$${DJANGO_SITE_DOMAIN:-127.0.0.1:$(PORT)} \
	DJANGO_CALLBACK_NOTIFY_EMAILS=$${DJANGO_CALLBACK_NOTIFY_EMAILS:-intake@localhost}

.PHONY: run test lint superuser migrate demo clean screenshots lighthouse

# Each step says what it does; pip shows what it downloads and installs (the first
# install takes a few minutes, later ones seconds).
STEP = @printf '\n==> %s\n' 

$(BIN)/python:
	$(STEP) "Creating a Python virtual environment in $(VENV)/ (a few seconds)"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --progress-bar on --upgrade pip

$(VENV)/.runtime-installed: requirements.txt | $(BIN)/python
	$(STEP) "Installing the site's packages (about 2-3 minutes the first time; pip's progress follows)"
	$(BIN)/pip install --progress-bar on -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(BIN)/python
	$(STEP) "Installing the site's and the test tools' packages (about 3-4 minutes the first time; pip's progress follows)"
	$(BIN)/pip install --progress-bar on -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

migrate: $(VENV)/.runtime-installed
	$(STEP) "Creating or updating the database (db.sqlite3)"
	$(DEV_ENV) $(BIN)/python manage.py migrate --noinput

demo: migrate
	$(STEP) "Loading the demo articles and pictures (drawn the first time: about 10 seconds)"
	$(DEV_ENV) $(BIN)/python manage.py load_demo_content

# The site and the task worker that emails staff about call-back requests (printed to
# this terminal under debug); Ctrl+C stops both.
run: demo
	@echo ""
	@echo "  Recovery Site is running at http://127.0.0.1:$(PORT)/"
	@echo "  Admin: http://127.0.0.1:$(PORT)/admin/  (create a login with: make superuser)"
	@echo ""
	@$(DEV_ENV) $(BIN)/python manage.py db_worker --no-reload & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT; \
	$(DEV_ENV) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

superuser: migrate
	$(DEV_ENV) $(BIN)/python manage.py createsuperuser

test: $(VENV)/.dev-installed
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The README's screenshots (docs/screenshots/: public pages, a profile, admin pages),
# 390 and 1280 px wide, from a throwaway demo site (needs Debian's chromium).
screenshots: $(VENV)/.dev-installed
	$(BIN)/python scripts/screenshots.py

# Lighthouse (npm, pinned in scripts/lighthouse/) on six public pages with Debian's
# chromium, mobile preset, against gunicorn; writes docs/lighthouse.md. RUNS=1 is quicker.
LIGHTHOUSE := scripts/lighthouse/node_modules/.bin/lighthouse
$(LIGHTHOUSE): scripts/lighthouse/package.json scripts/lighthouse/package-lock.json
	npm ci --prefix scripts/lighthouse --no-audit --no-fund
	touch $@

lighthouse: $(VENV)/.dev-installed $(LIGHTHOUSE)
	$(BIN)/python scripts/lighthouse.py

lint: $(VENV)/.dev-installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(DEV_ENV) $(BIN)/python manage.py check
	$(DEV_ENV) $(BIN)/python manage.py makemigrations --check --dry-run

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache scripts/lighthouse/node_modules
