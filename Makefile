# The commands of the README. Everything else lives in scripts/dev.
.PHONY: run dev test stop lint format messages
APPS := accounts cases offers volunteers authorisations portal reports privacy

run:   ## install what is missing, start the local database, serve the demo on :8000 the production way
	@scripts/dev run

dev:   ## the autoreloading development server (DEBUG on) with the demo on :8000
	@scripts/dev dev

test:  ## the whole suite (ruff, pytest incl. browser tests) on a real PostgreSQL
	@scripts/dev test $(ARGS)

stop:  ## stop the project-local PostgreSQL cluster
	@scripts/dev stop

lint:
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .
	@.venv/bin/lint-imports --no-cache --no-logo
	@.venv/bin/bandit -q -r . -x ./.venv,./tests,./var,./bench --severity-level medium

format:
	@.venv/bin/ruff check --fix . && .venv/bin/ruff format .

# Each app keeps its own catalogue (<app>/locale); locale/ holds the shared templates and settings.
messages:  ## update the English .po files after changing German texts
	@for app in $(APPS); do (cd $$app && mkdir -p locale && ../.venv/bin/python ../manage.py makemessages -l en --no-obsolete); done
	@.venv/bin/python manage.py makemessages -l en --no-obsolete --ignore=.venv --ignore=var $(APPS:%=--ignore=%/*.py) $(APPS:%=--ignore=%/templates)
