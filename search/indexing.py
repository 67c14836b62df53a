"""The text of matters and bundles as the search index should see it.

The page models' ``search_names``, ``search_body`` and ``search_pinyin``
methods (named in their ``search_fields``) return these, asked through the
Wagtail hook ``guide_index_text`` (search/wagtail_hooks.py): the guide cut into
words with spaces between them, because the database backends split on
spaces and would otherwise take a whole Chinese sentence for one word; and
the pinyin and initials of the name and each alias, so "dibao" and "sbk" are
words in the index too.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from search import text


def _aliases(page) -> list[str]:
    return [line.strip() for line in (page.common_names or "").splitlines() if line.strip()]


def _stream_texts(stream) -> Iterator[str]:
    for block in stream or ():
        value = block.value
        if isinstance(value, str):
            yield value
        elif hasattr(value, "values"):
            yield from (str(v) for v in value.values() if v)


def names_text(page) -> str:
    """The name and aliases cut into words."""
    return text.index_text(page.title, *_aliases(page))


def body_text(page) -> str:
    """The guide's own text cut into words: summary, residents' phrasings of needs,
    conditions, situations, steps, FAQ."""
    parts: list[str] = [page.summary, getattr(page, "needs", "")]
    if hasattr(page, "situations"):  # a matter
        parts += [page.situation_question, page.result_name, page.result_description]
        for field in ("legal_basis", "acceptance_criteria", "process_steps", "faq"):
            parts += _stream_texts(getattr(page, field))
        for situation in page.situations.all():
            parts += [situation.name, situation.description]
    if hasattr(page, "bundle_matters"):  # a bundle: the matters it brings together
        parts += [row.matter.title for row in page.bundle_matters.select_related("matter")]
    return text.index_text(*parts)


def _pinyin_forms(phrases: Iterable[str]) -> Iterator[str]:
    for phrase in phrases:
        normal = text.compact(text.normalize(phrase))
        if not text.has_han(normal):
            continue
        full, initials = text.pinyin(normal)
        yield full
        yield initials
        # Each word's pinyin too, so "baozhang" finds 最低生活保障.
        yield from (text.pinyin(word)[0] for word in text.words(normal) if text.has_han(word))


def pinyin_text(page) -> str:
    """Full pinyin and initials of the name and of each alias."""
    return " ".join(dict.fromkeys(_pinyin_forms([page.title, *_aliases(page)])))
