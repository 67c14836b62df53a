# make run: set up and serve the demo; make test: set up and run the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup lint check demo-data messages benchmarks clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test]"
	touch $(STAMP)

setup: $(STAMP)

demo-data: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_standard
	$(MANAGE) seed_demo

run: demo-data
	@echo "Serving http://127.0.0.1:8000/ (admin at /admin/); the demo logins are printed above."
	@trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) qcluster & \
	$(MANAGE) runserver 127.0.0.1:8000

test: setup
	$(BIN)/pytest $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.production SECRET_KEY=check-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		ALLOWED_HOSTS=zwfw.example.cn $(MANAGE) check --deploy --fail-level WARNING

messages: setup
	cd site && ../$(MANAGE) makemessages -l en --no-obsolete || true
	$(MANAGE) makemessages -l en --no-obsolete --ignore=.venv --ignore=site
	$(MANAGE) compilemessages --ignore=.venv

benchmarks: setup
	$(BIN)/python benchmarks/guide_page.py

clean:
	rm -rf $(VENV) db.sqlite3* var
