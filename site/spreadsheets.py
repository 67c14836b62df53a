"""Moved to ``core.spreadsheets``; this path stays while other branches still import it."""

from core.spreadsheets import FORMULA_STARTS, neutralise  # noqa: F401
