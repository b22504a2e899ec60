# The two commands of the README. Everything else lives in scripts/dev.
.PHONY: run test stop lint format messages

run:   ## install what is missing, start the local database, load the demo, serve :8000
	@scripts/dev run

test:  ## the whole suite (ruff, pytest incl. browser tests) on a real PostgreSQL
	@scripts/dev test $(ARGS)

stop:  ## stop the project-local PostgreSQL cluster
	@scripts/dev stop

lint:
	@.venv/bin/ruff check . && .venv/bin/ruff format --check .

format:
	@.venv/bin/ruff check --fix . && .venv/bin/ruff format .

messages:  ## update the German/English .po files after changing texts
	@.venv/bin/python manage.py makemessages -l en --ignore=.venv --ignore=var --no-obsolete
