"""Who acts for an enterprise: requests to become an officer, approvals, refusals, removals.

Knowing an enterprise's USCC and registered name proves nothing (both are printed
on its licence), so they only file a request. The first officer of a newly
registered enterprise is approved by an administrator who has checked the
licence; later requests by one of the enterprise's approved officers. Every
change is written to the enterprise's log (``EnterpriseLog``) in the same
transaction, and the approved officers are told by e-mail after the commit.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_q.tasks import async_task

from core.errors import DomainError
from enterprises.models import Enterprise, EnterpriseAction, EnterpriseLog, Officer, OfficerStatus

# Administrators (who check licences) hold this permission; superusers have every permission.
ADMIN_PERMISSION = "enterprises.change_officer"
# Actions every approved officer is told about by e-mail.
TOLD_ACTIONS = (
    EnterpriseAction.REGISTERED,
    EnterpriseAction.REQUESTED,
    EnterpriseAction.APPROVED,
    EnterpriseAction.REFUSED,
    EnterpriseAction.REMOVED,
)


class OfficerError(DomainError):
    status = 400
    default_message = _("无法处理这个经办人申请。")


class NotAllowed(OfficerError):
    status = 403
    default_message = _("只有该企业已通过审核的经办人或系统管理员可以这样做。")


class AlreadyDecided(OfficerError):
    status = 409
    default_message = _("这个申请已经处理过了。")


class LastOfficer(OfficerError):
    status = 409
    default_message = _("不能移除企业的最后一位经办人。")


# --- reads -----------------------------------------------------------------------


def approved(user) -> QuerySet[Officer]:
    """The user's approved officer rows (none for an anonymous user)."""
    if not getattr(user, "is_authenticated", False):
        return Officer.objects.none()
    return Officer.objects.filter(user=user, status=OfficerStatus.APPROVED)


def is_approved(user, enterprise: Enterprise) -> bool:
    return approved(user).filter(enterprise=enterprise).exists()


def is_admin(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.has_perm(ADMIN_PERMISSION))


def requests_of(user):
    """The user's own rows that are not approved: pending, refused or removed."""
    return (
        Officer.objects.filter(user=user)
        .exclude(status=OfficerStatus.APPROVED)
        .select_related("enterprise")
    )


def pending_for(user):
    """Pending requests the user may decide as an approved officer of the enterprise."""
    return (
        Officer.objects.filter(
            status=OfficerStatus.PENDING,
            enterprise__in=approved(user).values("enterprise"),
        )
        .select_related("enterprise", "user")
        .order_by("joined_at")
    )


def officers_of(enterprise: Enterprise):
    return (
        Officer.objects.filter(enterprise=enterprise, status=OfficerStatus.APPROVED)
        .select_related("user")
        .order_by("decided_at", "pk")
    )


def log_of(user, limit: int = 100):
    """The log of the enterprises the user is an approved officer of, newest first."""
    return EnterpriseLog.objects.filter(
        enterprise__in=approved(user).values("enterprise")
    ).select_related("enterprise", "actor", "subject", "batch__appointment")[:limit]


# --- the log ---------------------------------------------------------------------


def record(
    *,
    enterprise: Enterprise,
    actor,
    action: str,
    subject=None,
    batch=None,
    detail: str = "",
) -> EnterpriseLog:
    """Write one line of the enterprise's log; membership changes are mailed after commit."""
    entry = EnterpriseLog.objects.create(
        enterprise=enterprise,
        actor=actor,
        action=action,
        subject=subject,
        batch=batch,
        detail=detail[:200],
    )
    if action in TOLD_ACTIONS:
        transaction.on_commit(lambda: async_task("enterprises.tasks.tell_officers", entry.pk))
    return entry


# --- changes ---------------------------------------------------------------------


def _locked(enterprise: Enterprise) -> Enterprise:
    # Membership changes of one enterprise run one at a time, so two officers
    # removing each other cannot leave it with none.
    return Enterprise.objects.select_for_update().get(pk=enterprise.pk)


@transaction.atomic
def request(*, user, enterprise: Enterprise, registered: bool = False) -> Officer:
    """File (or renew) the user's request to act for the enterprise; nothing is granted."""
    _locked(enterprise)
    officer, created = Officer.objects.get_or_create(enterprise=enterprise, user=user)
    if not created:
        if officer.status in (OfficerStatus.APPROVED, OfficerStatus.PENDING):
            return officer
        # Refused or removed before: a new request, decided afresh.
        officer.status = OfficerStatus.PENDING
        officer.decided_by = None
        officer.decided_at = None
        officer.joined_at = timezone.now()
        officer.save(update_fields=["status", "decided_by", "decided_at", "joined_at"])
    record(
        enterprise=enterprise,
        actor=user,
        action=EnterpriseAction.REGISTERED if registered else EnterpriseAction.REQUESTED,
        subject=user,
    )
    return officer


def _may_decide(by, officer: Officer) -> bool:
    if is_admin(by):
        return True
    # A newly registered enterprise has no approved officer: only an administrator,
    # who has checked the licence, lets its first officer in.
    return by.pk != officer.user_id and is_approved(by, officer.enterprise)


def _decide(*, officer: Officer, by, to: str, action: str, expected: str) -> Officer:
    _locked(officer.enterprise)
    if not _may_decide(by, officer):
        raise NotAllowed()
    now = timezone.now()
    # Guarded update: of two officers deciding the same request, one wins.
    changed = Officer.objects.filter(pk=officer.pk, status=expected).update(
        status=to, decided_by=by, decided_at=now
    )
    if not changed:
        raise AlreadyDecided()
    officer.refresh_from_db()
    record(enterprise=officer.enterprise, actor=by, action=action, subject=officer.user)
    return officer


@transaction.atomic
def approve(*, officer: Officer, by) -> Officer:
    return _decide(
        officer=officer,
        by=by,
        to=OfficerStatus.APPROVED,
        action=EnterpriseAction.APPROVED,
        expected=OfficerStatus.PENDING,
    )


@transaction.atomic
def refuse(*, officer: Officer, by) -> Officer:
    return _decide(
        officer=officer,
        by=by,
        to=OfficerStatus.REFUSED,
        action=EnterpriseAction.REFUSED,
        expected=OfficerStatus.PENDING,
    )


@transaction.atomic
def remove(*, officer: Officer, by) -> Officer:
    """An approved officer (or an administrator) removes an officer; never the last one."""
    _locked(officer.enterprise)
    if not (is_admin(by) or is_approved(by, officer.enterprise)):
        raise NotAllowed()
    others = Officer.objects.filter(
        enterprise_id=officer.enterprise_id, status=OfficerStatus.APPROVED
    ).exclude(pk=officer.pk)
    if not others.exists():
        raise LastOfficer()
    changed = Officer.objects.filter(pk=officer.pk, status=OfficerStatus.APPROVED).update(
        status=OfficerStatus.REMOVED, decided_by=by, decided_at=timezone.now()
    )
    if not changed:
        raise AlreadyDecided(_("该经办人已不在本企业。"))
    officer.refresh_from_db()
    record(
        enterprise=officer.enterprise,
        actor=by,
        action=EnterpriseAction.REMOVED,
        subject=officer.user,
    )
    return officer


def lock_approved(user, enterprise_id: int) -> Officer:
    """The user's approved officer row, locked for the rest of the transaction.

    A batch change holds it, so a removal waits for the change (and the change
    made after a removal is refused).
    """
    officer = (
        Officer.objects.select_for_update()
        .filter(user=user, enterprise_id=enterprise_id, status=OfficerStatus.APPROVED)
        .first()
    )
    if officer is None:
        raise NotAllowed(_("您不是该企业已通过审核的经办人。"))
    return officer
