# make run: set up and serve the demo; make test: set up and run the suite.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
MANAGE := $(BIN)/python manage.py

.PHONY: run test setup lint check demo-data messages benchmarks benchmarks-province screenshots clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[test,benchmarks]"
	touch $(STAMP)

setup: $(STAMP)

demo-data: setup
	$(MANAGE) migrate --noinput
	$(MANAGE) load_standard
	$(MANAGE) update_index
	$(MANAGE) seed_demo

run: demo-data
	@echo "Serving http://127.0.0.1:8000/ (admin at /admin/); the demo logins are printed above."
	@trap 'kill 0' INT TERM EXIT; \
	$(MANAGE) qcluster & \
	$(MANAGE) runserver 127.0.0.1:8000

# On every core by default: TEST_WORKERS=0 runs the suite in one process.
TEST_WORKERS ?= auto
test: setup
	$(BIN)/pytest -n $(TEST_WORKERS) $(PYTEST_ARGS)

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: setup
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.production ALLOWED_HOSTS=zwfw.example.cn REDIS_URL=redis://127.0.0.1:6379/0 \
		SITE_URL=https://zwfw.example.cn EMAIL_BACKEND=django.core.mail.backends.smtp.EmailBackend \
		SMS_BACKEND=check_only.SmsGateway \
		SECRET_KEY=check-only-$$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n') \
		PERSONAL_DATA_KEYS=$$($(BIN)/python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())") \
		PERSONAL_DATA_HASH_KEY=check-only $(MANAGE) check --deploy --fail-level WARNING

# The Chinese catalogue maps each message to itself: hits are much faster
# than misses in Django's chain of catalogues.
messages: setup
	rm -f locale/zh_Hans/LC_MESSAGES/django.po  # rebuilt whole: msgen keeps stale guesses
	$(MANAGE) makemessages -l en -l zh_Hans --no-obsolete --ignore=.venv --ignore=var --ignore=tests --ignore=benchmarks --ignore=docs
	msgen locale/zh_Hans/LC_MESSAGES/django.po -o locale/zh_Hans/LC_MESSAGES/django.po
	sed -i '/^msgstr\[1\]/d; /^#, fuzzy$$/d' locale/zh_Hans/LC_MESSAGES/django.po
	$(MANAGE) compilemessages --ignore=.venv

benchmarks: setup
	$(BIN)/python benchmarks/guide_page.py
	$(BIN)/python benchmarks/booking.py
	$(BIN)/python benchmarks/availability.py
	$(BIN)/python benchmarks/scan.py
	$(BIN)/python benchmarks/batch.py
	$(BIN)/python benchmarks/search.py
	$(BIN)/python benchmarks/outbox.py
	$(BIN)/python benchmarks/counter.py
	$(BIN)/python benchmarks/queue_burst.py
	$(BIN)/python benchmarks/rush/run.py

# The province's data on the PostgreSQL database named by DATABASE_URL (seeded once,
# then reused: seed_scale adds nothing the second time), and its benchmarks.
benchmarks-province: setup
	@test -n "$(DATABASE_URL)" || { echo "set DATABASE_URL=postgres://..."; exit 1; }
	$(BIN)/python benchmarks/province.py
	$(BIN)/python benchmarks/availability.py --province

# docs/screenshots/: the guide page and the booking time picker at 390 px, normal and
# elder mode, in Debian's headless Chromium (apt-get install chromium fonts-noto-cjk).
screenshots: setup
	$(BIN)/python -m tests.e2e.screenshots

clean:
	rm -rf $(VENV) db.sqlite3* var
