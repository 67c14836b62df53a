"""Text bound for a spreadsheet: a cell must never become a formula in the reader's Excel."""

from __future__ import annotations

# What Excel, LibreOffice and WPS read as the start of a formula (or, for tab
# and carriage return, what hides one after a separator).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(text: str) -> str:
    """A cell that would start a formula gets a leading single quote, which shows it as text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text
