"""Finding matters and bundles for what residents type, and learning from what finds nothing.

The search page, the API and the admin report call these functions.

How a query is answered: the query is normalised and cut into words
(search/text.py). Names, aliases and codes of the live matters and bundles are
read fresh for every query and matched in Python (search/ranking.py): exact,
pinyin, homophones, one character wrong or missing, partial. Reading them
fresh is what makes an alias findable the moment its page is published, in
every process; the catalogue is about thirty pages by design of the reform.
Besides names and aliases, each page carries the needs it answers in
residents' words (``needs``), which a described situation is matched against
(search/matching.py). The body text goes through Wagtail's search backend,
whose index holds each guide cut into words plus the pinyin of its names
(search/indexing.py); its order breaks ties.

How a query is answered honestly (search/scope.py): a need handled
elsewhere (an ID card, a marriage) gets no matter but where to go; a result
below the stated confidence is not shown, nor one far below the best.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, Revision
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from guides.constants import Department
from guides.models import BundlePage, MatterPage
from search import ranking, scope, text, throttle
from search.models import UnansweredQuery

DEFAULT_LIMIT = 10
MAX_LIMIT = 50
# How many of the best-ranked pages the full-text index orders to break ties.
BODY_CANDIDATES = 10


@dataclass
class Hit:
    """One result: a matter or a bundle, as the page, the API and the report show it."""

    kind: str  # "matter" or "bundle"
    code: str
    name: str
    department: str
    url: str
    matched: str = ""  # the alias (俗称) that matched, when it was not the name
    score: float = 0.0

    @property
    def body_only(self) -> bool:
        """Found by the guide's text alone, not by its name or an alias."""
        return self.score <= ranking.BODY_ONLY_MAX

    @property
    def department_label(self) -> str:
        return str(Department(self.department).label) if self.department else ""


@dataclass
class Answer:
    """What the search says to a query: the results, or where else to go."""

    hits: list[Hit]
    elsewhere: str = ""  # with no hits: where to go instead
    outside: bool = False  # the need is a known one handled elsewhere (an ID card)


def catalogue() -> list[ranking.Entry]:
    """The live matters and bundles with their names and aliases."""
    matters = MatterPage.objects.live().order_by("code")
    bundles = BundlePage.objects.live().order_by("code")
    fields = ("pk", "code", "title", "common_names", "needs")
    return [
        *(
            ranking.Entry(
                ranking.MATTER, pk, code, title, _lines(aliases), department, _lines(needs)
            )
            for pk, code, title, aliases, needs, department in matters.values_list(
                *fields, "department"
            )
        ),
        *(
            ranking.Entry(ranking.BUNDLE, pk, code, title, _lines(aliases), needs=_lines(needs))
            for pk, code, title, aliases, needs in bundles.values_list(*fields)
        ),
    ]


def _lines(text_: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text_.splitlines() if line.strip())


def body_order(query: text.Query, among: list[int]) -> list[int]:
    """The pages ``among`` as the search index ranks their text for any of the query's
    words (or their synonyms), best first: the tie-break between pages that match alike.

    One query over the few candidates rather than the whole catalogue: this is
    the slowest part of a search, and is asked only when it can change what is
    shown (``_body_may_change``).
    """
    terms = list(query.tokens)
    for token in query.tokens:
        terms += text.synonyms(token)
    if not terms:
        return []
    # The words are normalised (letters, digits and CJK only), so nothing in
    # them can be read as query syntax by SQLite FTS5 or PostgreSQL tsquery.
    pages = Page.objects.filter(pk__in=among).only("pk")
    results = get_search_backend().search(
        PlainText(" ".join(dict.fromkeys(terms)), operator="or"), pages, operator="or"
    )
    return [page.pk for page in results[: len(among)]]


def search(
    query: str, *, limit: int = DEFAULT_LIMIT, record: bool = False, client: str = ""
) -> list[Hit]:
    """Matters and bundles for ``query``, best first (see ``answer``)."""
    return answer(query, limit=limit, record=record, client=client).hits


def answer(
    query: str, *, limit: int = DEFAULT_LIMIT, record: bool = False, client: str = ""
) -> Answer:
    """Matters and bundles for ``query``, best first, or where else to go.

    With ``record``, a query that finds nothing, and is not a known need of
    elsewhere, is counted for the editors' report (``record_unanswered``), as
    far as ``client``'s allowance goes.
    """
    limit = max(1, min(limit, MAX_LIMIT))
    parsed = text.parse_query(query)
    if parsed is None:
        return Answer([])
    hits, elsewhere = _search(parsed, catalogue(), limit=limit)
    if record and not hits and elsewhere is None:
        record_unanswered(query, client=client)
    if hits:
        return Answer(hits)
    if elsewhere:
        return Answer([], str(elsewhere.where), outside=True)
    return Answer([], str(scope.NOT_HANDLED))


def _search(
    parsed: text.Query, entries: list[ranking.Entry], *, limit: int
) -> tuple[list[Hit], scope.Elsewhere | None]:
    ranked = ranking.rank(parsed, entries)
    if parsed.length > 1 and _body_may_change(ranked):
        among = [r.entry.page_id for r in ranked[:BODY_CANDIDATES]]
        ranked = ranking.with_body(ranked, body_order(parsed, among))
    elsewhere = scope.elsewhere(parsed.compact)
    if elsewhere and (not ranked or ranked[0].score < scope.STRONG):
        return [], elsewhere
    ranked = ranked[: min(limit, scope.trim([r.score for r in ranked]))]
    if not ranked:
        return [], None
    urls = {
        page.pk: page.url
        for page in Page.objects.filter(pk__in=[r.entry.page_id for r in ranked]).only("url_path")
    }
    return [
        Hit(
            kind=r.entry.kind,
            code=r.entry.code,
            name=r.entry.name,
            department=r.entry.department,
            url=urls[r.entry.page_id],
            matched=r.matched,
            score=r.score,
        )
        for r in ranked
    ], None


def _body_may_change(ranked: list[ranking.Ranked]) -> bool:
    """Whether the full-text index's order (up to ``ranking.BODY_BONUS`` points) could
    change what a resident sees first: which page is first, which pages make the
    first three, or whether the best clears the confidence. Otherwise the index is
    not asked, which saves the slowest part of a query."""
    scores = [r.score for r in ranked[: scope.SHOWN_FIRST + 1]]
    if not scores or scores[0] < scope.MIN_CONFIDENCE - ranking.BODY_BONUS:
        return False
    if scores[0] < scope.MIN_CONFIDENCE:
        return True
    pairs = [(0, 1), (scope.SHOWN_FIRST - 1, scope.SHOWN_FIRST)]
    return any(b < len(scores) and scores[a] - scores[b] < ranking.BODY_BONUS for a, b in pairs)


def best_hits(queries: list[str]) -> dict[str, Hit | None]:
    """The first result each query finds now (for the report of unanswered queries)."""
    entries = catalogue()
    out: dict[str, Hit | None] = {}
    for query in queries:
        parsed = text.parse_query(query)
        hits = _search(parsed, entries, limit=1)[0] if parsed else []
        out[query] = hits[0] if hits else None
    return out


def searchable(query: str) -> bool:
    """Whether anything is left to search for once punctuation and spaces are gone."""
    return text.parse_query(query) is not None


def hint_for(query: str) -> str:
    """A word of advice on the query itself (empty, too short, too long), or ""."""
    parsed = text.parse_query(query)
    if parsed is None:
        return _("请输入想办的事，比如“低保”“社保卡丢了”“小孩上医保”。")
    if parsed.truncated:
        return _("搜索词太长，只按前 %(count)d 个字查找。") % {"count": text.MAX_QUERY_LENGTH}
    if parsed.length == 1:
        return _("只输入了一个字。多写几个字能找得更准，比如“社保卡补办”。")
    return ""


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


def unanswered_queries() -> QuerySet[UnansweredQuery]:
    """The queries that found nothing, most asked first."""
    return UnansweredQuery.objects.order_by("-count", "-last_seen", "text")


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
