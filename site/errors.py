"""Moved to ``core.errors``; this path stays while other branches still import it."""

from core.errors import DomainError

__all__ = ["DomainError"]
