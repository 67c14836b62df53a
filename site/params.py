"""Moved to ``core.params``; this path stays while other branches still import it."""

from core.params import date_param  # noqa: F401
