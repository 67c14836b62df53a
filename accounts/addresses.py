"""Moved to ``core.addresses``; this path stays while other branches still import it."""

from core.addresses import client_ip  # noqa: F401
