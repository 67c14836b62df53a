"""Time to serve a guide page through the full Django stack, as a ratio to a small static file.

Usage: python benchmarks/guide_page.py [--requests 300]
One gunicorn worker, sequential requests over loopback HTTP, on a SQLite
database prepared under var/ (migrate + load_standard, reused between runs).
Two runs: the page cache off (the target's case: every guide is rendered,
its material list and history come from the cached selectors behind
get_context) and the page cache on.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from support import ROOT, gunicorn, percentiles, prepare  # noqa: E402


def timed(session: requests.Session, url: str, n: int) -> list[float]:
    samples = []
    for _ in range(n):
        start = time.perf_counter()
        response = session.get(url)
        samples.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, (url, response.status_code)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    args = parser.parse_args()
    (ROOT / "var").mkdir(exist_ok=True)
    env = prepare(f"sqlite:///{ROOT / 'var' / 'bench_guides.sqlite3'}")
    urls = {
        "guide page /guides/js-mz-03/": "/guides/js-mz-03/",
        "small file /robots.txt (Django view, all middleware)": "/robots.txt",
        "small file print.css (WhiteNoise, before the middleware)": "/static/css/print.css",
    }
    runs = (
        ("uncached (page cache off)", "0"),
        ("page cache on", "600"),
    )
    for label, page_seconds in runs:
        settings = {"PAGE_CACHE_SECONDS": page_seconds}
        with (
            gunicorn({**env, **settings}, workers=1) as url,
            requests.Session() as session,
        ):
            for path in urls.values():
                timed(session, url + path, 20)  # warm up
            # Interleave the runs so that machine noise hits all alike.
            samples = {name: [] for name in urls}
            for _ in range(max(1, args.requests // 20)):
                for name, path in urls.items():
                    samples[name] += timed(session, url + path, 20)
        figures = {name: percentiles(values) for name, values in samples.items()}
        print(f"--- {label} ({args.requests} requests each, one gunicorn worker, SQLite)")
        for name, (p50, p95) in figures.items():
            print(f"{name:<58} median {p50:6.2f} ms  p95 {p95:6.2f} ms")
        guide, robots, static = figures.values()
        print(
            f"ratio guide / robots.txt   median {guide[0] / robots[0]:.2f}  p95 {guide[1] / robots[1]:.2f}  (target <= 5 uncached)"
        )
        print(
            f"ratio guide / WhiteNoise   median {guide[0] / static[0]:.2f}  p95 {guide[1] / static[1]:.2f}"
        )


if __name__ == "__main__":
    main()
