"""Ratings follow the counter: a completed case brings the applicant a rating link."""

from django.dispatch import receiver

from casework.signals import case_completed
from ratings.services import invite_to_rate


@receiver(case_completed)
def invite_when_completed(sender, case, **kwargs):
    invite_to_rate(case=case)
