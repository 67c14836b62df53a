"""What editors and the report do with residents' words: the queries that found
nothing, and phrasings added to a guide as a draft for review."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision

from guides.models import BundlePage, MatterPage
from search import text, throttle
from search.models import UnansweredQuery


def record_unanswered(query: str, *, client: str = "") -> None:
    """Count ``query`` among the searches that found nothing: its words, never who asked.

    Queries of fewer than two characters teach nothing and are not kept. A
    repeated query adds to the count of its one row; ``client`` (the asking
    address) is only checked against its allowance (search/throttle.py), never
    stored.
    """
    parsed = text.parse_query(query)
    if parsed is None or parsed.length < 2:
        return
    if not throttle.may_record(client, parsed.text):
        return
    today = timezone.localdate()
    rows = UnansweredQuery.objects.filter(text=parsed.text)
    if rows.update(count=F("count") + 1, last_seen=today):
        return
    try:
        with transaction.atomic():
            UnansweredQuery.objects.create(text=parsed.text, first_seen=today, last_seen=today)
    except IntegrityError:
        # Another request created it a moment ago.
        rows.update(count=F("count") + 1, last_seen=today)


def dismiss_unanswered(*, query_id: int) -> None:
    """Drop a query from the report (it was noise, or it is dealt with)."""
    UnansweredQuery.objects.filter(pk=query_id).delete()


def forget_answered(page: MatterPage | BundlePage) -> int:
    """Drop the unanswered queries that are now a name or alias of ``page``."""
    names = {text.normalize(name) for name in [page.title, *page.alias_list, *page.need_list]}
    deleted, _counts = UnansweredQuery.objects.filter(text__in=names).delete()
    return deleted


def add_alias(*, page: Page, alias: str, user) -> Revision:
    """Add ``alias`` to the aliases (俗称) of ``page``'s latest draft (see ``add_phrasing``)."""
    return add_phrasing(page=page, phrase=alias, field=ALIAS, user=user)


def add_need(*, page: Page, need: str, user) -> Revision:
    """Add ``need`` to the residents' phrasings (群众说法) of ``page``'s latest draft."""
    return add_phrasing(page=page, phrase=need, field=NEED, user=user)


ALIAS = "alias"
NEED = "need"


@transaction.atomic
def add_phrasing(*, page: Page, phrase: str, field: str, user) -> Revision:
    """Add ``phrase`` to the aliases (``field`` "alias") or to the residents' phrasings
    of needs ("need") of ``page``'s latest draft.

    Nothing is published here: the draft goes the page's usual way (submitted
    to the province, or published by whoever may), and is found by the search
    from the moment it is published.
    """
    if field not in (ALIAS, NEED):
        raise ValidationError(_("请选择加入俗称还是群众说法。"))
    alias = phrase
    page = page.specific
    if not isinstance(page, MatterPage | BundlePage):
        raise ValidationError(_("只能给办事指南或一件事添加俗称。"))
    if not page.permissions_for_user(user).can_edit():
        raise PermissionDenied(_("你没有编辑《%(title)s》的权限。") % {"title": page.title})
    alias = " ".join(alias.split())[: text.MAX_QUERY_LENGTH]
    if not text.normalize(alias):
        raise ValidationError(_("俗称不能为空。"))
    if page.workflow_in_progress:
        raise ValidationError(
            _("《%(title)s》正在审核中，请审核结束后再添加俗称。") % {"title": page.title}
        )
    lock = page.get_lock()
    if lock and lock.for_user(user):
        raise ValidationError(lock.get_message(user))
    draft = page.get_latest_revision_as_object()
    if alias in draft.alias_list:
        raise ValidationError(
            _("“%(alias)s”已经是《%(title)s》的俗称。") % {"alias": alias, "title": page.title}
        )
    if alias in draft.need_list:
        raise ValidationError(
            _("“%(phrase)s”已经是《%(title)s》的群众说法。")
            % {"phrase": alias, "title": page.title}
        )
    if field == ALIAS:
        draft.common_names = "\n".join([*draft.alias_list, alias])
    else:
        draft.needs = "\n".join([*draft.need_list, alias])
    return draft.save_revision(user=user, log_action=True)
