"""Search over the everyday queries: time and top-3 hit rate, beside the plain backend.

Usage: python benchmarks/search.py [--rounds 5]

The queries are tests/search/everyday_queries.tsv. Two SQLite databases are
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

QUERIES = ROOT / "tests" / "search" / "everyday_queries.tsv"
TOP = 3


def everyday_queries() -> list[tuple[str, str]]:
    rows = []
    for line in QUERIES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, code, _kind = line.split("\t")
            rows.append((query, code))
    return rows


def measure(search, rows, rounds: int) -> tuple[list[float], int]:
    """Milliseconds per query over ``rounds`` passes (after one warm-up pass), and hits."""
    hits = sum(code in search(query) for query, code in rows)
    samples = []
    for _ in range(rounds):
        for query, _code in rows:
            start = time.perf_counter()
            search(query)
            samples.append((time.perf_counter() - start) * 1000)
    return samples, hits


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

    samples, hits = measure(search, everyday_queries(), rounds)
    return {"samples": samples, "hits": hits}


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

    samples, hits = measure(search, everyday_queries(), rounds)
    return {"samples": samples, "hits": hits}


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


def over_http(env: dict[str, str], rows, rounds: int) -> dict:
    with gunicorn(env, workers=1) as url, requests.Session() as session:

        def search(query: str) -> list[str]:
            response = session.get(f"{url}/api/v1/search", params={"q": query, "limit": TOP})
            assert response.status_code == 200, (query, response.status_code)
            return [hit["code"] for hit in response.json()]

        samples, hits = measure(search, rows, rounds)
    return {"samples": samples, "hits": hits}


def line(label: str, result: dict, total: int) -> str:
    p50, p95 = percentiles(result["samples"])
    rate = result["hits"] / total
    return f"{label:<58} p50 {p50:6.2f} ms  p95 {p95:6.2f} ms  top-{TOP} hits {result['hits']:>3}/{total} = {rate:6.1%}"


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
    rows = everyday_queries()
    stack_url = f"sqlite:///{ROOT / 'var' / 'bench_search.sqlite3'}"
    plain_url = f"sqlite:///{ROOT / 'var' / 'bench_search_plain.sqlite3'}"
    env = prepare(stack_url)
    manage(env, "update_index", "-v0")
    prepare(plain_url)

    http = over_http(env, rows, args.rounds)
    stack = run_worker("stack", stack_url, args.rounds)
    plain = run_worker("plain", plain_url, args.rounds)
    print(
        f"--- search over {len(rows)} everyday queries x {args.rounds} rounds, SQLite, one process"
    )
    print(line("with Chinese handling, GET /api/v1/search (gunicorn, 1 worker)", http, len(rows)))
    print(line("with Chinese handling, search.services.search in process", stack, len(rows)))
    print(line("plain modelsearch database backend, in process", plain, len(rows)))


if __name__ == "__main__":
    main()
