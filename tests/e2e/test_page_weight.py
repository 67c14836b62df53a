"""Page weight and hosts: what a phone downloads for the guide and the booking pages.

Not a browser test: the Django test client fetches each page and everything it
links (stylesheets, scripts), and gzip measures what a server would send.
Images (the QR code) are left aside. Every page must come from this site alone.
"""

from __future__ import annotations

import gzip
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
import time_machine

from appointments import services
from appointments.tickets import ticket_path
from guides.models import MatterPage
from tests.appointments.factories import applicant, local, make_centre, make_user

pytestmark = pytest.mark.django_db

BUDGET = 100 * 1024  # bytes over the wire, HTML + CSS + JS, gzip-compressed
GZIP_LEVEL = 6  # nginx's and most servers' usual setting
NOW = local(2026, 11, 23, 8, 0)  # a Monday: the next days are bookable
SITE = "testserver"


class Assets(HTMLParser):
    """The URLs a page makes the browser fetch, and every src/href of link, script and img."""

    def __init__(self) -> None:
        super().__init__()
        self.fetched: list[str] = []
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("src", "href", "data-stylesheet"):
            if tag in {"link", "script", "img"} and attrs.get(name):
                self.urls.append(attrs[name])
        if tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.fetched.append(attrs["href"])
        if tag == "script" and attrs.get("src"):
            self.fetched.append(attrs["src"])
            # A script that adds a stylesheet of its own names it here.
            if attrs.get("data-stylesheet"):
                self.fetched.append(attrs["data-stylesheet"])


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def foreign(url: str) -> bool:
    parts = urlsplit(urljoin(f"http://{SITE}/", url))
    return parts.scheme in {"http", "https"} and parts.hostname != SITE


@pytest.fixture
def pages(client):
    """Every page the browser journeys visit, by name, with a logged-in resident."""
    with time_machine.travel(NOW, tick=False):
        centre = make_centre()
        user = make_user("weight@test.local")
        client.force_login(user)
        appointment = services.book_appointment(
            centre=centre,
            start=local(2026, 11, 24, 9),
            matters=list(MatterPage.objects.filter(code="JS-MZ-01")),
            applicant=applicant(),
            booked_by=user,
        )
        state = f"matters=JS-MZ-03&situations=JS-MZ-03-02&centre={centre.pk}"
        start = "2026-11-25T09%3A00%3A00%2B08%3A00"
        urls = {
            "home": "/",
            "guide index": "/guides/",
            "guide page": "/guides/js-mz-01/",
            "bundle page": "/guides/js-b-02/",
            "printable checklist": "/guides/js-mz-01/checklist/",
            "search": "/search/?q=%E4%BD%8E%E4%BF%9D",
            "book: matters": "/book/",
            "book: situation": "/book/situations/?matters=JS-MZ-03",
            "book: centre": "/book/centre/?matters=JS-MZ-03&situations=JS-MZ-03-02",
            "book: day": f"/book/day/?{state}",
            "book: time": f"/book/time/?{state}&date=2026-11-25",
            "book: confirm": f"/book/confirm/?{state}&date=2026-11-25&start={start}",
            "appointment": f"/appointments/{appointment.reference}/",
            "my appointments": "/appointments/",
            "ticket": ticket_path(appointment.reference),
        }
        yield client, urls


# The pages with a budget: the guide page, each page of the booking flow and where it ends.
WEIGHED = [
    "guide page",
    "book: matters",
    "book: situation",
    "book: centre",
    "book: day",
    "book: time",
    "book: confirm",
    "appointment",
]


def transfer_size(client, url: str) -> tuple[int, list[tuple[str, int]]]:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = body(response)
    parts = [(url, len(gzip.compress(html, GZIP_LEVEL)))]
    assets = Assets()
    assets.feed(html.decode())
    for asset in dict.fromkeys(assets.fetched):  # each file once, as a browser caches it
        fetched = client.get(asset)
        assert fetched.status_code == 200, (asset, fetched.status_code)
        parts.append((asset, len(gzip.compress(body(fetched), GZIP_LEVEL))))
    return sum(size for _name, size in parts), parts


def test_guide_and_booking_pages_stay_under_100_kb(pages):
    client, urls = pages
    over, lines = [], []
    with time_machine.travel(NOW, tick=False):
        for name in WEIGHED:
            total, parts = transfer_size(client, urls[name])
            detail = ", ".join(f"{urlsplit(u).path} {size / 1024:.1f}" for u, size in parts)
            lines.append(f"  {name:<16} {total / 1024:6.1f} KB  ({detail})")
            if total > BUDGET:
                over.append(f"{name}: {total / 1024:.1f} KB")
    # The figures of every page come with a failure (HTML + CSS + JS, images aside).
    assert not over, f"over the {BUDGET // 1024} KB budget (gzip {GZIP_LEVEL}): {over}\n" + (
        "\n".join(lines)
    )


def test_no_page_loads_anything_from_another_host(pages):
    client, urls = pages
    found = []
    with time_machine.travel(NOW, tick=False):
        for name, url in urls.items():
            response = client.get(url)
            assert response.status_code == 200, (name, response.status_code)
            assets = Assets()
            assets.feed(body(response).decode())
            found += [f"{name}: {u}" for u in assets.urls if foreign(u)]
            for asset in dict.fromkeys(assets.fetched):
                text = body(client.get(asset)).decode()
                # Stylesheets and scripts may not reach out either (@import, url(), fetch).
                found += [
                    f"{name}: {asset} -> {u}"
                    for u in re.findall(r"""https?://[^\s"')]+""", text)
                    if foreign(u) and not u.startswith("http://www.w3.org/")
                ]
    assert not found, "third-party hosts:\n" + "\n".join(found)
