"""Centres in the Wagtail admin: a manager edits their own centre only."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet

from appointments.models import ServiceCentre


def centres_in_scope(queryset, user):
    """Everything for province administrators; a manager's own centre otherwise."""
    if user.is_superuser:
        return queryset
    profile = getattr(user, "profile", None)
    if profile is None or profile.centre_id is None:
        return queryset.none()
    return queryset.filter(pk=profile.centre_id)


class CentreIndexView(generic.IndexView):
    def get_base_queryset(self):
        return centres_in_scope(super().get_base_queryset(), self.request.user)


class CentreEditView(generic.EditView):
    def get_object(self, queryset=None):
        centre = super().get_object(queryset)
        if not centres_in_scope(
            ServiceCentre.objects.filter(pk=centre.pk), self.request.user
        ).exists():
            raise PermissionDenied
        return centre


class CentreInScopeMixin:
    """Views of one centre (history, usage) find only centres in the user's scope (else 404)."""

    def get_base_object_queryset(self):
        return centres_in_scope(super().get_base_object_queryset(), self.request.user)


class CentreHistoryView(CentreInScopeMixin, HistoryView):
    pass


class CentreUsageView(CentreInScopeMixin, UsageView):
    pass


class ServiceCentreViewSet(ModelViewSet):
    model = ServiceCentre
    icon = "home"
    menu_label = _("便民服务中心")
    menu_order = 220
    add_to_admin_menu = True
    index_view_class = CentreIndexView
    edit_view_class = CentreEditView
    history_view_class = CentreHistoryView
    usage_view_class = CentreUsageView
    list_display = ["name", "county", "counters", "slot_minutes", "walk_in_share"]
    search_fields = ["name", "address"]


@hooks.register("register_admin_viewset")
def register_centres():
    return ServiceCentreViewSet("centres")
