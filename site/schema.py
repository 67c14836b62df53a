"""Moved to ``core.schema``; this path stays while other branches still import it."""

from core.schema import LocalDateTime  # noqa: F401
