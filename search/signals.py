"""Keeping the search current when a guide or bundle is published."""

from __future__ import annotations

from wagtail.search import index

from search import phrasings


def on_published(sender, instance, **kwargs) -> None:
    # Wagtail indexes a page when the page row is saved, which on publishing
    # is before its situations and bundle rows are saved: index it again now
    # that all of it is in place.
    index.insert_or_update_object(instance)
    phrasings.forget_answered(instance)


def connect() -> None:
    from wagtail.signals import page_published

    from guides.models import BundlePage, MatterPage

    for model in (MatterPage, BundlePage):
        page_published.connect(on_published, sender=model, dispatch_uid=f"search-{model.__name__}")
