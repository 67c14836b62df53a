"""Reads of enterprises and their batches, as an officer may see them."""

from __future__ import annotations

from django.utils.translation import gettext as _

from enterprises import officers
from enterprises.models import Batch, Enterprise


def enterprises_of(user):
    """Enterprises the user acts for: approved officers only."""
    return Enterprise.objects.filter(pk__in=officers.approved(user).values("enterprise"))


def batches_of(user):
    """Batches of the enterprises the user is an approved officer of."""
    return Batch.objects.filter(enterprise__in=enterprises_of(user)).select_related(
        "appointment__centre", "enterprise"
    )


def batch_of(user, reference: str) -> Batch:
    from django.http import Http404

    batch = batches_of(user).filter(appointment__reference=reference.strip().upper()).first()
    if batch is None:
        raise Http404(_("没有找到这个批量预约。"))
    return batch


def officer_of(user, enterprise: Enterprise) -> bool:
    """Whether the user is an approved officer of the enterprise (a pending request is not)."""
    return officers.is_approved(user, enterprise)
