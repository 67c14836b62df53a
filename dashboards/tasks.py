"""The worker's job for the dashboards."""

from dashboards import figures


def refresh_figures() -> int:
    """Recompute the daily figures of the days that changed lately."""
    return figures.refresh_recent()
