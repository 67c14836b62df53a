"""Rating links: a signed token carrying only the case's id, no personal data."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.urls import reverse

SALT = "ratings.rate"


def rating_token(case_id: int) -> str:
    # Signer (not dumps) keeps "ID:signature" short for a text message; the
    # salt keeps it apart from ticket tokens, so one cannot stand for the other.
    return signing.Signer(salt=SALT).sign(str(case_id))


def case_id_from_token(token: str) -> int:
    """The case id a token was signed for; raises signing.BadSignature if forged."""
    value = signing.Signer(salt=SALT).unsign((token or "").strip())
    if not value.isdigit():
        raise signing.BadSignature("not a case id")
    return int(value)


def rating_path(case_id: int) -> str:
    return reverse("rate_case", kwargs={"token": rating_token(case_id)})


def rating_url(case_id: int) -> str:
    return settings.SITE_URL.rstrip("/") + rating_path(case_id)
