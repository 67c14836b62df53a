"""Admin registration: the material library as a snippet."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from guides.models import Material


class MaterialViewSet(SnippetViewSet):
    model = Material
    icon = "doc-full"
    menu_label = _("材料库")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "source", "brought_by"]
    search_fields = ["name", "description"]


register_snippet(MaterialViewSet)
