"""Ratings of completed cases, for tests.

RatingFactory rates through ratings.services.rate_case, as the rating link's
page does (a low score opens a follow-up); RatingRecordFactory writes a row
on a given day, for figures over a made-up past.
"""

from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from ratings import services
from ratings.links import rating_path
from ratings.models import Rating
from tests.casework.factories import CaseFactory, CaseRecordFactory


class RatingFactory(factory.Factory):
    """The applicant's rating of a completed case."""

    class Meta:
        model = Rating

    case = factory.SubFactory(CaseFactory, complete=True)
    score = 5
    comment = ""
    now = None

    @classmethod
    def _create(cls, model_class, **kwargs):
        return services.rate_case(**kwargs)


class RatingRecordFactory(DjangoModelFactory):
    """A rating row given at ``created_at`` (default: when the row is written)."""

    class Meta:
        model = Rating
        skip_postgeneration_save = True  # created_at is written by an update

    case = factory.SubFactory(CaseRecordFactory)
    score = 5

    @factory.post_generation
    def created_at(rating, create, extracted, **kwargs):
        # auto_now_add sets it on insert; a rating of a past day gets it afterwards.
        if create and extracted is not None:
            Rating.objects.filter(pk=rating.pk).update(created_at=extracted)
            rating.created_at = extracted


def rating_link(case) -> str:
    """The path of the rating page the applicant's link opens."""
    return rating_path(case.pk)
