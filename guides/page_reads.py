"""The reads behind a guide page, the hottest page of the site, in plain SQL.

Serving /guides/<matter>/ uncached used to cost nine ORM queries, and on this
kind of machine compiling each ORM query costs more than running it. The three
reads here replace seven of them with hand-written SQL that works on SQLite
and PostgreSQL alike. Their results match the ORM's; tests/guides compare them.
Everything else (the admin, previews, the API, the checklist) uses the ORM.
"""

from __future__ import annotations

from django.db import connection
from wagtail.documents import get_document_model
from wagtail.models import Page, PageViewRestriction

from guides.checklist import ChecklistLine
from guides.models import Material, MatterPage, Situation, SituationMaterial

# Page columns a guide page never shows; leaving them out of the hot query
# saves converting a row's worth of timestamps and ids on every request.
UNSHOWN_FIELDS = frozenset(
    {
        "translation_key",
        "latest_revision",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "live_revision",
        "go_live_at",
        "expire_at",
        "locked",
        "locked_at",
        "locked_by",
        "draft_title",
        "owner",
        "latest_revision_created_at",
        "show_in_menus",
        "search_description",
        "standard_digest",
    }
)


def _table(model) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def routable_matter(home, index_slug: str, slug: str) -> MatterPage | None:
    """The live matter at ``<home>/<index_slug>/<slug>/``, in one query.

    The page comes with ``view_chain_flagged``: whether any page from the root
    down to it has a view restriction or is an alias (then Wagtail's own check
    must run, see ``MatterPage.get_view_restrictions``).
    """
    qn = connection.ops.quote_name
    page, matter = _table(Page), _table(MatterPage)
    tables = {Page: page, MatterPage: matter}
    columns = ", ".join(
        f"{tables[field.model]}.{qn(field.column)}"
        for field in MatterPage._meta.concrete_fields
        if field.name not in UNSHOWN_FIELDS
    )
    steplen = Page.steplen
    # The ancestors' paths are prefixes of the matter's: the home page's chain
    # is known here, the guide index's is the matter's path minus one step.
    home_chain = [home.path[:end] for end in range(steplen, len(home.path) + 1, steplen)]
    sql = f"""
        SELECT {columns},
            EXISTS (
                SELECT 1 FROM {page} chain
                LEFT JOIN {_table(PageViewRestriction)} restriction
                    ON restriction.page_id = chain.id
                WHERE (chain.path IN ({", ".join(["%s"] * len(home_chain))})
                       OR chain.path = SUBSTR({page}.path, 1, %s)
                       OR chain.id = {page}.id)
                  AND (chain.alias_of_id IS NOT NULL OR restriction.id IS NOT NULL)
            ) AS view_chain_flagged
        FROM {page} INNER JOIN {matter} ON {matter}.page_ptr_id = {page}.id
        WHERE {page}.url_path = %s AND {page}.depth = %s
          AND {page}.path LIKE %s AND {page}.live = %s
    """
    params = [
        *home_chain,
        len(home.path) + steplen,
        f"{home.url_path}{index_slug}/{slug}/",
        home.depth + 2,
        home.path + "%",
        True,
    ]
    for found in MatterPage.objects.raw(sql, params):
        found.view_chain_flagged = bool(found.view_chain_flagged)
        return found
    return None


def situations_with_lines(matter) -> list[Situation]:
    """The matter's situations in order, each with ``lines``: its material list.

    One query for what a prefetch does in two. It reads the rows in the
    database, which hold the live version of the page, so it is not for the
    preview of a draft (a draft carries its situations in memory).
    """
    situation, item, material = _table(Situation), _table(SituationMaterial), _table(Material)
    document = _table(get_document_model())
    sql = f"""
        SELECT s.id, s.code, s.name, s.description,
               i.material_id, i.form, i.copies, i.medium, i.required, i.condition, i.note,
               m.name, m.source, m.blank_form_id, blank_form.file, m.sample_id, sample.file
        FROM {situation} s
        LEFT JOIN {item} i ON i.situation_id = s.id
        LEFT JOIN {material} m ON m.id = i.material_id
        LEFT JOIN {document} blank_form ON blank_form.id = m.blank_form_id
        LEFT JOIN {document} sample ON sample.id = m.sample_id
        WHERE s.page_id = %s
        ORDER BY s.sort_order, s.id, i.sort_order, i.id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [matter.pk])
        rows = cursor.fetchall()
    situations: dict[int, Situation] = {}
    for (
        pk,
        code,
        name,
        description,
        material_id,
        form,
        copies,
        medium,
        required,
        condition,
        note,
        material_name,
        source,
        blank_form_id,
        blank_form_file,
        sample_id,
        sample_file,
    ) in rows:
        current = situations.get(pk)
        if current is None:
            current = Situation(
                pk=pk, page_id=matter.pk, code=code, name=name, description=description
            )
            current.lines = []
            situations[pk] = current
        if material_id is None:  # a situation without materials (the LEFT JOIN)
            continue
        current.lines.append(
            ChecklistLine(
                material_id=material_id,
                name=material_name,
                form=form,
                copies=copies,
                medium=medium,
                required=bool(required),
                condition=condition,
                source=source,
                note=note,
                matters=[matter.code],
                situations=[code],
                blank_form_url=_document_url(blank_form_id, blank_form_file),
                sample_url=_document_url(sample_id, sample_file),
            )
        )
    return list(situations.values())


def view_chain_is_plain(page) -> bool:
    """Whether no page from the root down to ``page`` has a view restriction or is an alias.

    The ancestors' paths are the prefixes of the page's own, so one query
    answers what Wagtail asks in two (the ancestors, then their restrictions).
    """
    steplen = page.steplen
    chain = [page.path[:end] for end in range(steplen, len(page.path) + 1, steplen)]
    sql = f"""
        SELECT 1 FROM {_table(Page)} chain
        LEFT JOIN {_table(PageViewRestriction)} restriction ON restriction.page_id = chain.id
        WHERE chain.path IN ({", ".join(["%s"] * len(chain))})
          AND (chain.alias_of_id IS NOT NULL OR restriction.id IS NOT NULL)
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, chain)
        return cursor.fetchone() is None


def _document_url(document_id: int | None, file: str | None) -> str:
    if document_id is None:
        return ""
    # The URL exactly as Wagtail makes it for the document (serve view or storage).
    return get_document_model()(pk=document_id, file=file).url
