"""Centres in the Wagtail admin: a manager edits their own centre only."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.views.generic.usage import UsageView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from appointments.models import County, ServiceCentre


def centres_in_scope(queryset, user):
    """Everything for province administrators; a manager's own centre otherwise."""
    if user.has_perm("appointments.change_servicecentre") or user.has_perm(
        "appointments.view_servicecentre"
    ):
        return queryset
    centre_id = managed_centre_id(user)
    if centre_id is None:
        return queryset.none()
    return queryset.filter(pk=centre_id)


MANAGER_ACTIONS = ("change", "view")


def managed_centre_id(user) -> int | None:
    """The centre a centre manager runs (role "manager" of accounts.Profile), else None."""
    profile = getattr(user, "profile", None)
    if not user.is_active or profile is None or profile.role != "manager":
        return None
    return profile.centre_id


class CentrePermissionPolicy(ModelPermissionPolicy):
    """Django permissions for administrators; a manager views and changes their centre only.

    Managers hold no Django permission on centres: Wagtail's site-wide history
    report lists the log entries of every model a user has a Django permission
    on, and would show them every other centre's changes.
    """

    def user_has_permission(self, user, action):
        if super().user_has_permission(user, action):
            return True
        return action in MANAGER_ACTIONS and managed_centre_id(user) is not None

    def user_has_permission_for_instance(self, user, action, instance):
        if super().user_has_permission(user, action):
            return True
        return action in MANAGER_ACTIONS and instance.pk == managed_centre_id(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if any(super(CentrePermissionPolicy, self).user_has_permission(user, a) for a in actions):
            return self.model._default_manager.all()
        centre_id = managed_centre_id(user)
        if centre_id is None or not set(actions) & set(MANAGER_ACTIONS):
            return self.model._default_manager.none()
        return self.model._default_manager.filter(pk=centre_id)


register_permission_policy(ServiceCentre, CentrePermissionPolicy(ServiceCentre), exact_class=True)


class CentreIndexView(generic.IndexView):
    def get_base_queryset(self):
        # The county column names the city too: fetch both with the page, not per row.
        return centres_in_scope(
            super().get_base_queryset().select_related("county__city"), self.request.user
        )


class CountyChoicesMixin:
    """The county menu names each county's city: one query for all, not one per county."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        if "county" in form.fields:
            form.fields["county"].queryset = County.objects.select_related("city")
        return form


class CentreCreateView(CountyChoicesMixin, generic.CreateView):
    pass


class CentreEditView(CountyChoicesMixin, generic.EditView):
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
    add_view_class = CentreCreateView
    edit_view_class = CentreEditView
    history_view_class = CentreHistoryView
    usage_view_class = CentreUsageView
    list_display = ["name", "county", "counters", "slot_minutes", "walk_in_share"]
    search_fields = ["name", "address"]


@hooks.register("register_admin_viewset")
def register_centres():
    return ServiceCentreViewSet("centres")
