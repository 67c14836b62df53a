"""Search over residents' queries: top-3 hit rate, out-of-scope needs answered with
nothing, and time, beside the plain backend.

Usage: python benchmarks/search.py [--rounds 5]

The queries are tests/search/queries/ (tests/search/query_sets.py): the tuning
part, the four held-out parts (never tuned on) and the out-of-scope needs. Rates are
given for each part; times are over all queries. Two SQLite databases are
prepared under var/ (migrate + load_standard, reused between runs) and
indexed afresh:

- bench_search.sqlite3, the project as it is: the index holds the guides
  cut into words and the pinyin of names and aliases, and queries go
  through search.services.search. Timed over HTTP (GET /api/v1/search,
  gunicorn with one worker, sequential requests over loopback) and in
  process.
- bench_search_plain.sqlite3, the baseline: the same pages indexed with
  the search fields the models had before (title, code, aliases and
  summary as written), and each query sent as it is to Wagtail's
  database search backend (modelsearch, operator "or"), in process.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import PYTHON, ROOT, env_for, gunicorn, manage, percentiles, prepare  # noqa: E402

sys.path.insert(0, str(ROOT))
from tests.search import query_sets  # noqa: E402

TOP = query_sets.TOP


def all_rows() -> dict[str, list]:
    return {
        "tuning": query_sets.in_scope("tuning"),
        "heldout": query_sets.in_scope("heldout"),
        "out-of-scope tuning": query_sets.out_of_scope("tuning"),
        "out-of-scope heldout": query_sets.out_of_scope("heldout"),
        "out-of-scope probe": query_sets.out_of_scope_probe(),
        "heldout fresh": query_sets.in_scope("heldout_fresh"),
        "out-of-scope fresh": query_sets.out_of_scope_fresh(),
        "heldout third": query_sets.in_scope("heldout_third"),
        "out-of-scope third": query_sets.out_of_scope_third(),
        "heldout fourth": query_sets.in_scope("heldout_fourth"),
        "out-of-scope fourth": query_sets.out_of_scope_fourth(),
    }


def measure(search, rounds: int) -> dict:
    """Rates per part (the first pass, which also warms up), then milliseconds per query
    over ``rounds`` passes over every query."""
    parts = all_rows()
    rates = {}
    for name, rows in parts.items():
        if name.startswith("out-of-scope"):
            score = query_sets.answered_with_nothing(search, rows)
        else:
            score = query_sets.top_three(search, rows)
        rates[name] = [score.hits, score.total]
    samples = []
    for _ in range(rounds):
        for rows in parts.values():
            for row in rows:
                start = time.perf_counter()
                search(row.query)
                samples.append((time.perf_counter() - start) * 1000)
    return {"samples": samples, "rates": rates}


# --- in-process workers, each in its own process and database -----------------


def _setup_django(database_url: str) -> None:
    os.environ.update(env_for(database_url))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def worker_stack(rounds: int) -> dict:
    from search import services

    def search(query: str) -> list[str]:
        return [hit.code for hit in services.search(query, limit=TOP)]

    return measure(search, rounds)


def worker_plain(rounds: int) -> dict:
    from django.core.management import call_command
    from wagtail.models import Page
    from wagtail.search import index
    from wagtail.search.backends import get_search_backend

    from guides.models import BundlePage, MatterPage

    # The search fields of the models before the Chinese handling.
    MatterPage.search_fields = [
        *Page.search_fields,
        index.SearchField("code"),
        index.SearchField("common_names"),
        index.SearchField("summary"),
        index.FilterField("department"),
        index.FilterField("audience"),
    ]
    BundlePage.search_fields = [
        *Page.search_fields,
        index.SearchField("common_names"),
        index.SearchField("summary"),
    ]
    call_command("update_index", verbosity=0)
    codes = {page.pk: page.code for page in MatterPage.objects.all()}
    codes |= {page.pk: page.code for page in BundlePage.objects.all()}
    backend = get_search_backend()
    pages = Page.objects.live().type(MatterPage, BundlePage)

    def search(query: str) -> list[str]:
        results = backend.search(query, pages, operator="or")[:TOP]
        return [codes[page.pk] for page in results]

    return measure(search, rounds)


def run_worker(kind: str, database_url: str, rounds: int) -> dict:
    out = subprocess.run(
        [
            PYTHON,
            __file__,
            "--worker",
            kind,
            "--database-url",
            database_url,
            "--rounds",
            str(rounds),
        ],
        cwd=ROOT,
        env=env_for(database_url),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


# --- the whole stack over HTTP -------------------------------------------------


def over_http(env: dict[str, str], rounds: int) -> dict:
    port = int(os.environ["SEARCH_BENCH_PORT"]) if os.environ.get("SEARCH_BENCH_PORT") else None
    with gunicorn(env, workers=1, port=port) as url, requests.Session() as session:

        def search(query: str) -> list[str]:
            response = session.get(f"{url}/api/v1/search", params={"q": query, "limit": TOP})
            assert response.status_code == 200, (query, response.status_code)
            return [hit["code"] for hit in response.json()]

        return measure(search, rounds)


def lines(label: str, result: dict) -> list[str]:
    p50, p95 = percentiles(result["samples"])
    out = [f"{label}: p50 {p50:6.2f} ms  p95 {p95:6.2f} ms"]
    for name, (hits, total) in result["rates"].items():
        what = "answered with nothing" if name.startswith("out-of-scope") else f"top-{TOP}"
        out.append(f"    {name:<22} {what:<22} {hits:>3}/{total:<3} = {hits / total:6.1%}")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", choices=["stack", "plain"])
    parser.add_argument("--database-url")
    args = parser.parse_args()

    if args.worker:
        _setup_django(args.database_url)
        worker = worker_stack if args.worker == "stack" else worker_plain
        print(json.dumps(worker(args.rounds)))
        return

    (ROOT / "var").mkdir(exist_ok=True)
    count = sum(len(rows) for rows in all_rows().values())
    stack_url = f"sqlite:///{ROOT / 'var' / 'bench_search.sqlite3'}"
    plain_url = f"sqlite:///{ROOT / 'var' / 'bench_search_plain.sqlite3'}"
    env = prepare(stack_url)
    manage(env, "update_index", "-v0")
    prepare(plain_url)

    http = over_http(env, args.rounds)
    stack = run_worker("stack", stack_url, args.rounds)
    plain = run_worker("plain", plain_url, args.rounds)
    print(f"--- search over {count} queries x {args.rounds} rounds, SQLite, one process")
    for label, result in (
        ("the search, GET /api/v1/search (gunicorn, 1 worker)", http),
        ("the search, search.services.search in process", stack),
        ("plain modelsearch database backend, in process", plain),
    ):
        print("\n".join(lines(label, result)))


if __name__ == "__main__":
    main()
