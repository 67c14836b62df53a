"""Province scale on PostgreSQL: the seed, the dashboards and the centre admin.

Usage: DATABASE_URL=postgres://... python benchmarks/province.py [--samples 30] [--skip-seed]

1. ``seed_scale --province`` (13 cities, 104 counties, 1,244 centres, 25,828
   staff, 60 days of slots, 500,000 appointments, 472,400 closed rated cases)
   and the dashboards' daily figures rebuilt from them: the seconds each took.
   On a database that already holds the province the seed adds nothing and
   only says how long checking took.
2. Through gunicorn (2 workers, real HTTP on loopback), logged in as the seeded
   accounts: the dashboard of the province, a city and a county official for
   the default 30 days and for a whole year, and the admin's centre list
   (first and a late page) and a centre's edit page: p50/p95 in milliseconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import PYTHON, ROOT, env_for, gunicorn, manage, percentiles, shell_json  # noqa: E402

PASSWORD = "scale-only-password"  # site/scale/staff.py
ADMIN = "province-admin@scale.example"
SETUP = f"""
import json
from django.contrib.auth import get_user_model
from centres.models import ServiceCentre
User = get_user_model()
if not User.objects.filter(username="{ADMIN}").exists():
    User.objects.create_superuser("{ADMIN}", "{ADMIN}", "{PASSWORD}")
centre = ServiceCentre.objects.filter(code__startswith="SIM").order_by("code")[600]
print(json.dumps({{"centre": centre.pk}}))
"""


def timed_command(env: dict[str, str], *args: str) -> tuple[float, str]:
    started = time.monotonic()
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return time.monotonic() - started, done.stdout


def log_in(url: str, email: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{url}/admin/login/")
    response = session.post(
        f"{url}/admin/login/",
        data={
            "login": email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        allow_redirects=False,
    )
    if response.status_code != 302:
        raise RuntimeError(f"{email} could not log in ({response.status_code})")
    return session


def measure(session: requests.Session, url: str, samples: int) -> tuple[float, float]:
    session.get(url).raise_for_status()  # warm: templates, caches, the worker's connection
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        response = session.get(url)
        times.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return percentiles(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--skip-seed", action="store_true")
    parser.add_argument("--skip-rebuild", action="store_true", help="the daily figures are fresh")
    args = parser.parse_args()
    database_url = os.environ.get("DATABASE_URL", "")
    if not database_url.startswith("postgres"):
        sys.exit("set DATABASE_URL to a PostgreSQL database (it is migrated and seeded)")
    env = env_for(database_url)
    manage(env, "migrate", "--noinput", "-v0")
    manage(env, "load_standard")
    if not args.skip_seed:
        seconds, out = timed_command(env, "seed_scale", "--province")
        print(f"seed_scale --province: {seconds:.1f} s (wall clock, including start-up)")
        for line in out.strip().splitlines():
            print(f"  {line}")
    if not args.skip_rebuild:
        seconds, _out = timed_command(env, "rebuild_dashboard_figures")
        print(f"rebuild_dashboard_figures (all days): {seconds:.1f} s")
    counts = shell_json(
        env,
        "import json; from casework.models import Case; from appointments.models import "
        "Appointment; from centres.models import ServiceCentre; from accounts.models import Profile; "
        "print(json.dumps({'centres': ServiceCentre.objects.count(), "
        "'staff': Profile.objects.exclude(role='').count(), "
        "'appointments': Appointment.objects.count(), 'cases': Case.objects.count()}))",
    )
    print("data: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    centre = shell_json(env, SETUP)["centre"]
    today = dt.date.today()
    year = f"from={today - dt.timedelta(days=364)}&to={today}"
    with gunicorn(env, workers=2) as url:
        rows = []
        for role in ("province", "city", "county"):
            session = log_in(url, f"{role}.00001@scale.example")
            for label, query in (("30 days", ""), ("a year", f"?{year}")):
                rows.append(
                    (f"dashboard, {role} official, {label}", session, f"/dashboard/{query}")
                )
        admin = log_in(url, ADMIN)
        rows += [
            ("admin centre list, page 1", admin, "/admin/centres/"),
            ("admin centre list, page 50", admin, "/admin/centres/?p=50"),
            ("admin centre edit page", admin, f"/admin/centres/edit/{centre}/"),
        ]
        print(f"{'page':<44} {'p50 ms':>8} {'p95 ms':>8}   ({args.samples} requests each)")
        for label, session, path in rows:
            p50, p95 = measure(session, f"{url}{path}", args.samples)
            print(f"{label:<44} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    main()
