"""What matters and bundles give the search index besides their fields."""

from wagtail import hooks
from wagtail.search import index


class GuideSearchMixin:
    """What matters and bundles give the search index besides their fields."""

    search_fields = [
        # Chinese cut into words and pinyin, which the database backends cannot
        # make; already words between spaces, so OpenSearch splits on spaces too.
        index.SearchField("search_names", boost=2, es_extra={"analyzer": "whitespace"}),
        index.SearchField("search_body", es_extra={"analyzer": "whitespace"}),
        index.SearchField("search_pinyin", boost=2, es_extra={"analyzer": "whitespace"}),
    ]

    def normalise_lines(self) -> None:
        """One line ending for the one-per-line fields.

        A browser's textarea sends \r\n, the standard's loader writes \n; the
        same aliases must not look changed to a reviewer comparing revisions.
        """
        for name in ("common_names", "needs"):
            setattr(self, name, "\n".join(getattr(self, name).splitlines()).strip())

    @property
    def alias_list(self) -> list[str]:
        return [line.strip() for line in self.common_names.splitlines() if line.strip()]

    @property
    def need_list(self) -> list[str]:
        return [line.strip() for line in self.needs.splitlines() if line.strip()]

    def _index_text(self, part: str) -> str:
        # Cutting Chinese into words is search's job (it sits above guides):
        # search answers through the Wagtail hook ``guide_index_text``
        # (``fn(page, part)`` → words between spaces; part is names, body or pinyin).
        return " ".join(fn(self, part) for fn in hooks.get_hooks("guide_index_text"))

    def search_names(self) -> str:
        """Name and aliases cut into words, for the search index."""
        return self._index_text("names")

    def search_body(self) -> str:
        """The guide's text cut into words, for the search index."""
        return self._index_text("body")

    def search_pinyin(self) -> str:
        """Pinyin and initials of the name and aliases, for the search index."""
        return self._index_text("pinyin")
